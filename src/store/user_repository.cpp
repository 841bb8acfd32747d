#include "store/user_repository.h"

#include "store/rows.h"

namespace mamori::store {

namespace {

Result<ports::SessionInfo> read_session(const Statement& st) {
  MAMORI_ASSIGN_OR_RETURN(User u, read_user(st));
  const int k = kUserColumns;
  return ports::SessionInfo{std::move(u),     st.text(k),     st.text(k + 1), st.text(k + 2), st.text(k + 3),
                            st.text(k + 4), st.text(k + 5), st.text(k + 6), st.text(k + 7)};
}

// Ends every session of `user_id` but `keep`.
Status end_sessions(Connection& c, int64_t user_id, const std::string& keep) {
  return c.statement("users", "delete_sessions_of").bind(1, user_id).bind(2, keep).run().status();
}

// What an account or credential change ends: every session of `user_id` but `keep`, and the
// user's API tokens (revoked at `now`).
Status end_access(Connection& c, int64_t user_id, const std::string& keep, const std::string& now) {
  MAMORI_RETURN_IF_ERROR(end_sessions(c, user_id, keep));
  return c.statement("api_tokens", "revoke_all").bind(1, user_id).bind(2, now).run().status();
}

Status one_user_changed(Result<int64_t> changed) {
  if (!changed.ok()) return changed.status();
  return *changed == 1 ? Status::Ok() : Status::NotFound("user_not_found");
}

Status insert_session(Connection& c, const ports::NewSession& s, const std::string& now) {
  return c.statement("users", "insert_session")
      .bind(1, s.token_hash)
      .bind(2, s.user_id)
      .bind(3, s.csrf_token)
      .bind(4, s.expires_at)
      .bind(5, s.stage)
      .bind(6, now)
      .bind(7, s.address)
      .bind(8, s.user_agent)
      .run()
      .status();
}

}  // namespace

Result<int64_t> SqlUserRepository::create_user(const User& u, const std::string& password_hash) {
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("users", "insert")
                        .bind(1, u.login)
                        .bind(2, u.display_name)
                        .bind(3, u.body_code)
                        .bind(4, join_roles(u.roles))
                        .bind(5, u.expires_at)
                        .bind(6, password_hash)
                        .bind(7, u.email)
                        .bind(8, u.must_change_password)
                        .bind(9, u.ministry);
    if (st.next()) return st.int64(0);
    const Status& s = st.status();
    if (s.error_code() == "constraint_unique") return Status::AlreadyExists("login_taken");
    if (s.error_code() == "constraint_foreign_key") return Status::InvalidArgument("unknown_body", {{"code", u.body_code}});
    return no_row(st, "not_found");
  });
}

Status SqlUserRepository::set_password(int64_t user_id, const std::string& password_hash, bool must_change,
                                       const std::string& keep_session) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(one_user_changed(
        c.statement("users", "set_password").bind(1, user_id).bind(2, password_hash).bind(3, must_change).run()));
    return end_access(c, user_id, keep_session, clock_.now_iso());
  });
}

Result<ports::Credentials> SqlUserRepository::find_credentials(const std::string& login) {
  return read_value<ports::Credentials>(db_, [&](Connection& c) -> Result<ports::Credentials> {
    Statement& st = c.statement("users", "by_login").bind(1, login);
    if (!st.next()) return no_row(st, "not_found");
    MAMORI_ASSIGN_OR_RETURN(User u, read_user(st));
    return ports::Credentials{std::move(u), st.text(kUserColumns)};
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

Result<std::vector<User>> SqlUserRepository::users_with_email(const std::string& email) {
  return read_value<std::vector<User>>(db_, [&](Connection& c) {
    Statement& st = c.statement("users", "by_email").bind(1, email);
    return collect<User>(st, [](const Statement& s) { return read_user(s); });
  });
}

Status SqlUserRepository::change_account(int64_t user_id, const ports::AccountChange& ch) {
  return db_.write([&](Connection& c) -> Status {
    Statement& st = c.statement("users", "change_account").bind(1, user_id);
    st.bind(2, ch.disabled.has_value()).bind(3, ch.disabled.value_or(false));
    st.bind(4, ch.roles.has_value()).bind(5, ch.roles ? join_roles(*ch.roles) : std::string());
    st.bind(6, ch.expires_at.has_value()).bind(7, ch.expires_at ? *ch.expires_at : std::nullopt);
    st.bind(8, ch.display_name.has_value()).bind(9, ch.display_name.value_or(""));
    st.bind(10, ch.email.has_value()).bind(11, ch.email.value_or(""));
    MAMORI_RETURN_IF_ERROR(one_user_changed(st.run()));
    return end_access(c, user_id, "", clock_.now_iso());
  });
}

Result<ports::StoredSecondFactor> SqlUserRepository::second_factor(int64_t user_id) {
  return read_value<ports::StoredSecondFactor>(db_, [&](Connection& c) -> Result<ports::StoredSecondFactor> {
    Statement& st = c.statement("users", "second_factor").bind(1, user_id);
    if (!st.next()) return no_row(st, "user_not_found");
    return ports::StoredSecondFactor{st.opt_text(0), st.int64(1) != 0, st.int64(2)};
  });
}

Status SqlUserRepository::begin_enrolment(int64_t user_id, const std::string& sealed_secret) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed,
                            c.statement("users", "begin_enrolment").bind(1, user_id).bind(2, sealed_secret).run());
    if (changed == 1) return Status::Ok();
    Statement& st = c.statement("users", "by_id").bind(1, user_id);
    if (!st.next()) return no_row(st, "user_not_found");
    return Status::FailedPrecondition("second_factor_enrolled");
  });
}

Status SqlUserRepository::confirm_enrolment(int64_t user_id, int64_t step,
                                            const std::vector<std::string>& recovery_code_hashes) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed,
                            c.statement("users", "confirm_enrolment").bind(1, user_id).bind(2, step).run());
    if (changed != 1) return Status::FailedPrecondition("second_factor_not_started");
    MAMORI_RETURN_IF_ERROR(c.statement("users", "delete_recovery_codes").bind(1, user_id).run().status());
    for (const auto& h : recovery_code_hashes)
      MAMORI_RETURN_IF_ERROR(c.statement("users", "insert_recovery_code").bind(1, user_id).bind(2, h).run().status());
    return Status::Ok();
  });
}

Status SqlUserRepository::use_code_step(int64_t user_id, int64_t step) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed, c.statement("users", "use_code_step").bind(1, user_id).bind(2, step).run());
    return changed == 1 ? Status::Ok() : Status::AlreadyExists("code_used");
  });
}

Status SqlUserRepository::use_recovery_code(int64_t user_id, const std::string& code_hash) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed, c.statement("users", "use_recovery_code")
                                                 .bind(1, user_id)
                                                 .bind(2, code_hash)
                                                 .bind(3, now)
                                                 .run());
    return changed == 1 ? Status::Ok() : Status::NotFound("code_wrong");
  });
}

Result<int> SqlUserRepository::unused_recovery_codes(int64_t user_id) {
  return read_value<int>(db_, [&](Connection& c) -> Result<int> {
    Statement& st = c.statement("users", "unused_recovery_codes").bind(1, user_id);
    if (!st.next()) return no_row(st, "not_found");
    return static_cast<int>(st.int64(0));
  });
}

Status SqlUserRepository::reset_second_factor(int64_t user_id) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(one_user_changed(c.statement("users", "reset_second_factor").bind(1, user_id).run()));
    MAMORI_RETURN_IF_ERROR(c.statement("users", "delete_recovery_codes").bind(1, user_id).run().status());
    return end_access(c, user_id, "", clock_.now_iso());
  });
}

Status SqlUserRepository::create_session(const ports::NewSession& s) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(c.statement("users", "delete_expired_sessions").bind(1, now).run().status());
    return insert_session(c, s, now);
  });
}

Status SqlUserRepository::replace_session(const std::string& old_token_hash, const ports::NewSession& s) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t gone, c.statement("users", "delete_session").bind(1, old_token_hash).run());
    if (gone != 1) return Status::NotFound("not_found");
    return insert_session(c, s, now);
  });
}

Result<ports::SessionInfo> SqlUserRepository::find_session(const std::string& token_hash, const std::string& idle_since) {
  const std::string now = clock_.now_iso();
  return read_value<ports::SessionInfo>(db_, [&](Connection& c) -> Result<ports::SessionInfo> {
    Statement& st = c.statement("users", "find_session").bind(1, token_hash).bind(2, now).bind(3, idle_since);
    if (!st.next()) return no_row(st, "not_found");
    return read_session(st);
  });
}

Status SqlUserRepository::touch_session(const std::string& token_hash) {
  const std::string now = clock_.now_iso();
  return db_.write(
      [&](Connection& c) { return c.statement("users", "touch_session").bind(1, token_hash).bind(2, now).run().status(); });
}

Status SqlUserRepository::delete_session(const std::string& token_hash) {
  return db_.write([&](Connection& c) { return c.statement("users", "delete_session").bind(1, token_hash).run().status(); });
}

Result<std::vector<ports::SessionInfo>> SqlUserRepository::list_sessions(int64_t user_id, const std::string& idle_since) {
  const std::string now = clock_.now_iso();
  return read_value<std::vector<ports::SessionInfo>>(db_, [&](Connection& c) {
    Statement& st = c.statement("users", "list_sessions").bind(1, user_id).bind(2, now).bind(3, idle_since);
    return collect<ports::SessionInfo>(st, [](const Statement& s) { return read_session(s); });
  });
}

Result<int64_t> SqlUserRepository::delete_other_sessions(int64_t user_id, const std::string& keep) {
  return write_value<int64_t>(db_, [&](Connection& c) {
    return c.statement("users", "delete_sessions_of").bind(1, user_id).bind(2, keep).run();
  });
}

Status SqlUserRepository::create_token(const std::string& token_hash, int64_t user_id, const std::string& purpose,
                                       const std::string& expires_at) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(
        c.statement("users", "end_tokens").bind(1, user_id).bind(2, purpose).bind(3, now).run().status());
    Statement& st = c.statement("users", "insert_token")
                        .bind(1, token_hash)
                        .bind(2, user_id)
                        .bind(3, purpose)
                        .bind(4, now)
                        .bind(5, expires_at);
    Result<int64_t> r = st.run();
    if (!r.ok() && r.status().error_code() == "constraint_foreign_key") return Status::NotFound("user_not_found");
    return r.status();
  });
}

Result<int64_t> SqlUserRepository::token_user(const std::string& token_hash, const std::string& purpose) {
  const std::string now = clock_.now_iso();
  return read_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("users", "token_user").bind(1, token_hash).bind(2, purpose).bind(3, now);
    if (!st.next()) return no_row(st, "token_invalid");
    return st.int64(0);
  });
}

Result<int64_t> SqlUserRepository::redeem_token(const std::string& token_hash, const std::string& purpose,
                                                const std::string& password_hash) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("users", "use_token").bind(1, token_hash).bind(2, purpose).bind(3, now);
    if (!st.next()) return no_row(st, "token_invalid");
    const int64_t user_id = st.int64(0);
    MAMORI_RETURN_IF_ERROR(one_user_changed(
        c.statement("users", "set_password").bind(1, user_id).bind(2, password_hash).bind(3, false).run()));
    MAMORI_RETURN_IF_ERROR(end_access(c, user_id, "", now));
    return user_id;
  });
}

}  // namespace mamori::store
