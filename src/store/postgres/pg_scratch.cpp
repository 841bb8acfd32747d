#include "store/postgres/pg_scratch.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "store/postgres/pg_conn.h"

namespace mamori::store::postgres {

std::string test_postgres_conninfo() {
  const char* v = std::getenv("MAMORI_TEST_POSTGRES");
  return v ? v : "";
}

Result<std::string> create_scratch_schema(const std::string& conninfo, const std::string& prefix) {
  static std::atomic<int> n = 0;
  std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  auto c = PgConn::Connect({conninfo, ""});
  if (!c.ok()) return c.status();
  MAMORI_RETURN_IF_ERROR((*c)->exec("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name));
  return name;
}

Status drop_schema(const std::string& conninfo, const std::string& schema) {
  auto c = PgConn::Connect({conninfo, ""});
  if (!c.ok()) return c.status();
  return (*c)->exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}

}  // namespace mamori::store::postgres
