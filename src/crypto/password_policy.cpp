#include "crypto/password_policy.h"

#include <crack.h>

#include <mutex>

namespace mamori::auth {

namespace {

size_t chars_of(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// `a` contains `b` once case and white space are set aside (b at least 4 bytes).
bool contains_folded(const std::string& a, const std::string& b) {
  auto fold = [](const std::string& s) {
    std::string out;
    for (char c : lower_ascii(s))
      if (c != ' ' && c != '\t' && c != '-' && c != '_' && c != '.') out += c;
    return out;
  };
  const std::string fb = fold(b);
  return fb.size() >= 4 && fold(a).find(fb) != std::string::npos;
}

}  // namespace

Status check_new_password(const std::string& password, const PasswordOwner& owner) {
  if (password.size() > kMaxPasswordBytes) return Status::InvalidArgument("password_too_long");
  if (chars_of(password) < kMinPasswordChars)
    return Status::InvalidArgument("password_too_short", {{"min", std::to_string(kMinPasswordChars)}});
  if (!owner.login.empty() && contains_folded(password, owner.login)) return Status::InvalidArgument("password_is_login");
  if (!owner.body_name.empty() && contains_folded(password, owner.body_name))
    return Status::InvalidArgument("password_is_body_name");
  if (is_common_password(password)) return Status::InvalidArgument("password_common");
  static std::mutex mu;  // cracklib keeps static state
  std::lock_guard lock(mu);
  const char* why = FascistCheckUser(password.c_str(), GetDefaultCracklibDict(), owner.login.c_str(),
                                     owner.display_name.c_str());
  if (why) return Status::InvalidArgument("password_guessable", {{"reason", why}});
  return Status::Ok();
}

}  // namespace mamori::auth
