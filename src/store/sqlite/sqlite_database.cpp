#include "store/sqlite/sqlite_database.h"

#include <cstdio>
#include <future>
#include <map>
#include <optional>

#include "base/no_wait.h"
#include "store/sql_files.h"
#include "store/sqlite/sqlite_schema.h"

namespace mamori::store::sqlite {

namespace {

// store::Statement over one prepared sqlite::Stmt.
class SqliteStatement final : public Statement {
 public:
  SqliteStatement(const Db& db, std::string_view sql) : st_(db, sql), db_(&db) {}

  Statement& bind(int i, int64_t v) override {
    st_.bind(i, v);
    return *this;
  }
  Statement& bind(int i, double v) override {
    st_.bind(i, v);
    return *this;
  }
  Statement& bind(int i, std::string_view v) override {
    st_.bind(i, v);
    return *this;
  }
  Statement& bind_null(int i) override {
    st_.bind_null(i);
    return *this;
  }
  bool next() override { return st_.step(); }
  Result<int64_t> run() override {
    MAMORI_RETURN_IF_ERROR(st_.run());
    return static_cast<int64_t>(db_->changes());
  }
  Status status() const override { return st_.status(); }
  bool is_null(int col) const override { return st_.is_null(col); }
  int64_t int64(int col) const override { return st_.int64(col); }
  double real(int col) const override { return st_.real(col); }
  std::string text(int col) const override { return st_.text(col); }

  void reset() { st_.reset(); }

 private:
  Stmt st_;
  const Db* db_;
};

}  // namespace

class SqliteDatabase::Conn final : public Connection {
 public:
  explicit Conn(Db db) : db_(std::move(db)) {}

  Statement& statement(std::string_view area, std::string_view name) override {
    key_.assign(area);
    key_ += '/';
    key_ += name;
    auto it = cache_.find(key_);
    if (it == cache_.end())
      it =
          cache_.emplace(key_, std::make_unique<SqliteStatement>(db_, named_statement(&kBackend, sql_file, area, name)))
              .first;
    it->second->reset();
    used_.push_back(it->second.get());
    return *it->second;
  }
  // Ends the read of every statement handed out since the last release, so no snapshot
  // outlives the read or write.
  void release() {
    for (SqliteStatement* st : used_) st->reset();
    used_.clear();
  }
  Db& db() { return db_; }

 private:
  static constexpr char kBackend = 's';
  Db db_;
  std::string key_;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> cache_;
  std::vector<SqliteStatement*> used_;
};

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path, int readers) {
  std::unique_ptr<SqliteDatabase> d(new SqliteDatabase());
  d->path_ = path;
  auto w = Db::Open(path);
  if (!w.ok()) return w.status();
  // The writer keeps more pages: opening a campaign writes ~600,000 rows.
  MAMORI_RETURN_IF_ERROR(
      w->Exec("PRAGMA cache_size=-65536; PRAGMA journal_size_limit=" + std::to_string(kLogLimitBytes)));
  d->writer_ = std::make_unique<Conn>(std::move(*w));
  const Db& wdb = d->writer_->db();
  d->tx_.reset(new TxStatements{Stmt(wdb, "BEGIN IMMEDIATE"), Stmt(wdb, "SAVEPOINT w"), Stmt(wdb, "RELEASE w"),
                                Stmt(wdb, "ROLLBACK TO w"), Stmt(wdb, "COMMIT"), Stmt(wdb, "ROLLBACK")});
  for (const Stmt* st :
       {&d->tx_->begin, &d->tx_->savepoint, &d->tx_->release, &d->tx_->rollback_to, &d->tx_->commit, &d->tx_->rollback})
    if (!st->ok()) return st->status();
  // Replaces SQLite's automatic checkpoint on commit, which ran on the writer.
  sqlite3_wal_hook(wdb.raw(), &SqliteDatabase::on_wal_commit, d.get());
  auto c = Db::Open(path);
  if (!c.ok()) return c.status();
  d->checkpoint_db_ = std::move(*c);
  d->checkpoint_thread_ = std::thread([p = d.get()] { p->checkpoint_loop(); });
  d->writer_thread_ = std::thread([p = d.get()] { p->writer_loop(); });
  MAMORI_RETURN_IF_ERROR(d->on_writer([](Db& db) -> Status {
    auto migrated = migrate_schema(db);
    return migrated.ok() ? Status::Ok() : migrated.status();
  }));
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto r = Db::Open(path);
    if (!r.ok()) return r.status();
    d->readers_.push_back(std::make_unique<Conn>(std::move(*r)));
    d->free_readers_.push_back(d->readers_.back().get());
  }
  return d;
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    std::lock_guard lock(checkpoint_mu_);
    checkpoint_stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
  // The statements belong to the writer's connection: finalised before it closes.
  tx_.reset();
}

int SqliteDatabase::on_wal_commit(void* self, sqlite3* writer, const char*, int pages) {
  if (pages < kCheckpointPages) return SQLITE_OK;
  if (pages >= kRestartPages) {
    // The checkpointer did not keep up: no write runs while the writer checkpoints here.
    (void)sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  auto* d = static_cast<SqliteDatabase*>(self);
  {
    std::lock_guard lock(d->checkpoint_mu_);
    if (d->checkpoint_wanted_) return SQLITE_OK;
    d->checkpoint_wanted_ = true;
  }
  d->checkpoint_cv_.notify_one();
  return SQLITE_OK;
}

void SqliteDatabase::checkpoint_loop() {
  while (true) {
    {
      std::unique_lock lock(checkpoint_mu_);
      checkpoint_cv_.wait(lock, [&] { return checkpoint_stopping_ || checkpoint_wanted_; });
      if (checkpoint_stopping_) return;
      checkpoint_wanted_ = false;
    }
    // PASSIVE: copies what no reader still needs, without blocking the writer or readers;
    // frames it could not copy are taken by a later checkpoint.
    int rc = sqlite3_wal_checkpoint_v2(checkpoint_db_.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      std::fprintf(stderr, "sqlite checkpoint of %s failed: %s\n", path_.c_str(), sqlite3_errmsg(checkpoint_db_.raw()));
  }
}

void SqliteDatabase::write_async(std::function<Status(Connection&)> fn, std::function<void(Status)> done) {
  {
    std::lock_guard lock(queue_mu_);
    if (!stopping_) {
      queue_.push_back(WriteJob{std::move(fn), std::move(done)});
      fn = nullptr;
    }
  }
  if (fn) {  // not queued: the database is closing
    done(Status::Unavailable("shutting_down"));
    return;
  }
  queue_cv_.notify_one();
}

Status SqliteDatabase::write(const std::function<Status(Connection&)>& fn) {
  if (no_wait()) return WouldBlock();  // it would wait for the commit
  std::promise<Status> committed;
  std::future<Status> result = committed.get_future();
  // `fn` lives in this frame until the future is ready.
  write_async([&fn](Connection& c) { return fn(c); }, [&committed](Status s) { committed.set_value(std::move(s)); });
  return result.get();
}

Status SqliteDatabase::on_writer(const std::function<Status(Db&)>& fn) {
  // A job of its own batch: the batch's BEGIN comes first, so the schema change commits
  // with it; the savepoint is rolled back when it fails.
  return write([&](Connection& c) { return fn(static_cast<Conn&>(c).db()); });
}

void SqliteDatabase::writer_loop() {
  constexpr size_t kMaxBatch = 1024;
  std::vector<WriteJob> batch;
  std::vector<Status> results;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    results.assign(batch.size(), Status::Ok());
    Status s = run_batch(batch, results);
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(s.ok() ? std::move(results[i]) : s);
  }
}

Status SqliteDatabase::run_batch(std::vector<WriteJob>& batch, std::vector<Status>& results) {
  TxStatements& tx = *tx_;
  MAMORI_RETURN_IF_ERROR(tx.begin.run());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (Status begin = tx.savepoint.run(); !begin.ok()) {
      results[i] = begin;
      continue;
    }
    try {
      results[i] = batch[i].fn(*writer_);
    } catch (const std::exception& e) {
      results[i] = Status::Internal(std::string("write failed: ") + e.what());
    }
    writer_->release();
    if (!results[i].ok()) (void)tx.rollback_to.run();
    Status release = tx.release.run();
    if (results[i].ok() && !release.ok()) results[i] = release;
  }
  Status s = tx.commit.run();
  if (!s.ok()) (void)tx.rollback.run();
  return s;
}

Status SqliteDatabase::read(const std::function<Status(Connection&)>& fn) {
  Conn* c = nullptr;
  {
    std::unique_lock lock(readers_mu_);
    if (no_wait() && free_readers_.empty()) return WouldBlock();
    readers_cv_.wait(lock, [&] { return !free_readers_.empty(); });
    c = free_readers_.back();
    free_readers_.pop_back();
  }
  struct Release {
    SqliteDatabase* d;
    Conn* c;
    ~Release() {
      c->release();
      {
        std::lock_guard lock(d->readers_mu_);
        d->free_readers_.push_back(c);
      }
      d->readers_cv_.notify_one();
    }
  } release{this, c};
  return fn(*c);
}

}  // namespace mamori::store::sqlite
