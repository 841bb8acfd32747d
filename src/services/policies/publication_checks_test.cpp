// The publication check's timing on the real SQLite store, with a fake fetcher (the fetcher's
// own guards are tested against a loopback server in tests/publication_check_test.cpp): a body
// may not ask again within a minute, a checked page is due again after the interval, and a
// stopping schedule fetches nothing more.
#include "services/policies/publication_checks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace mamori {
namespace {

namespace pol = policies;

class CountingFetcher final : public ports::PageFetcher {
 public:
  publication::Fetch fetch(const std::string& url) override {
    ++fetches;
    return publication::Fetch{.status_code = 200, .final_url = url, .sha256 = "abc"};
  }
  int fetches = 0;
};

class PublicationChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("mamori-pubcheck-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::sqlite::open_store((dir_ / "t.db").string(), 1, clock_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    ASSERT_TRUE(store_->bodies()
                    .upsert_bodies({{.code = "012025", .name_ja = "函館市", .type = BodyType::kCity, .prefecture_code = "01"}})
                    .ok());
    ports::BodyPolicies b{.organs = {pol::Organ{.id = 1, .body_code = "012025", .name = "市長"}},
                          .policies = {pol::Policy{.body_code = "012025", .title = "基本方針",
                                                   .state = pol::PolicyState::kAdopted, .adopted_on = "2026-05-01",
                                                   .publication_url = "https://www.example.jp/policy",
                                                   .published_on = "2026-05-02", .organs = {1}}}};
    ASSERT_TRUE(store_->policies().import_obligations({b}, "test").ok());
    policy_ = store_->policies().body_policies("012025")->policies.at(0).id;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  FakeClock clock_{std::string_view("2026-12-01T00:00:00Z")};
  std::filesystem::path dir_;
  std::unique_ptr<ports::Store> store_;
  int64_t policy_ = 0;
  CountingFetcher fetcher_;
  const Body body_{.code = "012025", .type = BodyType::kCity, .prefecture_code = "01"};
};

TEST_F(PublicationChecksTest, ABodyMayAskAgainOnlyAMinuteAfterTheLastCheck) {
  PublicationChecks checks(*store_, fetcher_, clock_, std::chrono::hours(24));
  ASSERT_TRUE(checks.check_now(body_, policy_).ok());
  EXPECT_EQ(checks.check_now(body_, policy_).status().error_code(), "publication_checked_recently");
  EXPECT_EQ(fetcher_.fetches, 1);
  clock_.advance(std::chrono::seconds(61));
  EXPECT_TRUE(checks.check_now(body_, policy_).ok());
  EXPECT_EQ(fetcher_.fetches, 2);
}

TEST_F(PublicationChecksTest, APageIsDueAgainAfterTheIntervalAndAStoppingScheduleFetchesNothing) {
  PublicationChecks checks(*store_, fetcher_, clock_, std::chrono::hours(24));
  EXPECT_EQ(*checks.check_due(20, [] { return true; }), 0);  // stopping: not even the first
  EXPECT_EQ(fetcher_.fetches, 0);
  EXPECT_EQ(*checks.check_due(20), 1);  // never checked: due
  EXPECT_EQ(*checks.check_due(20), 0);  // checked: not before 24 hours
  clock_.advance(std::chrono::hours(23));
  EXPECT_EQ(*checks.check_due(20), 0);
  clock_.advance(std::chrono::hours(2));
  EXPECT_EQ(*checks.check_due(20), 1);
  EXPECT_EQ(fetcher_.fetches, 2);
  auto held = store_->policies().body_policies("012025");
  ASSERT_EQ(held->checks.size(), 1u);
  EXPECT_EQ(held->checks[0].outcome, publication::Outcome::kOk);
}

}  // namespace
}  // namespace mamori
