// mamori migrate-store (store_copy.h): a SQLite database with every kind of row, copied into
// an empty PostgreSQL database of the test cluster, reads back the same through the
// repositories; ids continue after the copied ones; a target with data is refused.
#include "store/store_copy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "store/postgres/pg_scratch.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori::store {
namespace {

class StoreCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    if (postgres::test_postgres_conninfo().empty()) {
      if (postgres::tests_run_in_ci()) FAIL() << "CI without MAMORI_TEST_POSTGRES";
      GTEST_SKIP() << "MAMORI_TEST_POSTGRES is not set";
    }
    auto name = postgres::create_scratch_database("mamori_copy");
    ASSERT_TRUE(name.ok()) << name.status().internal_detail();
    target_ = *name;
    dir_ = std::filesystem::temp_directory_path() / ("mamori-copy-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    source_ = (dir_ / "source.db").string();
  }
  void TearDown() override {
    if (!target_.empty()) (void)postgres::drop_scratch_database(target_);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string target() const { return postgres::test_database_conninfo(target_); }

  std::string target_, source_;
  std::filesystem::path dir_;
  FakeClock clock_{std::string_view("2026-11-01T00:00:00Z")};
};

TEST_F(StoreCopy, EveryRowArrivesAndReadsBackTheSame) {
  int64_t user = 0, response = 0;
  const std::string awkward = "改行\nタブ\tバックスラッシュ\\ と「引用」 ①髙﨑";
  {
    auto s = sqlite::open_store(source_, 1, clock_);
    ASSERT_TRUE(s.ok());
    ports::Store& st = **s;
    ASSERT_TRUE(st.bodies()
                    .upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                     .prefecture_code = "01"},
                                    {.code = "012025", .name_ja = "函館市", .type = BodyType::kCity, .prefecture_code = "01"}})
                    .ok());
    user = *st.users().create_user(
        User{.login = "r1", .display_name = "担当", .body_code = "011002", .roles = {Role::kBodyApprover}}, "hash");
    ports::NewSession ns;
    ns.token_hash = "token-hash";
    ns.user_id = user;
    ns.csrf_token = "csrf";
    ns.expires_at = "2027-01-01T00:00:00.000Z";
    ASSERT_TRUE(st.users().create_session(ns).ok());
    ASSERT_TRUE(st.audit().append(AuditEntry{.actor = "r1", .action = "session.sign_in"}).ok());
    int64_t campaign = *st.campaigns().create_campaign(Campaign{.title = "令和8年度", .fiscal_year = 2026,
                                                                .catalog_id = "fy2026", .opens_at = "2026-10-01",
                                                                .closes_at = "2027-01-29", .targets = {"011002"}});
    static const std::string q1 = "q1";
    ASSERT_TRUE(st.campaigns()
                    .open_campaign(
                        campaign, {1},
                        [](const std::string&, std::vector<ports::OpeningAnswer>& rows) {
                          rows.push_back({&q1, std::nullopt, std::nullopt, "new", false});
                        },
                        {})
                    .ok());
    response = st.responses().find_response(campaign, "011002")->id;
    auto ctx = *st.responses().load_context(response);
    auto saved = st.responses().save_answer(
        response, "q1", ctx.response.revision, 0,
        [&](const AnswerRecord&) { return ports::AnswerUpdate{.value_json = "\"yes\"", .state = "new", .comment = awkward}; },
        user);
    ASSERT_TRUE(saved.ok());
    ASSERT_TRUE(st.responses()
                    .transition(response, ResponseState::kDraft, ResponseState::kReadyForReview, user, "request_review",
                                awkward, {})
                    .ok());
    ASSERT_TRUE(st.notifications().add_notifications(campaign, {"011002"}, awkward, user).ok());
    // A notice of no campaign (the policy board's), and a policy whose publication was checked.
    ASSERT_TRUE(st.notifications().add_notifications(0, {"012025"}, "方針の策定を", user).ok());
    ASSERT_TRUE(st.policies()
                    .import_obligations({{.organs = {policies::Organ{.id = 1, .body_code = "012025", .name = "市長"}},
                                          .policies = {policies::Policy{
                                              .body_code = "012025", .title = "基本方針",
                                              .state = policies::PolicyState::kAdopted, .adopted_on = "2026-05-01",
                                              .publication_url = "https://www.example.jp/p", .published_on = "2026-05-02",
                                              .organs = {1}}}}},
                                        "sample")
                    .ok());
    auto target = st.policies().claim_due_publication("2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z");
    ASSERT_TRUE(target.ok() && target->has_value());
    ASSERT_TRUE(st.policies()
                    .record_check(**target,
                                  publication::Check{.checked_at = "2026-11-01T00:00:01.000Z", .status_code = 404,
                                                     .outcome = publication::Outcome::kHttpError},
                                  {})
                    .ok());
    ASSERT_TRUE(st.sign_in_attempts().record_attempts({"r1"}, "2026-10-31T00:00:00.000Z").ok());
    ASSERT_TRUE(st.campaigns().close_campaign(campaign, user).ok());  // freezes the response's groups
  }
  std::vector<std::string> lines;
  auto copied = copy_sqlite_to_postgres(source_, target(), [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(copied.ok()) << copied.status().message_en() << " " << copied.status().internal_detail();
  EXPECT_EQ(copied->size(), 29u);  // every table of store_copy.cpp
  EXPECT_FALSE(lines.empty()) << "progress is shown";

  postgres::PgOptions o;
  o.target = {target(), ""};
  auto pg = postgres::open_store(o, clock_);
  ASSERT_TRUE(pg.ok());
  ports::Store& st = **pg;
  EXPECT_EQ(st.users().find_session("token-hash", "2000-01-01T00:00:00.000Z")->user.id, user);
  EXPECT_EQ(st.audit().chain(0, 10)->size(), 1u);
  auto a = *st.responses().get_answer(response, "q1");
  EXPECT_EQ(a.comment, awkward);
  EXPECT_EQ(a.value_json, std::optional<std::string>("\"yes\""));
  EXPECT_EQ(st.responses().history(response, "q1")->size(), 1u);
  EXPECT_EQ(st.responses().get_response(response)->state, ResponseState::kReadyForReview);
  bool event_copied = false;
  auto events = st.responses().events(response);
  ASSERT_TRUE(events.ok());
  for (const auto& e : *events) event_copied |= e.comment == awkward;
  EXPECT_TRUE(event_copied);
  auto frozen = st.responses().frozen_groups_of(response);
  ASSERT_TRUE(frozen.ok() && frozen->has_value());
  EXPECT_EQ((*frozen)->prefecture_code, "01");
  EXPECT_EQ(st.notifications().notifications_of_body("011002")->at(0).message, awkward);
  EXPECT_EQ((*st.sign_in_attempts().failures({"r1"}))[0].failures, 1);
  auto notice = st.notifications().notifications_of_body("012025");
  ASSERT_TRUE(notice.ok() && notice->size() == 1u);
  EXPECT_EQ(notice->at(0).campaign_id, 0);  // of no campaign
  auto checks = st.policies().body_policies("012025")->checks;
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status_code, 404);
  // New rows get ids after the copied ones.
  auto next = st.users().create_user(User{.login = "r2", .display_name = "次", .body_code = "011002",
                                          .roles = {Role::kBodyRespondent}},
                                     "hash");
  ASSERT_TRUE(next.ok()) << next.status().internal_detail();
  EXPECT_GT(*next, user);

  // A second copy into the now non-empty target is refused.
  auto again = copy_sqlite_to_postgres(source_, target(), {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().error_code(), "migrate_target_not_empty");
}

}  // namespace
}  // namespace mamori::store
