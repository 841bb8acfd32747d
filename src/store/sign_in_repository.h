#pragma once
// ports::SignInAttempts over store/sql.h (sql/sign_in.sql).

#include "base/clock.h"
#include "ports/sign_in.h"
#include "store/sql.h"

namespace mamori::store {

class SqlSignInAttempts final : public ports::SignInAttempts {
 public:
  // `db` and `clock` outlive this object.
  SqlSignInAttempts(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<ports::FailedSignIns> failures(const std::string& login) override;
  Result<int64_t> record_failure(const std::string& login, const std::string& window_start) override;
  Status clear_failures(const std::string& login) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
