#pragma once
// Named statements in a backend's .sql files: sections introduced by "-- name: <name>".

#include <functional>
#include <string_view>

namespace mamori::store {

// The statement `name` in the SQL file `area` of a backend whose files `file_of` returns
// (its generated sql_file()). Looked up once per (backend, area, name) and cached. Aborts the
// process when it does not exist: a missing statement is a build defect, found by any test.
std::string_view named_statement(const void* backend, std::string_view (*file_of)(std::string_view),
                                 std::string_view area, std::string_view name);

// Whether `area`.sql of that backend has a statement `name` (for optional companions, such
// as PostgreSQL's "<name>.copy").
bool has_named_statement(std::string_view (*file_of)(std::string_view), std::string_view area,
                         std::string_view name);

}  // namespace mamori::store
