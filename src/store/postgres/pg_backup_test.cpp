// PostgreSQL backup under write load, and restore (pg_backup.h), in databases of the test
// cluster (MAMORI_TEST_POSTGRES, key=value form): the dump holds every write acknowledged
// before the backup began and nothing half-written; restore refuses what it should.
#include "store/postgres/pg_backup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>

#include "base/clock.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_scratch.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/pg_tools.h"

namespace mamori::store::postgres {
namespace {

class PgBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_postgres_conninfo().empty()) {
      if (tests_run_in_ci()) FAIL() << "CI without MAMORI_TEST_POSTGRES";
      GTEST_SKIP() << "MAMORI_TEST_POSTGRES is not set";
    }
    for (auto* db : {&live_, &restored_}) {
      auto name = create_scratch_database(db == &live_ ? "mamori_backup_live" : "mamori_backup_restored");
      ASSERT_TRUE(name.ok()) << name.status().internal_detail();
      *db = *name;
    }
    dir_ = std::filesystem::temp_directory_path() / ("mamori-pgbackup-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    {
      PgOptions o;
      o.target = {conninfo(live_), ""};
      auto store = open_store(o, system_clock());  // the schema, at the newest version
      ASSERT_TRUE(store.ok()) << store.status().internal_detail();
    }
    exec(live_, "CREATE TABLE saves (id BIGINT PRIMARY KEY, payload TEXT NOT NULL);"
                "INSERT INTO bodies (code, name_ja, type, prefecture_code) VALUES ('011002', '札幌市', 'designated_city', '01')");
  }
  void TearDown() override {
    for (const auto& db : {live_, restored_})
      if (!db.empty()) (void)drop_scratch_database(db);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static std::string conninfo(const std::string& db) { return test_database_conninfo(db); }
  void exec(const std::string& db, const std::string& sql) {
    auto c = PgConn::Connect({conninfo(db), ""});
    ASSERT_TRUE(c.ok());
    Status s = (*c)->exec(sql);
    ASSERT_TRUE(s.ok()) << s.internal_detail();
  }
  int64_t count(const std::string& db, const std::string& sql) {
    auto c = PgConn::Connect({conninfo(db), ""});
    EXPECT_TRUE(c.ok());
    auto r = (*c)->query(sql);
    EXPECT_TRUE(r.ok()) << r.status().internal_detail();
    return std::strtoll(PQgetvalue(r->get(), 0, 0), nullptr, 10);
  }

  std::string live_, restored_;
  std::filesystem::path dir_;
};

TEST_F(PgBackup, ADumpTakenUnderWriteLoadHoldsEveryAcknowledgedSaveAndIsWhole) {
  // A writer commits numbered saves, one transaction each, and counts those acknowledged.
  std::atomic<int64_t> acknowledged{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto c = PgConn::Connect({conninfo(live_), ""});
    ASSERT_TRUE(c.ok());
    for (int64_t i = 1; !stop && i <= 200000; ++i) {
      if (!(*c)->exec("INSERT INTO saves VALUES (" + std::to_string(i) + ", repeat('x', 200))").ok()) break;
      acknowledged = i;  // committed (autocommit) before this line
    }
  });
  while (acknowledged < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const int64_t before = acknowledged.load();
  const std::string dump = (dir_ / "live.dump").string();
  auto report = backup_database(conninfo(live_), dump);
  const int64_t after = acknowledged.load();
  stop = true;
  writer.join();
  ASSERT_TRUE(report.ok()) << report.status().internal_detail();
  EXPECT_GT(after, before) << "the writer kept going during the backup";
  EXPECT_EQ(report->schema_version, postgres_migrations().back().version);
  struct stat st {};
  ASSERT_EQ(::stat(dump.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "a backup is readable by its owner only";
  EXPECT_FALSE(std::filesystem::exists(dump + ".partial"));

  auto restored = restore_database(dump, conninfo(restored_), false, restored_);
  ASSERT_TRUE(restored.ok()) << restored.status().internal_detail();
  const int64_t in_copy = count(restored_, "SELECT count(*) FROM saves");
  EXPECT_GE(in_copy, before);
  EXPECT_LE(in_copy, after + 1);
  // One moment's state: the saves 1 … n, with no gap and nothing torn.
  EXPECT_EQ(count(restored_, "SELECT max(id) FROM saves"), in_copy);
  EXPECT_EQ(count(restored_, "SELECT count(*) FROM saves WHERE length(payload) <> 200"), 0);
  EXPECT_EQ(count(restored_, "SELECT count(*) FROM bodies"), 1);
  EXPECT_EQ(count(restored_, "SELECT max(version) FROM schema_migrations"), postgres_migrations().back().version);
}

TEST_F(PgBackup, AnExistingFileIsNeverOverwritten) {
  const std::string dump = (dir_ / "live.dump").string();
  { std::ofstream(dump) << "precious"; }
  auto report = backup_database(conninfo(live_), dump);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().error_code(), "backup_exists");
  std::ifstream in(dump);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
}

TEST_F(PgBackup, RestoreRefusesATargetWithDataUnlessForcedAndABrokenBackup) {
  const std::string dump = (dir_ / "live.dump").string();
  ASSERT_TRUE(backup_database(conninfo(live_), dump).ok());
  // Over a database with data: refused, and left as it was; with force: replaced, all at once.
  exec(live_, "INSERT INTO bodies (code, name_ja, type, prefecture_code) VALUES ('012025', '函館市', 'city', '01')");
  auto refused = restore_database(dump, conninfo(live_), false, live_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "restore_target_not_empty");
  EXPECT_EQ(count(live_, "SELECT count(*) FROM bodies"), 2);
  auto forced = restore_database(dump, conninfo(live_), true, live_);
  ASSERT_TRUE(forced.ok()) << forced.status().internal_detail();
  EXPECT_EQ(count(live_, "SELECT count(*) FROM bodies"), 1);
  // Not a dump, and a missing file.
  const std::string junk = (dir_ / "junk.dump").string();
  { std::ofstream(junk) << std::string(8192, 'z'); }
  EXPECT_EQ(restore_database(junk, conninfo(restored_), false, restored_).status().error_code(), "backup_unsound");
  EXPECT_EQ(restore_database((dir_ / "none.dump").string(), conninfo(restored_), false, restored_).status().error_code(),
            "backup_missing");
  // A dump of a newer schema.
  exec(live_, "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
  const std::string newer = (dir_ / "newer.dump").string();
  ASSERT_TRUE(backup_database(conninfo(live_), newer).ok());
  EXPECT_EQ(restore_database(newer, conninfo(restored_), false, restored_).status().error_code(), "schema_newer");
  EXPECT_EQ(count(restored_, "SELECT count(*) FROM pg_tables WHERE tablename = 'bodies'"), 0) << "nothing restored";
}

TEST(PgTools, APasswordIsTakenOutOfTheConnectionString) {
  auto s = split_password("host=db1 password='s3 cret' dbname=mamori");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->password, "s3 cret");
  EXPECT_EQ(s->conninfo.find("s3"), std::string::npos);
  EXPECT_NE(s->conninfo.find("host='db1'"), std::string::npos);
  EXPECT_NE(s->conninfo.find("dbname='mamori'"), std::string::npos);
  auto uri = split_password("postgresql://mamori:pw@db1:5433/m");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->password, "pw");
  EXPECT_NE(uri->conninfo.find("port='5433'"), std::string::npos);
  EXPECT_EQ(split_password("host='unterminated").status().error_code(), "store_location");
}

}  // namespace
}  // namespace mamori::store::postgres
