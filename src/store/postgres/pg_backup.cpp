#include "store/postgres/pg_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "store/durable_file.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_tools.h"

namespace mamori::store::postgres {

namespace {

// Whether the database holds data an operator would lose: any body or user.
Result<bool> holds_data(const std::string& conninfo) {
  auto c = PgConn::Connect({conninfo, ""});
  if (!c.ok()) return c.status();
  for (const char* table : {"bodies", "users"}) {
    auto r = (*c)->query(std::string("SELECT to_regclass('") + table + "') IS NOT NULL");
    if (!r.ok()) return r.status();
    if (std::string(PQgetvalue(r->get(), 0, 0)) != "t") continue;
    auto rows = (*c)->query(std::string("SELECT EXISTS (SELECT 1 FROM ") + table + ")");
    if (!rows.ok()) return rows.status();
    if (std::string(PQgetvalue(rows->get(), 0, 0)) == "t") return true;
  }
  return false;
}

}  // namespace

Result<int> dump_schema_version(const std::string& backup) {
  // The rows of schema_migrations as pg_restore prints them: a COPY block, one tab-separated
  // row per line, ended by "\.".
  auto text = run_tool({pg_tool("pg_restore"), "--data-only", "--table=schema_migrations", "--file=-", backup});
  if (!text.ok()) return text.status();
  std::istringstream in(*text);
  std::string line;
  bool rows = false;
  int newest = 0;
  while (std::getline(in, line)) {
    if (!rows) {
      rows = line.rfind("COPY ", 0) == 0 && line.find("schema_migrations") != std::string::npos;
      continue;
    }
    if (line == "\\.") break;
    newest = std::max(newest, std::atoi(line.c_str()));
  }
  return newest;
}

Result<DumpReport> backup_database(const std::string& conninfo, const std::string& to) {
  if (std::filesystem::exists(to)) return Status::FailedPrecondition("backup_exists", {{"path", to}});
  MAMORI_ASSIGN_OR_RETURN(SplitConninfo conn, split_password(conninfo));
  const std::string partial = to + ".partial";
  std::filesystem::remove(partial);
  int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + partial + ": " + std::strerror(errno));
  ::close(fd);
  auto dumped = run_tool({pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                          "--file=" + partial, "--dbname=" + conn.conninfo},
                         conn.password);
  DumpReport report;
  Status s = dumped.status();
  if (s.ok()) {
    auto version = dump_schema_version(partial);  // of the same snapshot
    if (version.ok()) report.schema_version = *version;
    else s = version.status();
  }
  if (!s.ok()) {
    std::filesystem::remove(partial);
    return s;
  }
  MAMORI_RETURN_IF_ERROR(publish_file(partial, to));
  report.bytes = static_cast<int64_t>(std::filesystem::file_size(to));
  return report;
}

Result<DumpReport> restore_database(const std::string& backup, const std::string& conninfo, bool force,
                                    const std::string& target_name) {
  if (!std::filesystem::exists(backup)) return Status::NotFound("backup_missing", {{"path", backup}});
  auto version = dump_schema_version(backup);
  if (!version.ok() || *version == 0) return Status::FailedPrecondition("backup_unsound", {{"path", backup}});
  const int newest = postgres_migrations().back().version;
  if (*version > newest)
    return Status::FailedPrecondition("schema_newer",
                                      {{"found", std::to_string(*version)}, {"known", std::to_string(newest)}});
  MAMORI_ASSIGN_OR_RETURN(bool data, holds_data(conninfo));
  if (data && !force) return Status::FailedPrecondition("restore_target_not_empty", {{"path", target_name}});
  MAMORI_ASSIGN_OR_RETURN(SplitConninfo conn, split_password(conninfo));
  auto restored = run_tool({pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                            "--single-transaction", "--exit-on-error", "--dbname=" + conn.conninfo, backup},
                           conn.password);
  if (!restored.ok()) return restored.status();
  return DumpReport{.bytes = static_cast<int64_t>(std::filesystem::file_size(backup)), .schema_version = *version};
}

}  // namespace mamori::store::postgres
