#include "crypto/password.h"

#include <sodium.h>

namespace mamori::auth {

Status init_crypto() {
  if (sodium_init() < 0) return Status::Internal("libsodium initialisation failed");
  return Status::Ok();
}

Result<std::string> hash_password(const std::string& password, HashCost cost) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = cost == HashCost::kMinimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = cost == HashCost::kMinimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("password hashing ran out of memory");
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string sha256_hex(const std::string& s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  std::string hex(sizeof h * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), h, sizeof h);
  hex.pop_back();
  return hex;
}

bool equal_constant_time(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Status check_password_rules(const std::string& password) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  if (chars < 12)
    return Status::InvalidArgument("weak_password");
  return Status::Ok();
}

}  // namespace mamori::auth
