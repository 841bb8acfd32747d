#pragma once
// Outgoing e-mail. Implemented by io/smtp_client.* (a relay the operator runs); services
// compose the mail and see only this interface.

#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

struct Mail {
  std::vector<std::string> to;
  std::string subject;  // UTF-8
  std::string body;     // UTF-8 text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // False when no relay is configured: e-mail is off and send() must not be called.
  virtual bool enabled() const = 0;
  // Sends `mail` and returns the recipients the relay refused (the mail still goes to the
  // others). Errors: Unavailable "smtp_failed" (no connection, every recipient refused, a
  // timeout). Blocks for at most the configured timeout per step; callable from any thread.
  virtual Result<std::vector<std::string>> send(const Mail& mail) = 0;
};

}  // namespace mamori::ports
