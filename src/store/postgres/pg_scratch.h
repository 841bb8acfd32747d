#pragma once
// Scratch schemas for the tests on PostgreSQL: every test case (or test server) works in a
// schema of its own in the database MAMORI_TEST_POSTGRES names, so cases running at once
// never see each other's rows, and the schema is dropped when the case ends.

#include <string>

#include "base/status.h"

namespace mamori::store::postgres {

// MAMORI_TEST_POSTGRES (a libpq conninfo), or "" when the tests are not to use PostgreSQL.
std::string test_postgres_conninfo();

// Creates an empty schema `<prefix>_<pid>_<n>`; its name.
Result<std::string> create_scratch_schema(const std::string& conninfo, const std::string& prefix);

// Drops `schema` and everything in it.
Status drop_schema(const std::string& conninfo, const std::string& schema);

}  // namespace mamori::store::postgres
