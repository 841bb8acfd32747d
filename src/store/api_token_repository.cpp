#include "store/api_token_repository.h"

#include <chrono>

#include "store/rows.h"

namespace mamori::store {

Result<int64_t> SqlApiTokenRepository::create_token(int64_t user_id, const std::string& token_hash,
                                                    const std::string& label) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("api_tokens", "insert").bind(1, user_id).bind(2, token_hash).bind(3, label).bind(4, now);
    if (st.next()) return st.int64(0);
    return no_row(st, "user_not_found");
  });
}

Result<std::vector<ports::ApiToken>> SqlApiTokenRepository::list_tokens(int64_t user_id) {
  return read_value<std::vector<ports::ApiToken>>(db_, [&](Connection& c) {
    Statement& st = c.statement("api_tokens", "of_user").bind(1, user_id);
    return collect<ports::ApiToken>(st, [](const Statement& s) -> Result<ports::ApiToken> {
      return ports::ApiToken{s.int64(0), s.text(1), s.text(2), s.opt_text(3), s.opt_text(4)};
    });
  });
}

Status SqlApiTokenRepository::revoke_token(int64_t user_id, int64_t token_id) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    auto changed = c.statement("api_tokens", "revoke").bind(1, user_id).bind(2, token_id).bind(3, now).run();
    if (!changed.ok()) return changed.status();
    return *changed == 1 ? Status::Ok() : Status::NotFound("api_token_not_found", {{"id", std::to_string(token_id)}});
  });
}

Result<User> SqlApiTokenRepository::user_of_token(const std::string& token_hash) {
  const std::string now = clock_.now_iso();
  std::optional<std::string> last_used;
  MAMORI_ASSIGN_OR_RETURN(User u, read_value<User>(db_, [&](Connection& c) -> Result<User> {
                            Statement& st = c.statement("api_tokens", "user_of").bind(1, token_hash).bind(2, now);
                            if (!st.next()) return no_row(st, "not_found");
                            last_used = st.opt_text(kUserColumns);
                            return read_user(st);
                          }));
  // The last use to the minute: a script that polls does not write on every request.
  if (last_used && *last_used > to_iso(clock_.now() - std::chrono::minutes(1))) return u;
  MAMORI_RETURN_IF_ERROR(db_.write([&](Connection& c) {
    return c.statement("api_tokens", "touch").bind(1, token_hash).bind(2, now).run().status();
  }));
  return u;
}

}  // namespace mamori::store
