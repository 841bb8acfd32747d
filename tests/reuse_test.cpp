// One answer, many surveys (issue 14): a body answers MIC's survey; its PPC and NCO surveys
// of the same fiscal year open with the equal items filled (with where they came from) and the
// partial ones waiting; a later change marks them for a recheck and never overwrites what a
// person decided there. Against a real server on the demo data.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <thread>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class ReuseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }

  // Creates and opens a campaign of `catalog_id` for 札幌市; its response id there.
  int64_t open_survey(const std::string& catalog_id, const std::string& title) {
    Session admin = env_->sign_in("demo-admin");
    auto created = env_->request("POST", "/api/campaigns",
                                 json::serialize(json::object{{"title", title},
                                                              {"fiscal_year", 2026},
                                                              {"catalog_id", catalog_id},
                                                              {"opens_at", "2026-12-01"},
                                                              {"closes_at", "2027-02-26"},
                                                              {"targets", json::array{"011002"}}}),
                                 &admin);
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = json::parse(created.body).at("id").as_int64();
    auto opened = env_->request("POST", "/api/campaigns/" + std::to_string(id) + "/open", "", &admin);
    EXPECT_EQ(opened.status, 202) << opened.body;
    const int64_t job = json::parse(opened.body).at("job").at("id").as_int64();
    for (int i = 0; i < 200; ++i) {
      auto j = json::parse(env_->request("GET", "/api/jobs/" + std::to_string(job), "", &admin).body);
      if (j.at("state").as_string() != "running") {
        EXPECT_EQ(j.at("state").as_string(), "done") << json::serialize(j);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    auto r = env_->app().store().responses().find_response(id, "011002");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->id : 0;
  }

  // Saves `value` (JSON) to a question of a response as the demo respondent.
  void save(int64_t response_id, const std::string& question_id, const std::string& value) {
    Session s = env_->sign_in("demo-respondent");
    auto a = env_->app().store().responses().get_answer(response_id, question_id);
    ASSERT_TRUE(a.ok()) << question_id;
    auto r = env_->request("PUT", "/api/responses/" + std::to_string(response_id) + "/answers/" + question_id,
                           R"({"version":)" + std::to_string(a->version) + R"(,"value":)" + value + "}", &s);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::optional<std::string> value_of(int64_t response_id, const std::string& question_id) {
    return env_->app().store().responses().get_answer(response_id, question_id)->value_json;
  }
  std::optional<ports::ItemReuse> reuse_of(int64_t response_id, const std::string& question_id) {
    auto all = env_->app().store().reuse().reuse_of(response_id);
    EXPECT_TRUE(all.ok());
    auto it = all->find(question_id);
    if (it == all->end()) return std::nullopt;
    return it->second;
  }

  static inline TestEnv* env_ = nullptr;
};

TEST_F(ReuseTest, AnMicAnswerFillsThePartnerSurveysAndALaterChangeAsksForARecheck) {
  const int64_t mic = env_->response_of("011002");
  save(mic, "c5-mynumber-separation", "\"yes\"");
  save(mic, "c5-mfa", "\"yes\"");
  {
    auto given = env_->app().store().reuse().measure_answers(2026);
    ASSERT_TRUE(given.ok());
    ASSERT_EQ((*given)["011002"].count("tech.mynumber-separation"), 1u) << "the body's measure answer";
  }

  // PPC's survey opens with the equal item filled and the narrower one proposed.
  const int64_t ppc = open_survey("ppc-fy2026", "【サンプル】番号法 定期報告 令和8年度");
  EXPECT_EQ(value_of(ppc, "ppc-tech-mynumber-separation"), std::optional<std::string>("\"yes\""));
  auto filled = reuse_of(ppc, "ppc-tech-mynumber-separation");
  ASSERT_TRUE(filled.has_value());
  EXPECT_EQ(filled->mark.state, ReuseState::kFilled);
  ASSERT_TRUE(filled->source.has_value());
  EXPECT_EQ(filled->source->source_catalog_id, "fy2026");
  EXPECT_EQ(filled->source->source_question_id, "c5-mynumber-separation");
  EXPECT_FALSE(filled->source->given_by_name.empty()) << "who gave it";
  auto proposed = reuse_of(ppc, "ppc-tech-mfa");
  ASSERT_TRUE(proposed.has_value());
  EXPECT_EQ(proposed->mark.state, ReuseState::kProposed);
  EXPECT_EQ(proposed->mark.relation, Relation::kSubset);
  EXPECT_NE(value_of(ppc, "ppc-tech-mfa"), std::optional<std::string>("\"yes\"")) << "a proposal is not an answer";

  // NCO's survey: equal filled, the broader item proposed.
  const int64_t nco = open_survey("nco-fy2026", "【サンプル】NCO様式 令和8年度");
  EXPECT_EQ(value_of(nco, "nco-pr-mynumber-separation"), std::optional<std::string>("\"yes\""));
  EXPECT_EQ(reuse_of(nco, "nco-pr-mfa")->mark.state, ReuseState::kProposed);

  // The MIC answer changes: the open partner surveys follow at once and ask for a recheck.
  save(mic, "c5-mynumber-separation", "\"no\"");
  for (int64_t r : {ppc, nco}) {
    const std::string q = r == ppc ? "ppc-tech-mynumber-separation" : "nco-pr-mynumber-separation";
    EXPECT_EQ(value_of(r, q), std::optional<std::string>("\"no\"")) << q;
    EXPECT_EQ(reuse_of(r, q)->mark.state, ReuseState::kRecheck) << q;
  }

  // A person answers in PPC's survey: the value flows to the others. The MIC answer, a
  // person's, is kept and marked for a recheck with the new value offered; NCO's item, which
  // only followed, takes it.
  save(ppc, "ppc-tech-mynumber-separation", "\"yes\"");
  EXPECT_EQ(value_of(mic, "c5-mynumber-separation"), std::optional<std::string>("\"no\""));
  auto back = reuse_of(mic, "c5-mynumber-separation");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->mark.state, ReuseState::kRecheck);
  EXPECT_EQ(back->mark.candidate, std::optional<std::string>("\"yes\""));
  EXPECT_EQ(back->source->source_catalog_id, "ppc-fy2026");
  EXPECT_EQ(value_of(nco, "nco-pr-mynumber-separation"), std::optional<std::string>("\"yes\""));

  // MIC keeps its own value: PPC's, given by a person there, is never overwritten either.
  save(mic, "c5-mynumber-separation", "\"no\"");
  EXPECT_FALSE(reuse_of(mic, "c5-mynumber-separation").has_value()) << "the MIC item is the source again";
  EXPECT_EQ(value_of(ppc, "ppc-tech-mynumber-separation"), std::optional<std::string>("\"yes\""));
  EXPECT_EQ(reuse_of(ppc, "ppc-tech-mynumber-separation")->mark.state, ReuseState::kRecheck);
  EXPECT_EQ(reuse_of(ppc, "ppc-tech-mynumber-separation")->mark.candidate, std::optional<std::string>("\"no\""));
}

// The response's reuse as the client reads it, and a person's decision on a proposal: taken
// once; a decision on a value that moved on meanwhile gets 409 with both values.
TEST_F(ReuseTest, TheApiShowsProvenanceAndTakesADecisionOnce) {
  const int64_t ppc = [&] {
    auto r = env_->app().store().responses().responses_of_body("011002");
    for (const auto& x : *r) {
      auto cam = env_->app().store().campaigns().get_campaign(x.campaign_id);
      if (cam->catalog_id == "ppc-fy2026") return x.id;
    }
    return int64_t{0};
  }();
  ASSERT_NE(ppc, 0) << "runs after the first case opened PPC's survey";
  Session s = env_->sign_in("demo-respondent");
  const std::string base = "/api/responses/" + std::to_string(ppc);
  auto view = env_->request("GET", base + "/reuse", "", &s);
  ASSERT_EQ(view.status, 200) << view.body;
  json::object v = json::parse(view.body).as_object();
  EXPECT_TRUE(v.at("sample").as_bool());
  EXPECT_GT(v.at("mapped").as_int64(), 20);
  const json::object& item = v.at("items").at("ppc-tech-mynumber-separation").as_object();
  EXPECT_EQ(item.at("relation").as_string(), "equal");
  EXPECT_EQ(item.at("source").at("ministry_name").at("ja").as_string(), "総務省");
  EXPECT_EQ(item.at("source").at("question_number").as_string().size() > 0, true);
  EXPECT_FALSE(item.at("measure").at("definition").at("ja").as_string().empty());

  // The proposal on ppc-tech-mfa: a decision with an old revision is refused with both values.
  const json::object& mfa = v.at("items").at("ppc-tech-mfa").as_object();
  ASSERT_EQ(mfa.at("state").as_string(), "proposed");
  const int64_t seen = mfa.at("measure_revision").as_int64();
  const int64_t before = env_->data_version();
  auto stale = env_->request("POST", base + "/answers/ppc-tech-mfa/reuse",
                             R"({"accept":true,"measure_revision":)" + std::to_string(seen + 7) + "}", &s);
  EXPECT_EQ(stale.status, 409) << stale.body;
  json::object st = json::parse(stale.body).as_object();
  EXPECT_EQ(st.at("code").as_string(), "reuse_changed");
  EXPECT_EQ(st.at("current").at("candidate"), json::value("yes"));
  EXPECT_TRUE(st.at("current").as_object().contains("answer"));
  EXPECT_EQ(env_->data_version(), before) << "a refused decision changes nothing";
  // Bad input: a wrong type, an unknown question.
  EXPECT_EQ(env_->request("POST", base + "/answers/ppc-tech-mfa/reuse", R"({"accept":"yes","measure_revision":1})", &s).status,
            400);
  EXPECT_EQ(env_->request("POST", base + "/answers/no-such/reuse", R"({"accept":true,"measure_revision":1})", &s).status,
            404);
  auto taken = env_->request("POST", base + "/answers/ppc-tech-mfa/reuse",
                             R"({"accept":true,"measure_revision":)" + std::to_string(seen) + "}", &s);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(json::parse(taken.body).at("value"), json::value("yes"));
  auto again = env_->request("POST", base + "/answers/ppc-tech-mfa/reuse",
                             R"({"accept":true,"measure_revision":)" + std::to_string(seen) + "}", &s);
  EXPECT_EQ(again.status, 404);
  auto history = json::parse(env_->request("GET", base + "/answers/ppc-tech-mfa/history", "", &s).body);
  EXPECT_EQ(history.at("history").as_array()[0].at("note"), json::value("reuse:accepted"));
  // Another body's user sees none of it.
  Session other = env_->sign_in("demo-prefecture");  // 北海道: reads 札幌市 (same prefecture) but may not answer
  EXPECT_EQ(env_->request("POST", base + "/answers/ppc-tech-mfa/reuse", R"({"accept":true,"measure_revision":1})", &other).status,
            403);
}

// Confirming last year's answers of a category (前年度と同じ内容で確認する) gives them for this
// year: they go to the body's other surveys as a save does. The demo's PPC survey of 北海道.
TEST(ReuseConfirmTest, ACategoryConfirmationPassesTheConfirmedAnswersOn) {
  TestEnv env;
  ASSERT_NE(env.demo().ppc_campaign, 0) << "the demo opens PPC's sample survey";
  const int64_t mic = env.response_of("011002");
  auto ppc = env.app().store().responses().find_response(env.demo().ppc_campaign, "011002");
  ASSERT_TRUE(ppc.ok());
  auto given = env.app().store().responses().get_answer(mic, "c4-clear-desk");
  ASSERT_TRUE(given.ok());
  ASSERT_EQ(given->state, "carried_over");
  ASSERT_TRUE(given->value_json.has_value());
  auto before = env.app().store().reuse().reuse_of(ppc->id);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->count("ppc-hr-clear-desk"), 0u);

  Session s = env.sign_in("demo-respondent");
  auto confirmed = env.request("POST", "/api/responses/" + std::to_string(mic) + "/categories/4/confirm", "", &s);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;

  auto after = env.app().store().reuse().reuse_of(ppc->id);
  ASSERT_TRUE(after.ok());
  auto it = after->find("ppc-hr-clear-desk");
  ASSERT_NE(it, after->end()) << "the equal PPC item follows the confirmed MIC answer";
  EXPECT_EQ(it->second.mark.state, ReuseState::kFilled);
  ASSERT_TRUE(it->second.source.has_value());
  EXPECT_EQ(it->second.source->source_question_id, "c4-clear-desk");
  EXPECT_EQ(env.app().store().responses().get_answer(ppc->id, "ppc-hr-clear-desk")->value_json,
            given->value_json);
}

}  // namespace
}  // namespace mamori::test
