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
