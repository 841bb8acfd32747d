#include "services/session/sign_in_limits.h"

#include <algorithm>

#include "base/clock.h"

namespace mamori {

namespace {
constexpr std::string_view kLoginAndAddress = "login+address:";
constexpr std::string_view kAddress = "address:";
constexpr std::string_view kLogin = "login:";
}  // namespace

std::vector<std::string> sign_in_keys(const std::string& login, const std::string& address) {
  // An address never holds a newline, so the first one ends it whatever the login holds.
  return {std::string(kLoginAndAddress) + address + "\n" + login, std::string(kAddress) + address,
          std::string(kLogin) + login};
}

std::optional<SignInKey> parse_sign_in_key(const std::string& key) {
  if (key.rfind(kLoginAndAddress, 0) == 0) {
    std::string rest = key.substr(kLoginAndAddress.size());
    size_t nl = rest.find('\n');
    if (nl == std::string::npos) return std::nullopt;
    return SignInKey{SignInKeyKind::kLoginAndAddress, rest.substr(nl + 1), rest.substr(0, nl)};
  }
  if (key.rfind(kAddress, 0) == 0) return SignInKey{SignInKeyKind::kAddress, "", key.substr(kAddress.size())};
  if (key.rfind(kLogin, 0) == 0) return SignInKey{SignInKeyKind::kLogin, key.substr(kLogin.size()), ""};
  return std::nullopt;
}

int free_attempts(const SignInLimits& limits, SignInKeyKind kind) {
  switch (kind) {
    case SignInKeyKind::kLoginAndAddress: return limits.per_login_and_address;
    case SignInKeyKind::kAddress: return limits.per_address;
    case SignInKeyKind::kLogin: return limits.per_login;
  }
  return limits.per_login_and_address;
}

std::chrono::seconds backoff(const SignInLimits& limits, SignInKeyKind kind, int64_t failures) {
  const int64_t over = failures - free_attempts(limits, kind);
  if (over < 0) return std::chrono::seconds(0);
  std::chrono::seconds wait = limits.first_backoff;
  for (int64_t i = 0; i < over && wait < limits.max_backoff; ++i) wait *= 2;
  return std::min(wait, limits.max_backoff);
}

std::chrono::seconds wait_before_next(const SignInLimits& limits, SignInKeyKind kind,
                                      const ports::FailedSignIns& counted,
                                      std::chrono::system_clock::time_point now) {
  const auto wait = backoff(limits, kind, counted.failures);
  if (wait == std::chrono::seconds(0)) return wait;
  auto last = parse_iso(counted.last_at);
  if (!last) return limits.max_backoff;
  const auto left = std::chrono::ceil<std::chrono::seconds>(*last + wait - now);
  return std::max(left, std::chrono::seconds(0));
}

bool may_check(const SignInLimits& limits, SignInKeyKind kind, int64_t seen, int64_t now_counted) {
  return now_counted <= free_attempts(limits, kind) || now_counted == seen + 1;
}

}  // namespace mamori
