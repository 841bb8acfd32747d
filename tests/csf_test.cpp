// The NIST CSF 2.0 view (issue 14, item 6) through the API, on the demo data: a body's own
// coverage matches a hand computation for the Recover function, each figure lists the
// answers it rests on, and the nation's figure obeys the disclosure rule.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

const json::object& function_of(const json::value& view, const std::string& id) {
  for (const auto& f : view.at("functions").as_array())
    if (f.at("id").as_string() == id) return f.as_object();
  throw std::runtime_error("no function " + id);
}

TEST(CsfView, ABodysCoverageMatchesAHandComputation) {
  TestEnv env;
  Session s = env.sign_in("demo-respondent");
  const int64_t mic = env.response_of("011002");
  const std::string base = "/api/responses/" + std::to_string(mic);
  // RECOVER rests on two yes/no questions (measures/csf/fy2026.map): one yes, one no → 1 of 2.
  for (auto [q, v] : {std::pair{"c6-restore-test", "\"yes\""}, std::pair{"c6-ict-bcp", "\"no\""}}) {
    auto a = env.app().store().responses().get_answer(mic, q);
    ASSERT_TRUE(a.ok());
    auto r = env.request("PUT", base + "/answers/" + q, R"({"version":)" + std::to_string(a->version) + R"(,"value":)" + v + "}", &s);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto res = env.request("GET", base + "/csf", "", &s);
  ASSERT_EQ(res.status, 200) << res.body;
  const json::value view = json::parse(res.body);
  EXPECT_EQ(view.at("functions").as_array().size(), 6u);
  const json::object& rc = function_of(view, "RC");
  EXPECT_EQ(rc.at("own").at("implemented").as_int64(), 1);
  EXPECT_EQ(rc.at("own").at("applicable").as_int64(), 2);
  EXPECT_EQ(rc.at("own").at("rate").as_double(), 0.5);
  EXPECT_EQ(rc.at("subcategories").as_int64(), 8);
  EXPECT_EQ(rc.at("subcategories_mapped").as_int64(), 2);
  ASSERT_EQ(rc.at("questions").as_array().size(), 2u);
  const json::object& restore = rc.at("questions").as_array()[0].as_object();
  EXPECT_EQ(restore.at("id").as_string(), "c6-restore-test");
  EXPECT_EQ(restore.at("outcome").as_string(), "implemented");
  EXPECT_EQ(restore.at("subcategories").as_array()[0].at("id").as_string(), "RC.RP-03");
  EXPECT_EQ(restore.at("subcategories").as_array()[0].at("relation").as_string(), "subset");
  // Every function's figure is the sum of the outcomes it lists.
  for (const auto& f : view.at("functions").as_array()) {
    int64_t implemented = 0, applicable = 0;
    for (const auto& q : f.at("questions").as_array()) {
      const auto& o = q.at("outcome").as_string();
      implemented += o == "implemented";
      applicable += o != "not_scored";
    }
    EXPECT_EQ(f.at("own").at("implemented").as_int64(), implemented) << f.at("id");
    EXPECT_EQ(f.at("own").at("applicable").as_int64(), applicable) << f.at("id");
  }
  // The nation while nobody has submitted: withheld, as every other figure, with its reason.
  ASSERT_TRUE(view.at("national_withheld").is_object());
  EXPECT_FALSE(view.at("national_withheld").at("note").at("ja").as_string().empty());
  EXPECT_TRUE(function_of(view, "GV").at("national").is_null());
  // MIC sees the campaign's nation, here withheld because fewer than 5 bodies submitted.
  Session admin = env.sign_in("demo-admin");
  auto nation = env.request("GET", "/api/analytics/campaigns/" + std::to_string(env.demo().current_campaign) + "/csf", "", &admin);
  ASSERT_EQ(nation.status, 200) << nation.body;
  EXPECT_EQ(json::parse(nation.body).at("national_withheld").at("reason").as_string(), "small_group");
  // A survey without a mapping says so.
  auto old = env.request("GET", "/api/responses/" + std::to_string(env.app().store().responses().find_response(
                                                                        env.demo().previous_campaign, "011002")->id) +
                                    "/csf",
                         "", &s);
  EXPECT_EQ(old.status, 404);
  EXPECT_EQ(json_string(old.body, "code"), "csf_not_mapped");
}

}  // namespace
}  // namespace mamori::test
