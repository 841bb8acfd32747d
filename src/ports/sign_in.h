#pragma once
// Failed sign-ins per login, kept in the store so every application node counts the same
// guesses (services/session/session_service.* decides what they mean).

#include <string>

#include "base/status.h"

namespace mamori::ports {

struct FailedSignIns {
  int64_t failures = 0;
  std::string last_at;  // ISO 8601 UTC of the latest failure; "" when none
};

// Thread-safe. "Now" is the store's Clock.
class SignInAttempts {
 public:
  virtual ~SignInAttempts() = default;
  // The failures counted for `login` (0 when none).
  virtual Result<FailedSignIns> failures(const std::string& login) = 0;
  // Counts one more failure for `login` now, starting again from 1 when its last failure is
  // before `window_start`; returns the new count. In the same write, forgets every login
  // whose last failure is before `window_start`.
  virtual Result<int64_t> record_failure(const std::string& login, const std::string& window_start) = 0;
  virtual Status clear_failures(const std::string& login) = 0;
};

}  // namespace mamori::ports
