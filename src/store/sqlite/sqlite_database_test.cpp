// The SQLite executor's promises beyond the repository contract: what a thread that must
// not wait gets, and that checkpoints keep the log bounded without the writer's help.
#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "base/no_wait.h"

namespace mamori::store::sqlite {
namespace {

namespace fs = std::filesystem;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mamori-sqlite-db-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    auto db = SqliteDatabase::Open((dir_ / "t.db").string(), 1);
    ASSERT_TRUE(db.ok()) << db.status().internal_detail();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, WithoutAFreeReaderANoWaitReadIsRefusedAndNothingRuns) {
  // The only reader is held by another thread.
  std::promise<void> held, release;
  auto released = release.get_future().share();
  std::thread holder([&] {
    (void)db_->read([&](Connection&) {
      held.set_value();
      released.wait();
      return Status::Ok();
    });
  });
  held.get_future().wait();
  bool ran = false;
  Status s;
  {
    NoWaitScope no_wait;
    s = db_->read([&](Connection&) {
      ran = true;
      return Status::Ok();
    });
  }
  EXPECT_TRUE(is_would_block(s)) << s.error_code();
  EXPECT_FALSE(ran);
  release.set_value();
  holder.join();
  // With the reader free again, the same read runs even inside the scope.
  NoWaitScope no_wait;
  EXPECT_TRUE(db_->read([&](Connection&) {
                   ran = true;
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_TRUE(ran);
}

TEST_F(SqliteDatabaseTest, ANoWaitThreadMayQueueAWriteButNotWaitForOne) {
  bool ran = false;
  {
    NoWaitScope no_wait;
    Status s = db_->write([&](Connection&) {
      ran = true;
      return Status::Ok();
    });
    EXPECT_TRUE(is_would_block(s));
  }
  EXPECT_FALSE(ran);
  std::promise<Status> done;
  {
    NoWaitScope no_wait;
    db_->write_async(
        [&](Connection&) {
          ran = true;
          return Status::Ok();
        },
        [&](Status s) { done.set_value(std::move(s)); });
  }
  EXPECT_TRUE(done.get_future().get().ok());
  EXPECT_TRUE(ran);
}

TEST_F(SqliteDatabaseTest, TheLogStaysBoundedUnderAStreamOfCommits) {
  // ~40 MB through the log in 4 KB rows (outbox events with a long kind), one commit each:
  // without checkpoints the log would hold all of it.
  const std::string big(4000, 'x');
  for (int i = 0; i < 10000; ++i)
    ASSERT_TRUE(db_->write([&](Connection& c) {
                     return c.statement("events", "record")
                         .bind(1, big)
                         .bind(2, int64_t{0})
                         .bind(3, int64_t{0})
                         .bind(4, "")
                         .bind(5, "2026-12-02T00:00:00Z")
                         .run()
                         .status();
                   })
                    .ok());
  const auto wal = dir_ / "t.db-wal";
  ASSERT_TRUE(fs::exists(wal));
  // At most the restart threshold (4,000 pages of 4 KB) and what commits during one.
  EXPECT_LT(fs::file_size(wal), 24u << 20) << "the log was not checkpointed";
  EXPECT_GT(fs::file_size(dir_ / "t.db"), 30u << 20) << "the rows did not reach the database file";
}

}  // namespace
}  // namespace mamori::store::sqlite
