#include "services/session/sign_in_throttle.h"

#include "crypto/password.h"

namespace mamori::auth {

SignInThrottle::SignInThrottle(int max_failures, std::chrono::seconds window, int concurrent)
    : max_failures_(max_failures), window_(window), slots_(concurrent) {
  auto h = hash_password(random_token());
  dummy_hash_ = h.ok() ? *h : std::string();
}

Status SignInThrottle::check(const std::string& login) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(login);
  if (it == entries_.end()) return Status::Ok();
  auto now = std::chrono::steady_clock::now();
  if (now - it->second.last > window_) {
    entries_.erase(it);
    return Status::Ok();
  }
  if (it->second.failures < max_failures_) return Status::Ok();
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(window_ - (now - it->second.last)).count() + 1;
  return Status::ResourceExhausted("too_many_attempts", {{"minutes", std::to_string(minutes)}});
}

void SignInThrottle::record_failure(const std::string& login) {
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  Entry& e = entries_[login];
  if (now - e.last > window_) e.failures = 0;
  ++e.failures;
  e.last = now;
  if (entries_.size() > 100000) {  // bound memory under a spray of logins
    for (auto it = entries_.begin(); it != entries_.end();)
      it = now - it->second.last > window_ ? entries_.erase(it) : std::next(it);
  }
}

void SignInThrottle::record_success(const std::string& login) {
  std::lock_guard lock(mu_);
  entries_.erase(login);
}

bool SignInThrottle::limited(const std::function<bool()>& verify) {
  slots_.acquire();
  struct Release {
    std::counting_semaphore<64>& s;
    ~Release() { s.release(); }
  } release{slots_};
  return verify();
}

}  // namespace mamori::auth
