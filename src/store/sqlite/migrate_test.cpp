// Opening a database made by an older version adds the columns added since (campaigns.
// target_count, filled from the targets; users.email, empty; responses.revision), lets
// categories beyond 8 in, and keeps the data.
#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

#include "store/sqlite/sqlite_db.h"
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
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace mamori::store
