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

 private:
  // Every step before the handler: the route and its context, or the answer refusing it.
  std::variant<http::Response, std::pair<const Route*, Context>> prepare(http::Request& req) const;

  Services& s_;
  const RouteTable& routes_;
};

}  // namespace mamori::api
