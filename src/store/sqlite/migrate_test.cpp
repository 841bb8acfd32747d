// Opening a database made by an older version adds the columns added since (campaigns.
// target_count, filled from the targets; users.email, empty; responses.revision), lets
// categories beyond 8 in, and keeps the data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_schema.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori::store {
namespace {

TEST(SqliteMigrate, AnOlderDatabaseGetsTheNewColumnsAndKeepsItsData) {
  std::string path = (std::filesystem::temp_directory_path() / ("mamori-migrate-" + std::to_string(::getpid()) + ".db")).string();
  std::filesystem::remove(path);
  {
    auto db = store::sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    // The tables as an earlier version created them (no target_count, no email).
    ASSERT_TRUE(db->Exec(R"(
      CREATE TABLE bodies (code TEXT PRIMARY KEY, name_ja TEXT NOT NULL, name_kana TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL, prefecture_code TEXT NOT NULL, core_city INTEGER NOT NULL DEFAULT 0,
        network_model TEXT NOT NULL DEFAULT '', population_band TEXT NOT NULL DEFAULT '') STRICT;
      CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
        body_code TEXT REFERENCES bodies(code), roles TEXT NOT NULL, expires_at TEXT, password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))) STRICT;
      CREATE TABLE campaigns (id INTEGER PRIMARY KEY, title TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
        catalog_id TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'draft', opens_at TEXT NOT NULL, closes_at TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))) STRICT;
      CREATE TABLE campaign_targets (campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        body_code TEXT NOT NULL REFERENCES bodies(code), PRIMARY KEY (campaign_id, body_code)) STRICT, WITHOUT ROWID;
      CREATE TABLE responses (id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        body_code TEXT NOT NULL REFERENCES bodies(code), state TEXT NOT NULL DEFAULT 'draft',
        locked INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0, submitted_at TEXT, accepted_at TEXT,
        updated_at TEXT NOT NULL DEFAULT '', UNIQUE (campaign_id, body_code)) STRICT;
      CREATE TABLE response_categories (response_id INTEGER NOT NULL REFERENCES responses(id),
        category INTEGER NOT NULL CHECK (category BETWEEN 1 AND 8), assignee INTEGER REFERENCES users(id),
        ready INTEGER NOT NULL DEFAULT 0, return_comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (response_id, category)) STRICT, WITHOUT ROWID;
      INSERT INTO bodies (code, name_ja, type, prefecture_code) VALUES ('011002', '札幌市', 'designated_city', '01'),
        ('012025', '函館市', 'city', '01');
      INSERT INTO users (login, display_name, body_code, roles, password_hash) VALUES ('old', '旧', '011002', 'body_respondent', 'x');
      INSERT INTO campaigns (title, fiscal_year, catalog_id, opens_at, closes_at) VALUES ('t', 2025, 'fy2025', '2025-09-01', '2025-10-31');
      INSERT INTO campaign_targets VALUES (1, '011002'), (1, '012025');
      INSERT INTO responses (campaign_id, body_code) VALUES (1, '011002');
      INSERT INTO response_categories (response_id, category, ready) VALUES (1, 1, 1), (1, 8, 0);
    )").ok());
  }
  {
    auto store = sqlite::open_store(path, 1, system_clock());
    ASSERT_TRUE(store.ok()) << store.status().internal_detail();
    auto c = (*store)->campaigns().get_campaign(1);
    ASSERT_TRUE(c.ok()) << c.status().internal_detail();
    EXPECT_EQ(c->target_count, 2);
    auto u = (*store)->users().find_credentials("old");
    ASSERT_TRUE(u.ok()) << u.status().internal_detail();
    EXPECT_EQ(u->user.email, "");
    EXPECT_EQ(u->password_hash, "x");
    auto r = (*store)->responses().load_context(1);
    ASSERT_TRUE(r.ok()) << r.status().internal_detail();
    EXPECT_EQ(r->response.revision, 0);
    ASSERT_EQ(r->categories.size(), 2u);
    EXPECT_TRUE(r->categories[0].ready);
  }
  {
    // The rebuilt table takes a ninth category.
    auto db = store::sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    EXPECT_TRUE(db->Exec("INSERT INTO response_categories (response_id, category) VALUES (1, 9)").ok());
  }
  // Opening again changes nothing.
  auto again = sqlite::open_store(path, 1, system_clock());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->campaigns().get_campaign(1)->target_count, 2);
  EXPECT_EQ((*again)->responses().categories(1)->size(), 3u);
  again->reset();
  EXPECT_EQ(*sqlite::read_schema_version(path), sqlite::sqlite_migrations().back().version);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::string temp_db(const std::string& name) {
  std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-" + name + "-" + std::to_string(::getpid()) + ".db")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

TEST(SqliteMigrate, ANewDatabaseIsCreatedAtTheNewestVersion) {
  std::string path = temp_db("fresh");
  EXPECT_EQ(*sqlite::read_schema_version(path), 0);  // (an empty file)
  {
    auto store = sqlite::open_store(path, 1, system_clock());
    ASSERT_TRUE(store.ok()) << store.status().internal_detail();
  }
  EXPECT_EQ(*sqlite::read_schema_version(path), sqlite::sqlite_migrations().back().version);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Writes the schema and rows of 2026-12-02, before versioning (tests/fixtures/schema/), to `path`.
void load_unversioned_fixture(const std::string& path) {
  std::ifstream in(std::string(MAMORI_SOURCE_DIR) + "/tests/fixtures/schema/sqlite-unversioned-95c42fa.sql");
  ASSERT_TRUE(in) << "fixture missing";
  std::stringstream dump;
  dump << in.rdbuf();
  auto db = store::sqlite::Db::Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec(dump.str()).ok());
}

// A database as today's main made it before versioning (tests/fixtures/schema/): it reaches
// the newest version, every row kept, and takes a save.
TEST(SqliteMigrate, ADatabaseFromBeforeVersioningKeepsEveryRow) {
  std::string path = temp_db("unversioned");
  ASSERT_NO_FATAL_FAILURE(load_unversioned_fixture(path));
  EXPECT_EQ(*sqlite::read_schema_version(path), -1);
  {
    auto store = sqlite::open_store(path, 1, system_clock());
    ASSERT_TRUE(store.ok()) << store.status().internal_detail();
    auto c = (*store)->campaigns().get_campaign(1);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->target_count, 2);
    auto ctx = (*store)->responses().load_context(1);
    ASSERT_TRUE(ctx.ok()) << ctx.status().internal_detail();
    EXPECT_EQ(ctx->response.version, 3);
    ASSERT_EQ(ctx->categories.size(), 2u);
    EXPECT_TRUE(ctx->categories[0].ready);
    auto u = (*store)->users().find_credentials("fx-respondent");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->user.email, "fx@mamori.example");
  }
  EXPECT_EQ(*sqlite::read_schema_version(path), sqlite::sqlite_migrations().back().version);
  {
    auto db = store::sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    for (const auto& [table, rows] : std::vector<std::pair<std::string, int>>{
             {"bodies", 3}, {"answers", 2}, {"answer_history", 2}, {"sessions", 1}, {"events", 3}}) {
      store::sqlite::Stmt st(*db, "SELECT count(*) FROM " + table);
      ASSERT_TRUE(st.step());
      EXPECT_EQ(st.int64(0), rows) << table;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Migration 2 freezes the groups of campaigns closed before it existed, with the attributes
// the bodies have at the upgrade; open campaigns get theirs when they close.
TEST(SqliteMigrate, CampaignsClosedBeforeMigration2HaveTheirGroupsFrozen) {
  std::string path = temp_db("frozen");
  ASSERT_NO_FATAL_FAILURE(load_unversioned_fixture(path));
  {
    auto db = store::sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE campaigns SET state = 'closed', closed_at = '2026-11-01T00:00:00Z' WHERE id = 1; "
                         "UPDATE bodies SET population_band = 'ge1m', network_model = 'beta' WHERE code = '011002'")
                    .ok());
  }
  auto store = sqlite::open_store(path, 1, system_clock());
  ASSERT_TRUE(store.ok()) << store.status().internal_detail();
  auto frozen = (*store)->responses().frozen_groups(1);
  ASSERT_TRUE(frozen.ok()) << frozen.status().internal_detail();
  ASSERT_EQ(frozen->size(), 2u);
  EXPECT_EQ(frozen->at(1).population_band, "ge1m");
  EXPECT_EQ(frozen->at(1).network_model, "beta");
  EXPECT_EQ(frozen->at(1).type, BodyType::kDesignatedCity);
  EXPECT_EQ(frozen->at(2).type, BodyType::kCity);
  store->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// An older mamori must not write into a schema a newer one made: it refuses to open it, and
// the database is left as it was.
TEST(SqliteMigrate, ADatabaseOfANewerVersionIsRefused) {
  std::string path = temp_db("newer");
  {
    auto store = sqlite::open_store(path, 1, system_clock());
    ASSERT_TRUE(store.ok());
  }
  {
    auto db = store::sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')").ok());
  }
  auto store = sqlite::open_store(path, 1, system_clock());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().error_code(), "schema_newer");
  EXPECT_NE(store.status().message_ja().find("999"), std::string::npos) << store.status().message_ja();
  EXPECT_EQ(*sqlite::read_schema_version(path), 999);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace mamori::store
