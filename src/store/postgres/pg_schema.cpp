#include "store/postgres/pg_schema.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace mamori::store::postgres {

namespace migrations {
std::string_view sql_file(std::string_view name);
std::vector<std::string_view> sql_file_names();
}  // namespace migrations

namespace {

// The advisory lock every migration holds for its transaction.
constexpr const char* kLock = "SELECT pg_advisory_xact_lock(7305040002)";

Result<int> read_int(PgConn& conn, const std::string& sql) {
  auto r = conn.query(sql);
  if (!r.ok()) return r.status();
  if (PQntuples(r->get()) != 1) return Status::Internal("postgres: no row for " + sql);
  return std::atoi(PQgetvalue(r->get(), 0, 0));
}

// Runs `m` unless another node recorded it since we looked; in one transaction.
Status apply(PgConn& conn, const Migration& m) {
  MAMORI_RETURN_IF_ERROR(conn.exec("BEGIN"));
  Status s = conn.exec(kLock);
  if (s.ok()) {
    auto now = schema_version(conn);
    if (!now.ok()) s = now.status();
    else if (*now < m.version) {
      s = conn.exec(m.sql);
      if (s.ok()) {
        std::string name;
        for (char ch : m.name) name += ch == '\'' ? std::string("''") : std::string(1, ch);
        s = conn.exec("INSERT INTO schema_migrations (version, name) VALUES (" + std::to_string(m.version) + ", '" +
                      name + "')");
      }
    }
  }
  if (s.ok()) return conn.exec("COMMIT");
  (void)conn.exec("ROLLBACK");
  return s;
}

}  // namespace

const std::vector<Migration>& postgres_migrations() {
  static const std::vector<Migration> all =
      embedded_migrations(migrations::sql_file_names(), &migrations::sql_file);
  return all;
}

Result<int> schema_version(PgConn& conn) {
  auto has = read_int(conn, "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_migrations' "
                            "AND schemaname = current_schema()");
  if (!has.ok()) return has.status();
  if (*has == 0) return 0;
  return read_int(conn, "SELECT coalesce(max(version), 0) FROM schema_migrations");
}

Result<MigrationReport> migrate_schema(PgConn& conn) {
  MigrationTarget target{
      .current_version = [&] { return schema_version(conn); },
      .apply = [&](const Migration& m) { return apply(conn, m); },
      .baseline_legacy = [] { return Status::Internal("postgres: no unversioned schema exists"); },
  };
  return migrate(postgres_migrations(), target);
}

}  // namespace mamori::store::postgres
