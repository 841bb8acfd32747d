#include "crypto/sealed.h"

#include <sodium.h>

#include "crypto/password.h"

namespace mamori::auth {

namespace {

std::string from_hex_bytes(const std::string& hex) {
  std::string raw(hex.size() / 2 + 1, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0)
    return "";
  raw.resize(len);
  return raw;
}

std::string to_hex(const unsigned char* p, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), p, n);
  hex.pop_back();
  return hex;
}

}  // namespace

Result<SealingKey> SealingKey::from_hex(const std::string& text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  size_t e = text.find_last_not_of(" \t\r\n");
  const std::string hex = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  if (hex.size() != crypto_secretbox_KEYBYTES * 2) return Status::InvalidArgument("bad_secret_key");
  SealingKey k;
  k.key_ = from_hex_bytes(hex);
  if (k.key_.size() != crypto_secretbox_KEYBYTES) return Status::InvalidArgument("bad_secret_key");
  return k;
}

std::string SealingKey::generate_hex() { return random_token(crypto_secretbox_KEYBYTES); }

std::string SealingKey::seal(const std::string& plain) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(p, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), p, reinterpret_cast<const unsigned char*>(key_.data()));
  return "s1:" + to_hex(p, out.size());
}

Result<std::string> SealingKey::open(const std::string& sealed) const {
  if (sealed.rfind("s1:", 0) != 0) return Status::Internal("a sealed secret could not be opened: another key, or altered");
  const std::string raw = from_hex_bytes(sealed.substr(3));
  if (raw.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return Status::Internal("a sealed secret could not be opened: another key, or altered");
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(raw.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), p + crypto_secretbox_NONCEBYTES,
                                 raw.size() - crypto_secretbox_NONCEBYTES, p,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return Status::Internal("a sealed secret could not be opened: another key, or altered");
  return plain;
}

std::string SealingKey::sign(std::string_view purpose, std::string_view message) const {
  // The purpose's own key: BLAKE2b keyed with this key over the purpose.
  unsigned char sub[crypto_auth_hmacsha256_KEYBYTES];
  crypto_generichash(sub, sizeof sub, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sub);
  sodium_memzero(sub, sizeof sub);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool SealingKey::verify(std::string_view purpose, std::string_view message, std::string_view signature) const {
  const std::string expected = sign(purpose, message);
  return signature.size() == expected.size() && sodium_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

}  // namespace mamori::auth
