#include "store/sqlite/sqlite_schema.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>

#include "store/sqlite/sqlite_database.h"

namespace mamori::store::sqlite {

namespace migrations {
// Generated from migrations/*.sql (cmake/embed_sql.cmake).
std::string_view sql_file(std::string_view name);
std::vector<std::string_view> sql_file_names();
}  // namespace migrations

namespace {

// CREATE TABLE IF NOT EXISTS leaves an existing table as it was: columns added since are
// added here. True when added. The names are constants of this file, never input.
Result<bool> add_column_if_missing(Db& db, const std::string& table, const std::string& column,
                                   const std::string& definition) {
  Stmt st(db, "SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'");
  if (st.step()) return false;
  MAMORI_RETURN_IF_ERROR(st.status());
  MAMORI_RETURN_IF_ERROR(db.Exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition));
  return true;
}

// Databases made before surveys could have any number of categories limit the category
// number to 1–8 in a CHECK, which SQLite cannot alter: the table is rebuilt.
Status relax_category_check(Db& db) {
  Stmt st(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'response_categories'");
  if (!st.step()) return st.status();
  if (st.text(0).find("BETWEEN 1 AND 8") == std::string::npos) return Status::Ok();
  st.reset();
  return db.Exec(
      "CREATE TABLE response_categories_new (response_id INTEGER NOT NULL REFERENCES responses(id),"
      " category INTEGER NOT NULL CHECK (category >= 1), assignee INTEGER REFERENCES users(id),"
      " ready INTEGER NOT NULL DEFAULT 0, return_comment TEXT NOT NULL DEFAULT '',"
      " PRIMARY KEY (response_id, category)) STRICT, WITHOUT ROWID;"
      "INSERT INTO response_categories_new SELECT response_id, category, assignee, ready, return_comment"
      " FROM response_categories;"
      "DROP TABLE response_categories;"
      "ALTER TABLE response_categories_new RENAME TO response_categories;");
}


Status record(Db& db, const Migration& m) {
  Stmt st(db, "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
  st.bind(1, static_cast<int64_t>(m.version)).bind(2, m.name);
  st.step();
  return st.status();
}

// An unversioned database: the baseline's tables it lacks, the columns added since the first
// release, the relaxed CHECK; then it is at version 1.
Status baseline_legacy(Db& db, const Migration& baseline) {
  MAMORI_RETURN_IF_ERROR(db.Exec(baseline.sql));
  auto counts = add_column_if_missing(db, "campaigns", "target_count", "INTEGER NOT NULL DEFAULT 0");
  if (!counts.ok()) return counts.status();
  if (*counts)
    MAMORI_RETURN_IF_ERROR(db.Exec("UPDATE campaigns SET target_count = "
                                   "(SELECT count(*) FROM campaign_targets WHERE campaign_id = campaigns.id)"));
  for (const auto& [table, column, definition] :
       {std::tuple<const char*, const char*, const char*>{"users", "email", "TEXT NOT NULL DEFAULT ''"},
        {"campaigns", "closed_at", "TEXT"},
        {"responses", "revision", "INTEGER NOT NULL DEFAULT 0"}}) {
    auto added = add_column_if_missing(db, table, column, definition);
    if (!added.ok()) return added.status();
  }
  MAMORI_RETURN_IF_ERROR(relax_category_check(db));
  return record(db, baseline);
}

}  // namespace

Result<int> schema_version(Db& db) {
  Stmt has(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!has.step()) return has.status().ok() ? Status::Internal("sqlite_master unreadable") : has.status();
  if (has.int64(0) == 1) {
    Stmt v(db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!v.step()) return v.status().ok() ? Status::Internal("schema_migrations unreadable") : v.status();
    return static_cast<int>(v.int64(0));
  }
  Stmt any(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'bodies'");
  if (!any.step()) return any.status().ok() ? Status::Internal("sqlite_master unreadable") : any.status();
  return any.int64(0) == 1 ? -1 : 0;
}

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> all =
      embedded_migrations(migrations::sql_file_names(), &migrations::sql_file);
  return all;
}

Result<int> read_schema_version(const std::string& path) {
  if (!std::filesystem::exists(path)) return 0;  // no database yet: nothing applied
  auto db = Db::Open(path, /*read_only=*/true);
  if (!db.ok()) return db.status();
  return schema_version(*db);
}

Result<MigrationReport> migrate_schema(Db& db) {
  const auto& all = sqlite_migrations();
  MigrationTarget target{
      .current_version = [&] { return schema_version(db); },
      .apply =
          [&](const Migration& m) -> Status {
            MAMORI_RETURN_IF_ERROR(db.Exec(m.sql));
            return record(db, m);
          },
      .baseline_legacy = [&] { return baseline_legacy(db, all.front()); },
  };
  return migrate(all, target);
}

}  // namespace mamori::store::sqlite
