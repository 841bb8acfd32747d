// The route table: method + path pattern ("/api/responses/{id}") → handler, with the
// access-policy action and target each route declares. The table is data, so the
// access-policy matrix test can walk every route with every role.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/context.h"
#include "http/request.h"

namespace mamori::api {

// How a route finds the body it concerns, for the access policy.
enum class Target {
  kNone,           // no body (public or global resources)
  kBodyParam,      // {code} is a body code
  kResponseParam,  // {id} is a response id
};

using Handler = std::function<http::Response(const http::Request&, const Context&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string action;  // access-policy action, e.g. "body.read"; "public" needs no session
  Target target = Target::kNone;
  Handler handler;
};

class RouteTable {
 public:
  void add(Route r) { routes_.push_back(std::move(r)); }
  const std::vector<Route>& routes() const { return routes_; }

  // The route for method + path, with req.params filled; nullptr when none matches, and
  // `allowed` then lists the methods the path has (empty when the path is unknown).
  const Route* match(http::Request& req, std::vector<std::string>* allowed) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace mamori::api
