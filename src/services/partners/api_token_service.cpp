#include "services/partners/api_token_service.h"

#include "crypto/password.h"

namespace mamori::partners {

Result<NewApiToken> ApiTokenService::create(const User& user, const std::string& label) {
  if (label.empty()) return Status::InvalidField("label", "field.required");
  NewApiToken t;
  t.token = "mamori_" + auth::random_token(32);
  MAMORI_ASSIGN_OR_RETURN(t.id, tokens_.create_token(user.id, auth::sha256_hex(t.token), label));
  return t;
}

}  // namespace mamori::partners
