#pragma once
// Sending one e-mail through an SMTP relay (RFC 5321), plain text in UTF-8.
//
// mamori hands mail to a relay the operator runs (typically the local MTA on 127.0.0.1:25,
// which does TLS and delivery onwards); this client speaks plain SMTP with EHLO, no AUTH
// and no STARTTLS (docs/OPERATIONS.md). Every read and write has a timeout, so a relay that
// hangs fails the send instead of blocking the caller.

#include <string>
#include <vector>

#include "base/status.h"
#include "ports/mailer.h"

namespace mamori::io {

struct SmtpConfig {
  std::string host;  // "" = no SMTP: e-mail is off
  int port = 25;
  std::string from;  // envelope and header sender, e.g. "noreply@mamori.example"
  int timeout_seconds = 10;
  bool enabled() const { return !host.empty(); }
};

using ports::Mail;


// The message as sent after DATA (headers, blank line, base64 body; CRLF line ends,
// without the final "."). Exposed for tests.
std::string format_mail(const SmtpConfig& config, const Mail& mail, const std::string& date_rfc5322,
                        const std::string& message_id);

// Sends `mail` in one SMTP session and returns the recipients the relay refused (the mail
// still goes to the others). Errors: Unavailable "smtp_failed" naming the step and the
// relay's reply (no connection, every recipient refused, a timeout).
Result<std::vector<std::string>> send_mail(const SmtpConfig& config, const Mail& mail);

// The Mailer port over send_mail with one configuration.
class SmtpMailer final : public ports::Mailer {
 public:
  explicit SmtpMailer(SmtpConfig config) : config_(std::move(config)) {}
  bool enabled() const override { return config_.enabled(); }
  Result<std::vector<std::string>> send(const Mail& mail) override { return send_mail(config_, mail); }

 private:
  SmtpConfig config_;
};

}  // namespace mamori::io
