#include "store/postgres/pg_scratch.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string_view>

#include "store/postgres/pg_conn.h"

namespace mamori::store::postgres {

namespace {

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> n = 0;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
}

Status exec_on(const std::string& conninfo, const std::string& sql) {
  auto c = PgConn::Connect({conninfo, ""});
  if (!c.ok()) return c.status();
  return (*c)->exec(sql);
}

}  // namespace

std::string test_postgres_conninfo() {
  const char* v = std::getenv("MAMORI_TEST_POSTGRES");
  return v ? v : "";
}

bool tests_run_in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string_view(ci) == "true";
}

Result<std::string> create_scratch_schema(const std::string& conninfo, const std::string& prefix) {
  std::string name = unique_name(prefix);
  MAMORI_RETURN_IF_ERROR(exec_on(conninfo, "DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name));
  return name;
}

Status drop_schema(const std::string& conninfo, const std::string& schema) {
  return exec_on(conninfo, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}

Result<std::string> create_scratch_database(const std::string& prefix, const std::string& template_db) {
  std::string name = unique_name(prefix);
  // CREATE DATABASE runs alone, outside any transaction: one statement per call.
  MAMORI_RETURN_IF_ERROR(exec_on(test_postgres_conninfo(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  MAMORI_RETURN_IF_ERROR(exec_on(test_postgres_conninfo(),
                                 "CREATE DATABASE " + name +
                                     (template_db.empty() ? "" : " TEMPLATE " + template_db + " STRATEGY FILE_COPY")));
  return name;
}

std::string test_database_conninfo(const std::string& name) { return test_postgres_conninfo() + " dbname=" + name; }

Status drop_scratch_database(const std::string& name) {
  return exec_on(test_postgres_conninfo(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace mamori::store::postgres
