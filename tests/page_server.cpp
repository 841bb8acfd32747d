#include "page_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace mamori::test {

PageServer::PageServer() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listen_fd_, 8) != 0)
    throw std::runtime_error("page server: cannot listen");
  socklen_t len = sizeof a;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      const int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd >= 0) serve(fd);
    }
  });
}

PageServer::~PageServer() {
  stopping_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string PageServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void PageServer::set(int status, std::string body, std::string location) {
  std::lock_guard lock(mu_);
  status_ = status;
  body_ = std::move(body);
  location_ = std::move(location);
}

void PageServer::serve(int fd) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    request.append(buf, static_cast<size_t>(n));
  }
  ++requests_;
  std::string response;
  {
    std::lock_guard lock(mu_);
    const int status = location_.empty() ? status_ : 302;
    response = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/html; charset=utf-8\r\n";
    if (!location_.empty()) response += "Location: " + location_ + "\r\n";
    response += "Content-Length: " + std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" + body_;
  }
  for (size_t sent = 0; sent < response.size();) {
    const ssize_t n = write(fd, response.data() + sent, response.size() - sent);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  close(fd);
}

}  // namespace mamori::test
