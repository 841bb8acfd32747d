#pragma once
// The account lifecycle: a person's own password and second factor, and MIC's
// administration of accounts (invite, disable and enable, roles and expiry, resetting a
// password or a second factor). Invitations (24 h) and resets (1 h) are single-use tokens
// stored hashed, sent by e-mail when SMTP is configured, or handed to the administrator as a
// one-time link. Every change is recorded in the audit trail; each one that matters to a
// signed-in person's rights ends that user's sessions (ports/users.h).
//
// Mails (the links, and a notice to the person whenever a password or second factor changes)
// go out through the service's own MailQueue, after the answer: a reset request answers the same,
// in the same time, whatever the address. The notices are sent only when SMTP is configured
// and the person has an address; a failed notice is logged, the change stands.
//
// Thread-safe. Every argument of the constructor outlives the service; its destructor sends
// the mails still queued.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/password.h"
#include "ports/bodies.h"
#include "ports/mailer.h"
#include "ports/users.h"
#include "services/accounts/account_mails.h"
#include "services/audit/audit_trail.h"
#include "services/mail/mail_queue.h"
#include "services/session/second_factors.h"

namespace mamori {

struct AccountOptions {
  std::chrono::seconds invitation_valid = std::chrono::hours(24);
  std::chrono::seconds reset_valid = std::chrono::hours(1);
  // The address people open mamori at, for the links in mails ("https://mamori.example").
  std::string public_url = "http://127.0.0.1:8080";
  auth::HashCost hash_cost = auth::HashCost::kInteractive;
};

// A new account, as MIC enters it.
struct NewAccount {
  std::string login;
  std::string display_name;
  std::string body_code;
  std::vector<Role> roles;
  std::string email;
  std::optional<std::string> expires_at;
  std::string ministry;  // a partner analyst's ministry ("ppc", "nco")
};

// How a token reached its person: by e-mail, or as a link for the administrator to hand over.
struct TokenDelivery {
  int64_t user_id = 0;
  bool mailed = false;
  std::string link;  // only when not mailed; shown once
};

class AccountService {
 public:
  AccountService(ports::UserRepository& users, ports::BodyRepository& bodies, SecondFactors& factors, AuditTrail& audit,
                 ports::Mailer& mailer, const Clock& clock, AccountOptions options = {});

  // --- One's own account (`actor.user` is the person).
  // Checks the old password and, when the person has a second factor, a code; checks the new
  // password (crypto/password_policy.h); stores it and ends every other session of the user.
  // Unauthenticated "password_wrong" / "code_wrong"; AlreadyExists "code_used";
  // InvalidArgument as check_new_password, or "password_unchanged".
  Status change_password(const Actor& actor, const std::string& keep_session, const std::string& old_password,
                         const std::string& new_password, const std::string& code);
  Result<Enrolment> begin_enrolment(const Actor& actor);
  Result<std::vector<std::string>> confirm_enrolment(const Actor& actor, const std::string& code);

  // --- Tokens (no session).
  // Sends a reset link to every account with this e-mail address, when SMTP is configured.
  // Always Ok, whatever the address: the answer must not tell whether it exists, so the lookup,
  // the token and the mail run after the answer, in the MailQueue (the trail records which).
  Status request_reset(const Actor& actor, const std::string& email);
  // The login of a usable token, for the page that sets the password. NotFound "token_invalid".
  Result<User> token_owner(const std::string& token, const std::string& purpose);
  // Sets the password with a token (used up), ending the user's sessions. NotFound
  // "token_invalid"; InvalidArgument as check_new_password.
  Status redeem(const Actor& actor, const std::string& token, const std::string& purpose, const std::string& password);

  // --- Administration (`actor.user` is MIC's administrator).
  Result<TokenDelivery> invite(const Actor& actor, const NewAccount& account);
  Result<TokenDelivery> send_reset(const Actor& actor, int64_t user_id);
  Status change_account(const Actor& actor, int64_t user_id, const ports::AccountChange& change);
  Status reset_second_factor(const Actor& actor, int64_t user_id);

  // Blocks until the mails queued so far are sent (tests).
  void drain_mail() { mail_queue_.drain(); }

 private:
  Result<TokenDelivery> issue_token(const User& user, const std::string& purpose);
  void reset_for_address(const Actor& actor, const std::string& email);
  // Queues the notice of `change` to `user` (nothing without SMTP or an address).
  void notify(const User& user, CredentialChange change);
  Status check_password_for(const User& user, const std::string& password);
  Status record(const Actor& actor, const std::string& action, const std::string& body, const std::string& target,
                const Status& outcome);

  ports::UserRepository& users_;
  ports::BodyRepository& bodies_;
  SecondFactors& factors_;
  AuditTrail& audit_;
  ports::Mailer& mailer_;
  const Clock& clock_;
  const AccountOptions options_;
  MailQueue mail_queue_;  // last: destroyed first, sending what is queued while the rest still exists
};

}  // namespace mamori
