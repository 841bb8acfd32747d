#pragma once
// ports::UserRepository over store/sql.h (sql/users.sql).

#include "base/clock.h"
#include "ports/users.h"
#include "store/sql.h"

namespace mamori::store {

class SqlUserRepository final : public ports::UserRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlUserRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<int64_t> create_user(const User& u, const std::string& password_hash) override;
  Status set_password(int64_t user_id, const std::string& password_hash) override;
  Result<ports::Credentials> find_credentials(const std::string& login) override;
  Result<User> get_user(int64_t id) override;
  Result<std::vector<User>> list_users(const std::string& body_code) override;
  Status create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                        const std::string& expires_at) override;
  Result<ports::SessionInfo> find_session(const std::string& token_hash) override;
  Status delete_session(const std::string& token_hash) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
