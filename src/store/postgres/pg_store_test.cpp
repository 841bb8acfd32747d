// The repository contract suite (store/store_contract.h) on PostgreSQL: a new schema per
// case in the database MAMORI_TEST_POSTGRES names (scripts/test.sh starts a throwaway
// cluster and sets it), the real pool and transactions. Without that variable the cases
// are skipped — except in CI, where a missing database is a failure.
#include <cstdlib>
#include <string_view>

#include "store/postgres/pg_scratch.h"
#include "store/postgres/pg_store.h"
#include "store/scoped_store.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

Backend postgres_backend() {
  return {"postgres", [](const Clock& clock) -> std::unique_ptr<ports::Store> {
            const std::string conninfo = postgres::test_postgres_conninfo();
            if (conninfo.empty()) {
              const char* ci = std::getenv("CI");
              if (ci && std::string_view(ci) == "true") ADD_FAILURE() << "CI without MAMORI_TEST_POSTGRES";
              return nullptr;
            }
            auto schema = postgres::create_scratch_schema(conninfo, "contract");
            if (!schema.ok()) {
              ADD_FAILURE() << schema.status().internal_detail();
              return nullptr;
            }
            postgres::PgOptions o;
            o.target = {conninfo, *schema};
            o.pool = 4;
            o.async_writers = 2;
            auto s = postgres::open_store(o, clock);
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

}  // namespace
}  // namespace mamori::store

namespace mamori::store {
namespace {

// A statement asked for after a failed one in the same write (PostgreSQL then refuses
// everything until the rollback) fails with an error instead of stopping the process, and
// the connection serves the next write.
TEST(PgStatements, AStatementAfterAFailedOneInTheSameWriteFailsAndTheNextWriteWorks) {
  const std::string conninfo = postgres::test_postgres_conninfo();
  if (conninfo.empty()) GTEST_SKIP() << "MAMORI_TEST_POSTGRES is not set";
  auto schema = postgres::create_scratch_schema(conninfo, "failed");
  ASSERT_TRUE(schema.ok());
  FakeClock clock{std::string_view("2026-11-01T00:00:00Z")};
  postgres::PgOptions o;
  o.target = {conninfo, *schema};
  o.pool = 1;  // one connection: the next write gets the same one
  o.async_writers = 1;
  auto store = postgres::open_store(o, clock);
  ASSERT_TRUE(store.ok());
  Status s = (*store)->database().write([](Connection& c) -> Status {
    Statement& bad = c.statement("bodies", "insert_member").bind(1, "000000").bind(2, "000001");
    EXPECT_EQ(bad.run().status().error_code(), "constraint_foreign_key");
    Statement& next = c.statement("bodies", "count");  // never prepared on this connection
    EXPECT_FALSE(next.next());
    EXPECT_FALSE(next.status().ok());
    return next.status();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(*(*store)->bodies().count_bodies(), 0) << "the connection serves the next read";
  store->reset();
  (void)postgres::drop_schema(conninfo, *schema);
}

// LISTEN/NOTIFY: a node waiting for events is told when another node's transaction that
// recorded events commits, and not for one that rolled back.
TEST(PgEvents, ANodeIsToldWhenAnotherNodeCommitsEvents) {
  const std::string conninfo = postgres::test_postgres_conninfo();
  if (conninfo.empty()) GTEST_SKIP() << "MAMORI_TEST_POSTGRES is not set";
  auto schema = postgres::create_scratch_schema(conninfo, "notify");
  ASSERT_TRUE(schema.ok());
  FakeClock clock{std::string_view("2026-11-01T00:00:00Z")};
  postgres::PgOptions o;
  o.target = {conninfo, *schema};
  o.pool = 2;
  o.async_writers = 1;
  auto a = postgres::open_store(o, clock);
  auto b = postgres::open_store(o, clock);
  ASSERT_TRUE(a.ok() && b.ok());
  (void)(*a)->events().wait_for_events(std::chrono::milliseconds(10));  // A listens from here on
  EXPECT_FALSE((*a)->events().wait_for_events(std::chrono::milliseconds(200))) << "nothing happened yet";
  // A write that fails records nothing and signals nothing.
  Body orphan{.code = "013005", .name_ja = "広域連合", .type = BodyType::kUnion, .prefecture_code = "01",
              .members = {"999999"}};
  EXPECT_FALSE((*b)->bodies().upsert_bodies({orphan}).ok());
  EXPECT_FALSE((*a)->events().wait_for_events(std::chrono::milliseconds(300)));
  // B commits events: A is told (well within the bound; the bound only stops a broken run).
  ASSERT_TRUE((*b)->bodies()
                  .upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                   .prefecture_code = "01"}})
                  .ok());
  EXPECT_TRUE((*a)->events().wait_for_events(std::chrono::seconds(10)));
  a->reset();
  b->reset();
  (void)postgres::drop_schema(conninfo, *schema);
}

}  // namespace
}  // namespace mamori::store
