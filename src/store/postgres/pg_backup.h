#pragma once
// Backup and restore of a PostgreSQL database (`mamori backup`, `mamori restore` with
// --store postgres:…), by PostgreSQL's own programs (pg_tools.h).
//
// A backup is `pg_dump -Fc`: one consistent snapshot of the database (a REPEATABLE READ
// transaction), taken while the servers keep writing, so every save acknowledged before the
// backup began is in it and no transaction is in it half. It is written beside its name,
// readable by its owner only (0600), flushed, and only then named; an existing file is never
// overwritten. pg_dump itself refuses a server newer than it.
//
// A restore is `pg_restore --single-transaction --clean --if-exists`: all of it or nothing,
// after checking that the file is a dump of a mamori schema this binary can open (its
// schema_migrations, read from the dump without touching the target). A target that holds
// data is refused unless `force`.

#include <cstdint>
#include <string>

#include "base/status.h"

namespace mamori::store::postgres {

struct DumpReport {
  int64_t bytes = 0;
  int schema_version = 0;
};

// FailedPrecondition "backup_exists" when `to` exists.
Result<DumpReport> backup_database(const std::string& conninfo, const std::string& to);

// NotFound "backup_missing"; FailedPrecondition "backup_unsound" (not a dump, or no mamori
// schema in it), "schema_newer", "restore_target_not_empty" (unless `force`).
Result<DumpReport> restore_database(const std::string& backup, const std::string& conninfo, bool force,
                                    const std::string& target_name);

// The highest schema_migrations version in a dump (0 when it has none).
Result<int> dump_schema_version(const std::string& backup);

}  // namespace mamori::store::postgres
