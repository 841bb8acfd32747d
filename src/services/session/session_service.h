#pragma once
// Signing in and out, and the sessions of signed-in users.
//
// Password guessing is limited per login: after `max_failures` failed sign-ins within
// `window`, the login is refused for `window` from its last failure. The counters live in
// the store (ports/sign_in.h), so every application node counts the same guesses. At most
// `concurrent_checks` Argon2id checks run at once on this node (each takes 64 MiB).
//
// Thread-safe.

#include <chrono>
#include <semaphore>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "ports/sign_in.h"
#include "ports/users.h"

namespace mamori {

struct SessionOptions {
  int max_failures = 5;
  std::chrono::seconds window = std::chrono::minutes(15);
  int concurrent_checks = 2;
  std::chrono::seconds session_length = std::chrono::hours(8);
};

struct SignedIn {
  User user;
  std::string token;  // the cookie's value; stored only as its hash
  std::string csrf_token;
};

class SessionService {
 public:
  // Every argument outlives the service.
  SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, const Clock& clock,
                 SessionOptions options = {});

  // Checks the password (the same work whether or not the login exists, so timing does not
  // tell) and opens a session. Errors: ResourceExhausted "too_many_attempts" while the login
  // is locked out; Unauthenticated "sign_in_failed" (no such login, or a wrong password) or
  // "account_expired".
  Result<SignedIn> sign_in(const std::string& login, const std::string& password);
  // The session of a cookie's token. NotFound "not_found" when absent or expired.
  Result<ports::SessionInfo> find(const std::string& token);
  // Ends the session whose token hashes to `token_hash`.
  Status sign_out(const std::string& token_hash);
  // The hash a token is stored as.
  static std::string token_hash(const std::string& token);

  const SessionOptions& options() const { return options_; }

 private:
  Status check_locked_out(const std::string& login);

  ports::UserRepository& users_;
  ports::SignInAttempts& attempts_;
  const Clock& clock_;
  const SessionOptions options_;
  std::counting_semaphore<64> checks_;
  std::string dummy_hash_;  // a valid Argon2id hash of a random password, for unknown logins
};

}  // namespace mamori
