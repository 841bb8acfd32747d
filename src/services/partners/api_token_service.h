#pragma once
// A partner analyst's read-only API tokens (ports/api_tokens.h): a new token is
// "mamori_" and 64 random hex digits, returned once and stored only as its SHA-256.
//
// Thread-safe; `tokens` outlives the service.

#include <string>
#include <vector>

#include "ports/api_tokens.h"

namespace mamori::partners {

struct NewApiToken {
  int64_t id = 0;
  std::string token;  // shown to the analyst once, never stored
};

class ApiTokenService {
 public:
  explicit ApiTokenService(ports::ApiTokenRepository& tokens) : tokens_(tokens) {}
  // InvalidArgument (field "label") when the label is empty.
  Result<NewApiToken> create(const User& user, const std::string& label);
  Result<std::vector<ports::ApiToken>> list(const User& user) { return tokens_.list_tokens(user.id); }
  Status revoke(const User& user, int64_t token_id) { return tokens_.revoke_token(user.id, token_id); }

 private:
  ports::ApiTokenRepository& tokens_;
};

}  // namespace mamori::partners
