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
  Result<std::vector<ports::FailedSignIns>> failures(const std::vector<std::string>& keys) override;
  Result<std::vector<int64_t>> record_attempts(const std::vector<std::string>& keys,
                                               const std::string& window_start) override;
  Status settle(const std::vector<std::string>& uncount, const std::vector<std::string>& forget) override;
  Result<std::vector<ports::CountedSignIns>> counted(int64_t min_failures, int limit) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
