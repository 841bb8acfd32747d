// The request pipeline for /api/: route → query string → media type → session → CSRF →
// access policy (domain/access_policy.*) → handler. Every API request passes through
// handle(), so no handler can forget a step.
#pragma once

#include "api/routes.h"
#include "api/services.h"
#include "http/request.h"

#include <utility>
#include <variant>

namespace mamori::api {

class Pipeline {
 public:
  // `services` and `routes` must outlive the pipeline. Thread-safe: handle() runs on many
  // worker threads at once.
  Pipeline(Services& services, const RouteTable& routes) : s_(services), routes_(routes) {}

  // Answers one request whose path starts with /api/, before returning. May throw (the
  // caller turns an exception into 500).
  http::Response handle(http::Request& req) const;
  // The same, through `respond` (exactly once, from any thread): a route with an async
  // handler answers when its write commits, freeing this thread at once.
  void handle_async(http::Request& req, Responder respond, Defer defer) const;
  // For an I/O thread, which must not wait: runs handle_async here, in a NoWaitScope, when
  // the request's route has an async handler and nothing it reads would wait. Returns
  // false, having answered nothing and changed nothing, when the request must go to a
  // handler thread (handle_async there) instead.
  bool handle_inline(http::Request& req, Responder respond, Defer defer) const;

 private:
  // prepare() could not read what it needs without waiting (inside a NoWaitScope).
  struct Blocked {};
  // Every step before the handler: the route and its context, or the answer refusing it.
  std::variant<http::Response, std::pair<const Route*, Context>, Blocked> prepare(http::Request& req) const;
  // prepare() up to the access policy's refusal: the refusal, recorded (audit()).
  http::Response refuse(const Route& route, const Context& ctx, const http::Request& req, http::Response res) const;
  void run(std::pair<const Route*, Context>& prepared, http::Request& req, Responder respond, Defer defer) const;
  // Records the outcome of a request to an audited route (Route::audit) in the audit trail;
  // a refused state-changing request of a signed-in user to any route too. Blocks (a write).
  void audit(const Route& route, const Context& ctx, const http::Request& req, const http::Response& res) const;

  Services& s_;
  const RouteTable& routes_;
};

}  // namespace mamori::api
