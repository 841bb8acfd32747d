#pragma once
// How many sign-ins may be tried, by whom, and how long one waits after too many: the rules,
// without the store (ports/sign_in.h keeps the counts) or the clock.
//
// Every attempt is counted under three keys *before* its password is checked, so guesses
// sent in parallel cannot all be checked:
//   - the login from this client address: a few free attempts, then an increasing back-off.
//     A success forgets it. This is the limit a guesser meets first, and it never slows the
//     real user signing in from another address.
//   - the client address, whatever the login (one address guessing many logins): many more
//     free attempts, since the staff of a whole body may share one proxy;
//   - the login, whatever the address (guesses spread over many addresses): also more.
// After the free attempts of a key, the next one is allowed `first_backoff` after the last
// attempt counted, then twice as long each time, up to `max_backoff`. A key is forgotten a
// `window` after its last attempt. A success takes its attempt back from the address and the
// login, so people signing in do not use up their office's allowance.
//
// Thread-safe (values only).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ports/sign_in.h"

namespace mamori {

struct SignInLimits {
  int per_login_and_address = 5;
  int per_address = 100;
  int per_login = 50;
  std::chrono::seconds first_backoff{30};
  std::chrono::seconds max_backoff = std::chrono::minutes(15);
  std::chrono::seconds window = std::chrono::hours(1);
};

enum class SignInKeyKind { kLoginAndAddress, kAddress, kLogin };

// The keys one attempt is counted under, in the order of SignInKeyKind.
std::vector<std::string> sign_in_keys(const std::string& login, const std::string& address);

// What a stored key names (for the administrator's list); nullopt for a key of another form.
struct SignInKey {
  SignInKeyKind kind;
  std::string login;    // "" for kAddress
  std::string address;  // "" for kLogin
};
std::optional<SignInKey> parse_sign_in_key(const std::string& key);

// The free attempts of a kind of key.
int free_attempts(const SignInLimits& limits, SignInKeyKind kind);

// How long after the last attempt counted the next one may be made, with `failures` counted
// (zero while free attempts remain).
std::chrono::seconds backoff(const SignInLimits& limits, SignInKeyKind kind, int64_t failures);

// How long from `now` until a key with `counted` allows an attempt (zero: now). A key whose
// last_at cannot be read waits the longest back-off.
std::chrono::seconds wait_before_next(const SignInLimits& limits, SignInKeyKind kind,
                                      const ports::FailedSignIns& counted,
                                      std::chrono::system_clock::time_point now);

// After counting: whether the attempt that made a key's count `now_counted` may be checked,
// given the count `seen` read before counting (and found not waiting). Allowed while free
// attempts remain, or when it is the only attempt counted since `seen` (parallel attempts
// that arrived together after a back-off: one of them goes on).
bool may_check(const SignInLimits& limits, SignInKeyKind kind, int64_t seen, int64_t now_counted);

}  // namespace mamori
