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

SessionService::SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, const Clock& clock,
                               SessionOptions options)
    : users_(users), attempts_(attempts), clock_(clock), options_(options), checks_(options.checks) {
  auto h = auth::hash_password(auth::random_token());
  dummy_hash_ = h.ok() ? *h : std::string();
}

std::string SessionService::token_hash(const std::string& token) { return auth::sha256_hex(token); }

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

Result<SignedIn> SessionService::sign_in(const std::string& login, const std::string& password,
                                         const std::string& address) {
  const std::vector<std::string> keys = sign_in_keys(login, address);
  MAMORI_RETURN_IF_ERROR(count_attempt(keys));
  auto cred = users_.find_credentials(login);
  if (!cred.ok() && cred.status().code() != StatusCode::kNotFound) return cred.status();
  const std::string& hash = cred.ok() ? cred->password_hash : dummy_hash_;
  const bool good = auth::verify_password(hash, password);
  if (!cred.ok() || !good) return Status::Unauthenticated("sign_in_failed");
  // Not a guess: forget the login's attempts from this address, and give back the one it
  // took from the address's and the login's allowance.
  MAMORI_RETURN_IF_ERROR(attempts_.settle({keys[1], keys[2]}, {keys[0]}));
  if (cred->user.expires_at && *cred->user.expires_at <= clock_.now_iso())
    return Status::Unauthenticated("account_expired");
  SignedIn out{cred->user, auth::random_token(), auth::random_token()};
  MAMORI_RETURN_IF_ERROR(users_.create_session(token_hash(out.token), out.user.id, out.csrf_token,
                                               clock_.iso_after(options_.session_length)));
  return out;
}

void SessionService::sign_in_async(std::string login, std::string password, std::string address,
                                   std::function<void(Result<SignedIn>)> done) {
  auto shared_done = std::make_shared<std::function<void(Result<SignedIn>)>>(std::move(done));
  const bool queued = checks_.try_run(address, [this, login = std::move(login), password = std::move(password), address,
                                                shared_done] {
    Result<SignedIn> out = Status::Internal("sign-in threw");
    try {
      out = sign_in(login, password, address);
    } catch (const std::exception& e) {
      out = Status::Internal(std::string("sign-in: ") + e.what());
    }
    (*shared_done)(std::move(out));
  });
  if (!queued) (*shared_done)(Status::ResourceExhausted("sign_in_busy", {{"seconds", "1"}}));
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
  return users_.find_session(token_hash(token));
}

Status SessionService::sign_out(const std::string& token_hash) { return users_.delete_session(token_hash); }

}  // namespace mamori
