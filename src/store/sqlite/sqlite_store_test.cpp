// The repository contract suite (store/store_contract.h) on SQLite: a new database file
// per case, the real executor with its writer thread and readers.
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/scoped_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

Backend sqlite_backend() {
  return {"sqlite", [](const Clock& clock) -> std::unique_ptr<ports::Store> {
            static std::atomic<int> n = 0;
            auto dir = std::filesystem::temp_directory_path() /
                       ("mamori-contract-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
            std::filesystem::create_directories(dir);
            auto s = sqlite::open_store((dir / "store.db").string(), 2, clock);
            if (!s.ok()) {
              ADD_FAILURE() << s.status().internal_detail();
              return nullptr;
            }
            return std::make_unique<ScopedStore>(std::move(*s), [dir] { std::filesystem::remove_all(dir); });
          }};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Sqlite, ReuseContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Sqlite, BodyExportContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Sqlite, PolicyContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace mamori::store
