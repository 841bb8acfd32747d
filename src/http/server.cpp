// The only translation unit that includes Beast.
#include "http/server.h"

#include <cstdio>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <boost/url/parse.hpp>

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

Request to_request(bhttp::request<bhttp::string_body>&& in) {
  Request r;
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

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `compression` and `in_flight` belong to the server, which outlives its sessions.
  Session(tcp::socket socket, WorkPool& workers, const AsyncDispatch& dispatch, size_t body_limit,
          const CompressionOptions& compression, InFlight& in_flight)
      : stream_(std::move(socket)),
        workers_(workers),
        dispatch_(dispatch),
        body_limit_(body_limit),
        compression_(compression),
        in_flight_(in_flight) {}

  void run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(body_limit_);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(60));
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
    auto in = parser_->release();
    const unsigned version = in.version();
    const bool keep_alive = in.keep_alive();
    Request r = to_request(std::move(in));
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

  template <class Body>
  void write(bhttp::response<Body>&& res) {
    auto sp = std::make_shared<bhttp::response<Body>>(std::move(res));
    bool keep = sp->keep_alive();
    bhttp::async_write(stream_, *sp, [self = shared_from_this(), sp, keep](beast::error_code ec, size_t) {
      if (ec || !keep) {
        self->close();
        return;
      }
      self->read();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  WorkPool& workers_;
  const AsyncDispatch& dispatch_;
  size_t body_limit_;
  const CompressionOptions& compression_;
  InFlight& in_flight_;
};

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  AsyncDispatch dispatch;
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  tcp::acceptor acceptor{ioc};
  std::unique_ptr<WorkPool> workers;
  std::vector<std::thread> threads;
  InFlight in_flight;
  bool running = false;

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), *workers, dispatch, opts.body_limit, opts.compression, in_flight)
            ->run();
      }
      accept();
    });
  }
};

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
  });
  i.in_flight.wait(std::chrono::seconds(30));  // answers still to come (a store's writer completes them)
  if (i.workers) i.workers->join();
  i.guard.reset();
  i.ioc.stop();
  for (auto& t : i.threads) t.join();
  i.threads.clear();
}

void Server::wait_for_signal() {
  asio::io_context sig_ioc;
  asio::signal_set signals(sig_ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  sig_ioc.run();
  stop();
}

}  // namespace mamori::http
