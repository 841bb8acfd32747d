#pragma once
// Backup and restore of a SQLite database file (`mamori backup`, `mamori restore`).
//
// A backup is one consistent copy, as of one moment, taken while a server keeps writing: the
// SQLite online backup API copies every page inside one read transaction of the source
// (WAL lets writers go on meanwhile), so every save acknowledged before the backup began is
// in it, and no save is in it half. The copy is written beside its destination, flushed to
// disk, made readable by its owner only (0600), and only then given its name; an existing
// file is never overwritten.
//
// A restore copies a backup into the database file of a stopped server, after checking that
// the backup is a sound mamori database of a schema this binary can open. A target that holds
// data is refused unless `force`.

#include <cstdint>
#include <string>

#include "base/status.h"

namespace mamori::store::sqlite {

struct CopyReport {
  int64_t pages = 0;
  int64_t bytes = 0;
  int schema_version = 0;  // -1: made before versioning (upgraded when next opened)
};

// FailedPrecondition "backup_exists" when `to` exists; NotFound "database_missing" when
// `from` does not.
Result<CopyReport> backup_database(const std::string& from, const std::string& to);

// FailedPrecondition "restore_target_not_empty" (unless `force`), "backup_unsound" (not a
// database, or its integrity check fails), "schema_newer"; NotFound "backup_missing".
Result<CopyReport> restore_database(const std::string& backup, const std::string& target, bool force);

}  // namespace mamori::store::sqlite
