#pragma once
// One libpq connection, owned, with the few calls the PostgreSQL backend needs. Blocking:
// never call it on an I/O thread (store/sql.h: the Database refuses inside a NoWaitScope).
// Used by one thread at a time.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace mamori::store::postgres {

// A result, freed when it goes.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// Where and how to connect. `conninfo` is anything libpq accepts (a postgresql:// URI or
// "host=… dbname=…"); `search_path`, when set, is the schema every statement works in (the
// tests give each case a schema of its own).
struct PgTarget {
  std::string conninfo;
  std::string search_path;
};

class PgConn {
 public:
  static Result<std::unique_ptr<PgConn>> Connect(const PgTarget& target);
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  PGconn* raw() const { return conn_; }
  // False once the server went away: the connection must be dropped.
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  // Runs `sql` (one or more statements, no parameters); the status of the last.
  Status exec(std::string_view sql);
  // The rows of one statement without parameters (or an error).
  Result<PgResult> query(std::string_view sql);

 private:
  explicit PgConn(PGconn* c) : conn_(c) {}
  PGconn* conn_;
};

// The Status of a failed result (or of the connection when `r` is null):
//   23505 → FailedPrecondition "constraint_unique", 23503 → "constraint_foreign_key",
//   other 23xxx → "constraint"; 40001/40P01 (serialization failure, deadlock) → Aborted
//   "write_conflict"; a lost connection (08xxx, 57P0x, or the connection gone) →
//   Unavailable "database_unavailable"; anything else Internal with the server's message.
Status pg_error(const PGresult* r, const PGconn* c);

// Appends a value to a row of COPY's text format: \N for null (`v` is then ignored), else
// the text with backslash, tab, newline and carriage return escaped.
void append_copy_field(std::string& row, std::string_view v, bool null);

// True for the errors a write is retried on (write_conflict).
bool is_write_conflict(const Status& s);

}  // namespace mamori::store::postgres
