// What the request pipeline (api/pipeline.*) has established before a handler runs: the
// session, and the body or response the route names, read once for the access policy and
// handed to the handler so nothing reads it again.
#pragma once

#include <optional>
#include <string>

#include "domain/body.h"
#include "domain/model.h"
#include "ports/responses.h"

namespace mamori::api {

struct Context {
  std::optional<User> user;        // the signed-in user; set on every non-public route
  std::string csrf_token;          // the session's CSRF token
  std::string session_token_hash;  // for sign-out
  bool awaiting_code = false;      // the session awaits its second factor's code
  std::string session_user_agent;  // as the session recorded it at sign-in
  std::optional<Body> body;        // Target::kBodyParam: the body {code}
  std::optional<ports::ResponseContext> response;  // Target::kResponseParam: the response {id}
  std::optional<Campaign> campaign;                // Target::kCampaignParam: the campaign {id}
  std::string family;                              // … and its catalogue's survey family
  // Authenticated by an API token (Authorization: Bearer), not a session: no CSRF token,
  // and only the routes auth::token_may allows.
  bool via_token = false;
};

}  // namespace mamori::api
