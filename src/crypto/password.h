// Password hashing (Argon2id via libsodium) and random tokens.
#pragma once

#include <string>

#include "base/status.h"

namespace mamori::auth {

enum class HashCost {
  kInteractive,  // production: libsodium's interactive limits (64 MiB)
  kMinimum,      // tests and benchmarks only: the lowest limits libsodium allows
};

// Initialises libsodium; call once before anything else here. Idempotent.
Status init_crypto();
Result<std::string> hash_password(const std::string& password, HashCost cost = HashCost::kInteractive);
bool verify_password(const std::string& hash, const std::string& password);
// `bytes` random bytes as lower-case hex.
std::string random_token(size_t bytes = 32);
// SHA-256 of `s` as lower-case hex (session tokens are stored hashed).
std::string sha256_hex(const std::string& s);
// Constant-time string comparison.
bool equal_constant_time(const std::string& a, const std::string& b);
// Minimum password rules: 12+ characters. InvalidArgument "weak_password".
Status check_password_rules(const std::string& password);

}  // namespace mamori::auth
