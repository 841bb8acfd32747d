#pragma once
// The TOTP second factor (RFC 6238, crypto/totp.h): enrolment confirmed by a first code, ten
// single-use recovery codes (stored hashed), the check of a code with replay protection, and
// the secrets sealed at rest with the server's key (crypto/sealed.h).
//
// Thread-safe. Every argument of the constructor outlives the object.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/sealed.h"
#include "ports/users.h"

namespace mamori {

struct Enrolment {
  std::string secret;  // base32, shown once as text beside the QR code
  std::string uri;     // otpauth://…, what the QR code holds
};

class SecondFactors {
 public:
  SecondFactors(ports::UserRepository& users, const Clock& clock, const auth::SealingKey& key,
                std::string issuer = "mamori")
      : users_(users), clock_(clock), key_(key), issuer_(std::move(issuer)) {}

  // A new secret for `user`, kept sealed until a first code confirms it (a second call
  // replaces it). FailedPrecondition "second_factor_enrolled" when one is confirmed already.
  Result<Enrolment> begin(const User& user);
  // Confirms the pending secret with its first code and returns the ten recovery codes (shown
  // once; stored hashed). Unauthenticated "code_wrong"; FailedPrecondition
  // "second_factor_not_started".
  Result<std::vector<std::string>> confirm(const User& user, const std::string& code);
  // Ok when `code` is a current TOTP code of the user not accepted before, or an unused
  // recovery code (then used up). Unauthenticated "code_wrong"; AlreadyExists "code_used".
  Status verify(const User& user, const std::string& code);
  // The secret of a confirmed or pending enrolment, for the demo's printed accounts and tests.
  Result<std::string> secret_of(int64_t user_id);
  // Sets a confirmed secret directly (the demo: its accounts are printed with their secrets).
  Status enrol_with(const User& user, const std::string& secret);

 private:
  Result<std::string> pending_or_confirmed_secret(int64_t user_id, bool confirmed);

  ports::UserRepository& users_;
  const Clock& clock_;
  const auth::SealingKey& key_;
  const std::string issuer_;
};

// A recovery code as typed (any case, with or without hyphens and spaces) in the form it is
// hashed in.
std::string normalise_recovery_code(const std::string& code);
// Whether `code` looks like a TOTP code (6 digits, spaces allowed) rather than a recovery code.
bool is_totp_code(const std::string& code);

}  // namespace mamori
