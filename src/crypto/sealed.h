// Secrets sealed at rest (the second factor's TOTP secrets) with a key from the server's
// configuration: libsodium's secretbox (XSalsa20-Poly1305), a new random nonce per seal.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace mamori::auth {

class SealingKey {
 public:
  // From 64 hex characters (32 bytes), surrounding white space ignored. InvalidArgument
  // "bad_secret_key" otherwise.
  static Result<SealingKey> from_hex(const std::string& hex);
  // A new random key, as 64 hex characters (for `mamori init` / a new key file).
  static std::string generate_hex();

  // "s1:" + hex(nonce ‖ box). Never fails.
  std::string seal(const std::string& plain) const;
  // The plain text of seal()'s output. Internal when it was sealed with another key, was
  // altered, or is not a sealed text (a fault of the deployment, not of the user).
  Result<std::string> open(const std::string& sealed) const;

  // A signature of `message` for `purpose` (e.g. "workbook"): HMAC-SHA-256 under a key
  // derived from this one for that purpose alone, as 64 hex characters. What the server
  // hands out and must recognise unaltered later (a downloaded workbook's identity).
  std::string sign(std::string_view purpose, std::string_view message) const;
  // Whether `signature` is sign(purpose, message), compared in constant time.
  bool verify(std::string_view purpose, std::string_view message, std::string_view signature) const;

 private:
  std::string key_;  // 32 raw bytes
};

}  // namespace mamori::auth
