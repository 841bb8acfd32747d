// --store / MAMORI_STORE: which backend a text names, and what logs show of it.
#include "store/store_location.h"

#include <gtest/gtest.h>

namespace mamori::store {
namespace {

TEST(StoreLocation, NamesSqliteByPrefixOrBarePath) {
  auto a = parse_store_location("sqlite:/var/lib/mamori/mamori.db");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->is_postgres());
  EXPECT_EQ(a->target, "/var/lib/mamori/mamori.db");
  auto b = parse_store_location("mamori.db");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->is_postgres());
  EXPECT_EQ(b->target, "mamori.db");
}

TEST(StoreLocation, NamesPostgresByPrefixOrUri) {
  auto a = parse_store_location("postgres:host=db1 dbname=mamori");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->is_postgres());
  EXPECT_EQ(a->target, "host=db1 dbname=mamori");
  for (const char* uri : {"postgresql://mamori@db1/mamori", "postgres://mamori@db1/mamori"}) {
    auto u = parse_store_location(uri);
    ASSERT_TRUE(u.ok());
    EXPECT_TRUE(u->is_postgres());
    EXPECT_EQ(u->target, uri);  // the URI itself goes to libpq
  }
}

TEST(StoreLocation, AnEmptyTargetIsRefused) {
  for (const char* bad : {"", "sqlite:", "postgres:"})
    EXPECT_EQ(parse_store_location(bad).status().error_code(), "store_location") << bad;
}

TEST(StoreLocation, TheDisplayedLocationHidesPasswords) {
  EXPECT_EQ(parse_store_location("postgresql://mamori:s3cret@db1:5432/mamori")->display(),
            "postgres:postgresql://mamori:***@db1:5432/mamori");
  EXPECT_EQ(parse_store_location("postgres:host=db1 password=s3cret dbname=m")->display(),
            "postgres:host=db1 password=*** dbname=m");
  EXPECT_EQ(parse_store_location("postgres:host=db1 password='a b' dbname=m")->display(),
            "postgres:host=db1 password=*** dbname=m");
  EXPECT_EQ(parse_store_location("x.db")->display(), "sqlite:x.db");
}

}  // namespace
}  // namespace mamori::store
