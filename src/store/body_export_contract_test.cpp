// The body export contract (ports/body_export.h): a body's data read whole, restored into
// an empty store, and read back the same — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "domain/answer_json.h"
#include "store/store_contract.h"

namespace mamori::store {
namespace {

ports::AnswerUpdate answer(const std::string& value, const std::string& comment, const std::string& evidence) {
  return ports::AnswerUpdate{.value_json = value, .state = "changed", .comment = comment, .evidence_url = evidence};
}

}  // namespace

void BodyExportContract::work_on_sapporo() {
  add_bodies();
  const int64_t respondent = add_user("r1", "011002", Role::kBodyRespondent);
  const int64_t approver = add_user("a1", "011002", Role::kBodyApprover);
  const int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  const int64_t campaign = open_campaign();
  auto& r = store().responses();
  for (const char* v : {"80", "90"}) {
    auto ctx = *r.load_context(1);
    auto a = *r.get_answer(1, "q2");
    auto saved = r.save_answer(1, "q2", ctx.response.revision, a.version,
                               [v](const AnswerRecord&) { return answer(v, "庁内LANの調査結果による", "https://example.lg.jp/e/1"); },
                               respondent);
    ASSERT_TRUE(saved.ok() && std::holds_alternative<AnswerRecord>(*saved));
  }
  ASSERT_TRUE(r.confirm_answers(1, {"q1"}, approver, {}).ok());
  ASSERT_TRUE(r.change_category(1, ports::CategoryChange{.category = 1, .assignee = respondent}, approver,
                                "category_assigned", "", {})
                  .ok());
  ports::WriteGuard snapshot{.needs_answers = true,
                             .snapshot = [](const ports::ResponseSnapshot& rs) { return answers_snapshot_json(rs.answers); }};
  ASSERT_TRUE(r.transition(1, ResponseState::kDraft, ResponseState::kReadyForReview, respondent, "request_review",
                           "確認をお願いします", snapshot, ports::CategoryChange{.category = 1, .ready = true})
                  .ok());
  ASSERT_TRUE(store().campaigns().close_campaign(campaign, mic).ok());
}

TEST_P(BodyExportContract, ABodysDataRestoredIntoAnEmptyStoreReadsBackTheSame) {
  work_on_sapporo();
  if (HasFatalFailure()) return;

  auto data = store().body_export().read_body_data("011002");
  ASSERT_TRUE(data.ok()) << data.status().internal_detail();
  EXPECT_EQ(data->body.name_ja, "札幌市");
  EXPECT_EQ(data->body.network_model, "beta");
  ASSERT_EQ(data->responses.size(), 1u);  // 函館市's response is not 札幌市's data
  const auto& r = data->responses[0];
  EXPECT_EQ(r.campaign.catalog_id, "fy2026");
  EXPECT_EQ(r.campaign.state, "closed");
  EXPECT_EQ(r.state, "ready_for_review");
  EXPECT_TRUE(r.locked);
  ASSERT_TRUE(r.groups.has_value());
  EXPECT_EQ(r.groups->network_model, "beta");
  ASSERT_EQ(r.categories.size(), 2u);
  EXPECT_EQ(r.categories[0].assignee, "r1 さん");
  EXPECT_TRUE(r.categories[0].ready);
  ASSERT_EQ(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[1].question_id, "q2");
  EXPECT_EQ(r.answers[1].value_json, "90");
  EXPECT_EQ(r.answers[1].comment, "庁内LANの調査結果による");
  EXPECT_EQ(r.answers[1].evidence_url, "https://example.lg.jp/e/1");
  EXPECT_EQ(r.answers[1].updated_by, "r1 さん");
  ASSERT_EQ(r.history.size(), 3u);  // q1 confirmed; q2 saved twice, in version order
  EXPECT_EQ(r.history[0].question_id, "q1");
  EXPECT_EQ(r.history[0].user, "a1 さん");
  EXPECT_EQ(r.history[1].version, 1);
  EXPECT_EQ(r.history[2].version, 2);
  ASSERT_GE(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].action, "category_assigned");
  ASSERT_EQ(r.submissions.size(), 1u);
  // MIC closed the campaign: its person is named, but not as the body's.
  EXPECT_EQ(data->people, (std::vector<body_export::Person>{{"a1 さん", true}, {"mic さん", false}, {"r1 さん", true}}));
  EXPECT_EQ(body_export::names_used(*data), (std::vector<std::string>{"a1 さん", "mic さん", "r1 さん"}));

  auto empty = open_empty();
  ASSERT_NE(empty, nullptr);
  auto restored = empty->body_export().restore_body_data(*data);
  ASSERT_TRUE(restored.ok()) << restored.status().internal_detail() << restored.status().error_code();
  EXPECT_TRUE(restored->body_created);
  EXPECT_EQ(restored->campaigns_created, 1);
  EXPECT_EQ(restored->responses, 1);
  EXPECT_EQ(restored->answers, 2);
  EXPECT_EQ(restored->history_rows, 3);
  EXPECT_EQ(restored->people_created, 3);
  auto back = empty->body_export().read_body_data("011002");
  ASSERT_TRUE(back.ok()) << back.status().internal_detail();
  EXPECT_EQ(*back, *data);

  // The restored people cannot sign in: disabled, without roles.
  auto people = empty->users().list_users("011002");
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 2u);  // r1 and a1; MIC's person is not made the body's
  for (const auto& u : *people) {
    EXPECT_TRUE(u.disabled) << u.login;
    EXPECT_TRUE(u.roles.empty()) << u.login;
    EXPECT_NE(u.display_name, "mic さん");
  }
  // The restored response is what the store's own reads give, too.
  auto restored_response = empty->responses().responses_of_body("011002");
  ASSERT_TRUE(restored_response.ok());
  ASSERT_EQ(restored_response->size(), 1u);
  auto hist = empty->responses().history((*restored_response)[0].id, "q2");
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_EQ((*hist)[0].user_name, "r1 さん");
}

TEST_P(BodyExportContract, ARestoreOverABodyThatHasResponsesChangesNothing) {
  work_on_sapporo();
  if (HasFatalFailure()) return;
  auto data = *store().body_export().read_body_data("011002");
  const int64_t users_before = store().users().list_users("011002")->size();
  const int64_t events_before = *store().events().latest_event();

  auto again = store().body_export().restore_body_data(data);
  EXPECT_EQ(again.status().error_code(), "body_export_target_not_empty");
  EXPECT_EQ(*store().body_export().read_body_data("011002"), data);
  EXPECT_EQ(static_cast<int64_t>(store().users().list_users("011002")->size()), users_before);
  EXPECT_EQ(*store().events().latest_event(), events_before);
}

TEST_P(BodyExportContract, ARestoreThatFailsHalfwayLeavesTheStoreEmpty) {
  work_on_sapporo();
  if (HasFatalFailure()) return;
  auto data = *store().body_export().read_body_data("011002");
  data.responses[0].answers.push_back(data.responses[0].answers[0]);  // the same question twice: refused by the key

  auto empty = open_empty();
  ASSERT_NE(empty, nullptr);
  EXPECT_FALSE(empty->body_export().restore_body_data(data).ok());
  EXPECT_EQ(empty->body_export().read_body_data("011002").status().error_code(), "unknown_body");
  EXPECT_TRUE(empty->campaigns().list_campaigns()->empty());
  EXPECT_EQ(*empty->events().latest_event(), 0);
}

TEST_P(BodyExportContract, ASurveyHeldInAnotherStateIsRefusedAndNothingIsWritten) {
  work_on_sapporo();
  if (HasFatalFailure()) return;
  auto data = *store().body_export().read_body_data("011002");
  auto target = open_empty();
  ASSERT_NE(target, nullptr);
  // The same survey, still open, in the target.
  ASSERT_TRUE(target->bodies().upsert_bodies({Body{.code = "012025", .name_ja = "函館市", .prefecture_code = "01"}}).ok());
  auto id = target->campaigns().create_campaign(Campaign{.title = "令和8年度調査", .fiscal_year = 2026, .catalog_id = "fy2026",
                                                         .opens_at = "2026-10-01", .closes_at = "2027-01-29",
                                                         .targets = {"012025"}});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(target->campaigns().open_campaign(*id, {1}, [](const std::string&, std::vector<ports::OpeningAnswer>&) {}, {}).ok());
  auto refused = target->body_export().restore_body_data(data);
  EXPECT_EQ(refused.status().error_code(), "body_export_campaign_state");
  EXPECT_EQ(target->body_export().read_body_data("011002").status().error_code(), "unknown_body");
  EXPECT_EQ(target->campaigns().get_campaign(*id)->target_count, 1);
}

TEST_P(BodyExportContract, AnUnknownBodyIsNotFound) {
  EXPECT_EQ(store().body_export().read_body_data("011002").status().error_code(), "unknown_body");
}

}  // namespace mamori::store
