#include "store/store_copy.h"

#include <cstdlib>
#include <filesystem>

#include "crypto/password.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori::store {

namespace {

// Every table, parents before children (the foreign keys hold at every step).
const std::vector<std::string>& tables() {
  static const std::vector<std::string> t = {
      "bodies",         "body_members",        "users",           "sessions",    "campaigns", "campaign_targets",
      "responses",      "response_groups",     "answers",             "answer_history",  "response_categories",
      "workflow_events", "submissions",        "notifications",   "events",      "jobs",      "sign_in_failures",
      "recovery_codes",  "account_tokens",     "audit_log",       "measure_answers", "answer_reuse", "api_tokens",
      "organs",          "policies",           "policy_organs",   "policy_reviews",  "security_roles",
      "publication_checks"};
  return t;
}

constexpr int64_t kChunk = 10000;  // rows per checksum link and per progress line

// The checksum of a table: SHA-256 chained over chunks of kChunk rows' canonical text.
class Checksum {
 public:
  void add_row(const std::string& row) {
    buffer_ += row;
    if (++rows_ % kChunk == 0) flush();
  }
  std::string finish() {
    flush();
    return chain_;
  }

 private:
  void flush() {
    if (buffer_.empty()) return;
    chain_ = auth::sha256_hex(chain_ + buffer_);
    buffer_.clear();
  }
  std::string buffer_, chain_;
  int64_t rows_ = 0;
};

struct Columns {
  std::vector<std::string> names;
  std::vector<std::string> key;  // the primary key, in order
  std::string list() const {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
  }
  std::string order() const {
    std::string s;
    for (const auto& n : key) s += (s.empty() ? "" : ", ") + n;
    return s;
  }
};

// The target's columns of `table` (in its order) and primary key.
Result<Columns> columns_of(postgres::PgConn& pg, const std::string& table) {
  Columns c;
  auto cols = pg.query("SELECT attname FROM pg_attribute WHERE attrelid = '" + table +
                       "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
  if (!cols.ok()) return cols.status();
  for (int i = 0; i < PQntuples(cols->get()); ++i) c.names.push_back(PQgetvalue(cols->get(), i, 0));
  auto key = pg.query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                      "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = '" + table +
                      "'::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)");
  if (!key.ok()) return key.status();
  for (int i = 0; i < PQntuples(key->get()); ++i) c.key.push_back(PQgetvalue(key->get(), i, 0));
  if (c.names.empty() || c.key.empty()) return Status::Internal("no columns or key for " + table);
  return c;
}

Status put_copy(PGconn* c, const std::string& data) {
  if (PQputCopyData(c, data.data(), static_cast<int>(data.size())) != 1) return postgres::pg_error(nullptr, c);
  return Status::Ok();
}

// Copies one table; its row count and checksum as read from SQLite.
Result<TableCopy> copy_table(sqlite::Db& src, postgres::PgConn& pg, const std::string& table, const Columns& cols,
                             const CopyProgress& progress) {
  sqlite::Stmt rows(src, "SELECT " + cols.list() + " FROM " + table + " ORDER BY " + cols.order());
  if (!rows.ok()) return rows.status();
  postgres::PgResult start(PQexec(pg.raw(), ("COPY " + table + " (" + cols.list() + ") FROM STDIN").c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) return postgres::pg_error(start.get(), pg.raw());
  TableCopy out{table, 0, ""};
  Checksum sum;
  std::string batch, row;
  const int n = static_cast<int>(cols.names.size());
  Status s;
  while (rows.step()) {
    row.clear();
    for (int i = 0; i < n; ++i) {
      if (i) row += '\t';
      const bool null = rows.is_null(i);
      postgres::append_copy_field(row, null ? std::string() : rows.text(i), null);
    }
    row += '\n';
    sum.add_row(row);
    batch += row;
    if (batch.size() >= (1 << 20)) {
      if (s = put_copy(pg.raw(), batch); !s.ok()) break;
      batch.clear();
    }
    if (++out.rows % (10 * kChunk) == 0 && progress) progress("  " + table + ": " + std::to_string(out.rows) + " …");
  }
  if (s.ok()) s = rows.status();
  if (s.ok() && !batch.empty()) s = put_copy(pg.raw(), batch);
  if (PQputCopyEnd(pg.raw(), s.ok() ? nullptr : "mamori: the source could not be read") != 1 && s.ok())
    s = postgres::pg_error(nullptr, pg.raw());
  postgres::PgResult end(PQgetResult(pg.raw()));
  if (s.ok() && (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK)) s = postgres::pg_error(end.get(), pg.raw());
  while (postgres::PgResult more{PQgetResult(pg.raw())}) {
  }
  if (!s.ok()) return s;
  out.checksum = sum.finish();
  return out;
}

// The same count and checksum, read back from PostgreSQL (COPY … TO STDOUT gives the text
// format the rows were sent in).
Result<TableCopy> read_back(postgres::PgConn& pg, const std::string& table, const Columns& cols) {
  postgres::PgResult start(PQexec(pg.raw(), ("COPY (SELECT " + cols.list() + " FROM " + table + " ORDER BY " + cols.order() +
                                   ") TO STDOUT")
                                      .c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_OUT) return postgres::pg_error(start.get(), pg.raw());
  TableCopy out{table, 0, ""};
  Checksum sum;
  for (;;) {
    char* buf = nullptr;
    int n = PQgetCopyData(pg.raw(), &buf, 0);
    if (n < 0) break;
    sum.add_row(std::string(buf, static_cast<size_t>(n)));
    PQfreemem(buf);
    ++out.rows;
  }
  postgres::PgResult end(PQgetResult(pg.raw()));
  if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK) return postgres::pg_error(end.get(), pg.raw());
  while (postgres::PgResult more{PQgetResult(pg.raw())}) {
  }
  out.checksum = sum.finish();
  return out;
}

}  // namespace

Result<std::vector<TableCopy>> copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& pg_conninfo,
                                                       const CopyProgress& progress) {
  if (!std::filesystem::exists(sqlite_path)) return Status::NotFound("database_missing", {{"path", sqlite_path}});
  {
    // The source at the newest schema (an older one is upgraded, as any command would).
    auto upgraded = sqlite::open_store(sqlite_path, 1, system_clock());
    if (!upgraded.ok()) return upgraded.status();
  }
  auto src = sqlite::Db::Open(sqlite_path, /*read_only=*/true);
  if (!src.ok()) return src.status();
  auto pg = postgres::PgConn::Connect({pg_conninfo, ""});
  if (!pg.ok()) return pg.status();
  MAMORI_RETURN_IF_ERROR(postgres::migrate_schema(**pg).status());
  for (const auto& t : tables()) {
    auto any = (*pg)->query("SELECT EXISTS (SELECT 1 FROM " + t + ")");
    if (!any.ok()) return any.status();
    if (std::string(PQgetvalue(any->get(), 0, 0)) == "t")
      return Status::FailedPrecondition("migrate_target_not_empty", {{"table", t}});
  }
  // One read transaction of the source (one moment, even if a server were writing), and one
  // write transaction of the target.
  MAMORI_RETURN_IF_ERROR(src->Exec("BEGIN"));
  MAMORI_RETURN_IF_ERROR((*pg)->exec("BEGIN"));
  std::vector<TableCopy> copied;
  std::vector<Columns> columns;  // of each copied table, for the check
  Status s;
  for (const auto& t : tables()) {
    auto cols = columns_of(**pg, t);
    if (!cols.ok()) {
      s = cols.status();
      break;
    }
    if (progress) progress(t + " …");
    auto c = copy_table(*src, **pg, t, *cols, progress);
    if (!c.ok()) {
      s = c.status();
      break;
    }
    copied.push_back(*c);
    columns.push_back(std::move(*cols));
  }
  if (s.ok())  // ids continue after the copied ones
    s = (*pg)->exec(
        "DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.relname AS t, a.attname AS col FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.attidentity <> '' AND n.nspname = current_schema() LOOP "
        "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',"
        " r.t, r.col, r.col, r.t); END LOOP; END $$");
  if (s.ok()) s = (*pg)->exec("COMMIT");
  else (void)(*pg)->exec("ROLLBACK");
  (void)src->Exec("COMMIT");
  if (!s.ok()) return s;
  if (progress) progress("check …");
  for (size_t i = 0; i < copied.size(); ++i) {
    const TableCopy& c = copied[i];
    auto back = read_back(**pg, c.table, columns[i]);
    if (!back.ok()) return back.status();
    if (back->rows != c.rows || back->checksum != c.checksum)
      return Status::FailedPrecondition("migrate_mismatch", {{"table", c.table}})
          .with_detail(c.table + ": " + std::to_string(c.rows) + " rows " + c.checksum + " in SQLite, " +
                       std::to_string(back->rows) + " rows " + back->checksum + " in PostgreSQL");
  }
  return copied;
}

}  // namespace mamori::store
