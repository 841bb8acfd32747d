// A thin RAII wrapper over the SQLite C API.
//
// Db owns one connection; Stmt owns one prepared statement and binds by 1-based
// index; Tx is a transaction that rolls back unless Commit() succeeded. None of
// these are thread-safe: a connection is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mamori::store::sqlite {

class Db {
 public:
  // Opens (creating if needed) the database at `path` with WAL, foreign keys
  // and a busy timeout. `path` ":memory:" gives a private in-memory database.
  static Result<Db> Open(const std::string& path, bool read_only = false);

  Db() = default;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs one or more statements without results (schema, pragmas).
  Status Exec(std::string_view sql);
  sqlite3* raw() const { return db_; }
  int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt() = default;
  // Prepares `sql` on `db`; on error, ok() is false and error() says why.
  Stmt(const Db& db, std::string_view sql);
  Stmt(Stmt&& o) noexcept : st_(o.st_), db_(o.db_), error_(std::move(o.error_)), status_(std::move(o.status_)) {
    o.st_ = nullptr;
  }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  bool ok() const { return st_ != nullptr; }

  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::optional<std::string>& v);
  Stmt& bind(int i, std::optional<int64_t> v);
  Stmt& bind_null(int i);

  // Advances; returns true when a row is available, false when done. Errors
  // are kept in status() and end the iteration.
  bool step();
  // Runs a statement that returns no rows (or ignores them).
  Status run();
  // Resets for reuse with new bindings.
  void reset();
  Status status() const { return status_; }

  int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<int64_t> opt_int64(int col) const;

 private:
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string error_;
  Status status_;
};

// A unit of work that is all-or-nothing: a SAVEPOINT on construction, rolled
// back on destruction unless Commit() returned ok. Nested inside the writer's
// batch transaction (see SqliteStore) it costs no fsync; on its own it is a
// plain transaction.
class Tx {
 public:
  explicit Tx(Db& db);
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  ~Tx();
  const Status& begin_status() const { return begin_; }
  Status Commit();

 private:
  Db& db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace mamori::store::sqlite
