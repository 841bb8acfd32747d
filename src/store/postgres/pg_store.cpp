#include "store/postgres/pg_store.h"

#include "store/postgres/pg_schema.h"

namespace mamori::store::postgres {

Result<std::unique_ptr<SqlStore>> open_store(const PgOptions& options, const Clock& clock) {
  auto db = PgDatabase::Open(options);
  if (!db.ok()) return db.status();
  MAMORI_RETURN_IF_ERROR((*db)->with_connection([](PgConn& c) { return migrate_schema(c).status(); }));
  return std::make_unique<SqlStore>(std::move(*db), clock, postgres_migrations().back().version);
}

}  // namespace mamori::store::postgres
