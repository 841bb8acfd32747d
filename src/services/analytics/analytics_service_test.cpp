// The figures follow the store through its event log alone: no one calls the service on a
// write. On the fake store, a second service stands for a second application node.
#include "services/analytics/analytics_service.h"

#include <gtest/gtest.h>

#include "fakes/memory_store.h"

namespace mamori::analytics {
namespace {

class AnalyticsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Catalog cat;
    cat.id = "t";
    cat.fiscal_year = 2026;
    cat.categories = {{1, {"一", "One"}}};
    Question q;
    q.id = "ciso";
    q.category = 1;
    q.type = QuestionType::kYesNo;
    q.implemented = Implemented{true, {"yes"}, std::nullopt};
    cat.index["ciso"] = 0;
    cat.questions.push_back(q);
    catalogs_.by_id.emplace("t", std::move(cat));
    store_ = fakes::make_memory_store(clock_);
    std::vector<Body> bodies;
    for (const char* code : {"011002", "012025", "012033", "012041", "012050", "012068"})
      bodies.push_back({.code = code, .name_ja = code, .type = BodyType::kCity, .prefecture_code = "01",
                        .network_model = "beta"});
    ASSERT_TRUE(store_->bodies().upsert_bodies(bodies).ok());
    user_ = *store_->users().create_user({.login = "mic", .display_name = "mic", .roles = {Role::kNationalAdmin}}, "h");
    campaign_ = *store_->campaigns().create_campaign({.title = "t", .fiscal_year = 2026, .catalog_id = "t",
                                                      .opens_at = "2026-10-01", .closes_at = "2027-01-29",
                                                      .targets = {"011002", "012025", "012033"}});
    static const std::string ciso = "ciso";
    ASSERT_TRUE(store_->campaigns()
                    .open_campaign(campaign_, {1},
                                   [](const std::string&, std::vector<ports::OpeningAnswer>& rows) {
                                     rows.push_back({&ciso, std::string("\"yes\""), std::nullopt, "new", false});
                                   },
                                   {})
                    .ok());
    analytics_ = std::make_unique<AnalyticsService>(*store_, catalogs_);
    ASSERT_TRUE(analytics_->rebuild().ok());
  }
  void submit(const std::string& body) {
    int64_t rid = store_->responses().find_response(campaign_, body)->id;
    ASSERT_TRUE(store_->responses().transition(rid, ResponseState::kDraft, ResponseState::kSubmitted, user_, "submit", "", {}).ok());
  }

  FakeClock clock_{std::string_view("2026-11-02T01:00:00Z")};
  CatalogSet catalogs_;
  std::unique_ptr<ports::Store> store_;
  std::unique_ptr<AnalyticsService> analytics_;
  int64_t user_ = 0, campaign_ = 0;
};

TEST_F(AnalyticsServiceTest, ASubmissionIsCountedByTheNextReadWithoutAnyCall) {
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "national").bodies, 0);
  submit("011002");
  submit("012025");
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "national").bodies, 2);
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "national").categories[0], (Ratio{2, 2}));
  EXPECT_EQ(analytics_->cursor(), *store_->events().latest_event());
}

TEST_F(AnalyticsServiceTest, ASecondNodeFollowsTheSameWrites) {
  AnalyticsService other(*store_, catalogs_);
  ASSERT_TRUE(other.rebuild().ok());
  submit("011002");
  EXPECT_EQ(other.aggregates().figures(campaign_, "national").bodies, 1);
  EXPECT_EQ(analytics_->aggregates().all_groups(campaign_), other.aggregates().all_groups(campaign_));
}

TEST_F(AnalyticsServiceTest, ABodyThatChangesGroupIsCountedInItsNewGroup) {
  submit("011002");
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "network:beta").bodies, 1);
  Body b = *store_->bodies().get_body("011002");
  b.network_model = "alpha";
  ASSERT_TRUE(store_->bodies().upsert_bodies({b}).ok());
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "network:beta").bodies, 0);
  EXPECT_EQ(analytics_->aggregates().figures(campaign_, "network:alpha").bodies, 1);
}

TEST_F(AnalyticsServiceTest, ClosingPublishesWhatWasSubmittedByThen) {
  submit("011002");
  EXPECT_EQ(analytics_->published().figures(campaign_, "national").bodies, 0);  // open: nothing published
  ASSERT_TRUE(store_->campaigns().close_campaign(campaign_, user_).ok());
  EXPECT_EQ(analytics_->published().figures(campaign_, "national").bodies, 1);
  const auto incremental = analytics_->aggregates().all_groups(campaign_);
  ASSERT_TRUE(analytics_->rebuild().ok());
  EXPECT_EQ(analytics_->aggregates().all_groups(campaign_), incremental);
}

// Issue 12 §5: a closed campaign's figures group its responses as they stood at closing.
TEST_F(AnalyticsServiceTest, PublishedFiguresDoNotMoveWhenABodyChangesGroupAfterClosing) {
  submit("011002");
  submit("012025");
  ASSERT_TRUE(store_->campaigns().close_campaign(campaign_, user_).ok());
  const auto published = analytics_->published().all_groups(campaign_);
  const auto live = analytics_->aggregates().all_groups(campaign_);
  ASSERT_EQ(analytics_->published().figures(campaign_, "network:beta").bodies, 2);

  Body b = *store_->bodies().get_body("011002");
  b.network_model = "alpha";
  b.population_band = "ge1m";
  b.type = BodyType::kTown;
  ASSERT_TRUE(store_->bodies().upsert_bodies({b}).ok());

  EXPECT_EQ(analytics_->published().all_groups(campaign_), published);
  EXPECT_EQ(analytics_->aggregates().all_groups(campaign_), live);
  EXPECT_EQ(analytics_->published().figures(campaign_, "network:alpha").bodies, 0);
  // The body's own standing is placed in the groups it was counted in.
  auto own = analytics_->own_scores(store_->responses().find_response(campaign_, "011002")->id);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->body.network_model, "beta");
  EXPECT_EQ(own->body.type, BodyType::kCity);
  EXPECT_EQ(own->body.name_ja, "011002");
  // A full recount (a restart, another node) reads the frozen groups too.
  ASSERT_TRUE(analytics_->rebuild().ok());
  EXPECT_EQ(analytics_->published().all_groups(campaign_), published);
  AnalyticsService other(*store_, catalogs_);
  ASSERT_TRUE(other.rebuild().ok());
  EXPECT_EQ(other.published().all_groups(campaign_), published);
}

}  // namespace
}  // namespace mamori::analytics
