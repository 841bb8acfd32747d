#include "domain/access_policy.h"

#include <gtest/gtest.h>

namespace mamori::auth {
namespace {

TEST(Policy, APrefectureSupporterSeesItsPrefectureOnlyFromThePrefectureItself) {
  User pref{.id = 1, .body_code = "010006", .roles = {Role::kPrefectureSupporter}, .second_factor = true};
  User misfiled{.id = 2, .body_code = "011002", .roles = {Role::kPrefectureSupporter}, .second_factor = true};
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
  User analyst{.id = 2, .roles = {Role::kPartnerAnalyst}, .second_factor = true};
  User both{.id = 3, .body_code = "011002", .roles = {Role::kBodyViewer, Role::kBodyRespondent}};
  EXPECT_EQ(decide(auditor, kSessionAct, nullptr), Decision::kForbidden);
  EXPECT_EQ(decide(analyst, kSessionAct, nullptr), Decision::kForbidden);
  EXPECT_EQ(decide(both, kSessionAct, nullptr), Decision::kAllow);
  EXPECT_EQ(decide(auditor, kSession, nullptr), Decision::kAllow);
}

TEST(Policy, ABodysUsersAreListedForMicItsApproverAndItsSupporterWithLoginsOnlyForTheFirstTwo) {
  BodyRef sapporo{"011002", "01"};
  User mic{.id = 1, .roles = {Role::kNationalAdmin}, .second_factor = true};
  User approver{.id = 2, .body_code = "011002", .roles = {Role::kBodyApprover}, .second_factor = true};
  User respondent{.id = 3, .body_code = "011002", .roles = {Role::kBodyRespondent}};
  User auditor{.id = 4, .body_code = "011002", .roles = {Role::kBodyViewer}};
  User pref{.id = 5, .body_code = "010006", .roles = {Role::kPrefectureSupporter}, .second_factor = true};
  User other_approver{.id = 6, .body_code = "012025", .roles = {Role::kBodyApprover}, .second_factor = true};
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

TEST(Policy, UntilTheyHaveASecondFactorTheRolesThatNeedOneMayOnlySetUpTheirSession) {
  const BodyRef sapporo{"011002", "01"};
  for (Role r : {Role::kBodyApprover, Role::kPrefectureSupporter, Role::kPartnerAnalyst, Role::kNationalAdmin}) {
    User u{.id = 1, .body_code = r == Role::kPrefectureSupporter ? "010006" : r == Role::kBodyApprover ? "011002" : "",
           .roles = {r}};
    EXPECT_EQ(setup_required(u), "enrol_second_factor");
    EXPECT_EQ(decide(u, kSessionSetup, nullptr), Decision::kAllow);
    EXPECT_EQ(decide(u, kSession, nullptr), Decision::kSetupRequired);
    EXPECT_EQ(decide(u, kBodyRead, &sapporo), Decision::kSetupRequired);
    u.second_factor = true;
    EXPECT_EQ(decide(u, kSession, nullptr), Decision::kAllow);
  }
  User respondent{.id = 2, .body_code = "011002", .roles = {Role::kBodyRespondent}};
  EXPECT_EQ(setup_required(respondent), "") << "optional for respondents";
  respondent.must_change_password = true;
  EXPECT_EQ(setup_required(respondent), "change_password");
  EXPECT_EQ(decide(respondent, kBodyRead, &sapporo), Decision::kSetupRequired);
  EXPECT_EQ(decide(respondent, kSessionSetup, nullptr), Decision::kAllow);
}

TEST(Policy, ASessionAwaitingItsCodeOpensOnlyTheCodesCheck) {
  const BodyRef sapporo{"011002", "01"};
  User a{.id = 1, .body_code = "011002", .roles = {Role::kBodyApprover}, .second_factor = true};
  EXPECT_EQ(decide(a, kSecondFactor, nullptr, true), Decision::kAllow);
  EXPECT_EQ(decide(a, kSessionSetup, nullptr, true), Decision::kUnauthenticated);
  EXPECT_EQ(decide(a, kBodyRead, &sapporo, true), Decision::kUnauthenticated);
  EXPECT_EQ(decide(a, kPublic, nullptr, true), Decision::kAllow);
  EXPECT_EQ(decide(a, kSecondFactor, nullptr, false), Decision::kUnauthenticated) << "a signed-in session has no code to give";
}

TEST(Policy, TheAuditTrailOfABodyIsForMicAndTheBodysApproverOnly) {
  const BodyRef sapporo{"011002", "01"}, hakodate{"012025", "01"};
  User mic{.id = 1, .roles = {Role::kNationalAdmin}, .second_factor = true};
  User approver{.id = 2, .body_code = "011002", .roles = {Role::kBodyApprover}, .second_factor = true};
  User respondent{.id = 3, .body_code = "011002", .roles = {Role::kBodyRespondent}};
  User pref{.id = 4, .body_code = "010006", .roles = {Role::kPrefectureSupporter}, .second_factor = true};
  EXPECT_EQ(decide(mic, kBodyAudit, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyAudit, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyAudit, &hakodate), Decision::kHidden);
  EXPECT_EQ(decide(respondent, kBodyAudit, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(pref, kBodyAudit, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(mic, kBodyExport, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyExport, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyExport, &hakodate), Decision::kHidden);
  EXPECT_EQ(decide(respondent, kBodyExport, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(pref, kBodyExport, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(approver, kBodyGovern, &sapporo), Decision::kAllow);
  EXPECT_EQ(decide(approver, kBodyGovern, &hakodate), Decision::kHidden);
  EXPECT_EQ(decide(respondent, kBodyGovern, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(mic, kBodyGovern, &sapporo), Decision::kForbidden);
  EXPECT_EQ(decide(pref, kBodyGovern, &sapporo), Decision::kForbidden);
}

}  // namespace
}  // namespace mamori::auth
