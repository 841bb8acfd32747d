// The HTTP server. Beast is confined to server.cpp; callers give a dispatch
// function over the project's own Request/Response types.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/compression.h"
#include "http/request.h"

namespace mamori::http {

// Limits on connections and on how long a client may take (docs/OPERATIONS.md, "Connections
// and timeouts"): what keeps idle, slow or too many clients from stopping the server.
struct ConnectionLimits {
  // Open connections at once; beyond it a new connection gets 503 "too_many_connections" and
  // is closed. 0 = from the file-descriptor limit (the soft RLIMIT_NOFILE less `reserved_fds`
  // kept for the database, files and the store), so the server never runs out of descriptors.
  int max_connections = 0;
  int reserved_fds = 256;
  // Open connections from one peer address; the same refusal beyond it. Addresses in
  // `unlimited` (the trusted reverse proxies, which carry everyone's connections) have none.
  int max_per_address = 256;
  std::vector<std::string> unlimited;
  // From the first byte of a request to the end of its header.
  std::chrono::milliseconds header_timeout{10'000};
  // Reading a body of n bytes may take header_timeout + n / min_body_rate.
  size_t min_body_rate = 16 * 1024;  // bytes per second
  // Waiting for the first byte of a request: a new connection's first, or the next one on a
  // kept-alive connection.
  std::chrono::milliseconds idle_timeout{15'000};
  // Sending an answer: each write to the socket (whose send buffer is fixed at 256 KiB; the
  // kernel takes more once half of it has drained) must complete within `write_stall`, and
  // after `write_grace` the client must have taken at least `min_send_rate` bytes per second
  // on average, so a large download over a slow link goes on as long as it moves.
  std::chrono::milliseconds write_stall{30'000};
  std::chrono::milliseconds write_grace{60'000};
  size_t min_send_rate = 16 * 1024;  // bytes per second
};

// What the server counted since it started (tests, the benchmark).
struct ServerStats {
  int64_t accepted = 0;
  int64_t refused = 0;        // over a connection limit
  int64_t accept_errors = 0;  // accept() failed (EMFILE, ENFILE, ENOBUFS…): each waits before the next try
  int64_t open = 0;           // open now
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (tests)
  int io_threads = 2;
  // Handler threads (WorkPool), for work that may block. An autosave usually runs on the I/O
  // thread and never holds one while its commit is pending (the store's writer answers it);
  // other handlers may block on the store (docs/PERFORMANCE.md).
  int worker_threads = 64;
  size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  // When set, the limit of one request's body from its method and target (path and query),
  // asked once its header is read: routes that take a file take more than `body_limit`.
  std::function<size_t(std::string_view method, std::string_view target)> body_limit_for;
  // The largest limit body_limit_for gives (a header may announce a body up to it).
  size_t largest_body_limit = 0;
  CompressionOptions compression;  // gzip of answers on the fly (http/compression.h)
  ConnectionLimits limits;
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
  // Thread-safe.
  ServerStats stats() const;
  // The connection limit in force (after start(): max_connections resolved).
  int max_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori::http
