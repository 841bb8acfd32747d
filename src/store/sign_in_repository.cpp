#include "store/sign_in_repository.h"

#include "store/rows.h"

namespace mamori::store {

Result<ports::FailedSignIns> SqlSignInAttempts::failures(const std::string& login) {
  return read_value<ports::FailedSignIns>(db_, [&](Connection& c) -> Result<ports::FailedSignIns> {
    Statement& st = c.statement("sign_in", "get").bind(1, login);
    if (!st.next()) {
      MAMORI_RETURN_IF_ERROR(st.status());
      return ports::FailedSignIns{};
    }
    return ports::FailedSignIns{st.int64(0), st.text(1)};
  });
}

Result<int64_t> SqlSignInAttempts::record_failure(const std::string& login, const std::string& window_start) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(c.statement("sign_in", "prune").bind(1, window_start).run().status());
    Statement& st = c.statement("sign_in", "record").bind(1, login).bind(2, window_start).bind(3, now);
    if (!st.next()) return no_row(st, "not_found");
    return st.int64(0);
  });
}

Status SqlSignInAttempts::clear_failures(const std::string& login) {
  return db_.write([&](Connection& c) { return c.statement("sign_in", "clear").bind(1, login).run().status(); });
}

}  // namespace mamori::store
