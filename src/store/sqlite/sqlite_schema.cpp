#include "store/sqlite/sqlite_schema.h"

#include <string>
#include <tuple>

#include "store/sqlite/sqlite_database.h"

namespace mamori::store::sqlite {

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

}  // namespace

Status migrate_schema(Db& db) {
  MAMORI_RETURN_IF_ERROR(db.Exec(sql_file("schema")));
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
  return relax_category_check(db);
}

}  // namespace mamori::store::sqlite
