// The HTTP server. Beast is confined to server.cpp; callers give a dispatch
// function over the project's own Request/Response types.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/compression.h"
#include "http/request.h"

namespace mamori::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (tests)
  int io_threads = 2;
  // Handler threads (WorkPool), for work that may block. An autosave usually runs on the I/O
  // thread and never holds one while its commit is pending (the store's writer answers it);
  // other handlers may block on the store (docs/PERFORMANCE.md).
  int worker_threads = 64;
  size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  CompressionOptions compression;  // gzip of answers on the fly (http/compression.h)
};

// Answers a request before returning; runs on a worker thread, so it may block.
using Dispatch = std::function<Response(Request&)>;
// Answers a request through `respond` (http/request.h), possibly after returning. Called on
// an I/O thread, which serves many connections: it must not block, and hands work that may
// block to a worker thread through `defer` (moving what it needs of the request, which
// does not outlive the call).
using AsyncDispatch = std::function<void(Request&, Responder, Defer)>;

class Server {
 public:
  Server(ServerOptions opts, AsyncDispatch dispatch);
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
