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

}  // namespace
}  // namespace mamori::auth
