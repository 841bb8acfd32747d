// The request pipeline for /api/: route → query string → media type → session → CSRF →
// access policy (domain/access_policy.*) → handler. Every API request passes through
// handle(), so no handler can forget a step.
#pragma once

#include "api/routes.h"
#include "api/services.h"
#include "http/request.h"

namespace mamori::api {

class Pipeline {
 public:
  // `services` and `routes` must outlive the pipeline. Thread-safe: handle() runs on many
  // worker threads at once.
  Pipeline(Services& services, const RouteTable& routes) : s_(services), routes_(routes) {}

  // Answers one request whose path starts with /api/. May throw (the caller turns an
  // exception into 500).
  http::Response handle(http::Request& req) const;

 private:
  Services& s_;
  const RouteTable& routes_;
};

}  // namespace mamori::api
