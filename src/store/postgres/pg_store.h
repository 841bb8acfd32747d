#pragma once
// The production store: the SQL repositories on PostgreSQL (pg_database.*).

#include <memory>

#include "base/clock.h"
#include "store/postgres/pg_database.h"
#include "store/sql_store.h"

namespace mamori::store::postgres {

// Connects, brings the schema up to date (pg_schema.h) and returns the store. `clock`
// outlives the store.
Result<std::unique_ptr<SqlStore>> open_store(const PgOptions& options, const Clock& clock);

}  // namespace mamori::store::postgres
