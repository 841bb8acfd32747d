#include "store/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/private_file.h"
#include "store/durable_file.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_schema.h"

namespace mamori::store::sqlite {

namespace {

// Copies every page of `src` into `dst` in one step (one read transaction of `src`).
Result<int64_t> copy_pages(sqlite3* dst, sqlite3* src) {
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) return Status::Internal(std::string("backup init: ") + sqlite3_errmsg(dst));
  int rc = sqlite3_backup_step(b, -1);
  int64_t pages = sqlite3_backup_pagecount(b);
  int done = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return Status::Internal(std::string("backup step: ") + sqlite3_errstr(rc));
  if (done != SQLITE_OK) return Status::Internal(std::string("backup finish: ") + sqlite3_errmsg(dst));
  return pages;
}

// Whether the database holds data an operator would lose: any body or user.
Result<bool> holds_data(const std::string& path) {
  if (!std::filesystem::exists(path) || std::filesystem::file_size(path) == 0) return false;
  auto db = Db::Open(path, /*read_only=*/true);
  if (!db.ok()) return db.status();
  for (const char* table : {"bodies", "users"}) {
    Stmt has(*db, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '") + table + "'");
    if (!has.step()) return has.status();
    if (has.int64(0) == 0) continue;
    Stmt rows(*db, std::string("SELECT EXISTS (SELECT 1 FROM ") + table + ")");
    if (!rows.step()) return rows.status();
    if (rows.int64(0) != 0) return true;
  }
  return false;
}

}  // namespace

Result<CopyReport> backup_database(const std::string& from, const std::string& to) {
  if (!std::filesystem::exists(from)) return Status::NotFound("database_missing", {{"path", from}});
  if (std::filesystem::exists(to)) return Status::FailedPrecondition("backup_exists", {{"path", to}});
  const std::string partial = to + ".partial";
  std::filesystem::remove(partial);
  auto src = Db::Open(from, /*read_only=*/true);
  if (!src.ok()) return src.status();
  CopyReport report;
  {
    // The copy's version is the source's (read before, on the same connection).
    auto version = schema_version(*src);
    if (!version.ok()) return version.status();
    report.schema_version = *version;
  }
  {
    // A plain file (no WAL of its own): the copy is the one file.
    MAMORI_RETURN_IF_ERROR(reserve_private_file(partial));
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(partial.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
      sqlite3_close(raw);
      return Status::Internal("cannot create " + partial + ": " + msg);
    }
    ::chmod(partial.c_str(), 0600);
    auto pages = copy_pages(raw, src->raw());
    sqlite3_close(raw);
    if (!pages.ok()) {
      std::filesystem::remove(partial);
      return pages.status();
    }
    report.pages = *pages;
  }
  MAMORI_RETURN_IF_ERROR(publish_file(partial, to));
  report.bytes = static_cast<int64_t>(std::filesystem::file_size(to));
  return report;
}

Result<CopyReport> restore_database(const std::string& backup, const std::string& target, bool force) {
  if (!std::filesystem::exists(backup)) return Status::NotFound("backup_missing", {{"path", backup}});
  auto src = Db::Open(backup, /*read_only=*/true);
  if (!src.ok()) return Status::FailedPrecondition("backup_unsound", {{"path", backup}});
  {
    Stmt check(*src, "PRAGMA quick_check");
    if (!check.step() || check.text(0) != "ok") return Status::FailedPrecondition("backup_unsound", {{"path", backup}});
  }
  auto version = schema_version(*src);
  if (!version.ok()) return Status::FailedPrecondition("backup_unsound", {{"path", backup}});
  const int newest = sqlite_migrations().back().version;
  if (*version > newest)
    return Status::FailedPrecondition("schema_newer",
                                      {{"found", std::to_string(*version)}, {"known", std::to_string(newest)}});
  if (*version == 0) return Status::FailedPrecondition("backup_unsound", {{"path", backup}});
  auto data = holds_data(target);
  if (!data.ok()) return data.status();
  if (*data && !force) return Status::FailedPrecondition("restore_target_not_empty", {{"path", target}});
  auto dst = Db::Open(target);
  if (!dst.ok()) return dst.status();
  auto pages = copy_pages(dst->raw(), src->raw());
  if (!pages.ok()) return pages.status();
  MAMORI_RETURN_IF_ERROR(dst->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  return CopyReport{.pages = *pages,
                    .bytes = static_cast<int64_t>(std::filesystem::file_size(target)),
                    .schema_version = *version};
}

}  // namespace mamori::store::sqlite
