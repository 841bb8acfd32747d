// Backup under write load, and restore: the copy holds every write acknowledged before the
// backup began and nothing half-written; restore refuses what it should.
#include "store/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_schema.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori::store::sqlite {
namespace {

class SqliteBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("mamori-backup-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    live_ = (dir_ / "live.db").string();
    auto store = open_store(live_, 1, system_clock());  // the schema, at the newest version
    ASSERT_TRUE(store.ok());
    auto db = Db::Open(live_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE saves (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);"
                         "INSERT INTO bodies (code, name_ja, type, prefecture_code) VALUES ('011002', '札幌市', 'designated_city', '01');")
                    .ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static int64_t count(const std::string& path, const std::string& sql) {
    auto db = Db::Open(path, true);
    EXPECT_TRUE(db.ok());
    Stmt st(*db, sql);
    EXPECT_TRUE(st.step());
    return st.int64(0);
  }

  std::filesystem::path dir_;
  std::string live_;
};

TEST_F(SqliteBackup, ACopyTakenUnderWriteLoadHoldsEveryAcknowledgedSaveAndIsWhole) {
  // A writer commits numbered saves, one transaction each, and counts those acknowledged.
  std::atomic<int64_t> acknowledged{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto db = Db::Open(live_);
    ASSERT_TRUE(db.ok());
    for (int64_t i = 1; !stop && i <= 200000; ++i) {
      Stmt st(*db, "INSERT INTO saves (id, payload) VALUES (?1, ?2)");
      st.bind(1, i).bind(2, std::string(200, 'x'));
      if (!st.step() && !st.status().ok()) break;
      acknowledged = i;  // committed (autocommit) before this line
    }
  });
  while (acknowledged < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const int64_t before = acknowledged.load();
  const std::string copy = (dir_ / "copy.db").string();
  auto report = backup_database(live_, copy);
  const int64_t after = acknowledged.load();
  stop = true;
  writer.join();
  ASSERT_TRUE(report.ok()) << report.status().internal_detail();
  EXPECT_GT(after, before) << "the writer kept going during the backup";
  const int64_t in_copy = count(copy, "SELECT count(*) FROM saves");
  EXPECT_GE(in_copy, before);
  EXPECT_LE(in_copy, after + 1);
  // One moment's state: the saves 1 … n, with no gap and nothing torn.
  EXPECT_EQ(count(copy, "SELECT max(id) FROM saves"), in_copy);
  EXPECT_EQ(count(copy, "SELECT count(*) FROM saves WHERE length(payload) <> 200"), 0);
  auto db = Db::Open(copy, true);
  ASSERT_TRUE(db.ok());
  Stmt check(*db, "PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
  EXPECT_EQ(report->schema_version, sqlite_migrations().back().version);
  struct stat st {};
  ASSERT_EQ(::stat(copy.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "a backup is readable by its owner only";
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
}

TEST_F(SqliteBackup, AnExistingFileIsNeverOverwritten) {
  const std::string copy = (dir_ / "copy.db").string();
  { std::ofstream(copy) << "precious"; }
  auto report = backup_database(live_, copy);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().error_code(), "backup_exists");
  std::ifstream in(copy);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
  EXPECT_EQ(backup_database((dir_ / "nope.db").string(), (dir_ / "x.db").string()).status().error_code(),
            "database_missing");
}

TEST_F(SqliteBackup, RestoreRefusesATargetWithDataUnlessForcedAndABrokenBackup) {
  const std::string copy = (dir_ / "copy.db").string();
  ASSERT_TRUE(backup_database(live_, copy).ok());
  // Into a new file: allowed, and the data is there.
  const std::string fresh = (dir_ / "restored.db").string();
  auto restored = restore_database(copy, fresh, false);
  ASSERT_TRUE(restored.ok()) << restored.status().internal_detail();
  EXPECT_EQ(count(fresh, "SELECT count(*) FROM bodies"), 1);
  EXPECT_EQ(*read_schema_version(fresh), sqlite_migrations().back().version);
  // Over a database with data: refused, and left as it was; with force: replaced.
  ASSERT_TRUE(Db::Open(live_)->Exec("INSERT INTO bodies (code, name_ja, type, prefecture_code) VALUES "
                                     "('012025', '函館市', 'city', '01')")
                  .ok());
  auto refused = restore_database(copy, live_, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "restore_target_not_empty");
  EXPECT_EQ(count(live_, "SELECT count(*) FROM bodies"), 2);
  ASSERT_TRUE(restore_database(copy, live_, true).ok());
  EXPECT_EQ(count(live_, "SELECT count(*) FROM bodies"), 1);
  // Not a database, and a missing file.
  const std::string junk = (dir_ / "junk.db").string();
  { std::ofstream(junk) << std::string(8192, 'z'); }
  EXPECT_EQ(restore_database(junk, (dir_ / "t1.db").string(), false).status().error_code(), "backup_unsound");
  EXPECT_EQ(restore_database((dir_ / "none.db").string(), (dir_ / "t2.db").string(), false).status().error_code(),
            "backup_missing");
  // A backup of a newer schema.
  ASSERT_TRUE(Db::Open(copy)->Exec("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')").ok());
  EXPECT_EQ(restore_database(copy, (dir_ / "t3.db").string(), false).status().error_code(), "schema_newer");
}

}  // namespace
}  // namespace mamori::store::sqlite
