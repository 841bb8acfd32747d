#include "domain/policies.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace mamori::policies {
namespace {

std::vector<std::string> names(const std::vector<Organ>& organs) {
  std::vector<std::string> out;
  for (const auto& o : organs) out.push_back(o.name);
  return out;
}

const Organ* named(const std::vector<Organ>& organs, const std::string& name) {
  for (const auto& o : organs)
    if (o.name == name) return &o;
  return nullptr;
}

TEST(Policies, APrefectureHasItsCommitteesAndItsPublicSafetyCommissionIsExcluded) {
  const auto hokkaido = default_organs(Body{.code = "010006", .type = BodyType::kPrefecture, .prefecture_code = "01"});
  EXPECT_EQ(names(hokkaido), (std::vector<std::string>{"議会", "知事", "教育委員会", "選挙管理委員会", "人事委員会", "監査委員",
                                                       "公安委員会", "労働委員会", "収用委員会", "海区漁業調整委員会",
                                                       "内水面漁場管理委員会"}));
  const Organ* safety = named(hokkaido, "公安委員会");
  ASSERT_NE(safety, nullptr);
  EXPECT_EQ(safety->scope, Scope::kExcluded);
  EXPECT_NE(safety->scope_basis.find("施行令第173条の7"), std::string::npos);
  EXPECT_FALSE(counted(*safety));
  EXPECT_EQ(std::count_if(hokkaido.begin(), hokkaido.end(), counted), 10);
  // 栃木県 has no coast: no 海区漁業調整委員会.
  const auto tochigi = default_organs(Body{.code = "090000", .type = BodyType::kPrefecture, .prefecture_code = "09"});
  EXPECT_EQ(named(tochigi, "海区漁業調整委員会"), nullptr);
}

TEST(Policies, EachTypeOfBodyStartsWithItsOwnOrgans) {
  EXPECT_EQ(names(default_organs(Body{.type = BodyType::kTown})),
            (std::vector<std::string>{"議会", "町長", "教育委員会", "選挙管理委員会", "公平委員会", "監査委員", "農業委員会",
                                      "固定資産評価審査委員会"}));
  EXPECT_EQ(names(default_organs(Body{.type = BodyType::kDesignatedCity})),
            (std::vector<std::string>{"議会", "市長", "教育委員会", "選挙管理委員会", "人事委員会", "監査委員", "農業委員会",
                                      "固定資産評価審査委員会"}));
  EXPECT_EQ(names(default_organs(Body{.type = BodyType::kSpecialWard})),
            (std::vector<std::string>{"議会", "区長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会"}));
  EXPECT_EQ(names(default_organs(Body{.type = BodyType::kUnion})), (std::vector<std::string>{"議会", "管理者", "監査委員"}));
  EXPECT_EQ(names(default_organs(Body{.type = BodyType::kIndependentAgency})), (std::vector<std::string>{"理事長"}));
}

TEST(Policies, AnIndividualDecisionCountsUntilMicApprovesIt) {
  Organ o{.scope = Scope::kIndividual, .scope_basis = "独自のネットワークで運用", .decided_by = "町長"};
  EXPECT_TRUE(counted(o));
  o.approved_by = "総務省 担当";
  EXPECT_FALSE(counted(o));
}

TEST(Policies, AJointPolicyGivesEachOrganItCoversItsStatus) {
  Policy joint{.id = 1, .state = PolicyState::kAdopted, .adopted_on = "2026-03-01", .organs = {1, 2, 3}};
  Policy draft{.id = 2, .state = PolicyState::kDrafting, .organs = {4}};
  const std::vector<Policy> all{joint, draft};
  EXPECT_EQ(status_of(1, all), OrganStatus::kAdopted);
  EXPECT_EQ(status_of(3, all), OrganStatus::kAdopted);
  EXPECT_EQ(status_of(4, all), OrganStatus::kDrafting);
  EXPECT_EQ(status_of(5, all), OrganStatus::kNone);
  joint.publication_url = "https://www.town.example.lg.jp/policy";
  joint.published_on = "2026-03-15";
  EXPECT_EQ(status_of(2, {joint, draft}), OrganStatus::kPublished);
  EXPECT_EQ(organ_status_label_ja(OrganStatus::kPublished), "公表済み");
}

TEST(Policies, AReviewIsDueACycleAfterTheLastOneAndOverdueAfterThat) {
  Policy p{.state = PolicyState::kAdopted, .adopted_on = "2025-01-31", .review_months = 13};
  EXPECT_EQ(review_due(p), "2026-02-28");  // the day clamped to the month's end
  EXPECT_FALSE(review_overdue(p, "2026-02-28"));
  EXPECT_TRUE(review_overdue(p, "2026-03-01"));
  p.reviews.push_back(Review{.planned_on = "2026-02-01", .done_on = "2026-02-10", .done_by = "CISO", .outcome = "改定なし"});
  EXPECT_EQ(review_due(p), "2027-03-10");
  EXPECT_FALSE(review_overdue(p, "2026-12-06"));
  p.state = PolicyState::kDrafting;
  EXPECT_EQ(review_due(p), std::nullopt);
}

TEST(Policies, AdoptionNeedsACurrentCisoAndChiefOfficer) {
  std::vector<RoleHolder> holders{{.role = SecurityRole::kCiso, .person = "副町長", .since = "2024-04-01"}};
  Status s = check_structure(holders, "2026-12-06");
  EXPECT_EQ(s.error_code(), "policy_structure_missing");
  EXPECT_EQ(s.args()[0].second, "統括情報セキュリティ責任者");
  holders.push_back({.role = SecurityRole::kChiefOfficer, .person = "総務課長", .since = "2024-04-01", .until = "2026-03-31"});
  EXPECT_EQ(check_structure(holders, "2026-12-06").error_code(), "policy_structure_missing");  // no longer held
  holders.push_back({.role = SecurityRole::kChiefOfficer, .person = "総務課長（新）", .since = "2026-04-01"});
  EXPECT_TRUE(check_structure(holders, "2026-12-06").ok());
  EXPECT_EQ(check_structure({}, "2026-12-06").args()[0].second, "最高情報セキュリティ責任者（CISO）、統括情報セキュリティ責任者");
}

TEST(Policies, APolicyOutOfTheRulesNamesEachField) {
  const std::vector<Organ> organs{{.id = 1, .name = "議会"}, {.id = 2, .name = "町長"}};
  Policy good{.title = "情報セキュリティ基本方針", .state = PolicyState::kAdopted, .adopted_on = "2026-03-01",
              .effective_on = "2026-04-01", .approving_organ = 2, .organs = {1, 2}};
  EXPECT_TRUE(check_policy(good, organs, "2026-12-06").ok());
  struct Case {
    std::function<void(Policy&)> change;
    std::string field, message;
  };
  const std::vector<Case> cases{
      {[](Policy& p) { p.organs = {1, 9}; }, "organs", "policy.organ_unknown"},
      {[](Policy& p) { p.organs.clear(); }, "organs", "policy.organs_required"},
      {[](Policy& p) { p.approving_organ = 9; }, "approving_organ", "policy.organ_unknown"},
      {[](Policy& p) { p.effective_on = "2026-02-01"; }, "effective_on", "policy.effective_before_adoption"},
      {[](Policy& p) { p.adopted_on = "2026-02-30"; }, "adopted_on", "field.date"},
      {[](Policy& p) { p.adopted_on.reset(); p.effective_on.reset(); }, "adopted_on", "policy.adopted_needs_date"},
      {[](Policy& p) { p.publication_url = "ftp://example.lg.jp/p.pdf"; p.published_on = "2026-04-01"; },
       "publication_url", "policy.url"},
      {[](Policy& p) { p.publication_url = "https://example.lg.jp/p.pdf"; }, "published_on", "policy.publication_pair"},
      {[](Policy& p) { p.review_months = 0; }, "review_months", "policy.review_months"},
      {[](Policy& p) { p.title.clear(); }, "title", "field.required"},
      {[](Policy& p) { p.organs = {1, 1}; }, "organs", "policy.organ_twice"},
      {[](Policy& p) { p.adopted_on = "2027-01-01"; p.effective_on.reset(); }, "adopted_on", "policy.date_in_future"},
      {[](Policy& p) { p.publication_url = "https://example.lg.jp/p"; p.published_on = "2026-02-01"; }, "published_on",
       "policy.published_before_adoption"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    Policy p = good;
    cases[i].change(p);
    Status s = check_policy(p, organs, "2026-12-06");
    ASSERT_EQ(s.error_code(), "invalid_fields") << i;
    ASSERT_TRUE(s.fields().count(cases[i].field)) << i;
    EXPECT_EQ(s.fields().at(cases[i].field).message, cases[i].message) << i;
  }
}

TEST(Policies, AReviewDoneInTheFutureIsRefused) {
  Review r{.planned_on = "2026-12-01", .done_on = "2026-12-07", .done_by = "CISO", .outcome = "改定"};
  EXPECT_EQ(check_review(r, "2026-12-06").fields().at("done_on").message, "policy.review_done_in_future");
  r.done_on = "2026-12-06";
  EXPECT_TRUE(check_review(r, "2026-12-06").ok());
  r.done_on = "2026-13-01";
  EXPECT_EQ(check_review(r, "2026-12-06").fields().at("done_on").message, "field.date");
}

}  // namespace
}  // namespace mamori::policies
