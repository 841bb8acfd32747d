#pragma once
// Signing in and out, and the sessions of signed-in users.
//
// Password guessing is limited before any password is checked (sign_in_limits.h): every
// attempt is counted under the login with its client address, the address and the login,
// and waits an increasing back-off after too many. The counts live in the store
// (ports/sign_in.h), so every application node counts the same guesses. Password checks run
// on a bounded queue of their own (check_queue.h): a sign-in that finds it full is refused at
// once and holds no handler thread.
//
// Thread-safe.

#include <chrono>
#include <functional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "ports/sign_in.h"
#include "ports/users.h"
#include "services/session/check_queue.h"
#include "services/session/sign_in_limits.h"

namespace mamori {

struct SessionOptions {
  SignInLimits limits;
  CheckQueueOptions checks;
  std::chrono::seconds session_length = std::chrono::hours(8);
};

struct SignedIn {
  User user;
  std::string token;  // the cookie's value; stored only as its hash
  std::string csrf_token;
};

// A key whose attempts make the next one wait, for the administrator.
struct SignInBlock {
  std::string key;  // what lift_block() takes
  SignInKey what;
  int64_t attempts = 0;
  std::string last_at;
  std::string until;  // ISO 8601 UTC: when the next attempt is allowed
};

class SessionService {
 public:
  // Every argument outlives the service.
  SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, const Clock& clock,
                 SessionOptions options = {});

  // Counts the attempt, checks the password (the same work whether or not the login exists,
  // so timing does not tell) and opens a session, on the calling thread. `address` is the
  // client's (app: the peer, or the trusted proxy's X-Forwarded-For). Errors:
  // ResourceExhausted "too_many_attempts" {seconds, minutes} while a limit makes it wait;
  // Unauthenticated "sign_in_failed" (no such login, or a wrong password) or "account_expired".
  Result<SignedIn> sign_in(const std::string& login, const std::string& password, const std::string& address);
  // The same on the check queue: `done` is called once, from a queue thread — or at once on
  // the calling thread with ResourceExhausted "sign_in_busy" when the queue is full or the
  // address already has its share of it. Never blocks.
  void sign_in_async(std::string login, std::string password, std::string address,
                     std::function<void(Result<SignedIn>)> done);

  // The keys that make the next attempt wait now, the latest first (at most 500).
  Result<std::vector<SignInBlock>> blocks();
  // Forgets the attempts counted under `key` (one of blocks()). NotFound when it is not one.
  Status lift_block(const std::string& key);

  // The session of a cookie's token. NotFound "not_found" when absent or expired.
  Result<ports::SessionInfo> find(const std::string& token);
  // Ends the session whose token hashes to `token_hash`.
  Status sign_out(const std::string& token_hash);
  // The hash a token is stored as.
  static std::string token_hash(const std::string& token);

  const SessionOptions& options() const { return options_; }

 private:
  Status count_attempt(const std::vector<std::string>& keys);

  ports::UserRepository& users_;
  ports::SignInAttempts& attempts_;
  const Clock& clock_;
  const SessionOptions options_;
  std::string dummy_hash_;  // a valid Argon2id hash of a random password, for unknown logins
  CheckQueue checks_;       // last: its threads stop (running what is queued) before the rest goes
};

}  // namespace mamori
