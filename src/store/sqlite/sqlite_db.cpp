#include "store/sqlite/sqlite_db.h"

#include <filesystem>

#include "base/private_file.h"

namespace mamori::store::sqlite {

Result<Db> Db::Open(const std::string& path, bool read_only) {
  // Before SQLite initialises, once: no global memory statistics (they take a process-wide
  // mutex on every allocation, and mamori never reads them).
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  if (!read_only && path != ":memory:" && path.rfind("file:", 0) != 0) {
    // Readable by the server's user only: a new database is created 0600 (SQLite gives its
    // -wal and -shm files the database's mode), and an older, wider one is narrowed.
    if (Status made = reserve_private_file(path); !made.ok() && !std::filesystem::exists(path)) return made;
    for (const char* suffix : {"", "-wal", "-shm"}) MAMORI_RETURN_IF_ERROR(make_private(path + suffix));
  }
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Internal("cannot open database " + path + ": " + msg);
  }
  Db out(db);
  sqlite3_busy_timeout(db, 10000);
  if (!read_only) {
    Status s = out.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    if (!s.ok()) return s;
  }
  // No memory-mapped reads: in WAL mode a read transaction that finds the log changed since
  // its connection's last read unmaps the whole file (sqlite3PagerSharedLock), so under a
  // steady stream of saves every read paid a munmap, a new mmap and page faults
  // (docs/PERFORMANCE.md, "Autosave under load").
  Status s = out.Exec("PRAGMA foreign_keys=ON; PRAGMA mmap_size=0;");
  if (!s.ok()) return s;
  return out;
}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close_v2(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    return Status::Internal("sqlite: " + msg);
  }
  return Status::Ok();
}

Stmt::Stmt(const Db& db, std::string_view sql) : db_(db.raw()) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK) {
    error_ = std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql.substr(0, 120));
    st_ = nullptr;
    status_ = Status::Internal("sqlite prepare: " + error_);
  }
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (st_) sqlite3_finalize(st_);
    st_ = o.st_;
    db_ = o.db_;
    error_ = std::move(o.error_);
    status_ = std::move(o.status_);
    o.st_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() {
  if (st_) sqlite3_finalize(st_);
}

Stmt& Stmt::bind(int i, int64_t v) {
  if (st_) sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  if (st_) sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  if (st_) sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind(int i, const std::optional<std::string>& v) {
  return v ? bind(i, std::string_view(*v)) : bind_null(i);
}
Stmt& Stmt::bind(int i, std::optional<int64_t> v) { return v ? bind(i, *v) : bind_null(i); }
Stmt& Stmt::bind_null(int i) {
  if (st_) sqlite3_bind_null(st_, i);
  return *this;
}

bool Stmt::step() {
  if (!st_) return false;
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    int ext = sqlite3_extended_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    if (rc == SQLITE_CONSTRAINT) {
      std::string code = ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ? "constraint_unique"
                         : ext == SQLITE_CONSTRAINT_FOREIGNKEY ? "constraint_foreign_key"
                                                               : "constraint";
      status_ = Status::FailedPrecondition(code).with_message("constraint");
    } else {
      status_ = Status::Internal("sqlite step (" + std::to_string(ext) + "): " + msg);
    }
  }
  return false;
}

Status Stmt::run() {
  if (!st_) return status_;
  while (step()) {
  }
  Status s = status_;
  reset();
  return s;
}

void Stmt::reset() {
  if (!st_) return;
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  status_ = Status::Ok();
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(st_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)));
}

std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int64_t> Stmt::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

Tx::Tx(Db& db) : db_(db) { begin_ = db_.Exec("SAVEPOINT tx"); }

Tx::~Tx() {
  if (!done_ && begin_.ok()) (void)db_.Exec("ROLLBACK TO tx; RELEASE tx");
}

Status Tx::Commit() {
  if (!begin_.ok()) return begin_;
  Status s = db_.Exec("RELEASE tx");
  if (s.ok()) done_ = true;
  return s;
}

}  // namespace mamori::store::sqlite
