#include "crypto/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>
#include <string_view>

#include "crypto/password.h"

namespace mamori::auth {

namespace {

void init_oath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

// The raw bytes of a base32 secret; "" when it does not decode.
std::string decode(const std::string& base32) {
  init_oath();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(base32.data(), base32.size(), &out, &len) != OATH_OK || !out) return "";
  std::string raw(out, len);
  std::free(out);
  return raw;
}

std::string code_of(const std::string& raw, int64_t step) {
  char otp[7] = {};
  if (oath_totp_generate(raw.data(), raw.size(), static_cast<time_t>(step * kTotpStepSeconds), kTotpStepSeconds, 0, 6,
                         otp) != OATH_OK)
    return "";
  return std::string(otp, 6);
}

std::string uri_escape(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  init_oath();
  const std::string hex = random_token(20);
  std::string raw;
  for (size_t i = 0; i < hex.size(); i += 2) raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &len) != OATH_OK || !out) return "";
  std::string b32(out, len);
  std::free(out);
  while (!b32.empty() && b32.back() == '=') b32.pop_back();
  return b32;
}

int64_t totp_step(int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

std::string totp_code(const std::string& secret_base32, int64_t step) {
  const std::string raw = decode(secret_base32);
  return raw.empty() ? "" : code_of(raw, step);
}

Result<int64_t> totp_matching_step(const std::string& secret_base32, const std::string& code, int64_t unix_seconds) {
  std::string digits;
  for (char c : code)
    if (c != ' ') digits += c;
  const std::string raw = decode(secret_base32);
  if (raw.empty() || digits.size() != 6) return Status::InvalidArgument("code_wrong");
  const int64_t now = totp_step(unix_seconds);
  int64_t found = -1;
  for (int64_t step = now - 1; step <= now + 1; ++step)  // every candidate compared, whatever matched
    if (equal_constant_time(code_of(raw, step), digits) && found < 0) found = step;
  if (found < 0) return Status::InvalidArgument("code_wrong");
  return found;
}

std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32) {
  return "otpauth://totp/" + uri_escape(issuer) + ":" + uri_escape(account) + "?secret=" + secret_base32 +
         "&issuer=" + uri_escape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace mamori::auth
