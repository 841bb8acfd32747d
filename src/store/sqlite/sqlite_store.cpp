#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_schema.h"

namespace mamori::store::sqlite {

Result<std::unique_ptr<SqlStore>> open_store(const std::string& path, int readers, const Clock& clock) {
  auto db = SqliteDatabase::Open(path, readers);
  if (!db.ok()) return db.status();
  return std::make_unique<SqlStore>(std::move(*db), clock, sqlite_migrations().back().version);
}

}  // namespace mamori::store::sqlite
