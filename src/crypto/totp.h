// Time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) with
// liboath, for the second factor of signing in.
#pragma once

#include <chrono>
#include <string>

#include "base/status.h"

namespace mamori::auth {

inline constexpr int kTotpStepSeconds = 30;

// A new random secret (160 bits) in base32 without padding, as authenticator apps take it.
std::string new_totp_secret();
// The time step of `unix_seconds`.
int64_t totp_step(int64_t unix_seconds);
// The 6-digit code of `step` for a base32 secret; "" when the secret does not decode.
std::string totp_code(const std::string& secret_base32, int64_t step);
// The step, from the one before `unix_seconds`' to the one after (a clock off by up to 30 s
// on either side), whose code is `code` (spaces ignored). InvalidArgument "code_wrong" when
// none is. Constant time in the code compared.
Result<int64_t> totp_matching_step(const std::string& secret_base32, const std::string& code, int64_t unix_seconds);
// otpauth://totp/<issuer>:<account>?secret=…&issuer=…, what an authenticator app scans.
std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32);

}  // namespace mamori::auth
