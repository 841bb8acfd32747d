// The answering and workflow rules, on the in-memory fake store (tests/fakes/, which passes
// the repository contract suite) with a fake clock and a three-category catalogue parsed
// from text: milliseconds per case, no server, no disk.
#include "services/responses/response_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/catalog_parser.h"
#include "fakes/memory_store.h"
#include "services/campaigns/campaign_service.h"

namespace mamori {
namespace {

namespace json = boost::json;

const char* kCatalog = R"(
[catalog t]
fiscal_year = 2026
title.ja = テスト調査
title.en = Test survey

[category 1]
name.ja = 組織
name.en = Organisation

[category 2]
name.ja = 技術
name.en = Technical

[category 3]
name.ja = 評価
name.en = Review
)";

std::string question(const std::string& id, int category, const std::string& extra) {
  return "[question " + id + "]\ncategory = " + std::to_string(category) +
         "\nguideline = 1\ntext.ja = 設問\ntext.en = Question\nhelp.ja = 方法\nhelp.en = How\n"
         "reason.ja = 意義\nreason.en = Why\n" +
         extra + "\n";
}

class ResponseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string qs = question("ciso", 1, "type = yes_no\nimplemented = yes") +
                     question("detail", 1, "type = text\nshow_if = q:ciso = yes") +
                     question("count", 2, "type = number\nmin = 0\nmax = 100\nna = true") +
                     question("kind", 2, "type = multi\noption.a = 甲 | A\noption.b = 乙 | B\noption.c = 丙 | C") +
                     question("notes", 3, "type = text\nrequired = false");
    auto cat = parse_catalog({{"t/catalog.txt", kCatalog}, {"t/c1.txt", qs}});
    ASSERT_TRUE(cat.ok()) << cat.status().message_en();
    catalogs_.by_id.emplace("t", std::move(*cat));
    store_ = fakes::make_memory_store(clock_);
    ASSERT_TRUE(store_->bodies()
                    .upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                     .prefecture_code = "01"},
                                    {.code = "012025", .name_ja = "函館市", .type = BodyType::kCity, .prefecture_code = "01"}})
                    .ok());
    respondent_ = user("r", Role::kBodyRespondent);
    other_ = user("o", Role::kBodyRespondent);
    approver_ = user("a", Role::kBodyApprover);
    mic_ = user("mic", Role::kNationalAdmin, "");
    campaigns_ = std::make_unique<CampaignService>(store_->campaigns(), store_->bodies(), store_->responses(), catalogs_);
    service_ = std::make_unique<ResponseService>(store_->responses(), store_->campaigns(), store_->bodies(),
                                                 store_->users(), catalogs_);
    auto id = campaigns_->create(
        {.title = "t", .fiscal_year = 2026, .catalog_id = "t", .opens_at = "2026-10-01", .closes_at = "2027-01-29",
         .targets = {"011002", "012025"}});
    ASSERT_TRUE(id.ok()) << id.status().message_en();
    campaign_ = *id;
    ASSERT_TRUE(campaigns_->open(campaign_).ok());
    rid_ = store_->responses().find_response(campaign_, "011002")->id;
  }

  User user(const std::string& login, Role role, const std::string& body = "011002") {
    User u{.login = login, .display_name = login + " さん", .body_code = body, .roles = {role}};
    u.id = *store_->users().create_user(u, "h");
    return u;
  }
  ports::ResponseContext ctx() { return *service_->load(rid_); }
  Result<SavedAnswer> save(const User& u, const std::string& qid, const std::string& value_json, int64_t version = -1,
                           const ports::ResponseContext* with = nullptr) {
    AnswerInput in;
    if (!value_json.empty()) in.value = json::parse(value_json);
    in.version = version >= 0 ? version : store_->responses().get_answer(rid_, qid)->version;
    return service_->save_answer(u, with ? *with : ctx(), qid, in);
  }
  void answer_all() {
    ASSERT_TRUE(save(respondent_, "ciso", "\"yes\"").ok());
    ASSERT_TRUE(save(respondent_, "detail", "\"CISO は副市長\"").ok());
    ASSERT_TRUE(save(respondent_, "count", "12").ok());
    ASSERT_TRUE(save(respondent_, "kind", "[\"b\"]").ok());
  }
  void mark_all_ready() {
    for (int c = 1; c <= 3; ++c) ASSERT_TRUE(service_->mark_category(respondent_, ctx(), c, true).ok()) << c;
  }

  FakeClock clock_{std::string_view("2026-11-02T01:00:00Z")};
  CatalogSet catalogs_;
  std::unique_ptr<ports::Store> store_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ResponseService> service_;
  User respondent_, other_, approver_, mic_;
  int64_t campaign_ = 0, rid_ = 0;
};

TEST_F(ResponseServiceTest, OpeningWritesTheCategoriesOfTheCatalogue) {
  auto c = ctx();
  ASSERT_EQ(c.categories.size(), 3u);
  EXPECT_EQ(c.categories[2].category, 3);
  EXPECT_EQ(service_->mark_category(respondent_, c, 4, true).error_code(), "invalid_fields");
  EXPECT_EQ(service_->confirm_category(respondent_, c, 9).status().fields().count("category"), 1u);
}

TEST_F(ResponseServiceTest, ASaveIsValidatedAndStoredInItsCanonicalForm) {
  auto saved = save(respondent_, "kind", "[\"c\",\"a\"]");
  ASSERT_TRUE(saved.ok());
  const auto& a = std::get<AnswerRecord>(*saved);
  EXPECT_EQ(a.value_json, std::optional<std::string>("[\"a\",\"c\"]"));  // option order
  EXPECT_EQ(a.state, "new");
  EXPECT_EQ(a.updated_by_name, "r さん");
  struct Bad {
    std::string qid, value;
    std::string field;
  };
  for (const auto& b : std::vector<Bad>{{"count", "101", "value"}, {"ciso", "\"maybe\"", "value"},
                                        {"kind", "[\"z\"]", "value"}, {"nope", "1", ""}}) {
    auto r = save(respondent_, b.qid, b.value, 0);
    ASSERT_FALSE(r.ok()) << b.qid;
    if (b.field.empty())
      EXPECT_EQ(r.status().error_code(), "question_not_found");
    else
      EXPECT_TRUE(r.status().fields().contains(b.field)) << b.qid;
  }
}

TEST_F(ResponseServiceTest, NotApplicableNeedsPermissionAReasonAndNoValue) {
  AnswerInput na{.version = 0, .not_applicable = true};
  EXPECT_TRUE(service_->save_answer(respondent_, ctx(), "ciso", na).status().fields().contains("not_applicable"));
  EXPECT_TRUE(service_->save_answer(respondent_, ctx(), "count", na).status().fields().contains("na_reason"));
  na.na_reason = "計上なし";
  auto ok = service_->save_answer(respondent_, ctx(), "count", na);
  ASSERT_TRUE(ok.ok()) << ok.status().message_en();
  EXPECT_TRUE(std::get<AnswerRecord>(*ok).not_applicable);
}

TEST_F(ResponseServiceTest, ASecondSaveOnTheSameVersionGetsTheOtherPersonsAnswer) {
  ASSERT_TRUE(save(respondent_, "count", "10", 0).ok());
  auto stale = save(other_, "count", "20", 0);
  ASSERT_TRUE(stale.ok());
  ASSERT_TRUE(std::holds_alternative<StaleAnswer>(*stale));
  const auto& cur = std::get<StaleAnswer>(*stale).current;
  EXPECT_EQ(cur.value_json, std::optional<std::string>("10"));
  EXPECT_EQ(cur.updated_by_name, "r さん");
  EXPECT_EQ(store_->responses().get_answer(rid_, "count")->value_json, std::optional<std::string>("10"));
}

TEST_F(ResponseServiceTest, ACategoryAssignedToSomeoneElseIsTheirsButTheApproversToo) {
  ASSERT_TRUE(service_->assign_category(approver_, ctx(), 2, other_.id).ok());
  EXPECT_EQ(save(respondent_, "count", "1").status().error_code(), "category_assigned_to_other");
  EXPECT_TRUE(save(other_, "count", "1").ok());
  EXPECT_TRUE(save(approver_, "count", "2").ok());
  EXPECT_EQ(service_->assign_category(approver_, ctx(), 2, mic_.id).fields().count("assignee"), 1u);
}

// The race the revision closes: a save decided on a context read before an assignment
// is checked again on the new one, not stored.
TEST_F(ResponseServiceTest, ASaveDecidedBeforeAnAssignmentIsCheckedAgainOnTheNewState) {
  const auto before = ctx();
  ASSERT_TRUE(service_->assign_category(approver_, ctx(), 2, other_.id).ok());
  auto r = save(respondent_, "count", "5", 0, &before);
  EXPECT_EQ(r.status().error_code(), "category_assigned_to_other");
  EXPECT_EQ(store_->responses().get_answer(rid_, "count")->version, 0);
  // A change that does not concern this save (another category) just takes a reload.
  const auto older = ctx();
  ASSERT_TRUE(service_->assign_category(approver_, ctx(), 3, other_.id).ok());
  EXPECT_TRUE(std::holds_alternative<AnswerRecord>(*save(respondent_, "ciso", "\"no\"", 0, &older)));
}

TEST_F(ResponseServiceTest, ACategoryIsReadyOnlyWhenItsVisibleRequiredAnswersAreThere) {
  auto incomplete = service_->mark_category(respondent_, ctx(), 1, true);
  EXPECT_EQ(incomplete.error_code(), "answers_incomplete");
  EXPECT_TRUE(incomplete.fields().contains("ciso"));
  EXPECT_FALSE(incomplete.fields().contains("detail"));  // hidden until ciso = yes
  ASSERT_TRUE(save(respondent_, "ciso", "\"yes\"").ok());
  auto shown = service_->mark_category(respondent_, ctx(), 1, true);
  EXPECT_TRUE(shown.fields().contains("detail"));
  ASSERT_TRUE(save(respondent_, "detail", "\"あり\"").ok());
  ASSERT_TRUE(service_->mark_category(respondent_, ctx(), 1, true).ok());
  EXPECT_EQ(save(respondent_, "ciso", "\"no\"").status().error_code(), "category_ready");
  EXPECT_TRUE(service_->mark_category(respondent_, ctx(), 3, true).ok());  // nothing required
}

TEST_F(ResponseServiceTest, TheWholeWorkflowStoresWhatWasSubmitted) {
  EXPECT_EQ(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).error_code(),
            "categories_not_ready");
  answer_all();
  mark_all_ready();
  ASSERT_TRUE(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).ok());
  EXPECT_EQ(save(respondent_, "notes", "\"後で\"").status().error_code(), "response_read_only");
  ASSERT_TRUE(service_->step(approver_, ctx(), WorkflowAction::kSubmit, "", std::nullopt).ok());
  auto subs = *store_->responses().submissions(rid_);
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_NE(subs[0].find("副市長"), std::string::npos);
  EXPECT_EQ(service_->step(approver_, ctx(), WorkflowAction::kSubmit, "", std::nullopt).message_key(),
            "bad_state.submit");
  EXPECT_TRUE(service_->step(mic_, ctx(), WorkflowAction::kNationalReturn, "", std::nullopt).fields().contains("comment"));
  ASSERT_TRUE(service_->step(mic_, ctx(), WorkflowAction::kAccept, "", std::nullopt).ok());
  EXPECT_EQ(ctx().response.state, ResponseState::kAccepted);
  auto events = *store_->responses().events(rid_);
  EXPECT_EQ(events.back().action, "accept");
}

TEST_F(ResponseServiceTest, TheApproverReturnsOneCategoryOrTheWholeResponse) {
  answer_all();
  mark_all_ready();
  ASSERT_TRUE(service_->step(approver_, ctx(), WorkflowAction::kApproverReturn, "件数を確認", 2).ok());
  auto c = ctx();
  EXPECT_EQ(c.response.state, ResponseState::kDraft);
  EXPECT_FALSE(c.categories[1].ready);
  EXPECT_EQ(c.categories[1].return_comment, "件数を確認");
  EXPECT_TRUE(c.categories[0].ready);
  EXPECT_EQ(service_->step(approver_, ctx(), WorkflowAction::kApproverReturn, "", 2).fields().count("comment"), 1u);
  ASSERT_TRUE(service_->mark_category(respondent_, ctx(), 2, true).ok());
  ASSERT_TRUE(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).ok());
  ASSERT_TRUE(service_->step(approver_, ctx(), WorkflowAction::kApproverReturn, "全体を見直し", std::nullopt).ok());
  EXPECT_EQ(ctx().response.state, ResponseState::kDraft);
}

TEST_F(ResponseServiceTest, AClosedCampaignLocksAndSaysSoFirst) {
  answer_all();
  mark_all_ready();
  ASSERT_TRUE(campaigns_->close(mic_, campaign_).ok());
  EXPECT_EQ(save(respondent_, "notes", "\"x\"").status().error_code(), "response_locked");
  EXPECT_EQ(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).error_code(),
            "response_locked");
  ASSERT_TRUE(campaigns_->reopen_response(mic_, rid_, "延長").ok());
  EXPECT_TRUE(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).ok());
}

TEST_F(ResponseServiceTest, MicCannotReturnASubmissionOfAClosedCampaign) {
  answer_all();
  mark_all_ready();
  ASSERT_TRUE(service_->step(respondent_, ctx(), WorkflowAction::kRequestReview, "", std::nullopt).ok());
  ASSERT_TRUE(service_->step(approver_, ctx(), WorkflowAction::kSubmit, "", std::nullopt).ok());
  ASSERT_TRUE(campaigns_->close(mic_, campaign_).ok());
  EXPECT_EQ(service_->step(mic_, ctx(), WorkflowAction::kNationalReturn, "再提出を", std::nullopt).error_code(),
            "campaign_closed");
}

TEST_F(ResponseServiceTest, ConfirmingACategoryConfirmsItsCarriedOverAnswersOnly) {
  // Nothing was carried over in this campaign (no earlier catalogue): nothing to confirm.
  EXPECT_EQ(*service_->confirm_category(respondent_, ctx(), 1), 0);
}

}  // namespace
}  // namespace mamori
