// Limits password guessing and the memory Argon2id can take at sign-in.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <semaphore>
#include <string>

#include "base/status.h"

namespace mamori::auth {

class SignInThrottle {
 public:
  // After `max_failures` failed sign-ins for one login within `window`, that
  // login is refused for `window` (counted from the last failure). At most
  // `concurrent` password checks run at once (each takes 64 MiB).
  explicit SignInThrottle(int max_failures = 5, std::chrono::seconds window = std::chrono::minutes(15),
                          int concurrent = 2);

  // ResourceExhausted "too_many_attempts" while the login is locked out.
  Status check(const std::string& login);
  void record_failure(const std::string& login);
  void record_success(const std::string& login);

  // Runs `verify` with at most `concurrent` others.
  bool limited(const std::function<bool()>& verify);
  // A valid Argon2id hash of a random password, made once: checked against
  // when the login does not exist.
  const std::string& dummy_hash() const { return dummy_hash_; }

 private:
  struct Entry {
    int failures = 0;
    std::chrono::steady_clock::time_point last;
  };
  int max_failures_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
  std::counting_semaphore<64> slots_;
  std::string dummy_hash_;
};

}  // namespace mamori::auth
