#pragma once
// The mails of the account lifecycle, ja first then en: the link of an invitation or a reset,
// and the notice that a credential changed (OWASP ASVS 2.2.3, 2.5.5), which tells the person
// what changed and when, and whom to tell if it was not them. Pure: composing only.

#include <chrono>
#include <string>

#include "base/clock.h"
#include "domain/model.h"
#include "ports/mailer.h"
#include "ports/users.h"

namespace mamori {

// The mail carrying `link` for a token of `purpose` (ports::kTokenInvitation or kTokenReset).
ports::Mail token_mail(const User& user, const std::string& purpose, const std::string& link,
                       std::chrono::seconds valid);

enum class CredentialChange {
  kPassword,            // changed by the person, or set with a reset link
  kSecondFactorAdded,   // an authenticator app was enrolled
  kSecondFactorReset,   // MIC's administrator removed it (the person must enrol again)
};

// The notice to `user` that `change` happened at `when` (shown in Japan time).
ports::Mail credential_notice(const User& user, CredentialChange change, TimePoint when);

}  // namespace mamori
