#pragma once
// Versioned, forward-only schema migrations, the same rules for every SQL backend.
//
// A backend keeps its migrations as files `migrations/NNNN_<what>.sql` (embedded at build
// time); version N is the file numbered N. Applied migrations are recorded in the table
// `schema_migrations (version, name, applied_at)`. Version 1 is the **baseline**: the schema as
// it stood when versioning began (2026-12), which a backend may reach from a database made by
// an earlier, unversioned release by its own steps (the SQLite backend adds the columns added
// since and rebuilds a table whose CHECK changed). Each migration runs in one transaction with
// the row that records it, so a failure leaves the database at the version before it.
//
// A database whose recorded version is newer than the newest migration this binary knows is
// refused ("schema_newer"): an older binary must not write into a newer schema.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori::store {

struct Migration {
  int version = 0;
  std::string name;      // the file name without its number and extension: "initial"
  std::string_view sql;  // the statements, run as one script
};

// The migrations named by `files` ("0001_initial", …, as the build embedded them), ordered by
// version. An error when a name is not NNNN_<what>, a number repeats, or one is missing
// (1, 2, 4): a build defect, reported by the first test that opens a database.
Result<std::vector<Migration>> migrations_from_files(const std::vector<std::string_view>& files,
                                                     std::string_view (*text_of)(std::string_view));

// migrations_from_files() for the files a backend embedded: a misnamed file is a build
// defect, so the process stops with the reason on stderr.
std::vector<Migration> embedded_migrations(const std::vector<std::string_view>& files,
                                           std::string_view (*text_of)(std::string_view));

// How a backend runs migrations. `current_version` is 0 for an empty database, or the
// highest recorded version; -1 for a database made before versioning (it has tables but no
// schema_migrations). `apply` runs one migration and records it, in one transaction.
// `baseline_legacy` brings an unversioned database to version 1 and records it, in one
// transaction.
struct MigrationTarget {
  std::function<Result<int>()> current_version;
  std::function<Status(const Migration&)> apply;
  std::function<Status()> baseline_legacy;
};

// What migrate() did: the version found and the version reached.
struct MigrationReport {
  int from = 0;
  int to = 0;
};

// Brings the database to the newest of `all` (which starts at version 1 and has no gaps).
Result<MigrationReport> migrate(const std::vector<Migration>& all, const MigrationTarget& target);

}  // namespace mamori::store
