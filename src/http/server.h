// The HTTP server. Beast is confined to server.cpp; callers give a dispatch
// function over the project's own Request/Response types.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/request.h"

namespace mamori::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (tests)
  int io_threads = 2;
  int worker_threads = 256;     // handlers block on the store; one per connection in flight
  size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
};

using Dispatch = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions opts, Dispatch dispatch);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving in background threads; returns the bound port.
  Result<unsigned short> start();
  // Stops accepting, finishes, joins threads. Idempotent.
  void stop();
  // Blocks until SIGINT/SIGTERM, then stops.
  void wait_for_signal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori::http
