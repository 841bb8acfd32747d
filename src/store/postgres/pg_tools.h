#pragma once
// PostgreSQL's own programs (pg_dump, pg_restore), run as child processes by mamori backup
// and restore. The connection is passed without its password in the arguments (which every
// user of the machine can read in the process list): a password travels in the child's
// environment (PGPASSWORD) only.

#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::store::postgres {

// The program `name` of PostgreSQL 15: $MAMORI_PG_BIN/name, else
// /usr/lib/postgresql/15/bin/name when it exists, else `name` on the PATH.
std::string pg_tool(const std::string& name);

// Runs `argv` (argv[0] a program path) with `password` in PGPASSWORD when set; its standard
// output. Internal (with the program's standard error) when it cannot start or exits non-zero.
Result<std::string> run_tool(const std::vector<std::string>& argv, const std::string& password = "");

// `conninfo` split into a conninfo without the password, and the password ("" for none).
// InvalidArgument "store_location" when libpq cannot read it.
struct SplitConninfo {
  std::string conninfo;
  std::string password;
};
Result<SplitConninfo> split_password(const std::string& conninfo);

}  // namespace mamori::store::postgres
