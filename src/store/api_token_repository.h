#pragma once
// ports::ApiTokenRepository over store/sql.h (sql/api_tokens.sql).

#include "base/clock.h"
#include "ports/api_tokens.h"
#include "store/sql.h"

namespace mamori::store {

class SqlApiTokenRepository final : public ports::ApiTokenRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlApiTokenRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<int64_t> create_token(int64_t user_id, const std::string& token_hash, const std::string& label) override;
  Result<std::vector<ports::ApiToken>> list_tokens(int64_t user_id) override;
  Status revoke_token(int64_t user_id, int64_t token_id) override;
  Result<User> user_of_token(const std::string& token_hash) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
