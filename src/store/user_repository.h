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
  Status set_password(int64_t user_id, const std::string& password_hash, bool must_change,
                      const std::string& keep_session) override;
  Result<ports::Credentials> find_credentials(const std::string& login) override;
  Result<User> get_user(int64_t id) override;
  Result<std::vector<User>> list_users(const std::string& body_code) override;
  Result<std::vector<User>> users_with_email(const std::string& email) override;
  Status change_account(int64_t user_id, const ports::AccountChange& change) override;

  Result<ports::StoredSecondFactor> second_factor(int64_t user_id) override;
  Status begin_enrolment(int64_t user_id, const std::string& sealed_secret) override;
  Status confirm_enrolment(int64_t user_id, int64_t step, const std::vector<std::string>& recovery_code_hashes) override;
  Status use_code_step(int64_t user_id, int64_t step) override;
  Status use_recovery_code(int64_t user_id, const std::string& code_hash) override;
  Result<int> unused_recovery_codes(int64_t user_id) override;
  Status reset_second_factor(int64_t user_id) override;

  Status create_session(const ports::NewSession& s) override;
  Status replace_session(const std::string& old_token_hash, const ports::NewSession& s) override;
  Result<ports::SessionInfo> find_session(const std::string& token_hash, const std::string& idle_since) override;
  Status touch_session(const std::string& token_hash) override;
  Status delete_session(const std::string& token_hash) override;
  Result<std::vector<ports::SessionInfo>> list_sessions(int64_t user_id, const std::string& idle_since) override;
  Result<int64_t> delete_other_sessions(int64_t user_id, const std::string& keep) override;

  Status create_token(const std::string& token_hash, int64_t user_id, const std::string& purpose,
                      const std::string& expires_at) override;
  Result<int64_t> token_user(const std::string& token_hash, const std::string& purpose) override;
  Result<int64_t> redeem_token(const std::string& token_hash, const std::string& purpose,
                               const std::string& password_hash) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
