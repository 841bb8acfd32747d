#pragma once
// Sign-in attempts counted under keys (a login with a client address, an address, a login),
// kept in the store so every application node counts the same guesses
// (services/session/sign_in_limits.h says what the keys and counts mean).

#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

struct FailedSignIns {
  int64_t failures = 0;
  std::string last_at;  // ISO 8601 UTC of the latest attempt counted; "" when none
};

struct CountedSignIns {
  std::string key;
  FailedSignIns counted;
};

// Thread-safe. "Now" is the store's Clock.
class SignInAttempts {
 public:
  virtual ~SignInAttempts() = default;
  // The attempts counted under each key, in the order of `keys` ({0, ""} when none).
  virtual Result<std::vector<FailedSignIns>> failures(const std::vector<std::string>& keys) = 0;
  // In one write: forgets every key whose last attempt is before `window_start`, then counts
  // one more attempt now under each key; returns the new counts in the order of `keys`.
  virtual Result<std::vector<int64_t>> record_attempts(const std::vector<std::string>& keys,
                                                       const std::string& window_start) = 0;
  // In one write: takes back one attempt under each key of `uncount` (never below 0) and
  // forgets every key of `forget`.
  virtual Status settle(const std::vector<std::string>& uncount, const std::vector<std::string>& forget) = 0;
  // The keys with at least `min_failures` attempts, the latest first, at most `limit`.
  virtual Result<std::vector<CountedSignIns>> counted(int64_t min_failures, int limit) = 0;
};

}  // namespace mamori::ports
