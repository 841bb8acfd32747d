#include "io/smtp_client.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <random>

namespace mamori::io {

namespace {

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], kAlphabet[n & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

// A header or address must not carry a line break (header injection).
bool one_line(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

// Unavailable "smtp_failed" at protocol `step` ("EHLO", "connect", …); `detail` is the
// relay's reply or the system's error text.
Status failed(const std::string& step, const std::string& detail) {
  return Status::Unavailable("smtp_failed", {{"step", step}, {"detail", detail}});
}

class Connection {
 public:
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status open(const SmtpConfig& c) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (int rc = ::getaddrinfo(c.host.c_str(), std::to_string(c.port).c_str(), &hints, &res); rc != 0)
      return failed("connect", c.host + ": " + ::gai_strerror(rc));
    for (addrinfo* a = res; a && fd_ < 0; a = a->ai_next) {
      int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      timeval tv{c.timeout_seconds, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) fd_ = fd;
      else ::close(fd);
    }
    ::freeaddrinfo(res);
    if (fd_ < 0) return failed("connect", c.host + ":" + std::to_string(c.port) + ": " + std::strerror(errno));
    return Status::Ok();
  }
  Status write(const std::string& data, const std::string& step) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return failed(step, std::strerror(errno));
      sent += static_cast<size_t>(n);
    }
    return Status::Ok();
  }
  // Reads one reply (possibly multi-line "250-…" … "250 …"): its code and last line.
  Status reply(int& code, std::string& text, const std::string& step) {
    for (;;) {
      MAMORI_RETURN_IF_ERROR(read_line(text, step));
      code = text.size() >= 3 ? std::atoi(text.substr(0, 3).c_str()) : 0;
      if (text.size() <= 3 || text[3] == ' ') return Status::Ok();
    }
  }
  // Reads one reply and requires its code to be `code`, or any 2xx when `code` is 200.
  Status expect(int code, const std::string& step) {
    int got = 0;
    std::string text;
    MAMORI_RETURN_IF_ERROR(reply(got, text, step));
    bool ok = code == 200 ? got >= 200 && got < 300 : got == code;
    return ok ? Status::Ok() : failed(step, text);
  }

 private:
  Status read_line(std::string& line, const std::string& step) {
    for (;;) {
      if (auto nl = buffer_.find("\r\n"); nl != std::string::npos) {
        line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 2);
        return Status::Ok();
      }
      if (buffer_.size() > 4096) return failed(step, "reply too long");
      char buf[1024];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return failed(step, n == 0 ? "connection closed" : std::strerror(errno));
      buffer_.append(buf, static_cast<size_t>(n));
    }
  }
  int fd_ = -1;
  std::string buffer_;
};

std::string rfc5322_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

namespace {

// RFC 2047: encoded words of at most 75 characters (here 64: 39 bytes of UTF-8, so that
// "Subject: " and the first word fit in 78), cut
// on character boundaries, folded onto continuation lines.
std::string encoded_words(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = std::min(text.size(), at + 39);
    while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

// Text lines end in CRLF (RFC 2045), whatever the message was written with.
std::string crlf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

std::string format_mail(const SmtpConfig& config, const Mail& mail, const std::string& date_rfc5322,
                        const std::string& message_id) {
  std::string to;
  for (const auto& r : mail.to) to += (to.empty() ? "" : ",\r\n ") + r;
  std::string out = "From: " + config.from + "\r\nTo: " + to + "\r\nSubject: " + encoded_words(mail.subject) +
                    "\r\nDate: " + date_rfc5322 + "\r\nMessage-ID: <" + message_id +
                    ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string encoded = base64(crlf(mail.body));
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;  // base64 lines never start with ".", so no dot-stuffing is needed
}

Result<std::vector<std::string>> send_mail(const SmtpConfig& config, const Mail& mail) {
  if (!config.enabled()) return failed("configuration", "SMTP server not configured");
  if (mail.to.empty()) return failed("recipients", "no recipients");
  if (!one_line(config.from)) return failed("sender", "bad sender address");
  for (const auto& r : mail.to)
    if (!one_line(r) || r.find('@') == std::string::npos) return failed("recipients", "bad address " + r);
  Connection c;
  MAMORI_RETURN_IF_ERROR(c.open(config));
  MAMORI_RETURN_IF_ERROR(c.expect(220, "connect"));
  MAMORI_RETURN_IF_ERROR(c.write("EHLO mamori\r\n", "EHLO"));
  MAMORI_RETURN_IF_ERROR(c.expect(200, "EHLO"));
  MAMORI_RETURN_IF_ERROR(c.write("MAIL FROM:<" + config.from + ">\r\n", "MAIL FROM"));
  MAMORI_RETURN_IF_ERROR(c.expect(200, "MAIL FROM"));
  std::vector<std::string> refused;
  std::string last_refusal;
  for (const auto& r : mail.to) {
    MAMORI_RETURN_IF_ERROR(c.write("RCPT TO:<" + r + ">\r\n", "RCPT TO " + r));
    int code = 0;
    std::string text;
    MAMORI_RETURN_IF_ERROR(c.reply(code, text, "RCPT TO " + r));
    if (code < 200 || code >= 300) {
      refused.push_back(r);
      last_refusal = text;
    }
  }
  if (refused.size() == mail.to.size()) return failed("RCPT TO", last_refusal);
  MAMORI_RETURN_IF_ERROR(c.write("DATA\r\n", "DATA"));
  MAMORI_RETURN_IF_ERROR(c.expect(354, "DATA"));
  std::mt19937_64 rng(std::random_device{}());
  std::string id = std::to_string(std::time(nullptr)) + "." + std::to_string(rng()) + "@mamori";
  MAMORI_RETURN_IF_ERROR(c.write(format_mail(config, mail, rfc5322_now(), id) + ".\r\n", "DATA"));
  MAMORI_RETURN_IF_ERROR(c.expect(200, "DATA"));
  (void)c.write("QUIT\r\n", "QUIT");  // the mail is accepted; the goodbye does not matter
  return refused;
}

}  // namespace mamori::io
