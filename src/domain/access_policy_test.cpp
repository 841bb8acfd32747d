#include "domain/access_policy.h"

#include <gtest/gtest.h>

namespace mamori::auth {
namespace {

TEST(Policy, APrefectureSupporterSeesItsPrefectureOnlyFromThePrefectureItself) {
  User pref{.id = 1, .body_code = "010006", .roles = {Role::kPrefectureSupporter}};
  User misfiled{.id = 2, .body_code = "011002", .roles = {Role::kPrefectureSupporter}};
  BodyRef hakodate{"012025", "01"}, sapporo{"011002", "01"}, aomori{"022012", "02"};
  EXPECT_TRUE(can_read_body(pref, hakodate));
  EXPECT_FALSE(can_read_body(pref, aomori));
  // A supporter account attached to a municipality does not open the prefecture.
  EXPECT_FALSE(can_read_body(misfiled, hakodate));
  EXPECT_TRUE(can_read_body(misfiled, sapporo));
}

TEST(Policy, AnExpiredOrMissingSessionIsUnauthenticated) {
  BodyRef b{"011002", "01"};
  EXPECT_EQ(decide(std::nullopt, kBodyRead, &b), Decision::kUnauthenticated);
  EXPECT_EQ(decide(std::nullopt, kPublic, nullptr), Decision::kAllow);
}

TEST(Policy, ReadOnlyRolesMayNotActButAUserWithAnotherRoleMay) {
  User auditor{.id = 1, .body_code = "011002", .roles = {Role::kBodyViewer}};
  User analyst{.id = 2, .roles = {Role::kPartnerAnalyst}};
  User both{.id = 3, .body_code = "011002", .roles = {Role::kBodyViewer, Role::kBodyRespondent}};
  EXPECT_EQ(decide(auditor, kSessionAct, nullptr), Decision::kForbidden);
  EXPECT_EQ(decide(analyst, kSessionAct, nullptr), Decision::kForbidden);
  EXPECT_EQ(decide(both, kSessionAct, nullptr), Decision::kAllow);
  EXPECT_EQ(decide(auditor, kSession, nullptr), Decision::kAllow);
}

TEST(Policy, ABodysUsersAreListedForMicItsApproverAndItsSupporterWithLoginsOnlyForTheFirstTwo) {
  BodyRef sapporo{"011002", "01"};
  User mic{.id = 1, .roles = {Role::kNationalAdmin}};
  User approver{.id = 2, .body_code = "011002", .roles = {Role::kBodyApprover}};
  User respondent{.id = 3, .body_code = "011002", .roles = {Role::kBodyRespondent}};
  User auditor{.id = 4, .body_code = "011002", .roles = {Role::kBodyViewer}};
  User pref{.id = 5, .body_code = "010006", .roles = {Role::kPrefectureSupporter}};
  User other_approver{.id = 6, .body_code = "012025", .roles = {Role::kBodyApprover}};
  EXPECT_EQ(decide(mic, kBodyUsers, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyUsers, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(pref, kBodyUsers, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(respondent, kBodyUsers, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(auditor, kBodyUsers, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(other_approver, kBodyUsers, &sapporo), Decision::kHidden);
  EXPECT_TRUE(user_list_shows_logins(mic, sapporo));
  EXPECT_TRUE(user_list_shows_logins(approver, sapporo));
  EXPECT_FALSE(user_list_shows_logins(pref, sapporo));
}

}  // namespace
}  // namespace mamori::auth
