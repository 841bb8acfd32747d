#pragma once
// Sending one e-mail through an SMTP relay (RFC 5321), plain text in UTF-8, with libcurl.
//
// mamori hands mail to a relay the operator names (docs/OPERATIONS.md): a submission server
// that requires STARTTLS and AUTH (the default: STARTTLS, refused if the relay does not offer
// it), one with implicit TLS (port 465), or a local MTA on this machine in plain SMTP. The
// relay's certificate is verified (the system's CAs, or a CA file). The whole exchange has a
// timeout, so a relay that hangs fails the send instead of blocking the caller.
//
// Threads: send_mail may be called from any thread at once; each call is its own libcurl
// handle and connection.

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ports/mailer.h"

namespace mamori::io {

enum class SmtpTls {
  kStartTls,  // plain connection upgraded by STARTTLS; a relay that does not offer it is refused
  kImplicit,  // TLS from the first byte ("smtps", usually port 465)
  kNone,      // plain SMTP: only to a relay on this machine (validate_smtp_config)
};

struct SmtpConfig {
  std::string host;  // "" = no SMTP: e-mail is off
  int port = 587;
  std::string from;  // envelope and header sender, e.g. "noreply@mamori.example"
  SmtpTls tls = SmtpTls::kStartTls;
  std::string username;  // AUTH when not empty (the relay picks the mechanism with libcurl)
  std::string password;  // read from a file by the CLI, never from the command line
  std::string ca_file;   // PEM file of the CAs to trust; "" = the system's
  int timeout_seconds = 10;
  bool enabled() const { return !host.empty(); }
};

// "starttls" | "tls" | "none" → SmtpTls; nullopt for anything else.
std::optional<SmtpTls> parse_smtp_tls(const std::string& text);

// Checks a configuration before the server starts. Errors (InvalidArgument):
// "smtp_config_plain_remote" (plain SMTP to a host that is not this machine: the mails carry
// sign-in links), "smtp_config_password_without_tls", "smtp_config_password_without_user",
// "smtp_config_port", "smtp_config_from".
Status validate_smtp_config(const SmtpConfig& config);

using ports::Mail;

// The message as sent after DATA (headers, blank line, base64 body; CRLF line ends,
// without the final "."). Exposed for tests.
std::string format_mail(const SmtpConfig& config, const Mail& mail, const std::string& date_rfc5322,
                        const std::string& message_id);

// Sends `mail` in one SMTP session and returns the recipients the relay refused (the mail
// still goes to the others). Errors: Unavailable "smtp_failed" naming the step (connect,
// STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA) and the relay's reply or libcurl's error (no
// connection, no STARTTLS offered, an untrusted certificate, refused credentials, every
// recipient refused, a timeout); a bad address is "smtp_failed" before connecting.
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
