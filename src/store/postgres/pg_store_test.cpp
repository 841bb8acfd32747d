// The repository contract suite (store/store_contract.h) on PostgreSQL: a new schema per
// case in the database MAMORI_TEST_POSTGRES names (scripts/test.sh starts a throwaway
// cluster and sets it), the real pool and transactions. Without that variable the cases
// are skipped — except in CI, where a missing database is a failure. Then what only
// PostgreSQL has: statements after a failed one, and LISTEN/NOTIFY between two stores.
#include <string_view>

#include "store/postgres/pg_scratch.h"
#include "store/postgres/pg_store.h"
#include "store/scoped_store.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

// A store on `conninfo` working in `schema` ("" for the default), with `pool` connections.
Result<std::unique_ptr<SqlStore>> open_in(const std::string& conninfo, const std::string& schema, const Clock& clock,
                                          int pool) {
  postgres::PgOptions o;
  o.target = {conninfo, schema};
  o.pool = pool;
  o.async_writers = std::max(1, pool / 2);
  return postgres::open_store(o, clock);
}

Backend postgres_backend() {
  return {"postgres", [](const Clock& clock) -> std::unique_ptr<ports::Store> {
            const std::string conninfo = postgres::test_postgres_conninfo();
            if (conninfo.empty()) {
              if (postgres::tests_run_in_ci()) ADD_FAILURE() << "CI without MAMORI_TEST_POSTGRES";
              return nullptr;
            }
            auto schema = postgres::create_scratch_schema(conninfo, "contract");
            if (!schema.ok()) {
              ADD_FAILURE() << schema.status().internal_detail();
              return nullptr;
            }
            auto s = open_in(conninfo, *schema, clock, 4);
            if (!s.ok()) {
              ADD_FAILURE() << s.status().internal_detail();
              return nullptr;
            }
            return std::make_unique<ScopedStore>(std::move(*s), [conninfo, name = *schema] {
              (void)postgres::drop_schema(conninfo, name);
            });
          }};
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, ReuseContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, BodyExportContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, PolicyContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });

// A database of its own for one case of those below (not only a schema: NOTIFY reaches every
// listener of a database, and other cases run at the same time), dropped when the case ends.
class PgScratch : public ::testing::Test {
 protected:
  void SetUp() override {
    if (postgres::test_postgres_conninfo().empty()) GTEST_SKIP() << "MAMORI_TEST_POSTGRES is not set";
    auto db = postgres::create_scratch_database("mamori_scratch");
    ASSERT_TRUE(db.ok()) << db.status().internal_detail();
    database_ = *db;
  }
  void TearDown() override {
    if (!database_.empty()) (void)postgres::drop_scratch_database(database_);
  }
  std::unique_ptr<SqlStore> open(int pool) {
    auto s = open_in(postgres::test_database_conninfo(database_), "", clock_, pool);
    EXPECT_TRUE(s.ok()) << s.status().internal_detail();
    return s.ok() ? std::move(*s) : nullptr;
  }
  FakeClock clock_{std::string_view("2026-11-01T00:00:00Z")};
  std::string database_;
};

// A statement asked for after a failed one in the same write (PostgreSQL then refuses
// everything until the rollback) fails with an error instead of stopping the process, and
// the connection serves the next write.
TEST_F(PgScratch, AStatementAfterAFailedOneInTheSameWriteFailsAndTheNextWriteWorks) {
  auto store = open(1);  // one connection: the next write gets the same one
  ASSERT_NE(store, nullptr);
  Status s = store->database().write([](Connection& c) -> Status {
    Statement& bad = c.statement("bodies", "insert_member").bind(1, "000000").bind(2, "000001");
    EXPECT_EQ(bad.run().status().error_code(), "constraint_foreign_key");
    Statement& next = c.statement("bodies", "count");  // never prepared on this connection
    EXPECT_FALSE(next.next());
    EXPECT_FALSE(next.status().ok());
    return next.status();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(*store->bodies().count_bodies(), 0) << "the connection serves the next read";
}

// LISTEN/NOTIFY: a node waiting for events is told when another node's transaction that
// recorded events commits, and not for one that rolled back.
TEST_F(PgScratch, ANodeIsToldWhenAnotherNodeCommitsEvents) {
  auto a = open(2), b = open(2);
  ASSERT_TRUE(a && b);
  (void)a->events().wait_for_events(std::chrono::milliseconds(10));  // A listens from here on
  EXPECT_FALSE(a->events().wait_for_events(std::chrono::milliseconds(200))) << "nothing happened yet";
  // A write that fails records nothing and signals nothing.
  Body orphan{.code = "013005", .name_ja = "広域連合", .type = BodyType::kUnion, .prefecture_code = "01",
              .members = {"999999"}};
  EXPECT_FALSE(b->bodies().upsert_bodies({orphan}).ok());
  EXPECT_FALSE(a->events().wait_for_events(std::chrono::milliseconds(300)));
  // B commits events: A is told (well within the bound; the bound only stops a broken run).
  ASSERT_TRUE(b->bodies()
                  .upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                   .prefecture_code = "01"}})
                  .ok());
  EXPECT_TRUE(a->events().wait_for_events(std::chrono::seconds(10)));
}

}  // namespace
}  // namespace mamori::store
