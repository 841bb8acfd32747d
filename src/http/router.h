// Route table: method + path pattern ("/api/responses/{id}") → handler, with
// the access rule each route declares. The table is data so the access-policy
// matrix test can enumerate it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"

namespace mamori::http {

// How a route finds the body it concerns, for the access policy.
enum class Target {
  kNone,           // no body (public or global resources)
  kBodyParam,      // {code} is a body code
  kResponseParam,  // {id} is a response id
};

struct Route {
  std::string method;
  std::string pattern;
  std::string action;  // access-policy action name, e.g. "response.read"; "public" needs no session
  Target target = Target::kNone;
  std::function<Response(const Request&)> handler;
};

class Router {
 public:
  void add(Route r) { routes_.push_back(std::move(r)); }
  const std::vector<Route>& routes() const { return routes_; }

  // Finds the route for method+path and fills req.params. Returns nullptr
  // when none matches; `allowed` then lists the methods the path has (empty
  // when the path is unknown).
  const Route* match(Request& req, std::vector<std::string>* allowed) const;

  // True when `pattern` matches `path`; fills params.
  static bool match_pattern(const std::string& pattern, const std::string& path,
                            std::map<std::string, std::string>* params);

 private:
  std::vector<Route> routes_;
};

}  // namespace mamori::http
