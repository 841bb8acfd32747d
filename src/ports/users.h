#pragma once
// Users and their accounts: passwords, the second factor, sessions, and the single-use
// tokens of invitations and resets.

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/model.h"

namespace mamori::ports {

struct Credentials {
  User user;
  std::string password_hash;
};

// A session's stage: the password was right and the second factor's code is awaited (such a
// session opens nothing but the code's check), or signed in.
inline constexpr const char* kStageSecondFactor = "second_factor";
inline constexpr const char* kStageFull = "full";

struct NewSession {
  std::string token_hash;  // the cookie's token, hashed (never stored itself)
  int64_t user_id = 0;
  std::string csrf_token;
  std::string stage = kStageFull;
  std::string expires_at;  // the absolute end (ISO 8601 UTC)
  std::string address;     // the client's, when it signed in
  std::string user_agent;
};

struct SessionInfo {
  User user;
  std::string csrf_token;
  std::string expires_at;
  std::string stage;
  std::string created_at;
  std::string last_seen_at;
  std::string address;
  std::string user_agent;
  std::string token_hash;
};

// What changes about an account (unset: unchanged).
struct AccountChange {
  std::optional<bool> disabled;
  std::optional<std::vector<Role>> roles;
  std::optional<std::optional<std::string>> expires_at;  // set to a time, or to none
  std::optional<std::string> display_name;
  std::optional<std::string> email;
};

// The TOTP second factor as stored: the secret sealed with the server's key.
struct StoredSecondFactor {
  std::optional<std::string> sealed_secret;  // none: not enrolled, nor enrolling
  bool enabled = false;                      // confirmed by a first code
  int64_t last_step = 0;                     // the newest time step a code was accepted for
};

inline constexpr const char* kTokenInvitation = "invitation";
inline constexpr const char* kTokenReset = "reset";

// Thread-safe. A write that returns an error has changed nothing. "Now" is the store's Clock.
// Every change that could matter to a signed-in person's rights (password, second factor,
// disabling, roles, expiry) ends that user's sessions in the same write.
class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // The new user's id (u.must_change_password is kept). AlreadyExists "login_taken";
  // InvalidArgument "unknown_body".
  virtual Result<int64_t> create_user(const User& u, const std::string& password_hash) = 0;
  // Sets the password and whether it must be changed at the next sign-in, and ends every
  // session of the user but `keep_session` (a token hash; "" ends all). NotFound
  // "user_not_found".
  virtual Status set_password(int64_t user_id, const std::string& password_hash, bool must_change = false,
                              const std::string& keep_session = "") = 0;
  // NotFound "not_found" (the caller must not tell an unknown login from a wrong password).
  virtual Result<Credentials> find_credentials(const std::string& login) = 0;
  // NotFound "user_not_found".
  virtual Result<User> get_user(int64_t id) = 0;
  // The users of a body ("" = the national users), in id order.
  virtual Result<std::vector<User>> list_users(const std::string& body_code) = 0;
  // The users whose e-mail address is `email` (compared without case), in id order.
  virtual Result<std::vector<User>> users_with_email(const std::string& email) = 0;
  // Applies `change` and ends every session of the user. NotFound "user_not_found".
  virtual Status change_account(int64_t user_id, const AccountChange& change) = 0;

  // --- The second factor.
  // NotFound "user_not_found".
  virtual Result<StoredSecondFactor> second_factor(int64_t user_id) = 0;
  // Keeps a new secret awaiting its first code. FailedPrecondition "second_factor_enrolled"
  // when one is confirmed already.
  virtual Status begin_enrolment(int64_t user_id, const std::string& sealed_secret) = 0;
  // Confirms the secret awaiting its first code, accepted for time step `step`, and replaces
  // the recovery codes with `recovery_code_hashes`. FailedPrecondition
  // "second_factor_not_started" when none awaits.
  virtual Status confirm_enrolment(int64_t user_id, int64_t step, const std::vector<std::string>& recovery_code_hashes) = 0;
  // Records that a code of time step `step` was accepted. AlreadyExists "code_used" when a
  // code of this step or a later one was accepted before (a replay).
  virtual Status use_code_step(int64_t user_id, int64_t step) = 0;
  // Uses one unused recovery code. NotFound "code_wrong" when it is none.
  virtual Status use_recovery_code(int64_t user_id, const std::string& code_hash) = 0;
  virtual Result<int> unused_recovery_codes(int64_t user_id) = 0;
  // Removes the second factor and its recovery codes, and ends the user's sessions.
  virtual Status reset_second_factor(int64_t user_id) = 0;

  // --- Sessions.
  // Stores a session and deletes every expired one.
  virtual Status create_session(const NewSession& s) = 0;
  // Ends the session `old_token_hash` and stores `s` in its place, in one write; NotFound
  // "not_found" when the old one is gone.
  virtual Status replace_session(const std::string& old_token_hash, const NewSession& s) = 0;
  // NotFound "not_found" when absent, past its absolute end, idle since before `idle_since`
  // (last seen before it), or its user expired or disabled.
  virtual Result<SessionInfo> find_session(const std::string& token_hash, const std::string& idle_since) = 0;
  // Records that the session was used now.
  virtual Status touch_session(const std::string& token_hash) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  // The user's sessions that have not ended (absolute end and `idle_since` as find_session),
  // the latest used first.
  virtual Result<std::vector<SessionInfo>> list_sessions(int64_t user_id, const std::string& idle_since) = 0;
  // Ends every session of the user but `keep` (a token hash); how many ended.
  virtual Result<int64_t> delete_other_sessions(int64_t user_id, const std::string& keep) = 0;

  // --- Single-use tokens (invitations, resets).
  // Stores a token of `purpose` (kTokenInvitation, kTokenReset) for the user, ending every
  // earlier unused one of the same purpose.
  virtual Status create_token(const std::string& token_hash, int64_t user_id, const std::string& purpose,
                              const std::string& expires_at) = 0;
  // The user of a token that can still be used. NotFound "token_invalid" when it is unknown,
  // of another purpose, used, or expired.
  virtual Result<int64_t> token_user(const std::string& token_hash, const std::string& purpose) = 0;
  // In one write: marks the token used, sets its user's password (no change required) and
  // ends the user's sessions; returns the user. NotFound "token_invalid" as token_user.
  virtual Result<int64_t> redeem_token(const std::string& token_hash, const std::string& purpose,
                                       const std::string& password_hash) = 0;
};

}  // namespace mamori::ports
