#pragma once
// Where the data lives, as an operator writes it (--store, MAMORI_STORE):
//   sqlite:PATH                  the embedded SQLite file PATH (a bare PATH means the same)
//   postgres:CONNINFO            PostgreSQL; CONNINFO is anything libpq accepts
//   postgresql://… postgres://…  PostgreSQL, the URI itself

#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "store/sql_store.h"

namespace mamori::store {

struct StoreLocation {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  std::string target;  // the SQLite path, or the libpq conninfo

  bool is_postgres() const { return kind == Kind::kPostgres; }
  // For logs and messages: the kind and target with any password replaced by "***".
  std::string display() const;
};

// An error (InvalidArgument "store_location") for an empty text or an empty target.
Result<StoreLocation> parse_store_location(std::string_view text);

struct StoreOptions {
  int sqlite_readers = 4;  // SQLite: reader connections beside the writer
  int pg_pool = 8;         // PostgreSQL: connections of this process
  std::string pg_search_path;  // PostgreSQL: a schema to work in (tests); "" for the default
};

// Opens (creating, migrating) the store at `where`. `clock` outlives the store.
Result<std::unique_ptr<SqlStore>> open_store(const StoreLocation& where, const StoreOptions& options,
                                             const Clock& clock);

// The schema version the store records (0 when empty), read without changing anything.
Result<int> stored_schema_version(const StoreLocation& where, const StoreOptions& options);

// Deletes everything the store holds (`mamori demo --reset`): the SQLite file with its log, or
// every table of the PostgreSQL schema.
Status erase_store(const StoreLocation& where, const StoreOptions& options);

}  // namespace mamori::store
