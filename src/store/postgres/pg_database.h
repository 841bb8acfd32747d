#pragma once
// The production backend of store/sql.h: PostgreSQL 15 through libpq, a pool of connections
// shared by reads and writes, and threads of its own for write_async().
//
// Concurrency. Every write is one READ COMMITTED transaction. The guarded writes stay atomic
// under real concurrency by row locks, not by SERIALIZABLE: they read the row they decide on
// with SELECT … FOR UPDATE (responses/get_for_update, responses/answer_for_update) and make
// every later change conditional on what they read (WHERE version = …, revision = …,
// state = …), which an UPDATE re-checks on the newest row after waiting for a lock. Where no
// row exists to lock, an advisory transaction lock serialises the few writes that need it
// (jobs/lock_kind, events/record). SERIALIZABLE would make every autosave of one response
// (they all bump the response's version) abort its concurrent siblings and retry; with row
// locks they queue for a few microseconds instead. A deadlock or serialization failure
// (rare: locks are taken answer → response in every path) is retried up to kWriteAttempts
// times, then reported as Aborted "write_conflict".
//
// Reads run in a READ ONLY REPEATABLE READ transaction: every statement of one read sees the
// same committed state, as store/sql.h promises.
//
// Threads. libpq is blocking: inside a NoWaitScope (an I/O thread) read() and write() return
// WouldBlock() at once; the caller then runs on a handler thread. write_async() queues the
// write for the database's own threads and never waits.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/pg_conn.h"
#include "store/sql.h"

namespace mamori::store::postgres {

// The text of sql/<name>.sql (generated at build time from src/store/postgres/sql/).
std::string_view sql_file(std::string_view name);

struct PgOptions {
  PgTarget target;
  int pool = 8;          // connections, reads and writes together
  int async_writers = 4;  // threads running write_async() (each takes a pooled connection)
};

class PgDatabase final : public Database {
 public:
  // Connects once (to fail early when the server cannot be reached); the other connections
  // of the pool open when first needed.
  static Result<std::unique_ptr<PgDatabase>> Open(const PgOptions& options);
  ~PgDatabase() override;

  Status read(const std::function<Status(Connection&)>& fn) override;
  Status write(const std::function<Status(Connection&)>& fn) override;
  void write_async(std::function<Status(Connection&)> fn, std::function<void(Status)> done) override;

  // Waits for a NOTIFY on mamori_events (sent by events/record when its transaction
  // commits) on a connection of its own that LISTENs; reconnects after losing it (a notice
  // sent meanwhile is lost: the caller reads the log anyway).
  bool wait_for_events(std::chrono::milliseconds timeout) override;

  // Runs `fn` on a pooled connection outside any transaction (migrations, backups).
  Status with_connection(const std::function<Status(PgConn&)>& fn);

  const PgOptions& options() const { return options_; }

  class Conn;

 private:
  explicit PgDatabase(PgOptions o);
  static constexpr int kWriteAttempts = 4;

  // A connection from the pool (waiting for one), or an error when none can be opened.
  Result<Conn*> acquire();
  // Returns `c`; a connection that lost its server is dropped (a new one opens when needed).
  void release(Conn* c);
  Status transaction(const char* begin, const std::function<Status(Connection&)>& fn);
  void async_loop();

  PgOptions options_;
  std::unique_ptr<PgConn> listener_;  // LISTEN mamori_events; wait_for_events() only
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Conn>> conns_;  // every open connection
  std::vector<Conn*> free_;
  int opening_ = 0;  // connections being opened outside the lock

  struct AsyncWrite {
    std::function<Status(Connection&)> fn;
    std::function<void(Status)> done;
  };
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<AsyncWrite> queue_;
  bool stopping_ = false;
  std::vector<std::thread> async_threads_;
};

}  // namespace mamori::store::postgres
