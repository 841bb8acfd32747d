// The only translation unit that includes Beast.
#include "http/server.h"

#include <sys/resource.h>
#include <sys/socket.h>

#include <cstdio>
#include <map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "http/compression.h"
#include "http/json_body.h"
#include "http/work_pool.h"

namespace mamori::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& peer) {
  Request r;
  r.peer = peer;
  r.method = std::string(in.method_string());
  std::string_view target = in.target();
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (q != std::string_view::npos) r.query_string = std::string(target.substr(q + 1));
  auto pct = boost::urls::make_pct_string_view(raw_path);
  r.path = pct ? pct->decode() : std::string(raw_path);
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  auto proto = r.header("x-forwarded-proto");
  r.secure = proto && *proto == "https";
  r.body = std::move(in.body());
  return r;
}

// The connection's remote address as text; an IPv4 client of an IPv6 socket as IPv4.
std::string peer_address(const tcp::socket& socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (ec) return "";
  auto a = ep.address();
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}

bhttp::response<bhttp::string_body> to_beast(Response&& out, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(out.status), version};
  res.set(bhttp::field::server, "mamori");
  res.set(bhttp::field::content_type, out.content_type);
  for (auto& [k, v] : out.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  res.body() = std::move(out.body);
  res.prepare_payload();
  return res;
}

// A response whose body is a temporary file: opened here and unlinked at once, so the file
// disappears when the body is closed whatever happens to the connection. False when the
// file cannot be opened.
bool to_beast_file(Response&& out, unsigned version, bool keep_alive, bhttp::response<bhttp::file_body>& res) {
  beast::error_code ec;
  bhttp::file_body::value_type body;
  body.open(out.temp_file.c_str(), beast::file_mode::scan, ec);
  if (!out.keep_file) std::remove(out.temp_file.c_str());
  if (ec) return false;
  res = bhttp::response<bhttp::file_body>{static_cast<bhttp::status>(out.status), version};
  res.set(bhttp::field::server, "mamori");
  res.set(bhttp::field::content_type, out.content_type);
  for (auto& [k, v] : out.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return true;
}

// Requests handed to the dispatcher and not yet answered; stop() waits for them, so no
// answer given later (from a store's writer thread) reaches a server already gone.
class InFlight {
 public:
  void enter() {
    std::lock_guard lock(mu_);
    ++n_;
  }
  void leave() {
    std::lock_guard lock(mu_);
    if (--n_ == 0) cv_.notify_all();
  }
  // Waits until none is in flight, or `limit` passed.
  void wait(std::chrono::seconds limit) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, limit, [this] { return n_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int n_ = 0;
};

// Open connections, in total and per peer address. Thread-safe.
class Connections {
 public:
  Connections(int max_total, int max_per_address, std::vector<std::string> unlimited)
      : max_total_(max_total), max_per_address_(max_per_address), unlimited_(std::move(unlimited)) {}

  // Takes a place for a connection from `address`; false when a limit is reached.
  bool enter(const std::string& address) {
    std::lock_guard lock(mu_);
    if (open_ >= max_total_) return false;
    const bool limited = std::find(unlimited_.begin(), unlimited_.end(), address) == unlimited_.end();
    if (limited) {
      int& mine = per_address_[address];
      if (mine >= max_per_address_) return false;
      ++mine;
    }
    ++open_;
    return true;
  }
  void leave(const std::string& address) {
    std::lock_guard lock(mu_);
    --open_;
    if (auto it = per_address_.find(address); it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
  }
  int64_t open() const {
    std::lock_guard lock(mu_);
    return open_;
  }

 private:
  mutable std::mutex mu_;
  const int max_total_, max_per_address_;
  const std::vector<std::string> unlimited_;
  int64_t open_ = 0;
  std::map<std::string, int> per_address_;
};

// The answer to a connection over a limit, written once without waiting (what the socket
// takes at once), after which the connection is closed.
const std::string& refusal_bytes() {
  static const std::string bytes = [] {
    Response r = error_response(Status::Unavailable("too_many_connections"));
    return "HTTP/1.1 503 Service Unavailable\r\nServer: mamori\r\nContent-Type: " + r.content_type +
           "\r\nRetry-After: 5\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: " +
           std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
  }();
  return bytes;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `compression`, `limits`, `in_flight` and `connections` belong to the server, which
  // outlives its sessions. The session has taken its place in `connections` for `peer`.
  Session(tcp::socket socket, std::string peer, WorkPool& workers, const AsyncDispatch& dispatch, size_t body_limit,
          const std::function<size_t(std::string_view, std::string_view)>& body_limit_for, size_t largest_body_limit,
          const CompressionOptions& compression, const ConnectionLimits& limits, InFlight& in_flight,
          Connections& connections)
      : peer_(std::move(peer)),
        stream_(std::move(socket)),
        workers_(workers),
        dispatch_(dispatch),
        default_body_limit_(body_limit),
        body_limit_for_(body_limit_for),
        largest_body_limit_(largest_body_limit),
        compression_(compression),
        limits_(limits),
        in_flight_(in_flight),
        connections_(connections) {}
  ~Session() { connections_.leave(peer_); }

  void run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_next(); });
  }

 private:
  // A request is read in phases, each with its own limit: its header (from its first
  // byte), then its body (by its declared size). Before the first request and between
  // requests the connection waits for the next one's first byte at most the idle timeout.
  void wait_for_next() {
    if (buffer_.size() > 0) return read_header();  // pipelined: already here
    stream_.expires_after(limits_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->buffer_.commit(n);
      if (ec) return self->close();
      self->read_header();
    });
  }

  void read_header() {
    parser_.emplace();
    // Beast checks a Content-Length against the limit while it reads the header, before the
    // route is known: the header may announce up to the largest limit of any route, and
    // read_body() then holds the request to its own route's.
    body_limit_ = std::max(default_body_limit_, largest_body_limit_);
    parser_->body_limit(body_limit_);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(limits_.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->on_read(ec);
      self->read_body();
    });
  }

  void read_body() {
    if (parser_->is_done()) return on_read({});
    body_limit_ = default_body_limit_;
    if (body_limit_for_) {
      const auto& h = parser_->get();
      body_limit_ = body_limit_for_(std::string_view(h.method_string().data(), h.method_string().size()),
                                    std::string_view(h.target().data(), h.target().size()));
    }
    if (parser_->content_length() && *parser_->content_length() > body_limit_)
      return on_read(bhttp::error::body_limit);  // announced over this route's limit: not read
    parser_->body_limit(body_limit_);  // a chunked body is held to it as it comes
    const auto length = parser_->content_length().value_or(body_limit_);
    const auto rate = std::max<size_t>(1, limits_.min_body_rate);
    stream_.expires_after(limits_.header_timeout + std::chrono::milliseconds(length * 1000 / rate));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted) {
      close();
      return;
    }
    if (ec == bhttp::error::body_limit) {
      Status s = Status::Error(StatusCode::kPayloadTooLarge, "payload_too_large",
                               {{"kb", std::to_string(body_limit_ / 1024)}, {"bytes", std::to_string(body_limit_)}});
      write(to_beast(error_response(s), 11, false));
      return;
    }
    if (ec) {
      if (ec.category() == beast::error_code(bhttp::error::bad_target).category()) {
        Status s = Status::InvalidArgument("bad_request");
        write(to_beast(error_response(s), 11, false));
      } else {
        close();
      }
      return;
    }
    // The dispatcher runs on this I/O thread and hands anything that may block to the worker
    // pool through `defer` (see AsyncDispatch). The response may be given from any thread
    // (a store's writer completes a save); it is written from the connection's own executor.
    stream_.expires_never();  // the handler's time is not the client's
    auto in = parser_->release();
    const unsigned version = in.version();
    const bool keep_alive = in.keep_alive();
    Request r = to_request(std::move(in), peer_);
    in_flight_.enter();
    auto self = shared_from_this();
    dispatch_(
        r,
        [self, version, keep_alive, accept = r.header("accept-encoding").value_or("")](Response out) {
          self->respond(std::move(out), version, keep_alive, accept);
        },
        [self](std::function<void()> work) { self->workers_.post(std::move(work)); });
  }

  // Any thread: compresses `out` when the client accepts it (http/compression.h), turns it
  // into Beast's form and writes it on the connection's strand.
  void respond(Response out, unsigned version, bool keep_alive, std::string_view accept_encoding) {
    compress_response(out, accept_encoding, compression_);
    auto self = shared_from_this();
    struct Leave {
      InFlight& f;
      ~Leave() { f.leave(); }
    } leave{in_flight_};
    if (!out.temp_file.empty()) {
      auto res = std::make_shared<bhttp::response<bhttp::file_body>>();
      if (to_beast_file(std::move(out), version, keep_alive, *res)) {
        asio::post(stream_.get_executor(), [self, res] { self->write(std::move(*res)); });
        return;
      }
      out = error_response(Status::Internal("cannot open the file to send: " + out.temp_file));
    }
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(to_beast(std::move(out), version, keep_alive));
    asio::post(stream_.get_executor(), [self, res] { self->write(std::move(*res)); });
  }

  // Sends `res` piece by piece: each piece must be taken within write_stall, and after
  // write_grace the average rate must reach min_send_rate (ConnectionLimits).
  template <class Body>
  void write(bhttp::response<Body>&& res) {
    auto out = std::make_shared<Outgoing<Body>>(std::move(res));
    write_some(std::move(out));
  }

  template <class Body>
  struct Outgoing {
    explicit Outgoing(bhttp::response<Body>&& r) : res(std::move(r)), sr(res) {}
    bhttp::response<Body> res;
    bhttp::response_serializer<Body> sr;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    uint64_t sent = 0;
  };

  template <class Body>
  void write_some(std::shared_ptr<Outgoing<Body>> out) {
    stream_.expires_after(limits_.write_stall);
    bhttp::async_write_some(stream_, out->sr, [self = shared_from_this(), out](beast::error_code ec, size_t n) {
      if (ec) return self->close();
      out->sent += n;
      if (!out->sr.is_done()) {
        const auto elapsed = std::chrono::steady_clock::now() - out->start;
        if (elapsed > self->limits_.write_grace) {
          const double seconds = std::chrono::duration<double>(elapsed).count();
          if (static_cast<double>(out->sent) < seconds * static_cast<double>(self->limits_.min_send_rate))
            return self->close();  // too slow: the place is someone else's
        }
        return self->write_some(out);
      }
      if (!out->res.keep_alive()) return self->close();
      self->wait_for_next();
    });
  }

  // Ends sending; the socket closes when the last operation holding the session ends.
  void close() {
    beast::error_code ec;
    stream_.expires_never();
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  const std::string peer_;  // before stream_, which takes the socket
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  WorkPool& workers_;
  const AsyncDispatch& dispatch_;
  const size_t default_body_limit_;
  const std::function<size_t(std::string_view, std::string_view)>& body_limit_for_;  // the server's options
  const size_t largest_body_limit_;
  size_t body_limit_;  // of the request being read
  const CompressionOptions& compression_;
  const ConnectionLimits& limits_;
  InFlight& in_flight_;
  Connections& connections_;
};

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  AsyncDispatch dispatch;
  // What a Session's destructor touches (the in-flight count, the connection counts) is
  // declared before `ioc`, so it outlives it: the io_context's destructor destroys the
  // handlers still queued, and with them the last Sessions, whose destructors leave
  // `connections`.
  InFlight in_flight;
  std::unique_ptr<Connections> connections;
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  tcp::acceptor acceptor{ioc};
  std::unique_ptr<WorkPool> workers;
  std::vector<std::thread> threads;
  int max_connections = 0;
  asio::steady_timer retry{ioc};
  std::chrono::milliseconds backoff{0};  // after failed accepts: 10 ms, doubling up to 1 s
  std::atomic<int64_t> accepted{0}, refused{0}, accept_errors{0};
  bool running = false;

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        // Out of descriptors (EMFILE, ENFILE) or memory: the pending connection stays in the
        // backlog. Trying again at once would spin; wait, longer each time, and go on.
        ++accept_errors;
        backoff = std::min(std::chrono::milliseconds(1000), std::max(std::chrono::milliseconds(10), backoff * 2));
        retry.expires_after(backoff);
        retry.async_wait([this](beast::error_code e) {
          if (!e && acceptor.is_open()) accept();
        });
        return;
      }
      backoff = std::chrono::milliseconds(0);
      std::string peer = peer_address(socket);
      if (!connections->enter(peer)) {
        ++refused;
        const std::string& bytes = refusal_bytes();
        (void)::send(socket.native_handle(), bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
      } else {
        ++accepted;
        socket.set_option(tcp::no_delay(true), ec);
        // A fixed send buffer (no autotuning up to 4 MB): the kernel reports the socket
        // writable again once half its queue has drained, so with a 4 MB queue a client
        // at the minimum rate would wait minutes between pieces and meet the stall limit.
        // 256 KiB still fills a 40 Mbit/s link at 50 ms of round trip.
        socket.set_option(asio::socket_base::send_buffer_size(256 * 1024), ec);
        std::make_shared<Session>(std::move(socket), std::move(peer), *workers, dispatch, opts.body_limit,
                                  opts.body_limit_for, opts.body_limit_for ? opts.largest_body_limit : 0, opts.compression, opts.limits, in_flight, *connections)
            ->run();
      }
      accept();
    });
  }
};

namespace {
// The connection limit: the configured one, or what the descriptor limit leaves.
int resolve_max_connections(const ConnectionLimits& limits) {
  if (limits.max_connections > 0) return limits.max_connections;
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 10000;
  return std::max(16, static_cast<int>(std::min<rlim_t>(rl.rlim_cur, 1 << 20)) - limits.reserved_fds);
}
}  // namespace

Server::Server(ServerOptions opts, AsyncDispatch dispatch) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
  impl_->dispatch = std::move(dispatch);
}

Server::Server(ServerOptions opts, Dispatch dispatch)
    : Server(std::move(opts),
             [d = std::make_shared<Dispatch>(std::move(dispatch))](Request& r, Responder respond, Defer defer) {
               defer([d, req = std::make_shared<Request>(std::move(r)), respond = std::move(respond)] {
                 respond((*d)(*req));
               });
             }) {}

Server::~Server() { stop(); }

Result<unsigned short> Server::start() {
  auto& i = *impl_;
  beast::error_code ec;
  auto addr = asio::ip::make_address(i.opts.address, ec);
  if (ec) return Status::InvalidArgument("bad_address");
  tcp::endpoint ep{addr, i.opts.port};
  i.acceptor.open(ep.protocol(), ec);
  if (!ec) i.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) i.acceptor.bind(ep, ec);
  if (!ec) i.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::Unavailable("listen_failed", {{"detail", ec.message()}});
  i.workers = std::make_unique<WorkPool>(i.opts.worker_threads);
  i.max_connections = resolve_max_connections(i.opts.limits);
  i.connections = std::make_unique<Connections>(i.max_connections, i.opts.limits.max_per_address, i.opts.limits.unlimited);
  i.guard.emplace(i.ioc.get_executor());
  i.accept();
  for (int t = 0; t < std::max(1, i.opts.io_threads); ++t) i.threads.emplace_back([&i] { i.ioc.run(); });
  i.running = true;
  return i.acceptor.local_endpoint().port();
}

void Server::stop() {
  auto& i = *impl_;
  if (!i.running) return;
  i.running = false;
  asio::post(i.ioc, [&i] {
    beast::error_code ec;
    i.acceptor.close(ec);
    i.retry.cancel();
  });
  i.in_flight.wait(std::chrono::seconds(30));  // answers still to come (a store's writer completes them)
  if (i.workers) i.workers->join();
  i.guard.reset();
  i.ioc.stop();
  for (auto& t : i.threads) t.join();
  i.threads.clear();
}

ServerStats Server::stats() const {
  const auto& i = *impl_;
  return ServerStats{i.accepted.load(), i.refused.load(), i.accept_errors.load(),
                     i.connections ? i.connections->open() : 0};
}

int Server::max_connections() const { return impl_->max_connections; }

void Server::wait_for_signal() {
  asio::io_context sig_ioc;
  asio::signal_set signals(sig_ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  sig_ioc.run();
  stop();
}

}  // namespace mamori::http
