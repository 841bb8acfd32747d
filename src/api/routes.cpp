#include "api/routes.h"

namespace mamori::api {

const Route* RouteTable::match(http::Request& req, std::vector<std::string>* allowed) const {
  allowed->clear();
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!http::match_pattern(r.pattern, req.path, &params)) continue;
    if (r.method != req.method) {
      allowed->push_back(r.method);
      continue;
    }
    req.params = std::move(params);
    return &r;
  }
  return nullptr;
}

}  // namespace mamori::api
