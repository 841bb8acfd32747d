#pragma once
// Users and their sessions.

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/model.h"

namespace mamori::ports {

struct Credentials {
  User user;
  std::string password_hash;
};

struct SessionInfo {
  User user;
  std::string csrf_token;
  std::string expires_at;
};

// Thread-safe. A write that returns an error has changed nothing. "Now" is the store's Clock.
class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // The new user's id. AlreadyExists "login_taken"; InvalidArgument "unknown_body".
  virtual Result<int64_t> create_user(const User& u, const std::string& password_hash) = 0;
  // NotFound "user_not_found".
  virtual Status set_password(int64_t user_id, const std::string& password_hash) = 0;
  // NotFound "not_found" (the caller must not tell an unknown login from a wrong password).
  virtual Result<Credentials> find_credentials(const std::string& login) = 0;
  // NotFound "user_not_found".
  virtual Result<User> get_user(int64_t id) = 0;
  // The users of a body ("" = the national users), in id order.
  virtual Result<std::vector<User>> list_users(const std::string& body_code) = 0;
  // Stores a session (the token only as its hash) and deletes every expired one.
  virtual Status create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                                const std::string& expires_at) = 0;
  // NotFound "not_found" when absent, expired, or its user expired.
  virtual Result<SessionInfo> find_session(const std::string& token_hash) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
};

}  // namespace mamori::ports
