#pragma once
// A local SMTP server for tests: listens on 127.0.0.1 (a free port), accepts any sender,
// refuses the recipients it is told to, and keeps every message it accepts. It can speak
// STARTTLS or implicit TLS with a self-signed certificate made for it (CN localhost, IP
// 127.0.0.1; its PEM file is ca_file(), for the client to trust) and require AUTH PLAIN
// with one user, which it offers only over TLS, as real submission relays do.
//
// Threads: one thread serves one connection at a time; mails() may be read from any thread.

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace mamori::test {

struct SunkMail {
  std::vector<std::string> rcpt;
  std::string data;       // as received after DATA, without the final "."
  bool tls = false;       // it came over TLS
  std::string auth_user;  // the user it authenticated as ("" none)
};

struct SinkOptions {
  std::set<std::string> refuse;       // recipients answered 550
  enum class Tls { kNone, kStartTls, kImplicit } tls = Tls::kNone;
  std::string user, password;         // AUTH required when `user` is set
};

class SmtpSink {
 public:
  explicit SmtpSink(std::set<std::string> refuse = {}) : SmtpSink(SinkOptions{.refuse = std::move(refuse)}) {}
  explicit SmtpSink(SinkOptions options);
  ~SmtpSink();
  int port() const { return port_; }
  const std::string& ca_file() const { return ca_file_; }  // "" without TLS
  std::vector<SunkMail> mails() const;
  // Every AUTH attempt's outcome ("ok user" / "refused user"), in order.
  std::vector<std::string> auth_attempts() const;

 private:
  class Tls;
  void serve(int fd);
  SinkOptions options_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::string ca_file_;
  std::unique_ptr<Tls> tls_;
  mutable std::mutex mu_;
  std::vector<SunkMail> mails_;
  std::vector<std::string> auth_attempts_;
  std::thread thread_;
};

// Decodes RFC 2045 base64 (line breaks ignored).
std::string base64_decode(const std::string& in);

// Reading a sunk message: the value of header `name` (its first line), the decoded base64
// body, and the Subject unfolded with its encoded words (=?UTF-8?B?…?=) decoded and joined.
std::string header(const std::string& data, const std::string& name);
std::string decoded_body(const std::string& data);
std::string decoded_subject(const std::string& data);

}  // namespace mamori::test
