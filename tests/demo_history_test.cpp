// The demo's synthetic history FY2021–FY2025 (src/app/demo.cpp): FY2025's national rates of
// seed 003's footnote items match their reference within ±1 point, measures improve year on
// year, larger bodies implement more — and the trend routes show it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class DemoHistoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(2021); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static TestEnv* env_;
};
TestEnv* DemoHistoryTest::env_ = nullptr;

TEST_F(DemoHistoryTest, FiveYearsOfAcceptedHistory) {
  const auto& years = env_->demo().history_campaigns;
  ASSERT_EQ(years.size(), 5u);
  for (size_t i = 0; i < years.size(); ++i) {
    auto c = env_->app().store().campaigns().get_campaign(years[i]);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->fiscal_year, 2021 + static_cast<int>(i));
    EXPECT_EQ(env_->app().analytics().aggregates().figures(years[i], "national").bodies, 1788);
  }
}

TEST_F(DemoHistoryTest, FY2025ReproducesSeed003RatesWithinOnePoint) {
  const Catalog* cat = env_->app().catalogs().find("fy2025");
  auto national = env_->app().analytics().aggregates().figures(env_->demo().previous_campaign, "national");
  int checked = 0;
  for (size_t i = 0; i < cat->questions.size(); ++i) {
    const Question& q = cat->questions[i];
    if (!q.reference_rate) continue;
    ASSERT_TRUE(national.questions[i].rate().has_value()) << q.id;
    EXPECT_NEAR(*national.questions[i].rate() * 100.0, *q.reference_rate, 1.0) << q.id;
    ++checked;
  }
  EXPECT_EQ(checked, 16);
}

TEST_F(DemoHistoryTest, MeasuresImproveOverTheYearsAndLargerBodiesImplementMore) {
  const auto& years = env_->demo().history_campaigns;
  auto& agg = env_->app().analytics().aggregates();
  auto total = [](const analytics::GroupFigures& g) {
    analytics::Ratio t;
    for (const auto& c : g.categories) {
      t.implemented += c.implemented;
      t.applicable += c.applicable;
    }
    return *t.rate();
  };
  for (size_t i = 1; i < years.size(); ++i)
    EXPECT_GT(total(agg.figures(years[i], "national")), total(agg.figures(years[i - 1], "national"))) << i;
  EXPECT_GT(total(agg.figures(years.back(), "type:designated_city")), total(agg.figures(years.back(), "type:village")));
}

TEST_F(DemoHistoryTest, TrendRoutesShowSixYearsAndTheWeakSpots) {
  Session s = env_->sign_in("demo-respondent");
  auto res = env_->request("GET", "/api/responses/" + std::to_string(env_->response_of("011002")) + "/trend", "", &s);
  ASSERT_EQ(res.status, 200) << res.body;
  json::value t = json::parse(res.body);
  const auto& ys = t.at("years").as_array();
  ASSERT_EQ(ys.size(), 6u);  // FY2021…FY2025 accepted, FY2026 in progress
  EXPECT_EQ(ys.front().at("fiscal_year"), 2021);
  EXPECT_EQ(ys.back().at("fiscal_year"), 2026);
  EXPECT_EQ(ys.back().at("state"), "draft");
  EXPECT_TRUE(ys.back().at("national").at("suppressed").as_bool());  // nothing submitted yet
  EXPECT_FALSE(ys[4].at("national").at("suppressed").as_bool());
  EXPECT_EQ(ys[4].at("own").at("categories").as_array().size(), 8u);

  Session admin = env_->sign_in("demo-admin");
  auto rt = env_->request("GET", "/api/analytics/reference-trend", "", &admin);
  ASSERT_EQ(rt.status, 200) << rt.body;
  json::value r = json::parse(rt.body);
  const auto& qs = r.at("questions").as_array();
  ASSERT_EQ(qs.size(), 16u);
  for (const auto& q : qs) {
    const auto& y = q.at("years").as_array();
    ASSERT_EQ(y.size(), 5u) << q;  // FY2026 has no submitted response yet
    EXPECT_NEAR(y.back().at("rate").as_double(), q.at("reference_rate").as_double(), 0.01) << q;
    EXPECT_LT(y.front().at("rate").as_double(), y.back().at("rate").as_double()) << q;
  }
  EXPECT_EQ(env_->request("GET", "/api/analytics/reference-trend", "", &s).status, 403);
}

TEST_F(DemoHistoryTest, BodiesSideBySideOnlyWhereTheUserMayRead) {
  std::string path = "/api/analytics/campaigns/" + std::to_string(env_->demo().previous_campaign) + "/bodies";
  auto rows = [&](const std::string& login, const std::string& query) {
    Session s = env_->sign_in(login);
    auto res = env_->request("GET", path + query, "", &s);
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body).at("bodies").as_array();
  };
  auto pref = rows("demo-prefecture", "?prefecture=13");  // a supporter's prefecture is forced
  EXPECT_EQ(pref.size(), 180u);
  for (const auto& b : pref) {
    EXPECT_EQ(std::string(b.at("body_code").as_string()).substr(0, 2), "01");
    EXPECT_TRUE(b.at("counted").as_bool());
    EXPECT_EQ(b.at("categories").as_array().size(), 8u);
    EXPECT_TRUE(b.as_object().contains("gaps"));
  }
  auto own = rows("demo-respondent", "");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].at("body_code"), "011002");
  auto tokyo = rows("demo-admin", "?prefecture=13");
  EXPECT_EQ(tokyo.size(), 63u);  // 東京都, 23 special wards, 26 cities, 5 towns, 8 villages
  EXPECT_TRUE(rows("demo-analyst", "").empty());
}

}  // namespace
}  // namespace mamori::test
