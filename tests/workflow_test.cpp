// The whole answering journey through the API: carry-over, confirmation,
// readiness, review, return, resubmission with a diff, submission, acceptance,
// closing and reopening.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = std::make_unique<TestEnv>();
    rid_ = std::to_string(env_->response_of("011002"));
    base_ = "/api/responses/" + rid_;
    respondent_ = env_->sign_in("demo-respondent");
    approver_ = env_->sign_in("demo-approver");
    admin_ = env_->sign_in("demo-admin");
  }

  json::object view(const Session& s) {
    auto r = env_->request("GET", base_, "", &s);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  // Answers every visible, required, unanswered question of a category with a
  // valid value and confirms the carried-over ones, as a respondent would.
  void complete_category(int n) {
    test::complete_category(env_->port(), base_, respondent_, *env_->app().catalogs().find("fy2026"),
                            *env_->app().store().bodies().get_body("011002"), n);
  }

  void mark_ready(int n) {
    auto r =
        env_->request("POST", base_ + "/categories/" + std::to_string(n) + "/ready", R"({"ready":true})", &respondent_);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::unique_ptr<TestEnv> env_;
  std::string rid_, base_;
  Session respondent_, approver_, admin_;
};

TEST_F(WorkflowTest, ConfirmAllUnchangedConfirmsOnlyCarriedOverAnswersOfThatCategory) {
  auto before = view(respondent_);
  int carried = 0;
  for (const auto& a : before.at("answers").as_array())
    if (a.at("category").as_int64() == 3 && a.at("visible").as_bool() && a.at("state").as_string() == "carried_over" &&
        !a.at("needs_confirmation").as_bool())
      ++carried;
  ASSERT_GT(carried, 0);
  auto r = env_->request("POST", base_ + "/categories/3/confirm", "", &respondent_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("confirmed").as_int64(), carried);
  auto after = view(respondent_);
  for (const auto& a : after.at("answers").as_array()) {
    if (a.at("category").as_int64() == 3 && a.at("visible").as_bool() && !a.at("needs_confirmation").as_bool() &&
        !a.at("value").is_null()) {
      EXPECT_NE(a.at("state").as_string(), "carried_over") << a.at("question_id");
    }
    if (a.at("category").as_int64() == 4) {
      EXPECT_NE(a.at("state").as_string(), "confirmed");
    }
  }
}

TEST_F(WorkflowTest, CategoryCannotBeMarkedReadyWithUnansweredQuestions) {
  int64_t before = env_->data_version();
  auto r = env_->request("POST", base_ + "/categories/1/ready", R"({"ready":true})", &respondent_);
  EXPECT_EQ(r.status, 422);
  json::object e = json::parse(r.body).as_object();
  EXPECT_EQ(e.at("code").as_string(), "answers_incomplete");
  EXPECT_FALSE(e.at("fields").as_object().empty());
  EXPECT_EQ(env_->data_version(), before);
}

TEST_F(WorkflowTest, FullJourneyFromCarryOverToAcceptance) {
  // The respondent changes one answer and completes every category.
  auto v = view(respondent_);
  int64_t version = 0;
  for (const auto& a : v.at("answers").as_array())
    if (a.at("question_id").as_string() == "c5-encrypted-storage") version = a.at("version").as_int64();
  auto change = env_->request(
      "PUT", base_ + "/answers/c5-encrypted-storage",
      R"({"version":)" + std::to_string(version) + R"(,"value":"yes","comment":"令和8年度に暗号化を導入"})",
      &respondent_);
  ASSERT_EQ(change.status, 200) << change.body;
  for (int n = 1; n <= 8; ++n) complete_category(n);
  for (int n = 1; n <= 8; ++n) mark_ready(n);
  // A category marked ready cannot be edited.
  auto locked =
      env_->request("PUT", base_ + "/answers/c1-ciso-appointed", R"({"version":99,"value":"yes"})", &respondent_);
  EXPECT_EQ(locked.status, 422);
  EXPECT_EQ(json_string(locked.body, "code"), "category_ready");

  // The respondent cannot submit; the approver can't submit before review is requested.
  EXPECT_EQ(env_->request("POST", base_ + "/submit", "", &respondent_).status, 403);
  EXPECT_EQ(env_->request("POST", base_ + "/submit", "", &approver_).status, 422);
  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  EXPECT_EQ(json_string(env_->request("GET", base_, "", &respondent_).body, "state"), "ready_for_review");

  // The approver returns category 5 with a comment; the response goes back to draft.
  auto ret_nocomment = env_->request("POST", base_ + "/return", R"({"category":5})", &approver_);
  EXPECT_EQ(ret_nocomment.status, 400);
  auto ret = env_->request("POST", base_ + "/return",
                           R"({"category":5,"comment":"暗号化の根拠資料を添付してください"})", &approver_);
  ASSERT_EQ(ret.status, 200) << ret.body;
  json::object after_return = json::parse(ret.body).as_object();
  EXPECT_EQ(after_return.at("state").as_string(), "draft");
  for (const auto& c : after_return.at("categories").as_array()) {
    if (c.at("number").as_int64() == 5) {
      EXPECT_FALSE(c.at("ready").as_bool());
      EXPECT_EQ(c.at("return_comment").as_string(), "暗号化の根拠資料を添付してください");
    } else {
      EXPECT_TRUE(c.at("ready").as_bool());
    }
  }

  // The respondent fixes it, marks it ready again, asks for review; the approver submits.
  v = view(respondent_);
  for (const auto& a : v.at("answers").as_array())
    if (a.at("question_id").as_string() == "c5-encrypted-storage") version = a.at("version").as_int64();
  auto fix = env_->request("PUT", base_ + "/answers/c5-encrypted-storage",
                           R"({"version":)" + std::to_string(version) +
                               R"(,"value":"yes","evidence_url":"https://example.lg.jp/policy.pdf"})",
                           &respondent_);
  ASSERT_EQ(fix.status, 200) << fix.body;
  mark_ready(5);
  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  auto submit = env_->request("POST", base_ + "/submit", R"({"comment":"確認しました"})", &approver_);
  ASSERT_EQ(submit.status, 200) << submit.body;
  EXPECT_EQ(json_string(submit.body, "state"), "submitted");

  // Submitted is read-only.
  auto ro = env_->request("POST", base_ + "/categories/1/ready", R"({"ready":false})", &respondent_);
  EXPECT_EQ(ro.status, 422);
  EXPECT_EQ(json_string(ro.body, "code"), "response_read_only");

  // MIC returns it; the body changes one answer and resubmits; the diff shows it.
  EXPECT_EQ(env_->request("POST", base_ + "/national-return", "", &admin_).status, 400);  // comment required
  ASSERT_EQ(env_->request("POST", base_ + "/national-return", R"({"comment":"問5の回答を再確認してください"})", &admin_)
                .status,
            200);
  ASSERT_EQ(env_->request("POST", base_ + "/categories/6/ready", R"({"ready":false})", &respondent_).status, 200);
  v = view(respondent_);
  std::string flipped;
  for (const auto& a : v.at("answers").as_array())
    if (a.at("question_id").as_string() == "c6-access-log-review") {
      version = a.at("version").as_int64();
      flipped = a.at("value").as_string() == "yes" ? "no" : "yes";
    }
  auto ch =
      env_->request("PUT", base_ + "/answers/c6-access-log-review",
                    R"({"version":)" + std::to_string(version) + R"(,"value":")" + flipped + R"("})", &respondent_);
  ASSERT_EQ(ch.status, 200) << ch.body;
  mark_ready(6);
  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  auto d = env_->request("GET", base_ + "/diff?against=last_submission", "", &approver_);
  ASSERT_EQ(d.status, 200);
  auto changes = json::parse(d.body).at("changes").as_array();
  ASSERT_EQ(changes.size(), 1u) << d.body;
  EXPECT_EQ(changes[0].at("question_id").as_string(), "c6-access-log-review");
  ASSERT_EQ(env_->request("POST", base_ + "/submit", "", &approver_).status, 200);

  // MIC accepts.
  auto acc = env_->request("POST", base_ + "/accept", "", &admin_);
  ASSERT_EQ(acc.status, 200) << acc.body;
  EXPECT_EQ(json_string(acc.body, "state"), "accepted");
  auto ev = env_->request("GET", base_ + "/events", "", &approver_);
  EXPECT_NE(ev.body.find("national_return"), std::string::npos);
  EXPECT_NE(ev.body.find("\"accept\""), std::string::npos);

  // Last-year diff lists the changed answer with both values.
  auto ly = env_->request("GET", base_ + "/diff?against=last_year", "", &approver_);
  EXPECT_NE(ly.body.find("c5-encrypted-storage"), std::string::npos);
}

// The figures (src/analytics) count a response from its submission, drop it when MIC
// returns it, count it once again after resubmission, and agree with a full recompute.
TEST_F(WorkflowTest, FiguresFollowSubmissionReturnAndResubmission) {
  const int64_t campaign = env_->demo().current_campaign;
  const int64_t rid = std::stoll(rid_);
  auto& analytics = env_->app().analytics();
  for (int n = 1; n <= 8; ++n) {
    complete_category(n);
    mark_ready(n);
  }
  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  EXPECT_FALSE(analytics.aggregates().counted(campaign, rid));  // not before submission
  ASSERT_EQ(env_->request("POST", base_ + "/submit", "", &approver_).status, 200);
  EXPECT_TRUE(analytics.aggregates().counted(campaign, rid));
  auto national = analytics.aggregates().figures(campaign, "national");
  EXPECT_EQ(national.bodies, 1);
  EXPECT_GT(national.categories[0].applicable, 0);
  EXPECT_EQ(analytics.aggregates().figures(campaign, "type:designated_city").bodies, 1);

  ASSERT_EQ(env_->request("POST", base_ + "/national-return", R"({"comment":"再確認してください"})", &admin_).status, 200);
  EXPECT_FALSE(analytics.aggregates().counted(campaign, rid));
  EXPECT_EQ(analytics.aggregates().figures(campaign, "national").bodies, 0);

  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  ASSERT_EQ(env_->request("POST", base_ + "/submit", "", &approver_).status, 200);
  ASSERT_EQ(env_->request("POST", base_ + "/accept", "", &admin_).status, 200);
  EXPECT_EQ(analytics.aggregates().figures(campaign, "national").bodies, 1);

  auto incremental = analytics.aggregates().all_groups(campaign);
  auto previous = analytics.aggregates().all_groups(env_->demo().previous_campaign);
  ASSERT_TRUE(analytics.rebuild().ok());
  EXPECT_EQ(analytics.aggregates().all_groups(campaign), incremental);
  EXPECT_EQ(analytics.aggregates().all_groups(env_->demo().previous_campaign), previous);

  // With one body counted every group is below 5: the body's benchmark shows no figures.
  auto b = env_->request("GET", base_ + "/benchmark", "", &respondent_);
  ASSERT_EQ(b.status, 200) << b.body;
  json::value parsed = json::parse(b.body);
  for (const auto& g : parsed.at("groups").as_array()) {
    EXPECT_TRUE(g.at("suppressed").as_bool()) << g;
    EXPECT_TRUE(g.at("bodies").is_null()) << g;
    EXPECT_FALSE(g.as_object().contains("categories")) << g;
  }
}

TEST_F(WorkflowTest, ClosingLocksUnsubmittedResponsesAndReopenUnlocksOne) {
  std::string cid = std::to_string(env_->demo().current_campaign);
  ASSERT_EQ(env_->request("POST", "/api/campaigns/" + cid + "/close", "", &admin_).status, 200);
  auto save =
      env_->request("PUT", base_ + "/answers/c1-ciso-appointed", R"({"version":0,"value":"yes"})", &respondent_);
  EXPECT_EQ(save.status, 422);
  EXPECT_EQ(json_string(save.body, "code"), "response_locked");
  ASSERT_EQ(env_->request("POST", base_ + "/reopen", "", &admin_).status, 200);
  auto again =
      env_->request("PUT", base_ + "/answers/c1-ciso-appointed", R"({"version":0,"value":"yes"})", &respondent_);
  EXPECT_EQ(again.status, 200) << again.body;
  // Another body stays locked.
  Session admin = admin_;
  std::string other = "/api/responses/" + std::to_string(env_->response_of("012025"));
  auto other_view = env_->request("GET", other, "", &admin);
  EXPECT_TRUE(json::parse(other_view.body).at("locked").as_bool());
}

TEST_F(WorkflowTest, SubmittingAfterTheCampaignClosedSaysItIsLocked) {
  for (int n = 1; n <= 8; ++n) complete_category(n);
  for (int n = 1; n <= 8; ++n) mark_ready(n);
  ASSERT_EQ(env_->request("POST", base_ + "/request-review", "", &respondent_).status, 200);
  ASSERT_EQ(env_->request("POST", "/api/campaigns/" + std::to_string(env_->demo().current_campaign) + "/close", "", &admin_).status,
            200);
  auto r = env_->request("POST", base_ + "/submit", "", &approver_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_string(r.body, "code"), "response_locked");
}

TEST_F(WorkflowTest, ApproverAssignsCategoryAndOthersCannotEditIt) {
  auto users = env_->request("GET", "/api/bodies/011002/users", "", &approver_);
  ASSERT_EQ(users.status, 200);
  int64_t approver_id = 0;
  json::value parsed = json::parse(users.body);
  for (const auto& u : parsed.at("users").as_array())
    if (u.at("login").as_string() == "demo-approver") approver_id = u.at("id").as_int64();
  auto assign = env_->request("POST", base_ + "/categories/2/assign",
                              R"({"assignee":)" + std::to_string(approver_id) + "}", &approver_);
  ASSERT_EQ(assign.status, 200) << assign.body;
  auto edit =
      env_->request("PUT", base_ + "/answers/c2-classification-method", R"({"version":0,"value":null})", &respondent_);
  EXPECT_EQ(edit.status, 403);
  EXPECT_EQ(env_->request("POST", base_ + "/categories/2/assign", R"({"assignee":1})", &approver_).status,
            400);  // admin is not of this body
}

TEST_F(WorkflowTest, ReviewRechecksCompletenessWhenQuestionsAppearAfterCategoriesWereMarkedReady) {
  for (int n = 1; n <= 8; ++n) complete_category(n);
  for (int n = 1; n <= 8; ++n) mark_ready(n);
  // MIC corrects the body's network model: the α′ questions now concern it.
  auto put = env_->request("PUT", "/api/bodies/011002", R"({"network_model":"alpha_prime"})", &admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  int64_t before = env_->data_version();
  auto r = env_->request("POST", base_ + "/request-review", "", &respondent_);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json_string(r.body, "code"), "answers_incomplete");
  json::value e = json::parse(r.body);
  bool names_alpha_prime_question = false;
  const Catalog* cat = env_->app().catalogs().find("fy2026");
  for (const auto& f : e.at("fields").as_object())
    for (const auto& c : cat->find(f.key())->show_if)
      if (c.subject == "body.network_model") names_alpha_prime_question = true;
  EXPECT_TRUE(names_alpha_prime_question) << r.body;
  EXPECT_EQ(env_->data_version(), before);
  EXPECT_EQ(json_string(env_->request("GET", base_, "", &respondent_).body, "state"), "draft");
}

TEST_F(WorkflowTest, AssigningACategoryKeepsItsReadyMark) {
  complete_category(2);
  mark_ready(2);
  auto users = env_->request("GET", "/api/bodies/011002/users", "", &approver_);
  json::value parsed = json::parse(users.body);
  int64_t respondent_id = 0;
  for (const auto& u : parsed.at("users").as_array())
    if (u.at("login").as_string() == "demo-respondent") respondent_id = u.at("id").as_int64();
  auto assign = env_->request("POST", base_ + "/categories/2/assign", R"({"assignee":)" + std::to_string(respondent_id) + "}",
                              &approver_);
  ASSERT_EQ(assign.status, 200) << assign.body;
  json::value view = json::parse(assign.body);
  for (const auto& c : view.at("categories").as_array())
    if (c.at("number").as_int64() == 2) {
      EXPECT_TRUE(c.at("ready").as_bool());
      EXPECT_EQ(c.at("assignee").at("id").as_int64(), respondent_id);
    }
}

}  // namespace
}  // namespace mamori::test
