#include "services/accounts/account_service.h"

#include "crypto/password_policy.h"
#include "services/accounts/account_mails.h"
#include "base/log.h"
#include "domain/access_policy.h"

namespace mamori {

namespace {

std::string purpose_path(const std::string& purpose) {
  return purpose == ports::kTokenInvitation ? "/account/invitation" : "/account/reset";
}

}  // namespace

AccountService::AccountService(ports::UserRepository& users, ports::BodyRepository& bodies, SecondFactors& factors,
                               AuditTrail& audit, ports::Mailer& mailer, const Clock& clock, AccountOptions options)
    : users_(users),
      bodies_(bodies),
      factors_(factors),
      audit_(audit),
      mailer_(mailer),
      clock_(clock),
      options_(std::move(options)) {}

Status AccountService::record(const Actor& actor, const std::string& action, const std::string& body,
                              const std::string& target, const Status& outcome) {
  AuditEvent e{action, body, target, kAuditOk, ""};
  if (!outcome.ok()) {
    e.outcome = outcome.code() == StatusCode::kUnauthenticated || outcome.code() == StatusCode::kPermissionDenied ||
                        outcome.code() == StatusCode::kAlreadyExists
                    ? kAuditDenied
                    : kAuditFailed;
    e.detail = outcome.error_code();
  }
  (void)audit_.record(actor, e);
  return outcome;
}

Status AccountService::check_password_for(const User& user, const std::string& password) {
  auth::PasswordOwner owner{user.login, user.display_name, ""};
  if (!user.body_code.empty()) {
    auto body = bodies_.get_body(user.body_code);
    if (body.ok()) owner.body_name = body->name_ja;
  }
  return auth::check_new_password(password, owner);
}

Status AccountService::change_password(const Actor& actor, const std::string& keep_session,
                                       const std::string& old_password, const std::string& new_password,
                                       const std::string& code) {
  const User& me = *actor.user;
  auto run = [&]() -> Status {
    MAMORI_ASSIGN_OR_RETURN(ports::Credentials cred, users_.find_credentials(me.login));
    if (!auth::verify_password(cred.password_hash, old_password)) return Status::Unauthenticated("password_wrong");
    if (new_password == old_password) return Status::InvalidArgument("password_unchanged");
    MAMORI_RETURN_IF_ERROR(check_password_for(me, new_password));
    if (cred.user.second_factor) MAMORI_RETURN_IF_ERROR(factors_.verify(me, code));
    MAMORI_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(new_password, options_.hash_cost));
    return users_.set_password(me.id, hash, false, keep_session);
  };
  Status st = run();
  if (st.ok()) notify(me, CredentialChange::kPassword);
  return record(actor, "account.password_change", me.body_code, me.login, st);
}

Result<Enrolment> AccountService::begin_enrolment(const Actor& actor) {
  auto e = factors_.begin(*actor.user);
  (void)record(actor, "account.second_factor_begin", actor.user->body_code, actor.user->login, e.status());
  return e;
}

Result<std::vector<std::string>> AccountService::confirm_enrolment(const Actor& actor, const std::string& code) {
  auto codes = factors_.confirm(*actor.user, code);
  if (codes.ok()) notify(*actor.user, CredentialChange::kSecondFactorAdded);
  (void)record(actor, "account.second_factor_enrol", actor.user->body_code, actor.user->login, codes.status());
  return codes;
}

Result<TokenDelivery> AccountService::issue_token(const User& user, const std::string& purpose) {
  const std::string token = auth::random_token();
  const auto valid = purpose == ports::kTokenInvitation ? options_.invitation_valid : options_.reset_valid;
  MAMORI_RETURN_IF_ERROR(users_.create_token(auth::sha256_hex(token), user.id, purpose, clock_.iso_after(valid)));
  TokenDelivery d{user.id, false, options_.public_url + purpose_path(purpose) + "#" + token};
  if (mailer_.enabled() && !user.email.empty()) {
    auto sent = mailer_.send(token_mail(user, purpose, d.link, valid));
    if (sent.ok() && sent->empty()) {
      d.mailed = true;
      d.link.clear();
    }
  }
  return d;
}

Status AccountService::request_reset(const Actor& actor, const std::string& email) {
  if (!mail_queue_.post([this, actor, email] { reset_for_address(actor, email); }))
    (void)record(actor, "account.reset_request", "", email, Status::Unavailable("mail_queue_full"));
  return Status::Ok();
}

void AccountService::reset_for_address(const Actor& actor, const std::string& email) {
  auto users = users_.users_with_email(email);
  if (!users.ok()) {
    (void)record(actor, "account.reset_request", "", email, users.status());
    return;
  }
  if (users->empty() || !mailer_.enabled()) {
    (void)record(actor, "account.reset_request", "", email,
                 Status::NotFound(users->empty() ? "unknown_email" : "smtp_off"));
    return;
  }
  for (const User& u : *users) {
    if (u.disabled) {
      (void)record(actor, "account.reset_request", u.body_code, u.login, Status::FailedPrecondition("account_disabled"));
      continue;
    }
    auto d = issue_token(u, ports::kTokenReset);
    (void)record(actor, "account.reset_request", u.body_code, u.login,
                 d.ok() && !d->mailed ? Status::Unavailable("smtp_failed") : d.status());
  }
}

void AccountService::notify(const User& user, CredentialChange change) {
  if (!mailer_.enabled() || user.email.empty()) return;
  ports::Mail mail = credential_notice(user, change, clock_.now());
  const bool queued = mail_queue_.post([this, mail, login = user.login] {
    auto sent = mailer_.send(mail);
    if (!sent.ok() || !sent->empty())
      log_json("warning", "credential_notice_not_sent",
               {{"login", login}, {"detail", sent.ok() ? "recipient refused" : sent.status().message_en()}});
  });
  if (!queued) log_json("warning", "credential_notice_not_sent", {{"login", user.login}, {"detail", "mail queue full"}});
}

Result<User> AccountService::token_owner(const std::string& token, const std::string& purpose) {
  if (token.empty() || token.size() > 200) return Status::NotFound("token_invalid");
  MAMORI_ASSIGN_OR_RETURN(int64_t id, users_.token_user(auth::sha256_hex(token), purpose));
  return users_.get_user(id);
}

Status AccountService::redeem(const Actor& actor, const std::string& token, const std::string& purpose,
                              const std::string& password) {
  auto owner = token_owner(token, purpose);
  const std::string action = purpose == ports::kTokenInvitation ? "account.invitation_accept" : "account.reset";
  if (!owner.ok()) return record(actor, action, "", "", owner.status());
  auto run = [&]() -> Status {
    MAMORI_RETURN_IF_ERROR(check_password_for(*owner, password));
    MAMORI_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(password, options_.hash_cost));
    return users_.redeem_token(auth::sha256_hex(token), purpose, hash).status();
  };
  Status st = run();
  if (st.ok() && purpose == ports::kTokenReset) notify(*owner, CredentialChange::kPassword);
  return record(actor, action, owner->body_code, owner->login, st);
}

Result<TokenDelivery> AccountService::invite(const Actor& actor, const NewAccount& a) {
  User u;
  u.login = a.login;
  u.display_name = a.display_name;
  u.body_code = a.body_code;
  u.roles = a.roles;
  u.email = a.email;
  u.expires_at = a.expires_at;
  u.ministry = a.ministry;
  auto run = [&]() -> Result<TokenDelivery> {
    MAMORI_RETURN_IF_ERROR(auth::check_roles_for_body(a.roles, a.body_code, a.ministry));
    // No password anyone knows until the invitation is accepted.
    MAMORI_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(auth::random_token(), options_.hash_cost));
    MAMORI_ASSIGN_OR_RETURN(u.id, users_.create_user(u, hash));
    return issue_token(u, ports::kTokenInvitation);
  };
  auto d = run();
  (void)record(actor, "account.invite", a.body_code, a.login, d.status());
  return d;
}

Result<TokenDelivery> AccountService::send_reset(const Actor& actor, int64_t user_id) {
  auto user = users_.get_user(user_id);
  if (!user.ok()) return record(actor, "account.reset_issue", "", std::to_string(user_id), user.status());
  auto d = issue_token(*user, ports::kTokenReset);
  (void)record(actor, "account.reset_issue", user->body_code, user->login, d.status());
  return d;
}

Status AccountService::change_account(const Actor& actor, int64_t user_id, const ports::AccountChange& change) {
  auto user = users_.get_user(user_id);
  if (!user.ok()) return record(actor, "account.change", "", std::to_string(user_id), user.status());
  std::string what;
  if (change.disabled) what += *change.disabled ? "disabled " : "enabled ";
  if (change.roles) what += "roles ";
  if (change.expires_at) what += "expiry ";
  if (change.display_name) what += "name ";
  if (change.email) what += "email ";
  Status st = change.roles ? auth::check_roles_for_body(*change.roles, user->body_code, user->ministry) : Status::Ok();
  if (st.ok()) st = users_.change_account(user_id, change);
  AuditEvent e{"account.change", user->body_code, user->login, st.ok() ? kAuditOk : kAuditFailed,
               st.ok() ? what : st.error_code()};
  (void)audit_.record(actor, e);
  return st;
}

Status AccountService::reset_second_factor(const Actor& actor, int64_t user_id) {
  auto user = users_.get_user(user_id);
  if (!user.ok()) return record(actor, "account.second_factor_reset", "", std::to_string(user_id), user.status());
  Status st = users_.reset_second_factor(user_id);
  if (st.ok()) notify(*user, CredentialChange::kSecondFactorReset);
  return record(actor, "account.second_factor_reset", user->body_code, user->login, st);
}

}  // namespace mamori
