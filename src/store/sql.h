#pragma once
// The small interface the repositories are written over, once for every SQL backend: a
// Database runs reads and all-or-nothing writes on a Connection, which hands out named,
// prepared Statements. A backend (store/sqlite/, later store/postgres/) is an executor of
// this interface plus a folder of .sql files defining every statement by name.
//
// Statements are named "<area>/<name>": the section "-- name: <name>" of the backend's
// sql/<area>.sql. Parameters are bound by 1-based position; nothing is assembled from
// input. Column order is the statement's SELECT (or RETURNING) list, the same in every
// backend's file.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/status.h"

namespace mamori::store {

// One prepared statement, reset and ready to bind when a Connection hands it out. Valid
// until the Connection is handed to the next read or write. Not thread-safe.
class Statement {
 public:
  virtual ~Statement() = default;

  virtual Statement& bind(int index, int64_t v) = 0;
  virtual Statement& bind(int index, double v) = 0;
  virtual Statement& bind(int index, std::string_view v) = 0;
  virtual Statement& bind_null(int index) = 0;
  Statement& bind(int index, int v) { return bind(index, static_cast<int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<int64_t>(v ? 1 : 0)); }
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::optional<std::string>& v) {
    return v ? bind(index, std::string_view(*v)) : bind_null(index);
  }
  Statement& bind(int index, std::optional<int64_t> v) { return v ? bind(index, *v) : bind_null(index); }

  // Runs the statement on the first call and moves to the next row on later ones; true while
  // a row is available. An error ends the rows and is kept in status().
  virtual bool next() = 0;
  // Runs the statement to its end, ignoring rows, and leaves it ready to bind and run again;
  // how many rows it changed. A constraint
  // violation is FailedPrecondition "constraint_unique", "constraint_foreign_key" or
  // "constraint"; anything else failing is Internal.
  virtual Result<int64_t> run() = 0;
  // As run(), for the rows of a bulk write where only failure matters: a backend that can
  // pipeline (PostgreSQL) sends the statement without waiting for its outcome, and the first
  // error is reported by this call or a later one on the connection (a run_deferred(), next()
  // or run(), or the write's commit, which then fails). The statement is ready to bind again.
  virtual Status run_deferred() { return run().status(); }
  virtual Status status() const = 0;

  virtual bool is_null(int col) const = 0;
  virtual int64_t int64(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;
  std::optional<std::string> opt_text(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::string>(text(col));
  }
  std::optional<int64_t> opt_int64(int col) const {
    return is_null(col) ? std::nullopt : std::optional<int64_t>(int64(col));
  }
};

// A connection of a read or a write. Used by one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  // The statement `name` of `area`.sql, prepared once per connection and reset. A name that
  // does not exist aborts the process: it is a build defect, found by any test.
  virtual Statement& statement(std::string_view area, std::string_view name) = 0;
};

// Thread-safe. On a thread inside a NoWaitScope (base/no_wait.h), read() and write() return
// WouldBlock() without running `fn` when they would have to wait for another thread (no
// free connection; a commit); write_async() never waits.
class Database {
 public:
  virtual ~Database() = default;
  // Runs `fn` on a connection that sees one committed state of the data. Runs concurrently
  // with writes and other reads; `fn` must not write.
  virtual Status read(const std::function<Status(Connection&)>& fn) = 0;
  // Runs `fn` as one transaction and returns once it is durably committed: when `fn`
  // returns an error (or throws, or the commit fails) nothing of it is kept. `fn` may run on
  // another thread than the caller's, and must not start another read or write.
  virtual Status write(const std::function<Status(Connection&)>& fn) = 0;
  // As write(), returning at once: `done(status)` is called once the transaction is durably
  // committed (or failed) — on a thread of the database, where `done` must not block nor
  // start another read or write. `fn` must own what it uses. The default runs write() here
  // (so inside a NoWaitScope it reports WouldBlock()).
  virtual void write_async(std::function<Status(Connection&)> fn, std::function<void(Status)> done) { done(write(fn)); }
  // ports::EventLog::wait_for_events: waits up to `timeout` for the database's sign that
  // events were committed (PostgreSQL: a NOTIFY on mamori_events); the default has none and
  // sleeps. Called by one thread at a time.
  virtual bool wait_for_events(std::chrono::milliseconds timeout) {
    std::this_thread::sleep_for(timeout);
    return false;
  }
};

// read()/write() for a function returning Result<T>.
template <typename T, typename Fn>
Result<T> read_value(Database& db, Fn&& fn) {
  std::optional<T> out;
  Status s = db.read([&](Connection& c) -> Status {
    Result<T> r = fn(c);
    if (!r.ok()) return r.status();
    out.emplace(std::move(r).value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

template <typename T, typename Fn>
Result<T> write_value(Database& db, Fn&& fn) {
  std::optional<T> out;
  Status s = db.write([&](Connection& c) -> Status {
    Result<T> r = fn(c);
    if (!r.ok()) return r.status();
    out.emplace(std::move(r).value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

// The rows of `st` mapped by `read_row` (a function Statement& → Result<T>); the first
// error of a row or of the statement ends it.
template <typename T, typename ReadRow>
Result<std::vector<T>> collect(Statement& st, ReadRow&& read_row) {
  std::vector<T> out;
  while (st.next()) {
    Result<T> row = read_row(st);
    if (!row.ok()) return row.status();
    out.push_back(std::move(row).value());
  }
  MAMORI_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace mamori::store
