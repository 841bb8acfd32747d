#pragma once
// A local SMTP server for tests: listens on 127.0.0.1 (a free port), accepts any sender,
// refuses the recipients it is told to, and keeps every message it accepts.

#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace mamori::test {

struct SunkMail {
  std::vector<std::string> rcpt;
  std::string data;  // as received after DATA, without the final "."
};

class SmtpSink {
 public:
  explicit SmtpSink(std::set<std::string> refuse = {});
  ~SmtpSink();
  int port() const { return port_; }
  std::vector<SunkMail> mails() const;

 private:
  void serve(int fd);
  int listen_fd_ = -1;
  int port_ = 0;
  std::set<std::string> refuse_;
  mutable std::mutex mu_;
  std::vector<SunkMail> mails_;
  std::thread thread_;
};

// Decodes RFC 2045 base64 (line breaks ignored).
std::string base64_decode(const std::string& in);

}  // namespace mamori::test
