#include "store/postgres/pg_database.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include "base/no_wait.h"
#include "store/sql_files.h"

namespace mamori::store::postgres {

namespace {

// The connection's pipeline for run_deferred(), in send order, in one of two forms at a time:
//  - statements in libpq pipeline mode: sent without waiting, their outcomes read in groups
//    of kDepth, so the server never blocks on a full socket while we are still sending;
//  - rows of a statement that has a COPY companion ("<name>.copy" in its .sql file), kept in
//    COPY's text format and sent as one COPY … FROM STDIN stream (every kCopyBytes, or when
//    anything else is sent or waited for): the rows of a bulk insert at COPY's speed.
// Everything that waits for a result first ends both (finish()), which reports the first
// error of what was deferred.
class Pipeline {
 public:
  explicit Pipeline(PGconn* conn) : conn_(conn) {}

  Status copy_row(const std::string& copy_sql, const std::vector<std::optional<std::string>>& values) {
    if (!error_.ok()) return error_;
    drain_statements();  // what was sent before goes first
    if (copy_sql != copy_sql_) flush_copy();
    copy_sql_ = copy_sql;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) copy_buf_ += '\t';
      append_copy_field(copy_buf_, values[i] ? std::string_view(*values[i]) : std::string_view(), !values[i]);
    }
    copy_buf_ += '\n';
    if (copy_buf_.size() >= kCopyBytes) flush_copy();
    return error_;
  }

  Status send(const std::string& name, const std::vector<const char*>& values) {
    if (!error_.ok()) return error_;  // the transaction is lost anyway: send no more
    flush_copy();  // rows deferred before go first
    if (!active_) {
      if (PQenterPipelineMode(conn_) != 1) return error_ = pg_error(nullptr, conn_);
      active_ = true;
    }
    if (PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                            0) != 1)
      return error_ = pg_error(nullptr, conn_);
    if (++pending_ >= kDepth) sync();
    return error_;
  }

  // Sends what is deferred, reads every outstanding outcome and leaves pipeline mode,
  // keeping the first error for finish() (e.g. before a statement is prepared, which
  // pipeline mode does not allow).
  void drain() {
    drain_statements();
    flush_copy();
  }
  // The first error deferred so far (kept for finish()).
  const Status& error() const { return error_; }
  // drain(), then the first error since the last finish() (then forgotten).
  Status finish() {
    drain();
    Status out = std::move(error_);
    error_ = Status::Ok();
    return out;
  }

 private:
  static constexpr int kDepth = 1000;
  static constexpr size_t kCopyBytes = 8 << 20;

  void drain_statements() {
    if (!active_) return;
    if (pending_ > 0) sync();
    if (PQexitPipelineMode(conn_) != 1 && error_.ok()) error_ = pg_error(nullptr, conn_);
    active_ = false;
  }

  // Sends the deferred COPY rows as one COPY … FROM STDIN.
  void flush_copy() {
    if (copy_buf_.empty()) return;
    std::string rows = std::move(copy_buf_);
    copy_buf_.clear();
    if (!error_.ok()) return;
    PgResult start(PQexec(conn_, copy_sql_.c_str()));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) {
      error_ = pg_error(start.get(), conn_);
      return;
    }
    bool sent = true;
    for (size_t at = 0; sent && at < rows.size(); at += 1 << 20) {
      const size_t n = std::min<size_t>(1 << 20, rows.size() - at);
      sent = PQputCopyData(conn_, rows.data() + at, static_cast<int>(n)) == 1;
    }
    if (!sent && error_.ok()) error_ = pg_error(nullptr, conn_);
    if (PQputCopyEnd(conn_, sent ? nullptr : "mamori: the rows could not be sent") != 1 && error_.ok())
      error_ = pg_error(nullptr, conn_);
    while (PgResult r{PQgetResult(conn_)}) {
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && error_.ok()) error_ = pg_error(r.get(), conn_);
    }
  }

  // Marks a sync point and reads the outcomes up to it.
  void sync() {
    if (PQpipelineSync(conn_) != 1) {
      if (error_.ok()) error_ = pg_error(nullptr, conn_);
      return;
    }
    for (;;) {
      PgResult r(PQgetResult(conn_));
      if (!r) {
        if (PQstatus(conn_) != CONNECTION_OK) {
          if (error_.ok()) error_ = pg_error(nullptr, conn_);
          break;
        }
        continue;  // the end of one statement's results
      }
      ExecStatusType st = PQresultStatus(r.get());
      if (st == PGRES_PIPELINE_SYNC) break;
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_ABORTED && error_.ok())
        error_ = pg_error(r.get(), conn_);
    }
    pending_ = 0;
  }

  PGconn* conn_;
  bool active_ = false;
  int pending_ = 0;
  std::string copy_sql_, copy_buf_;
  Status error_;
};

// store::Statement over one prepared statement of a connection. Parameters travel as text
// (the server parses them into the types it inferred when preparing); rows come back whole,
// as text, when the statement first runs.
class PgStatement final : public Statement {
 public:
  // `broken`: why the statement could not be prepared (its connection was lost); every run
  // then fails with it.
  // `copy_sql`: the statement's COPY companion, which run_deferred() then uses ("" for none).
  PgStatement(PGconn* conn, Pipeline* pipeline, std::string name, int params, std::string copy_sql = "",
              Status broken = Status::Ok())
      : conn_(conn),
        pipeline_(pipeline),
        name_(std::move(name)),
        copy_sql_(std::move(copy_sql)),
        params_(params),
        broken_(std::move(broken)) {
    status_ = broken_;
  }

  Statement& bind(int i, int64_t v) override { return set(i, std::to_string(v)); }
  Statement& bind(int i, double v) override {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return set(i, std::string(buf, ec == std::errc() ? end : buf));
  }
  Statement& bind(int i, std::string_view v) override { return set(i, std::string(v)); }
  Statement& bind_null(int i) override {
    if (valid(i)) params_[i - 1].reset();
    return *this;
  }

  bool next() override {
    if (!ran_ && !execute()) return false;
    if (!status_.ok()) return false;
    return ++row_ < rows_;
  }
  Result<int64_t> run() override {
    if (!execute()) return status_;
    const char* n = PQcmdTuples(result_.get());
    int64_t changed = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    reset();  // ready to bind and run again
    return changed;
  }
  Status run_deferred() override {
    if (!status_.ok()) return status_;
    Status s = copy_sql_.empty() ? pipeline_->send(name_, values()) : pipeline_->copy_row(copy_sql_, params_);
    reset();
    return s;
  }
  Status status() const override { return status_; }
  // False when it could not be prepared (every run fails).
  bool prepared() const { return broken_.ok(); }
  bool is_null(int col) const override { return PQgetisnull(result_.get(), row_, col) != 0; }
  int64_t int64(int col) const override { return std::strtoll(PQgetvalue(result_.get(), row_, col), nullptr, 10); }
  double real(int col) const override { return std::strtod(PQgetvalue(result_.get(), row_, col), nullptr); }
  std::string text(int col) const override {
    return std::string(PQgetvalue(result_.get(), row_, col), PQgetlength(result_.get(), row_, col));
  }

  // Forgets the last run's rows and status; bound values stay (as SQLite's reset).
  void reset() {
    result_.reset();
    ran_ = false;
    row_ = -1;
    rows_ = 0;
    status_ = broken_;
  }

 private:
  bool valid(int i) {
    if (!status_.ok()) return false;
    if (i >= 1 && i <= static_cast<int>(params_.size())) return true;
    status_ = Status::Internal("postgres: " + name_ + " has no parameter " + std::to_string(i));
    return false;
  }
  Statement& set(int i, std::string v) {
    if (valid(i)) params_[i - 1] = std::move(v);
    return *this;
  }
  // Runs the statement once; false (with status_) when it failed.
  bool execute() {
    ran_ = true;
    if (!status_.ok()) return false;
    if (Status deferred = pipeline_->finish(); !deferred.ok()) {
      status_ = std::move(deferred);
      return false;
    }
    std::vector<const char*> v = values();
    result_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(v.size()), v.data(), nullptr, nullptr, 0));
    ExecStatusType st = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      status_ = pg_error(result_.get(), conn_);
      rows_ = 0;
      return false;
    }
    rows_ = PQntuples(result_.get());
    row_ = -1;
    return true;
  }

  std::vector<const char*> values() const {
    std::vector<const char*> v(params_.size());
    for (size_t i = 0; i < params_.size(); ++i) v[i] = params_[i] ? params_[i]->c_str() : nullptr;
    return v;
  }

  PGconn* conn_;
  Pipeline* pipeline_;
  std::string name_;
  std::string copy_sql_;
  std::vector<std::optional<std::string>> params_;
  PgResult result_;
  bool ran_ = false;
  int row_ = -1;
  int rows_ = 0;
  Status broken_;
  Status status_;
};

}  // namespace

class PgDatabase::Conn final : public Connection {
 public:
  explicit Conn(std::unique_ptr<PgConn> c) : pg_(std::move(c)), pipeline_(pg_->raw()) {}

  Statement& statement(std::string_view area, std::string_view name) override {
    key_.assign(area);
    key_ += '/';
    key_ += name;
    auto it = cache_.find(key_);
    if (it == cache_.end()) {
      auto prepared = prepare(area, name);
      if (!prepared->prepared()) {  // it fails every run; prepare it again next time
        unprepared_ = std::move(prepared);
        return *unprepared_;
      }
      it = cache_.emplace(key_, std::move(prepared)).first;
    }
    it->second->reset();
    return *it->second;
  }
  PgConn& pg() { return *pg_; }
  // Ends the pipeline of run_deferred(): the first error of the statements it held.
  Status finish_pipeline() { return pipeline_.finish(); }

 private:
  // Prepares the statement on this connection (named like the SQLite one, "area/name") and
  // learns how many parameters it has. A statement the server refuses is a build defect.
  std::unique_ptr<PgStatement> prepare(std::string_view area, std::string_view name) {
    std::string sql(named_statement(&kBackend, sql_file, area, name));
    pipeline_.drain();
    if (PQtransactionStatus(pg_->raw()) == PQTRANS_INERROR) {
      // An earlier statement of this transaction failed (its error went to the caller, or is
      // still deferred): the server refuses everything until the rollback, so this statement
      // fails too — with the deferred error when there is one.
      Status why = pipeline_.error();
      if (why.ok()) why = Status::Internal("postgres: " + key_ + " after a failed statement of the same transaction");
      return std::make_unique<PgStatement>(pg_->raw(), &pipeline_, key_, 0, "", std::move(why));
    }
    PgResult p(PQprepare(pg_->raw(), key_.c_str(), sql.c_str(), 0, nullptr));
    if (p && PQresultStatus(p.get()) == PGRES_COMMAND_OK) {
      PgResult d(PQdescribePrepared(pg_->raw(), key_.c_str()));
      if (d && PQresultStatus(d.get()) == PGRES_COMMAND_OK)
      {
        std::string copy_name = std::string(name) + ".copy";
        std::string copy_sql = has_named_statement(sql_file, area, copy_name)
                                   ? std::string(named_statement(&kBackend, sql_file, area, copy_name))
                                   : "";
        return std::make_unique<PgStatement>(pg_->raw(), &pipeline_, key_, PQnparams(d.get()), std::move(copy_sql));
      }
      p = std::move(d);
    }
    if (pg_->healthy()) {
      std::fprintf(stderr, "PostgreSQL refused statement %s: %s\n", key_.c_str(), PQerrorMessage(pg_->raw()));
      std::abort();
    }
    // A lost connection: every run fails, and the connection is dropped when released.
    return std::make_unique<PgStatement>(pg_->raw(), &pipeline_, key_, 0, "", pg_error(p.get(), pg_->raw()));
  }

  static constexpr char kBackend = 'p';
  std::unique_ptr<PgConn> pg_;
  Pipeline pipeline_;
  std::string key_;
  std::map<std::string, std::unique_ptr<PgStatement>, std::less<>> cache_;
  std::unique_ptr<PgStatement> unprepared_;  // the last statement that could not be prepared
};

PgDatabase::PgDatabase(PgOptions o) : options_(std::move(o)) {}

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const PgOptions& options) {
  std::unique_ptr<PgDatabase> d(new PgDatabase(options));
  if (d->options_.pool < 1) d->options_.pool = 1;
  auto first = PgConn::Connect(d->options_.target);
  if (!first.ok()) return first.status();
  d->conns_.push_back(std::make_unique<Conn>(std::move(*first)));
  d->free_.push_back(d->conns_.back().get());
  for (int i = 0; i < std::max(1, d->options_.async_writers); ++i)
    d->async_threads_.emplace_back([p = d.get()] { p->async_loop(); });
  return d;
}

PgDatabase::~PgDatabase() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  for (auto& t : async_threads_) t.join();  // queued writes run first
}

Result<PgDatabase::Conn*> PgDatabase::acquire() {
  std::unique_lock lock(pool_mu_);
  for (;;) {
    if (!free_.empty()) {
      Conn* c = free_.back();
      free_.pop_back();
      return c;
    }
    if (static_cast<int>(conns_.size()) + opening_ < options_.pool) break;
    pool_cv_.wait(lock);
  }
  ++opening_;
  lock.unlock();
  auto pg = PgConn::Connect(options_.target);
  lock.lock();
  --opening_;
  if (!pg.ok()) {
    pool_cv_.notify_one();  // another waiter may try again
    return pg.status();
  }
  conns_.push_back(std::make_unique<Conn>(std::move(*pg)));
  return conns_.back().get();
}

void PgDatabase::release(Conn* c) {
  {
    std::lock_guard lock(pool_mu_);
    if (c->pg().healthy()) {
      free_.push_back(c);
    } else {
      std::erase_if(conns_, [c](const std::unique_ptr<Conn>& p) { return p.get() == c; });
    }
  }
  pool_cv_.notify_one();
}

Status PgDatabase::transaction(const char* begin, const std::function<Status(Connection&)>& fn) {
  auto acquired = acquire();
  if (!acquired.ok()) return acquired.status();
  Conn* c = *acquired;
  Status s = c->pg().exec(begin);
  if (s.ok()) {
    try {
      s = fn(*c);
    } catch (const std::exception& e) {
      s = Status::Internal(std::string("write threw: ") + e.what());
    }
    Status deferred = c->finish_pipeline();  // the outcomes of run_deferred() first
    if (s.ok()) s = std::move(deferred);
    if (s.ok()) s = c->pg().exec("COMMIT");
    else (void)c->pg().exec("ROLLBACK");
  }
  release(c);
  return s;
}

Status PgDatabase::read(const std::function<Status(Connection&)>& fn) {
  if (no_wait()) return WouldBlock();  // every call waits for the server
  return transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
}

Status PgDatabase::write(const std::function<Status(Connection&)>& fn) {
  if (no_wait()) return WouldBlock();
  Status s;
  for (int attempt = 1; attempt <= kWriteAttempts; ++attempt) {
    s = transaction("BEGIN", fn);
    if (!is_write_conflict(s)) break;
  }
  return s;
}

void PgDatabase::write_async(std::function<Status(Connection&)> fn, std::function<void(Status)> done) {
  {
    std::lock_guard lock(queue_mu_);
    if (!stopping_) {
      queue_.push_back(AsyncWrite{std::move(fn), std::move(done)});
      fn = nullptr;
    }
  }
  if (fn) {  // not queued: the database is closing
    done(Status::Unavailable("shutting_down"));
    return;
  }
  queue_cv_.notify_one();
}

void PgDatabase::async_loop() {
  for (;;) {
    AsyncWrite w;
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has run
      w = std::move(queue_.front());
      queue_.pop_front();
    }
    w.done(write(w.fn));
  }
}

bool PgDatabase::wait_for_events(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  if (!listener_ || !listener_->healthy()) {
    listener_.reset();
    auto c = PgConn::Connect(options_.target);
    if (c.ok() && (*c)->exec("LISTEN mamori_events").ok()) listener_ = std::move(*c);
    if (!listener_) {
      std::this_thread::sleep_until(until);
      return false;
    }
  }
  PGconn* c = listener_->raw();
  bool signalled = false;
  for (;;) {
    if (PQconsumeInput(c) != 1) {  // the server went away: reconnect next time
      listener_.reset();
      break;
    }
    while (PGnotify* n = PQnotifies(c)) {
      signalled = true;
      PQfreemem(n);
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (signalled || left.count() <= 0) break;
    pollfd p{PQsocket(c), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
  }
  if (!listener_) std::this_thread::sleep_until(until);
  return signalled;
}

Status PgDatabase::with_connection(const std::function<Status(PgConn&)>& fn) {
  if (no_wait()) return WouldBlock();
  auto acquired = acquire();
  if (!acquired.ok()) return acquired.status();
  Status s = fn((*acquired)->pg());
  release(*acquired);
  return s;
}

}  // namespace mamori::store::postgres
