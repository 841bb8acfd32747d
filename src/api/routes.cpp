#include "api/routes.h"

namespace mamori::api {

const Route* RouteTable::match(http::Request& req, std::vector<std::string>* allowed) const {
  if (allowed) allowed->clear();
  const auto segments = http::split_path(req.path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (r.method != req.method) {
      if (allowed && patterns_[i].match(segments, nullptr)) allowed->push_back(r.method);
      continue;
    }
    if (!patterns_[i].match(segments, &req.params)) continue;
    return &r;
  }
  return nullptr;
}

}  // namespace mamori::api
