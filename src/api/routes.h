// The route table: method + path pattern ("/api/responses/{id}") → handler, with the
// access-policy action and target each route declares. The table is data, so the
// access-policy matrix test can walk every route with every role.
#pragma once

#include <functional>
#include <memory>
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
  kCampaignParam,  // {id} is a campaign id: the policy's target is its survey family
};

using Handler = std::function<http::Response(const http::Request&, const Context&)>;

// A handler that may answer later, from another thread (a store's writer completes a save):
// it calls `respond` exactly once; `defer` runs work that may block on a handler thread.
// `req` and `ctx` are its own to keep.
using http::Defer;
using http::Responder;
using AsyncHandler =
    std::function<void(std::shared_ptr<const http::Request> req, Context ctx, Responder respond, Defer defer)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string action;  // access-policy action, e.g. "body.read"; "public" needs no session
  Target target = Target::kNone;
  Handler handler;
  AsyncHandler async;  // when set, used by Pipeline::handle_async instead of `handler`
  // The audit trail's action for this route ("" = not recorded by the pipeline): set by
  // RouteTable::add from audit_action_of(). The pipeline records every request to it that a
  // signed-in user makes, allowed or refused, with its outcome.
  std::string audit;
  // When > 0 the body is a file (an uploaded workbook, a CSV) of at most this many bytes,
  // sent as application/octet-stream or its own type; 0: JSON within the server's limit.
  size_t upload_limit = 0;
};

// The audit action of a route (api/audit_actions.cpp, the one list of what the pipeline
// records); "" for routes it does not record (reads of one's own data, answer saves, which
// the answer history keeps, and sign-in, which the session service records itself).
std::string audit_action_of(const std::string& method, const std::string& pattern);
// The actions a route's service records itself (sign-in, accounts: they know the login
// concerned and why it was refused), for the documentation; "" for the others.
std::string audit_recorded_by_service(const std::string& method, const std::string& pattern);

class RouteTable {
 public:
  void add(Route r) {
    r.audit = audit_action_of(r.method, r.pattern);
    patterns_.emplace_back(r.pattern);
    routes_.push_back(std::move(r));
  }
  const std::vector<Route>& routes() const { return routes_; }

  // The route for method + path, with req.params filled; nullptr when none matches, and
  // `allowed` (when given) then lists the methods the path has (empty when the path is
  // unknown).
  const Route* match(http::Request& req, std::vector<std::string>* allowed) const;

 private:
  std::vector<Route> routes_;
  std::vector<http::PathPattern> patterns_;  // patterns_[i] is routes_[i].pattern
};

}  // namespace mamori::api
