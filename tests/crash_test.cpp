// Crash consistency (issue 12 §8): `mamori serve` on a copy of the demo, under an autosave
// load through the HTTP API, is killed with SIGKILL at a random moment, five times. After
// each kill the database passes its own checks — SQLite: `PRAGMA integrity_check` and
// `PRAGMA foreign_key_check` on the file as the dead process left it; PostgreSQL: amcheck's
// `verify_heapam` on every table and `bt_index_check` (every row indexed) on every index —
// and, once the server is started again on it, every save that was acknowledged (200) is in
// the answer's history with its value, and each answer's current version has its history
// row.
//
// Runs on both backends (crash_test, crash_test_pg). The moments are random; the seed is
// printed so that a failure can be run again. Every wait is bounded.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "child_process.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_scratch.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int kRounds = 5;
constexpr int kWriters = 4;

// One writer of the load: saves its question again and again, alternating yes and no, and
// keeps what the server acknowledged.
struct Writer {
  std::string qid;
  std::vector<std::pair<int64_t, std::string>> acknowledged;  // (version, value), all rounds
};

// The rows of a one-column SQLite query, as text.
std::vector<std::string> sqlite_rows(const std::string& path, const char* sql) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    out.push_back(std::string("cannot open: ") + sqlite3_errmsg(db));
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    out.push_back(std::string("cannot prepare: ") + sqlite3_errmsg(db));
  } else {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    if (rc != SQLITE_DONE) out.push_back(std::string("step failed: ") + sqlite3_errmsg(db));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = TestEnv::demo_database();
    dir_ = std::filesystem::temp_directory_path() / ("mamori-crash-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Starts `mamori serve` on the database and waits until it is ready.
  void start(int round) {
    port_ = free_port();
    log_ = (dir_ / ("serve-" + std::to_string(round) + ".log")).string();
    server_ = std::make_unique<Child>(
        std::vector<std::string>{MAMORI_BINARY, "--store", db_->store, "--secret-key-file", db_->key_file, "--catalog",
                                 std::string(MAMORI_SOURCE_DIR) + "/catalog", "--pool", "8", "serve", "--address",
                                 "127.0.0.1", "--port", std::to_string(port_)},
        log_);
    ASSERT_TRUE(server_->started());
    for (const auto until = std::chrono::steady_clock::now() + 120s; std::chrono::steady_clock::now() < until;) {
      ASSERT_FALSE(server_->exited()) << "the server ended at start:\n" << slurp(log_);
      if (request_to(port_, "GET", "/api/ready").status == 200) return;
      std::this_thread::sleep_for(100ms);
    }
    FAIL() << "the server was not ready within 120 s:\n" << slurp(log_);
  }

  // The database's own consistency checks, with the server dead. Returns what failed.
  std::vector<std::string> database_problems() {
    std::vector<std::string> problems;
    if (!db_->dir.empty()) {
      auto ok = sqlite_rows(db_->store, "PRAGMA integrity_check");
      if (ok != std::vector<std::string>{"ok"})
        for (auto& line : ok) problems.push_back("integrity_check: " + line);
      for (auto& line : sqlite_rows(db_->store, "PRAGMA foreign_key_check")) problems.push_back("foreign_key_check: " + line);
      return problems;
    }
    auto c = store::postgres::PgConn::Connect({store::postgres::test_database_conninfo(db_->name), ""});
    if (!c.ok()) return {"connect: " + c.status().internal_detail()};
    if (Status s = (*c)->exec("CREATE EXTENSION IF NOT EXISTS amcheck"); !s.ok())
      return {"amcheck: " + s.internal_detail()};
    auto heap = (*c)->query(
        "SELECT c.relname || ': ' || v.msg FROM pg_class c CROSS JOIN LATERAL verify_heapam(c.oid) v "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'");
    if (!heap.ok()) return {"verify_heapam: " + heap.status().internal_detail()};
    for (int i = 0; i < PQntuples(heap->get()); ++i) problems.push_back(PQgetvalue(heap->get(), i, 0));
    auto index = (*c)->query(
        "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace");
    if (!index.ok()) problems.push_back("bt_index_check: " + index.status().internal_detail());
    return problems;
  }

  std::unique_ptr<DemoDatabase> db_;
  std::filesystem::path dir_;
  unsigned short port_ = 0;
  std::string log_;
  std::unique_ptr<Child> server_;
};

TEST_F(CrashTest, EveryAcknowledgedSaveSurvivesSigkillAndTheDatabaseChecksClean) {
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> moment_ms(200, 1500);
  std::cout << "crash test: seed " << seed << "\n";
  SCOPED_TRACE("seed " + std::to_string(seed));

  ASSERT_NO_FATAL_FAILURE(start(0));
  Session respondent = sign_in_to(port_, "demo-respondent", db_->password("demo-respondent"));
  ASSERT_FALSE(respondent.cookie.empty());
  int64_t rid = 0;
  auto mine = request_to(port_, "GET", "/api/me/responses", "", &respondent);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json::value list = json::parse(mine.body);
  for (const auto& r : list.at("responses").as_array())
    if (r.at("campaign_id").as_int64() == db_->demo.current_campaign) rid = r.at("id").as_int64();
  ASSERT_GT(rid, 0);
  const std::string base = "/api/responses/" + std::to_string(rid);
  std::vector<Writer> writers;
  {
    auto view = request_to(port_, "GET", base, "", &respondent);
    ASSERT_EQ(view.status, 200) << view.body;
    const json::value first = json::parse(view.body);
    for (const auto& a : first.at("answers").as_array()) {
      const auto& v = a.at("value");
      if (writers.size() < kWriters && a.at("visible").as_bool() && v.is_string() &&
          (v.as_string() == "yes" || v.as_string() == "no"))
        writers.push_back(Writer{std::string(a.at("question_id").as_string()), {}});
    }
  }
  ASSERT_EQ(writers.size(), static_cast<size_t>(kWriters));

  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::atomic<bool> stop = false;
    std::atomic<int> acknowledged = 0;
    std::vector<std::thread> load;
    for (auto& w : writers)
      load.emplace_back([&, &w = w] {
        int64_t version = -1;
        bool yes = !w.acknowledged.empty() && w.acknowledged.back().second == "no";
        // A reply cut by the kill may be incomplete: anything that does not parse counts as
        // "outcome unknown" (the version is read again), never as acknowledged.
        while (!stop) {
          try {
            if (version < 0) {  // at the start, and after a save whose outcome is unknown
              auto view = request_to(port_, "GET", base, "", &respondent);
              if (view.status != 200) {
                std::this_thread::sleep_for(10ms);
                continue;
              }
              version = answer_in(json::parse(view.body), w.qid).at("version").as_int64();
            }
            const std::string value = yes ? "yes" : "no";
            auto r = request_to(port_, "PUT", base + "/answers/" + w.qid,
                                R"({"version":)" + std::to_string(version) + R"(,"value":")" + value + R"("})",
                                &respondent);
            if (r.status != 200) {
              version = -1;
              continue;
            }
            const int64_t saved = json::parse(r.body).at("version").as_int64();
            w.acknowledged.emplace_back(saved, value);
            version = saved;
            ++acknowledged;
            yes = !yes;
          } catch (const std::exception&) {
            version = -1;
          }
        }
      });
    const int after = moment_ms(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(after));
    server_->stop(SIGKILL);
    stop = true;
    for (auto& t : load) t.join();
    std::cout << "crash test: round " << round << ": killed after " << after << " ms, " << acknowledged.load()
              << " saves acknowledged\n";
    EXPECT_GT(acknowledged.load(), 0) << "no save was acknowledged before the kill";

    const auto problems = database_problems();
    EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << (problems.empty() ? "" : problems[0]);

    ASSERT_NO_FATAL_FAILURE(start(round));
    auto view = request_to(port_, "GET", base, "", &respondent);
    ASSERT_EQ(view.status, 200) << "the session survives the restart: " << view.body;
    for (const auto& w : writers) {
      auto h = request_to(port_, "GET", base + "/answers/" + w.qid + "/history", "", &respondent);
      ASSERT_EQ(h.status, 200) << h.body;
      std::map<int64_t, std::string> stored;
      const json::value history = json::parse(h.body);
      for (const auto& e : history.at("history").as_array())
        if (e.at("new").at("value").is_string())
          stored[e.at("version").as_int64()] = std::string(e.at("new").at("value").as_string());
      for (const auto& [version, value] : w.acknowledged)
        EXPECT_EQ(stored[version], value) << w.qid << " version " << version << " was acknowledged but is not stored";
      const int64_t current = answer_in(json::parse(view.body), w.qid).at("version").as_int64();
      EXPECT_TRUE(stored.contains(current)) << w.qid << ": its current version " << current << " has no history row";
      if (!w.acknowledged.empty()) {
        EXPECT_GE(current, w.acknowledged.back().first) << w.qid;
      }
    }
  }
}

}  // namespace
}  // namespace mamori::test
