#include "services/session/session_service.h"

#include "crypto/password.h"

namespace mamori {

SessionService::SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, const Clock& clock,
                               SessionOptions options)
    : users_(users), attempts_(attempts), clock_(clock), options_(options), checks_(options.concurrent_checks) {
  auto h = auth::hash_password(auth::random_token());
  dummy_hash_ = h.ok() ? *h : std::string();
}

std::string SessionService::token_hash(const std::string& token) { return auth::sha256_hex(token); }

Status SessionService::check_locked_out(const std::string& login) {
  MAMORI_ASSIGN_OR_RETURN(ports::FailedSignIns f, attempts_.failures(login));
  if (f.failures < options_.max_failures) return Status::Ok();
  auto last = parse_iso(f.last_at);
  if (!last) return Status::Internal("corrupt stored value: sign_in_failures.last_at '" + f.last_at + "'");
  const auto left = *last + options_.window - clock_.now();
  if (left <= std::chrono::seconds(0)) return Status::Ok();
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(left).count() + 1;
  return Status::ResourceExhausted("too_many_attempts", {{"minutes", std::to_string(minutes)}});
}

Result<SignedIn> SessionService::sign_in(const std::string& login, const std::string& password) {
  MAMORI_RETURN_IF_ERROR(check_locked_out(login));
  auto cred = users_.find_credentials(login);
  if (!cred.ok() && cred.status().code() != StatusCode::kNotFound) return cred.status();
  const std::string& hash = cred.ok() ? cred->password_hash : dummy_hash_;
  bool good;
  {
    checks_.acquire();
    struct Release {
      std::counting_semaphore<64>& s;
      ~Release() { s.release(); }
    } release{checks_};
    good = auth::verify_password(hash, password);
  }
  if (!cred.ok() || !good) {
    MAMORI_RETURN_IF_ERROR(attempts_.record_failure(login, to_iso(clock_.now() - options_.window)).status());
    return Status::Unauthenticated("sign_in_failed");
  }
  MAMORI_RETURN_IF_ERROR(attempts_.clear_failures(login));
  if (cred->user.expires_at && *cred->user.expires_at <= clock_.now_iso())
    return Status::Unauthenticated("account_expired");
  SignedIn out{cred->user, auth::random_token(), auth::random_token()};
  MAMORI_RETURN_IF_ERROR(users_.create_session(token_hash(out.token), out.user.id, out.csrf_token,
                                               clock_.iso_after(options_.session_length)));
  return out;
}

Result<ports::SessionInfo> SessionService::find(const std::string& token) {
  return users_.find_session(token_hash(token));
}

Status SessionService::sign_out(const std::string& token_hash) { return users_.delete_session(token_hash); }

}  // namespace mamori
