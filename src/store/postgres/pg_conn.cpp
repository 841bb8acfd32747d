#include "store/postgres/pg_conn.h"

#include <cstring>

namespace mamori::store::postgres {

Result<std::unique_ptr<PgConn>> PgConn::Connect(const PgTarget& target) {
  // Defaults first: what the conninfo itself says overrides them (expand_dbname).
  std::string options = "-c client_min_messages=warning";
  if (!target.search_path.empty()) options += " -c search_path=" + target.search_path;
  std::vector<const char*> keys = {"application_name", "connect_timeout", "dbname"};
  std::vector<const char*> values = {"mamori", "5", target.conninfo.c_str()};
  keys.push_back("options");  // after dbname: ours, whatever the conninfo says
  values.push_back(options.c_str());
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* c = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (c == nullptr) return Status::Unavailable("database_unavailable").with_detail("libpq: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    return Status::Unavailable("database_unavailable").with_detail("cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<PgConn> conn(new PgConn(c));
  // Times are ISO text written by the application; nothing depends on the session's zone,
  // but make it fixed so that any now() in SQL is UTC too.
  MAMORI_RETURN_IF_ERROR(conn->exec("SET TIME ZONE 'UTC'"));
  return conn;
}

PgConn::~PgConn() { PQfinish(conn_); }

Status PgConn::exec(std::string_view sql) {
  std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return Status::Ok();
  return pg_error(r.get(), conn_);
}

Result<PgResult> PgConn::query(std::string_view sql) {
  std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  if (r && PQresultStatus(r.get()) == PGRES_TUPLES_OK) return r;
  return pg_error(r.get(), conn_);
}

Status pg_error(const PGresult* r, const PGconn* c) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
  std::string code = state ? state : "";
  if (code.rfind("23", 0) == 0) {  // integrity: the codes the SQLite backend gives too (store/sql.h)
    std::string which = code == "23505" ? "constraint_unique" : code == "23503" ? "constraint_foreign_key" : "constraint";
    return Status::FailedPrecondition(which).with_message("constraint");
  }
  if (code == "40001" || code == "40P01")
    return Status::Aborted("write_conflict").with_detail("postgres " + code + ": " + msg);
  if (code.rfind("08", 0) == 0 || code.rfind("57P0", 0) == 0 || PQstatus(c) != CONNECTION_OK)
    return Status::Unavailable("database_unavailable").with_detail("postgres " + code + ": " + msg);
  return Status::Internal("postgres " + code + ": " + msg);
}

void append_copy_field(std::string& row, std::string_view v, bool null) {
  if (null) {
    row += "\\N";
    return;
  }
  for (char c : v) {
    switch (c) {
      case '\\': row += "\\\\"; break;
      case '\t': row += "\\t"; break;
      case '\n': row += "\\n"; break;
      case '\r': row += "\\r"; break;
      default: row += c;
    }
  }
}

bool is_write_conflict(const Status& s) { return s.code() == StatusCode::kAborted && s.error_code() == "write_conflict"; }

}  // namespace mamori::store::postgres
