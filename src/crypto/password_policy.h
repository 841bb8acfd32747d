// Whether a new password may be used (NIST SP 800-63B §5.1.1.2): at least 12 characters, no
// composition rules, and refused when it is the login or the body's name, when cracklib
// finds it (its dictionary, Debian cracklib-runtime) or when it is in the bundled list of
// common passwords (common_passwords.cpp).
#pragma once

#include <string>

#include "base/status.h"

namespace mamori::auth {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 1000;

struct PasswordOwner {
  std::string login;
  std::string display_name;
  std::string body_name;  // "" for national users
};

// Ok, or InvalidArgument with the reason as its code: "password_too_short" {min},
// "password_too_long", "password_is_login", "password_is_body_name",
// "password_common" (the bundled list), "password_guessable" (cracklib; {reason} in English).
// Thread-safe (cracklib is called under a lock).
Status check_new_password(const std::string& password, const PasswordOwner& owner);

// Whether `password` is in the bundled list (compared without case). For tests.
bool is_common_password(const std::string& password);

}  // namespace mamori::auth
