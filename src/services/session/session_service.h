#pragma once
// Signing in (password, then the second factor's code when the user has one) and out, and
// the sessions of signed-in users.
//
// Password guessing is limited before any password is checked (sign_in_limits.h): every
// attempt is counted under the login with its client address, the address and the login,
// and waits an increasing back-off after too many; the second factor's codes are counted
// under the same keys. The counts live in the store (ports/sign_in.h), so every application
// node counts the same guesses. Password checks run on a bounded queue of their own
// (check_queue.h): a sign-in that finds it full is refused at once and holds no handler thread.
//
// A session ends at its absolute end (8 h), after 30 minutes unused (idle), at sign-out, and
// whenever something about its user changes (ports/users.h). Every sign-in, refusal and code
// is recorded in the audit trail.
//
// Thread-safe.

#include <chrono>
#include <functional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "ports/sign_in.h"
#include "ports/users.h"
#include "services/audit/audit_trail.h"
#include "services/session/check_queue.h"
#include "services/session/second_factors.h"
#include "services/session/sign_in_limits.h"

namespace mamori {

struct SessionOptions {
  SignInLimits limits;
  CheckQueueOptions checks;
  std::chrono::seconds session_length = std::chrono::hours(8);
  std::chrono::seconds idle_timeout = std::chrono::minutes(30);
  // How long a session awaiting the second factor's code lasts.
  std::chrono::seconds code_wait = std::chrono::minutes(5);
  // A session's last use is written at most this often (the idle timeout is this coarse).
  std::chrono::seconds touch_interval = std::chrono::seconds(60);
};

// Where a request comes from (the app: the peer or the trusted proxy's X-Forwarded-For).
struct ClientInfo {
  ClientInfo(std::string address = "", std::string user_agent = "", std::string request_id = "")  // NOLINT: an address
      : address(std::move(address)), user_agent(std::move(user_agent)), request_id(std::move(request_id)) {}
  ClientInfo(const char* address) : ClientInfo(std::string(address)) {}  // NOLINT(google-explicit-constructor)
  std::string address;
  std::string user_agent;  // at most 300 bytes kept
  std::string request_id;
};

struct SignedIn {
  User user;
  std::string token;  // the cookie's value; stored only as its hash
  std::string csrf_token;
  bool awaiting_code = false;  // the second factor's code is needed next
  std::chrono::seconds lifetime{0};  // the cookie's Max-Age
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
  SessionService(ports::UserRepository& users, ports::SignInAttempts& attempts, AuditTrail& audit,
                 SecondFactors& factors, const Clock& clock, SessionOptions options = {});

  // Counts the attempt, checks the password (the same work whether or not the login exists,
  // so timing does not tell) and opens a session — awaiting the code when the user has a
  // second factor — on the calling thread. Errors: ResourceExhausted "too_many_attempts"
  // {seconds, minutes} while a limit makes it wait; Unauthenticated "sign_in_failed" (no such
  // login, or a wrong password), "account_expired" or "account_disabled".
  Result<SignedIn> sign_in(const std::string& login, const std::string& password, const ClientInfo& client);
  // The same on the check queue: `done` is called once, from a queue thread — or at once on
  // the calling thread with ResourceExhausted "sign_in_busy" when the queue is full or the
  // address already has its share of it. Never blocks.
  void sign_in_async(std::string login, std::string password, ClientInfo client,
                     std::function<void(Result<SignedIn>)> done);
  // Checks the code of the session `pending` (awaiting it): a TOTP code, or one of the
  // recovery codes. On success the pending session is replaced by a signed-in one (a new
  // token). Errors: ResourceExhausted "too_many_attempts"; Unauthenticated "code_wrong";
  // AlreadyExists "code_used" (a replay).
  Result<SignedIn> check_code(const ports::SessionInfo& pending, const std::string& code, const ClientInfo& client);

  // The keys that make the next attempt wait now, the latest first (at most 500).
  Result<std::vector<SignInBlock>> blocks();
  // Forgets the attempts counted under `key` (one of blocks()). NotFound when it is not one.
  Status lift_block(const std::string& key);

  // The session of a cookie's token, recording its use. NotFound "not_found" when absent,
  // ended or idle too long. Inside a NoWaitScope may return WouldBlock (the use's write).
  Result<ports::SessionInfo> find(const std::string& token);
  // Ends the session whose token hashes to `token_hash`.
  Status sign_out(const std::string& token_hash);
  // The user's sessions that have not ended, the latest used first.
  Result<std::vector<ports::SessionInfo>> sessions_of(int64_t user_id);
  // Ends every session of the user but `keep_hash`; how many ended.
  Result<int64_t> sign_out_others(int64_t user_id, const std::string& keep_hash);
  // The hash a token is stored as.
  static std::string token_hash(const std::string& token);

  const SessionOptions& options() const { return options_; }

 private:
  Status count_attempt(const std::vector<std::string>& keys);
  Result<SignedIn> open_session(const User& user, bool awaiting_code, const ClientInfo& client,
                                const std::string& replacing = "");
  void audit(const ClientInfo& client, const std::optional<User>& user, const std::string& login,
             const std::string& action, const Status& outcome);

  ports::UserRepository& users_;
  ports::SignInAttempts& attempts_;
  AuditTrail& audit_;
  const Clock& clock_;
  SecondFactors& factors_;
  const SessionOptions options_;
  std::string dummy_hash_;  // a valid Argon2id hash of a random password, for unknown logins
  CheckQueue checks_;       // last: its threads stop (running what is queued) before the rest goes
};

}  // namespace mamori
