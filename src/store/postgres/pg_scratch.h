#pragma once
// Scratch schemas and databases for the tests on PostgreSQL: every test case (or test server)
// works in a schema or database of its own on the server MAMORI_TEST_POSTGRES names, so cases
// running at once never see each other's rows, and it is dropped when the case ends.

#include <string>

#include "base/status.h"

namespace mamori::store::postgres {

// MAMORI_TEST_POSTGRES (a libpq conninfo in key=value form), or "" when the tests are not to
// use PostgreSQL.
std::string test_postgres_conninfo();

// True under CI=true, where a test that needs PostgreSQL (or nginx) and finds none fails
// instead of being skipped.
bool tests_run_in_ci();

// Creates an empty schema `<prefix>_<pid>_<n>`; its name.
Result<std::string> create_scratch_schema(const std::string& conninfo, const std::string& prefix);

// Drops `schema` and everything in it.
Status drop_schema(const std::string& conninfo, const std::string& schema);

// Creates a database `<prefix>_<pid>_<n>` on the test server (a copy of `template_db` when
// given: a file-level copy, for the demo templates); its name.
Result<std::string> create_scratch_database(const std::string& prefix, const std::string& template_db = "");

// The conninfo of the test server's database `name`.
std::string test_database_conninfo(const std::string& name);

// Drops the test server's database `name`, closing its connections.
Status drop_scratch_database(const std::string& name);

}  // namespace mamori::store::postgres
