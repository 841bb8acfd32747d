// Named SQL statements from src/store/sqlite/sql/*.sql, embedded at build time.
// A file holds sections introduced by "-- name: <name>"; schema.sql is whole.
#pragma once

#include <string_view>

namespace mamori::sql {

// The whole text of <file>.sql ("" if absent). Defined in the generated file.
std::string_view file(std::string_view name);

// The statement "-- name: <name>" of <file>.sql. Aborts the process when it
// does not exist: a missing statement is a build defect, found by any test.
std::string_view query(std::string_view file_name, std::string_view name);

}  // namespace mamori::sql
