#include "smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cstdio>

namespace mamori::test {

// The sink's TLS: a fresh P-256 key and a self-signed certificate for localhost and
// 127.0.0.1, valid for an hour, written as PEM to a temporary file the client trusts.
class SmtpSink::Tls {
 public:
  Tls() {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
                              std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
      X509_add_ext(cert, ext, -1);
      X509_EXTENSION_free(ext);
    }
    X509_sign(cert, key, EVP_sha256());
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, cert);
    SSL_CTX_use_PrivateKey(ctx_, key);
    char path[] = "/tmp/mamori-smtp-ca-XXXXXX";
    int fd = ::mkstemp(path);
    FILE* f = ::fdopen(fd, "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    path_ = path;
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  ~Tls() {
    SSL_CTX_free(ctx_);
    std::remove(path_.c_str());
  }
  SSL_CTX* ctx() const { return ctx_; }
  const std::string& path() const { return path_; }

 private:
  SSL_CTX* ctx_ = nullptr;
  std::string path_;
};

namespace {

// One client connection: plain, or TLS once start_tls() succeeded.
class Channel {
 public:
  explicit Channel(int fd) : fd_(fd) {}
  ~Channel() {
    if (ssl_) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
    }
  }
  bool tls() const { return ssl_ != nullptr; }
  bool start_tls(SSL_CTX* ctx) {
    buffer_.clear();
    ssl_ = SSL_new(ctx);
    SSL_set_fd(ssl_, fd_);
    return SSL_accept(ssl_) == 1;
  }
  void say(const std::string& s) {
    if (ssl_) SSL_write(ssl_, s.data(), static_cast<int>(s.size()));
    else ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL);
  }
  // One CRLF-ended line, without the CRLF; false when the client went away.
  bool line(std::string& out) {
    for (;;) {
      if (auto nl = buffer_.find("\r\n"); nl != std::string::npos) {
        out = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 2);
        return true;
      }
      char tmp[4096];
      ssize_t n = ssl_ ? SSL_read(ssl_, tmp, sizeof tmp) : ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return false;
      buffer_.append(tmp, static_cast<size_t>(n));
    }
  }
  bool buffered() const { return !buffer_.empty(); }

 private:
  int fd_;
  SSL* ssl_ = nullptr;
  std::string buffer_;
};

}  // namespace

SmtpSink::SmtpSink(SinkOptions options) : options_(std::move(options)) {
  if (options_.tls != SinkOptions::Tls::kNone) {
    tls_ = std::make_unique<Tls>();
    ca_file_ = tls_->path();
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(listen_fd_, 8);
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] {
    for (;;) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) < 0 || (p.revents & (POLLERR | POLLNVAL))) return;
      if (!(p.revents & POLLIN)) {
        std::lock_guard l(mu_);
        if (listen_fd_ < 0) return;
        continue;
      }
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      serve(fd);
      ::close(fd);
    }
  });
}

SmtpSink::~SmtpSink() {
  int fd;
  {
    std::lock_guard l(mu_);
    fd = listen_fd_;
    listen_fd_ = -1;
  }
  ::shutdown(fd, SHUT_RDWR);
  thread_.join();
  ::close(fd);
}

std::vector<SunkMail> SmtpSink::mails() const {
  std::lock_guard l(mu_);
  return mails_;
}

std::vector<std::string> SmtpSink::auth_attempts() const {
  std::lock_guard l(mu_);
  return auth_attempts_;
}

void SmtpSink::serve(int fd) {
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  Channel ch(fd);
  using T = SinkOptions::Tls;
  if (options_.tls == T::kImplicit && !ch.start_tls(tls_->ctx())) return;
  ch.say("220 sink ESMTP\r\n");
  SunkMail m;
  std::string l;
  while (ch.line(l)) {
    if (l.rfind("EHLO", 0) == 0) {
      std::string offer = "250-sink\r\n";
      if (options_.tls == T::kStartTls && !ch.tls()) offer += "250-STARTTLS\r\n";
      if (!options_.user.empty() && ch.tls()) offer += "250-AUTH PLAIN\r\n";
      ch.say(offer + "250 8BITMIME\r\n");
    } else if (l == "STARTTLS" && options_.tls == T::kStartTls && !ch.tls()) {
      if (ch.buffered()) return;  // commands pipelined past STARTTLS: an injection, hang up
      ch.say("220 2.0.0 ready to start TLS\r\n");
      if (!ch.start_tls(tls_->ctx())) return;
      m = {};
    } else if (l.rfind("AUTH PLAIN", 0) == 0 && !options_.user.empty() && ch.tls()) {
      std::string response = l.size() > 11 ? l.substr(11) : "";
      if (response.empty()) {
        ch.say("334 \r\n");
        if (!ch.line(response)) return;
      }
      std::string plain = base64_decode(response);  // authzid NUL user NUL password
      size_t a = plain.find('\0'), b = a == std::string::npos ? a : plain.find('\0', a + 1);
      std::string user = b == std::string::npos ? "" : plain.substr(a + 1, b - a - 1);
      bool ok = b != std::string::npos && user == options_.user && plain.substr(b + 1) == options_.password;
      {
        std::lock_guard g(mu_);
        auth_attempts_.push_back((ok ? "ok " : "refused ") + user);
      }
      if (ok) m.auth_user = user;
      ch.say(ok ? "235 2.7.0 authenticated\r\n" : "535 5.7.8 authentication credentials invalid\r\n");
    } else if (l.rfind("MAIL FROM:", 0) == 0) {
      ch.say(!options_.user.empty() && m.auth_user.empty() ? "530 5.7.0 authentication required\r\n" : "250 OK\r\n");
    } else if (l.rfind("RCPT TO:<", 0) == 0) {
      std::string addr = l.substr(9, l.find('>') - 9);
      if (options_.refuse.contains(addr)) ch.say("550 5.1.1 no such user\r\n");
      else {
        m.rcpt.push_back(addr);
        ch.say("250 OK\r\n");
      }
    } else if (l == "DATA") {
      ch.say("354 go ahead\r\n");
      std::string data, d;
      while (ch.line(d) && d != ".") data += d + "\r\n";
      m.data = data;
      m.tls = ch.tls();
      {
        std::lock_guard g(mu_);
        mails_.push_back(m);
      }
      m.rcpt.clear();
      m.data.clear();
      ch.say("250 OK queued\r\n");
    } else if (l == "QUIT") {
      ch.say("221 bye\r\n");
      return;
    } else ch.say("502 5.5.1 not offered\r\n");
  }
}

std::string base64_decode(const std::string& in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    int v = val(c);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

std::string header(const std::string& data, const std::string& name) {
  auto at = data.find("\r\n" + name + ": ");
  if (data.rfind(name + ": ", 0) == 0) at = 0;
  else if (at == std::string::npos) return {};
  else at += 2;
  at += name.size() + 2;
  return data.substr(at, data.find("\r\n", at) - at);
}
std::string decoded_body(const std::string& data) { return base64_decode(data.substr(data.find("\r\n\r\n") + 4)); }
std::string decoded_subject(const std::string& data) {
  size_t at = data.find("Subject: ") + 9;
  std::string raw;
  for (size_t end; (end = data.find("\r\n", at)) != std::string::npos; at = end + 2) {
    raw += data.substr(at, end - at);
    if (data[end + 2] != ' ') break;
  }
  std::string out;
  for (size_t w = 0; (w = raw.find("=?UTF-8?B?", w)) != std::string::npos;) {
    size_t e = raw.find("?=", w + 10);
    out += base64_decode(raw.substr(w + 10, e - w - 10));
    w = e + 2;
  }
  return out;
}

}  // namespace mamori::test
