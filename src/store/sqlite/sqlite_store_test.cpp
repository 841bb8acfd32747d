// The repository contract suite (store/store_contract.h) on SQLite: a new database file
// per case, the real executor with its writer thread and readers.
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/sqlite/sqlite_store.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

// The store with its own temporary folder, removed with it.
class TempSqliteStore final : public ports::Store {
 public:
  TempSqliteStore(std::string dir, std::unique_ptr<SqlStore> inner) : dir_(std::move(dir)), inner_(std::move(inner)) {}
  ~TempSqliteStore() override {
    inner_.reset();
    std::filesystem::remove_all(dir_);
  }
  ports::BodyRepository& bodies() override { return inner_->bodies(); }
  ports::UserRepository& users() override { return inner_->users(); }
  ports::CampaignRepository& campaigns() override { return inner_->campaigns(); }
  ports::ResponseRepository& responses() override { return inner_->responses(); }
  ports::NotificationRepository& notifications() override { return inner_->notifications(); }
  ports::JobStore& jobs() override { return inner_->jobs(); }
  ports::SignInAttempts& sign_in_attempts() override { return inner_->sign_in_attempts(); }
  ports::EventLog& events() override { return inner_->events(); }
  Status ready() override { return inner_->ready(); }

 private:
  std::string dir_;
  std::unique_ptr<SqlStore> inner_;
};

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
            return std::make_unique<TempSqliteStore>(dir.string(), std::move(*s));
          }};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace mamori::store
