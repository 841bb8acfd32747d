#include "services/session/session_service.h"

#include <algorithm>

#include "crypto/password.h"

namespace mamori {

namespace {

constexpr SignInKeyKind kKinds[] = {SignInKeyKind::kLoginAndAddress, SignInKeyKind::kAddress, SignInKeyKind::kLogin};

Status too_many(std::chrono::seconds wait) {
  const auto seconds = std::max<int64_t>(1, wait.count());
  return Status::ResourceExhausted("too_many_attempts",
                                   {{"seconds", std::to_string(seconds)}, {"minutes", std::to_string((seconds + 59) / 60)}});
}

}  // namespace

SessionService::SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, AuditTrail& audit,
                               SecondFactors& factors, const Clock& clock, SessionOptions options)
    : users_(users),
      attempts_(attempts),
      audit_(audit),
      clock_(clock),
      factors_(factors),
      options_(options),
      checks_(options.checks) {
  auto h = auth::hash_password(auth::random_token());
  dummy_hash_ = h.ok() ? *h : std::string();
}

std::string SessionService::token_hash(const std::string& token) { return auth::sha256_hex(token); }

void SessionService::audit(const ClientInfo& client, const std::optional<User>& user, const std::string& login,
                           const std::string& action, const Status& outcome) {
  AuditEvent e;
  e.action = action;
  e.body_code = user ? user->body_code : "";
  e.target = login;
  if (!outcome.ok()) {
    e.outcome = outcome.code() == StatusCode::kInternal || outcome.code() == StatusCode::kUnavailable ? kAuditFailed
                                                                                                      : kAuditDenied;
    e.detail = outcome.error_code();
  }
  (void)audit_.record(Actor{user, login, client.address, client.request_id}, e);
}

// Refuses when a key makes this attempt wait, else counts it under every key and refuses
// when attempts counted at the same moment used up what was allowed (sign_in_limits.h).
Status SessionService::count_attempt(const std::vector<std::string>& keys) {
  const SignInLimits& limits = options_.limits;
  MAMORI_ASSIGN_OR_RETURN(std::vector<ports::FailedSignIns> seen, attempts_.failures(keys));
  std::chrono::seconds wait{0};
  for (size_t i = 0; i < keys.size(); ++i)
    wait = std::max(wait, wait_before_next(limits, kKinds[i], seen[i], clock_.now()));
  if (wait > std::chrono::seconds(0)) return too_many(wait);
  MAMORI_ASSIGN_OR_RETURN(std::vector<int64_t> counted, attempts_.record_attempts(keys, to_iso(clock_.now() - limits.window)));
  for (size_t i = 0; i < keys.size(); ++i)
    if (!may_check(limits, kKinds[i], seen[i].failures, counted[i])) return too_many(backoff(limits, kKinds[i], counted[i]));
  return Status::Ok();
}

Result<SignedIn> SessionService::open_session(const User& user, bool awaiting_code, const ClientInfo& client,
                                              const std::string& replacing) {
  const auto lifetime = awaiting_code ? options_.code_wait : options_.session_length;
  SignedIn out{user, auth::random_token(), auth::random_token(), awaiting_code, lifetime};
  ports::NewSession s;
  s.token_hash = token_hash(out.token);
  s.user_id = user.id;
  s.csrf_token = out.csrf_token;
  s.stage = awaiting_code ? ports::kStageSecondFactor : ports::kStageFull;
  s.expires_at = clock_.iso_after(lifetime);
  s.address = client.address;
  s.user_agent = client.user_agent.substr(0, 300);
  MAMORI_RETURN_IF_ERROR(replacing.empty() ? users_.create_session(s) : users_.replace_session(replacing, s));
  return out;
}

Result<SignedIn> SessionService::sign_in(const std::string& login, const std::string& password,
                                         const ClientInfo& client) {
  const std::vector<std::string> keys = sign_in_keys(login, client.address);
  if (Status counted = count_attempt(keys); !counted.ok()) {
    audit(client, std::nullopt, login, "session.sign_in", counted);
    return counted;
  }
  auto cred = users_.find_credentials(login);
  if (!cred.ok() && cred.status().code() != StatusCode::kNotFound) return cred.status();
  const std::string& hash = cred.ok() ? cred->password_hash : dummy_hash_;
  const bool good = auth::verify_password(hash, password);
  if (!cred.ok() || !good) {
    Status refused = Status::Unauthenticated("sign_in_failed");
    audit(client, cred.ok() ? std::optional<User>(cred->user) : std::nullopt, login, "session.sign_in", refused);
    return refused;
  }
  // Not a guess: forget the login's attempts from this address, and give back the one it
  // took from the address's and the login's allowance.
  MAMORI_RETURN_IF_ERROR(attempts_.settle({keys[1], keys[2]}, {keys[0]}));
  const User& user = cred->user;
  Status allowed = Status::Ok();
  if (user.disabled)
    allowed = Status::Unauthenticated("account_disabled");
  else if (user.expires_at && *user.expires_at <= clock_.now_iso())
    allowed = Status::Unauthenticated("account_expired");
  Result<SignedIn> out = allowed.ok() ? open_session(user, user.second_factor, client) : Result<SignedIn>(allowed);
  audit(client, user, login, user.second_factor && out.ok() ? "session.password" : "session.sign_in", out.status());
  return out;
}

void SessionService::sign_in_async(std::string login, std::string password, ClientInfo client,
                                   std::function<void(Result<SignedIn>)> done) {
  auto shared_done = std::make_shared<std::function<void(Result<SignedIn>)>>(std::move(done));
  const std::string address = client.address;
  const bool queued = checks_.try_run(address, [this, login = std::move(login), password = std::move(password),
                                                client = std::move(client), shared_done] {
    Result<SignedIn> out = Status::Internal("sign-in threw");
    try {
      out = sign_in(login, password, client);
    } catch (const std::exception& e) {
      out = Status::Internal(std::string("sign-in: ") + e.what());
    }
    (*shared_done)(std::move(out));
  });
  if (!queued) (*shared_done)(Status::ResourceExhausted("sign_in_busy", {{"seconds", "1"}}));
}

Result<SignedIn> SessionService::check_code(const ports::SessionInfo& pending, const std::string& code,
                                            const ClientInfo& client) {
  const User& user = pending.user;
  const std::vector<std::string> keys = sign_in_keys(user.login, client.address);
  Status st = count_attempt(keys);
  if (st.ok()) st = factors_.verify(user, code);
  if (!st.ok()) {
    audit(client, user, user.login, "session.second_factor", st);
    return st;
  }
  MAMORI_RETURN_IF_ERROR(attempts_.settle({keys[1], keys[2]}, {keys[0]}));
  Result<SignedIn> out = open_session(user, false, client, pending.token_hash);
  audit(client, user, user.login, "session.second_factor", out.status());
  return out;
}

Result<std::vector<SignInBlock>> SessionService::blocks() {
  const SignInLimits& limits = options_.limits;
  const int64_t fewest = std::min({limits.per_login_and_address, limits.per_address, limits.per_login});
  MAMORI_ASSIGN_OR_RETURN(auto counted, attempts_.counted(fewest, 500));
  std::vector<SignInBlock> out;
  const auto now = clock_.now();
  for (auto& c : counted) {
    auto what = parse_sign_in_key(c.key);
    if (!what) continue;
    const auto wait = wait_before_next(limits, what->kind, c.counted, now);
    if (wait == std::chrono::seconds(0)) continue;
    out.push_back({c.key, *what, c.counted.failures, c.counted.last_at, to_iso(now + wait)});
  }
  return out;
}

Status SessionService::lift_block(const std::string& key) {
  if (!parse_sign_in_key(key)) return Status::NotFound();
  MAMORI_ASSIGN_OR_RETURN(auto seen, attempts_.failures({key}));
  if (seen[0].failures == 0) return Status::NotFound();
  return attempts_.settle({}, {key});
}

Result<ports::SessionInfo> SessionService::find(const std::string& token) {
  const auto now = clock_.now();
  const std::string hash = token_hash(token);
  MAMORI_ASSIGN_OR_RETURN(ports::SessionInfo s, users_.find_session(hash, to_iso(now - options_.idle_timeout)));
  auto last = parse_iso(s.last_seen_at);
  if (!last || *last + options_.touch_interval <= now) MAMORI_RETURN_IF_ERROR(users_.touch_session(hash));
  return s;
}

Status SessionService::sign_out(const std::string& token_hash) { return users_.delete_session(token_hash); }

Result<std::vector<ports::SessionInfo>> SessionService::sessions_of(int64_t user_id) {
  return users_.list_sessions(user_id, to_iso(clock_.now() - options_.idle_timeout));
}

Result<int64_t> SessionService::sign_out_others(int64_t user_id, const std::string& keep_hash) {
  return users_.delete_other_sessions(user_id, keep_hash);
}

}  // namespace mamori
