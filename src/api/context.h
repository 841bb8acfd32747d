// What the request pipeline (api/pipeline.*) has established before a handler runs.
#pragma once

#include <optional>
#include <string>

#include "domain/model.h"

namespace mamori::api {

struct Context {
  std::optional<User> user;        // the signed-in user; set on every non-public route
  std::string csrf_token;          // the session's CSRF token
  std::string session_token_hash;  // for sign-out
};

}  // namespace mamori::api
