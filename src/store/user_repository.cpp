#include "store/user_repository.h"

#include "store/rows.h"

namespace mamori::store {

Result<int64_t> SqlUserRepository::create_user(const User& u, const std::string& password_hash) {
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("users", "insert")
                        .bind(1, u.login)
                        .bind(2, u.display_name)
                        .bind(3, u.body_code)
                        .bind(4, join_roles(u.roles))
                        .bind(5, u.expires_at)
                        .bind(6, password_hash)
                        .bind(7, u.email);
    if (st.next()) return st.int64(0);
    const Status& s = st.status();
    if (s.error_code() == "constraint_unique") return Status::AlreadyExists("login_taken");
    if (s.error_code() == "constraint_foreign_key") return Status::InvalidArgument("unknown_body", {{"code", u.body_code}});
    return no_row(st, "not_found");
  });
}

Status SqlUserRepository::set_password(int64_t user_id, const std::string& password_hash) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed,
                            c.statement("users", "set_password").bind(1, user_id).bind(2, password_hash).run());
    return changed == 1 ? Status::Ok() : Status::NotFound("user_not_found");
  });
}

Result<ports::Credentials> SqlUserRepository::find_credentials(const std::string& login) {
  return read_value<ports::Credentials>(db_, [&](Connection& c) -> Result<ports::Credentials> {
    Statement& st = c.statement("users", "by_login").bind(1, login);
    if (!st.next()) return no_row(st, "not_found");
    MAMORI_ASSIGN_OR_RETURN(User u, read_user(st));
    return ports::Credentials{std::move(u), st.text(7)};
  });
}

Result<User> SqlUserRepository::get_user(int64_t id) {
  return read_value<User>(db_, [&](Connection& c) -> Result<User> {
    Statement& st = c.statement("users", "by_id").bind(1, id);
    if (!st.next()) return no_row(st, "user_not_found");
    return read_user(st);
  });
}

Result<std::vector<User>> SqlUserRepository::list_users(const std::string& body_code) {
  return read_value<std::vector<User>>(db_, [&](Connection& c) {
    Statement& st = c.statement("users", "by_body").bind(1, body_code);
    return collect<User>(st, [](const Statement& s) { return read_user(s); });
  });
}

Status SqlUserRepository::create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                                         const std::string& expires_at) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(c.statement("users", "delete_expired_sessions").bind(1, now).run().status());
    return c.statement("users", "insert_session")
        .bind(1, token_hash)
        .bind(2, user_id)
        .bind(3, csrf)
        .bind(4, expires_at)
        .run()
        .status();
  });
}

Result<ports::SessionInfo> SqlUserRepository::find_session(const std::string& token_hash) {
  const std::string now = clock_.now_iso();
  return read_value<ports::SessionInfo>(db_, [&](Connection& c) -> Result<ports::SessionInfo> {
    Statement& st = c.statement("users", "find_session").bind(1, token_hash).bind(2, now);
    if (!st.next()) return no_row(st, "not_found");
    MAMORI_ASSIGN_OR_RETURN(User u, read_user(st));
    return ports::SessionInfo{std::move(u), st.text(7), st.text(8)};
  });
}

Status SqlUserRepository::delete_session(const std::string& token_hash) {
  return db_.write([&](Connection& c) { return c.statement("users", "delete_session").bind(1, token_hash).run().status(); });
}

}  // namespace mamori::store
