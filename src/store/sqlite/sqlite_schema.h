#pragma once
// The SQLite schema: versioned migrations (src/store/migrations.h, files in migrations/), and
// the steps that bring a database made by an earlier, unversioned release to the baseline.

#include "base/status.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::store::sqlite {

// The SQLite migrations embedded in the binary, in order.
const std::vector<Migration>& sqlite_migrations();

// Brings the database to the newest migration (refusing a newer one: "schema_newer"). Runs on
// the writer connection, inside its transaction: all or nothing.
Result<MigrationReport> migrate_schema(Db& db);

// The schema version of a database (0: empty; -1: made before versioning), read without
// changing it: of an open connection, or of the file `path`.
Result<int> schema_version(Db& db);
Result<int> read_schema_version(const std::string& path);

}  // namespace mamori::store::sqlite
