#pragma once
// The SQLite schema and the steps that bring a database made by an older version up to it.

#include "base/status.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::store::sqlite {

// Applies sql/schema.sql (every statement idempotent) and the later changes it cannot
// express (added columns, a relaxed CHECK). Runs on the writer connection, inside its
// transaction: all or nothing.
Status migrate_schema(Db& db);

}  // namespace mamori::store::sqlite
