#pragma once
// The PostgreSQL schema: versioned migrations (src/store/migrations.h, files in migrations/).
// There is no PostgreSQL database older than versioning, so no legacy step exists.

#include "base/status.h"
#include "store/migrations.h"
#include "store/postgres/pg_conn.h"

namespace mamori::store::postgres {

// The PostgreSQL migrations embedded in the binary, in order.
const std::vector<Migration>& postgres_migrations();

// Brings the database to the newest migration (refusing a newer one: "schema_newer"). Each
// migration runs in its own transaction holding an advisory lock, so two nodes starting at
// once apply it once: the second finds it recorded and goes on.
Result<MigrationReport> migrate_schema(PgConn& conn);

// The recorded schema version (0: no schema_migrations table yet).
Result<int> schema_version(PgConn& conn);

}  // namespace mamori::store::postgres
