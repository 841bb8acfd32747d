#pragma once
// Read-only API tokens of partner-ministry analysts (issue 14, docs/API.md "API tokens"):
// created by the analyst, shown once, stored only as their SHA-256, listed and revoked.
// A token reads the analyst's own survey family's data (auth::token_may) and nothing else.

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/model.h"

namespace mamori::ports {

struct ApiToken {
  int64_t id = 0;
  std::string label;  // what the analyst called it ("集計スクリプト")
  std::string created_at;
  std::optional<std::string> last_used_at;  // to the minute
  std::optional<std::string> revoked_at;
};

// Thread-safe.
class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  // Stores a new token of `user_id` by its hash; returns its id.
  virtual Result<int64_t> create_token(int64_t user_id, const std::string& token_hash, const std::string& label) = 0;
  // The user's tokens, newest first, revoked ones included.
  virtual Result<std::vector<ApiToken>> list_tokens(int64_t user_id) = 0;
  // Revokes one of the user's tokens. NotFound "api_token_not_found" when the user has no such
  // token, or it is revoked already (nothing changes).
  virtual Status revoke_token(int64_t user_id, int64_t token_id) = 0;
  // The user a token that is not revoked belongs to, its use recorded (last_used_at, to the
  // minute: at most one write a minute per token). NotFound
  // "not_found" for an unknown or revoked token, or a user that is disabled or expired.
  virtual Result<User> user_of_token(const std::string& token_hash) = 0;
};

}  // namespace mamori::ports
