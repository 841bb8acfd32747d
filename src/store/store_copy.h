#pragma once
// `mamori migrate-store`: every row of a SQLite database copied into an empty PostgreSQL
// database (history and sessions included), then checked table by table.
//
// The target is brought to the newest schema first and must hold no row in any table. The
// copy is one PostgreSQL transaction (COPY … FROM STDIN per table, in an order that satisfies
// the foreign keys), so an interrupted copy leaves the target empty; the identity sequences
// then continue after the copied ids. Afterwards each table is read back from both sides
// in primary-key order and compared by row count and a SHA-256 over the rows' text (the
// same canonical text on both: every column SQLite and PostgreSQL store here is an integer
// or text, NULL written \N); any difference fails the command with the table's name.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::store {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
  std::string checksum;  // SHA-256 of the rows, hex: equal on both sides
};

// Progress lines for the operator ("bodies: 1,788 rows").
using CopyProgress = std::function<void(const std::string& line)>;

// FailedPrecondition "migrate_target_not_empty" when the target holds rows;
// "migrate_mismatch" {table} when the check after the copy finds a difference.
Result<std::vector<TableCopy>> copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& pg_conninfo,
                                                       const CopyProgress& progress);

}  // namespace mamori::store
