#pragma once
// The embedded backend of store/sql.h: SQLite in WAL mode, a pool of reader connections and
// one writer thread (SQLite has one writer).
//
// Writes are queued; the writer takes every queued write (up to 1,024) and runs them in one
// transaction, each inside its own savepoint, so a write that fails (returns an error or
// throws) changes nothing while the others go on; then it commits once — group commit: one
// fsync for many concurrent writes. A write is acknowledged only after that commit is
// durable; if BEGIN or COMMIT fails, every write of the batch fails with that error. Once
// the database begins to close (its destructor), a new write fails with Unavailable
// "shutting_down"; writes already queued still run.
//
// Checkpoints (copying the log back into the database file, with its fsync) run on a
// thread of their own with its own connection, as PASSIVE checkpoints, started when a
// commit leaves the log at kCheckpointPages or more: the writer does not wait for them.
// Under a steady stream of commits a checkpoint beside the writer may never reach the log's
// end, and the log could only grow; once a commit leaves kRestartPages in it, the writer
// checkpoints itself before its next batch (as SQLite does by default, but rarely), so the
// log starts again from its beginning (and is cut back to kLogLimitBytes).

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sql.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::store::sqlite {

// The text of sql/<name>.sql (generated at build time from src/store/sqlite/sql/).
std::string_view sql_file(std::string_view name);

class SqliteDatabase final : public Database {
 public:
  // Opens (creating) the database file at `path` and brings its schema up to date
  // (sqlite_schema.cpp). `readers` connections serve reads beside the writer.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, int readers = 4);
  ~SqliteDatabase() override;

  Status read(const std::function<Status(Connection&)>& fn) override;
  Status write(const std::function<Status(Connection&)>& fn) override;

  // Queues `fn` like write(), and returns at once: `done(status)` is called on the writer
  // thread once the batch holding it committed (or failed).
  void write_async(std::function<Status(Connection&)> fn, std::function<void(Status)> done) override;

  const std::string& path() const { return path_; }

  // A connection with its prepared-statement cache.
  class Conn;

 private:
  SqliteDatabase() = default;
  struct WriteJob {
    std::function<Status(Connection&)> fn;
    std::function<void(Status)> done;
  };
  void writer_loop();
  // Runs one batch inside BEGIN IMMEDIATE … COMMIT; returns the batch's own status.
  Status run_batch(std::vector<WriteJob>& batch, std::vector<Status>& results);
  void checkpoint_loop();
  static int on_wal_commit(void* self, sqlite3* db, const char* schema, int pages);
  // Runs `fn` on the writer connection outside any batch (schema changes at open).
  Status on_writer(const std::function<Status(Db&)>& fn);

  std::string path_;
  std::unique_ptr<Conn> writer_;
  // The writer's transaction control, prepared once (writer thread only).
  struct TxStatements {
    Stmt begin, savepoint, release, rollback_to, commit, rollback;
  };
  std::unique_ptr<TxStatements> tx_;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
  // The checkpointer: its own connection and thread.
  static constexpr int kCheckpointPages = 1000;
  static constexpr int kRestartPages = 4000;
  static constexpr int64_t kLogLimitBytes = 16 << 20;
  Db checkpoint_db_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;
  bool checkpoint_stopping_ = false;
  std::thread checkpoint_thread_;
  std::vector<std::unique_ptr<Conn>> readers_;
  std::vector<Conn*> free_readers_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
};

}  // namespace mamori::store::sqlite
