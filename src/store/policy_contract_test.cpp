// The policy obligation's storage (ports/policies.h): organs registered once from the
// defaults, joint policies with their organs and reviews, guarded and stale writes, and role
// holders kept across years — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace mamori::store {
namespace {

namespace pol = policies;

const std::string kTown = "012025";  // 函館市 in add_bodies()

std::vector<pol::Organ> defaults() {
  return pol::default_organs(Body{.code = kTown, .type = BodyType::kCity, .prefecture_code = "01"});
}

Status allow(const ports::BodyPolicies&) { return Status::Ok(); }

}  // namespace

TEST_P(PolicyContract, ABodysOrgansAreRegisteredOnceAndThenKept) {
  add_bodies();
  auto before = store().policies().body_policies(kTown);
  ASSERT_TRUE(before.ok()) << before.status().internal_detail();
  EXPECT_TRUE(before->organs.empty());  // reading registers nothing
  auto n = store().policies().register_organs(kTown, defaults());
  ASSERT_TRUE(n.ok()) << n.status().internal_detail();
  EXPECT_EQ(*n, static_cast<int64_t>(defaults().size()));
  auto first = store().policies().body_policies(kTown);
  ASSERT_EQ(first->organs.size(), defaults().size());
  EXPECT_EQ(first->organs[0].name, "議会");
  EXPECT_GT(first->organs[0].id, 0);
  // Once registered, the body's own list stands: a second registration is refused.
  EXPECT_EQ(store().policies().register_organs(kTown, defaults()).status().error_code(), "organs_registered");
  auto added = store().policies().add_organ(pol::Organ{.body_code = kTown, .kind = pol::OrganKind::kOther, .name = "水道事業管理者"});
  ASSERT_TRUE(added.ok());
  auto again = store().policies().body_policies(kTown);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->organs.size(), defaults().size() + 1);
  EXPECT_EQ(again->organs.back().name, "水道事業管理者");
  EXPECT_EQ(store().policies().add_organ(pol::Organ{.body_code = kTown, .name = "議会"}).status().error_code(), "organ_exists");
  EXPECT_EQ(store().policies().add_organ(pol::Organ{.body_code = "999999", .name = "議会"}).status().error_code(),
            "unknown_body");
}

TEST_P(PolicyContract, AnIndividualScopeWaitsForMicsApproval) {
  add_bodies();
  ASSERT_TRUE(store().policies().register_organs(kTown, defaults()).ok());
  auto held = *store().policies().body_policies(kTown);
  const int64_t board = held.organs[2].id;  // 教育委員会
  ASSERT_TRUE(store().policies().set_scope(kTown, board, pol::Scope::kIndividual, "独自のネットワークで運用", "函館市長").ok());
  auto o = store().policies().body_policies(kTown)->organs[2];
  EXPECT_EQ(o.scope, pol::Scope::kIndividual);
  EXPECT_EQ(o.decided_by, "函館市長");
  EXPECT_TRUE(o.approved_by.empty());
  ASSERT_TRUE(store().policies().approve_scope(kTown, board, "総務省 担当").ok());
  o = store().policies().body_policies(kTown)->organs[2];
  EXPECT_EQ(o.approved_by, "総務省 担当");
  EXPECT_TRUE(o.approved_at.has_value());
  // A new decision clears the approval.
  ASSERT_TRUE(store().policies().set_scope(kTown, board, pol::Scope::kIndividual, "理由を改めた", "函館市長").ok());
  EXPECT_TRUE(store().policies().body_policies(kTown)->organs[2].approved_by.empty());
  EXPECT_EQ(store().policies().approve_scope(kTown, held.organs[0].id, "総務省 担当").error_code(), "organ_not_individual");
  EXPECT_EQ(store().policies().approve_scope(kTown, 999999, "総務省 担当").error_code(), "organ_not_found");
  EXPECT_EQ(store().policies().set_scope("011002", board, pol::Scope::kRequired, "", "").error_code(), "organ_not_found");
}

TEST_P(PolicyContract, AJointPolicyKeepsItsOrgansAndReviewsAndAStaleChangeIsRefused) {
  add_bodies();
  ASSERT_TRUE(store().policies().register_organs(kTown, defaults()).ok());
  auto held = *store().policies().body_policies(kTown);
  pol::Policy p{.body_code = kTown, .title = "函館市情報セキュリティ基本方針", .version = "1.0",
                .basis = pol::PolicyBasis::kExistingReviewed, .state = pol::PolicyState::kDrafting,
                .approving_organ = held.organs[1].id, .review_months = 12,
                .organs = {held.organs[0].id, held.organs[1].id, held.organs[2].id}, .updated_by = "担当"};
  auto id = store().policies().create_policy(p, allow);
  ASSERT_TRUE(id.ok()) << id.status().internal_detail();
  auto read = store().policies().body_policies(kTown)->policies;
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].organs, p.organs);
  EXPECT_EQ(read[0].basis, pol::PolicyBasis::kExistingReviewed);
  EXPECT_EQ(read[0].revision, 1);

  p.id = *id;
  p.state = pol::PolicyState::kAdopted;
  p.adopted_on = "2026-03-01";
  p.organs = {held.organs[0].id, held.organs[1].id};
  ASSERT_TRUE(store().policies().update_policy(p, 1, allow).ok());
  EXPECT_EQ(store().policies().update_policy(p, 1, allow).error_code(), "policy_changed");  // revision is 2 now
  read = store().policies().body_policies(kTown)->policies;
  EXPECT_EQ(read[0].state, pol::PolicyState::kAdopted);
  EXPECT_EQ(read[0].organs.size(), 2u);
  EXPECT_EQ(read[0].revision, 2);

  // A refusing check changes nothing.
  p.title = "変えたい題名";
  EXPECT_EQ(store().policies().update_policy(p, 2, [](const ports::BodyPolicies&) {
    return Status::FailedPrecondition("policy_structure_missing");
  }).error_code(), "policy_structure_missing");
  EXPECT_EQ(store().policies().body_policies(kTown)->policies[0].title, "函館市情報セキュリティ基本方針");
  p.id = 999999;
  EXPECT_EQ(store().policies().update_policy(p, 2, allow).error_code(), "policy_not_found");

  auto review = store().policies().add_review(
      kTown, *id, pol::Review{.planned_on = "2027-03-01", .done_on = "2027-03-10", .done_by = "CISO", .outcome = "改定なし"},
      "担当");
  ASSERT_TRUE(review.ok());
  read = store().policies().body_policies(kTown)->policies;
  ASSERT_EQ(read[0].reviews.size(), 1u);
  EXPECT_EQ(read[0].reviews[0].done_on, "2027-03-10");
  EXPECT_EQ(read[0].revision, 3);
  EXPECT_EQ(store().policies().add_review("011002", *id, pol::Review{.planned_on = "2027-03-01"}, "x").status().error_code(),
            "policy_not_found");  // another body's policy
}

TEST_P(PolicyContract, RoleHoldersAreKeptAcrossYears) {
  add_bodies();
  auto first = store().policies().add_role(pol::RoleHolder{.body_code = kTown, .role = pol::SecurityRole::kCiso,
                                                           .person = "函館 一郎", .title = "副市長", .since = "2024-04-01",
                                                           .recorded_by = "担当"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store().policies().end_role(kTown, *first, "2026-03-31").ok());
  EXPECT_EQ(store().policies().end_role(kTown, *first, "2026-04-30").error_code(), "role_ended");
  EXPECT_EQ(store().policies().end_role("011002", *first, "2026-04-30").error_code(), "role_not_found");
  ASSERT_TRUE(store().policies().add_role(pol::RoleHolder{.body_code = kTown, .role = pol::SecurityRole::kCiso,
                                                          .person = "函館 二郎", .title = "副市長", .since = "2026-04-01",
                                                          .recorded_by = "担当"})
                  .ok());
  auto roles = store().policies().body_policies(kTown)->roles;
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0].person, "函館 一郎");
  EXPECT_EQ(roles[0].until, "2026-03-31");
  EXPECT_EQ(roles[1].person, "函館 二郎");
  EXPECT_FALSE(roles[1].until.has_value());
}

TEST_P(PolicyContract, ABulkImportWritesEveryBodyOrNothingAndEveryWriteRaisesTheBoardVersion) {
  add_bodies();
  const int64_t v0 = *store().policies().board_version();
  EXPECT_EQ(*store().policies().board_version(), v0);  // reading changes nothing
  auto town = [](const std::string& code) {
    ports::BodyPolicies b;
    b.organs = pol::default_organs(Body{.code = code, .type = BodyType::kCity, .prefecture_code = "01"});
    for (size_t i = 0; i < b.organs.size(); ++i) b.organs[i].id = static_cast<int64_t>(i + 1);  // local numbers
    b.policies.push_back(pol::Policy{.body_code = code, .title = "基本方針", .state = pol::PolicyState::kAdopted,
                                     .adopted_on = "2026-05-01", .approving_organ = 2, .organs = {1, 2},
                                     .reviews = {pol::Review{.planned_on = "2026-10-01", .done_on = "2026-10-01",
                                                             .done_by = "担当", .outcome = "変更なし"}}});
    b.roles.push_back(pol::RoleHolder{.body_code = code, .role = pol::SecurityRole::kCiso, .person = "前任",
                                      .since = "2024-04-01", .until = "2026-03-31"});
    b.roles.push_back(pol::RoleHolder{.body_code = code, .role = pol::SecurityRole::kCiso, .person = "後任",
                                      .since = "2026-04-01"});
    return b;
  };
  // A policy naming an organ its body does not have: nothing of either body is written.
  auto bad = town("011002");
  bad.policies[0].organs = {1, 99};
  EXPECT_EQ(store().policies().import_obligations({town(kTown), bad}, "sample").error_code(), "organ_not_found");
  EXPECT_TRUE(store().policies().body_policies(kTown)->organs.empty());
  EXPECT_EQ(*store().policies().board_version(), v0);

  ASSERT_TRUE(store().policies().import_obligations({town(kTown), town("011002")}, "sample").ok());
  const int64_t v1 = *store().policies().board_version();
  EXPECT_GT(v1, v0);
  auto held = *store().policies().body_policies(kTown);
  ASSERT_EQ(held.organs.size(), town(kTown).organs.size());
  ASSERT_EQ(held.policies.size(), 1u);
  // The policy names the store's ids of the body's first two organs.
  EXPECT_EQ(held.policies[0].organs, (std::vector<int64_t>{held.organs[0].id, held.organs[1].id}));
  EXPECT_EQ(held.policies[0].approving_organ, held.organs[1].id);
  EXPECT_EQ(held.policies[0].updated_by, "sample");
  ASSERT_EQ(held.policies[0].reviews.size(), 1u);
  ASSERT_EQ(held.roles.size(), 2u);
  EXPECT_EQ(held.roles[0].until, "2026-03-31");
  EXPECT_FALSE(held.roles[1].until.has_value());
  auto rows = *store().policies().board_rows();
  EXPECT_EQ(rows.policies.size(), 2u);
  // A body that has organs is not imported over.
  EXPECT_EQ(store().policies().import_obligations({town(kTown)}, "sample").error_code(), "organs_registered");
  EXPECT_EQ(*store().policies().board_version(), v1);
  // Any single write raises the version too.
  ASSERT_TRUE(store().policies().add_role(pol::RoleHolder{.body_code = kTown, .role = pol::SecurityRole::kCsirt,
                                                          .person = "窓口", .since = "2026-04-01"}).ok());
  EXPECT_GT(*store().policies().board_version(), v1);
}

TEST_P(PolicyContract, APublicationIsClaimedOnceUntilItIsDueAgainAndItsLastCheckIsKept) {
  add_bodies();
  ASSERT_TRUE(store().policies().register_organs(kTown, defaults()).ok());
  auto held = *store().policies().body_policies(kTown);
  pol::Policy p{.body_code = kTown, .title = "基本方針", .state = pol::PolicyState::kAdopted, .adopted_on = "2026-05-01",
                .publication_url = "https://www.example.jp/policy", .published_on = "2026-05-10",
                .organs = {held.organs[0].id}, .updated_by = "担当"};
  auto id = store().policies().create_policy(p, allow);
  ASSERT_TRUE(id.ok());
  // A drafting policy without a publication is never due.
  ASSERT_TRUE(store().policies().create_policy(pol::Policy{.body_code = kTown, .title = "草案", .organs = {held.organs[1].id},
                                                           .updated_by = "担当"},
                                               allow)
                  .ok());
  const std::string now = "2026-11-01T00:00:00.000Z", next = "2026-11-02T00:00:00.000Z";
  auto first = store().policies().claim_due_publication(now, next);
  ASSERT_TRUE(first.ok()) << first.status().internal_detail();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->policy_id, *id);
  EXPECT_EQ((*first)->url, "https://www.example.jp/policy");
  EXPECT_TRUE((*first)->baseline.sha256.empty());
  // Claimed: no other node takes it until it is due again.
  EXPECT_FALSE(store().policies().claim_due_publication(now, next)->has_value());
  publication::Check c{.checked_at = now, .status_code = 404, .outcome = publication::Outcome::kHttpError};
  ASSERT_TRUE(store().policies().record_check(**first, c, publication::Baseline{"abc", 1}).ok());
  auto checks = store().policies().body_policies(kTown)->checks;
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status_code, 404);
  EXPECT_EQ(checks[0].outcome, publication::Outcome::kHttpError);
  auto failing = store().policies().board_rows()->failing;
  ASSERT_EQ(failing.size(), 1u);
  EXPECT_EQ(failing[0].title, "基本方針");
  // Due again after `next`, with the baseline kept.
  auto again = store().policies().claim_due_publication("2026-11-02T00:00:00.001Z", "2026-11-03T00:00:00.000Z");
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->baseline.sha256, "abc");
  // A body's own request claims it whenever; a policy without a publication cannot be.
  EXPECT_TRUE(store().policies().claim_publication(kTown, *id, "2026-11-04T00:00:00.000Z").ok());
  EXPECT_EQ(store().policies().claim_publication(kTown, *id + 1, next).status().error_code(), "policy_not_published");
  EXPECT_EQ(store().policies().claim_publication("011002", *id, next).status().error_code(), "policy_not_found");
  // A new URL is due at once, and the old URL's check no longer shows.
  held = *store().policies().body_policies(kTown);
  pol::Policy changed = held.policies[0];
  changed.publication_url = "https://www.example.jp/policy-v2";
  ASSERT_TRUE(store().policies().update_policy(changed, changed.revision, allow).ok());
  EXPECT_TRUE(store().policies().body_policies(kTown)->checks.empty());
  EXPECT_TRUE(store().policies().board_rows()->failing.empty());
  auto moved = store().policies().claim_due_publication(now, next);
  ASSERT_TRUE(moved->has_value());
  EXPECT_EQ((*moved)->url, "https://www.example.jp/policy-v2");
}

}  // namespace mamori::store
