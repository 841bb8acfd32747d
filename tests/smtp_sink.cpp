#include "smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::test {

SmtpSink::SmtpSink(std::set<std::string> refuse) : refuse_(std::move(refuse)) {
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

void SmtpSink::serve(int fd) {
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto say = [fd](const std::string& s) { ::send(fd, s.data(), s.size(), MSG_NOSIGNAL); };
  std::string buf;
  auto line = [&](std::string& out) {
    for (;;) {
      if (auto nl = buf.find("\r\n"); nl != std::string::npos) {
        out = buf.substr(0, nl);
        buf.erase(0, nl + 2);
        return true;
      }
      char tmp[4096];
      ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
      if (n <= 0) return false;
      buf.append(tmp, static_cast<size_t>(n));
    }
  };
  say("220 sink ESMTP\r\n");
  SunkMail m;
  std::string l;
  while (line(l)) {
    if (l.rfind("EHLO", 0) == 0) say("250-sink\r\n250 8BITMIME\r\n");
    else if (l.rfind("MAIL FROM:", 0) == 0) say("250 OK\r\n");
    else if (l.rfind("RCPT TO:<", 0) == 0) {
      std::string addr = l.substr(9, l.size() - 10);
      if (refuse_.contains(addr)) say("550 5.1.1 no such user\r\n");
      else {
        m.rcpt.push_back(addr);
        say("250 OK\r\n");
      }
    } else if (l == "DATA") {
      say("354 go ahead\r\n");
      std::string data, d;
      while (line(d) && d != ".") data += d + "\r\n";
      m.data = data;
      {
        std::lock_guard g(mu_);
        mails_.push_back(m);
      }
      m = {};
      say("250 OK queued\r\n");
    } else if (l == "QUIT") {
      say("221 bye\r\n");
      return;
    } else say("500 unknown\r\n");
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

}  // namespace mamori::test
