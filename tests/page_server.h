#pragma once
// A local web server for tests of the publication check: listens on 127.0.0.1 (a free port)
// and answers every GET with the status and body it is set to, or a redirect to `redirect`.
// Threads: one thread serves one connection at a time; set() and requests() from any thread.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace mamori::test {

class PageServer {
 public:
  PageServer();
  ~PageServer();  // stops and joins
  int port() const { return port_; }
  std::string url(const std::string& path = "/security/policy") const;
  // What the next requests get: `status` with `body`; with `location`, a 302 there instead.
  void set(int status, std::string body, std::string location = "");
  int requests() const { return requests_; }

 private:
  void serve(int fd);
  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mu_;
  int status_ = 200;
  std::string body_ = "<html><body>情報セキュリティ基本方針</body></html>", location_;
  std::atomic<int> requests_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace mamori::test
