#include "domain/policy_board.h"

#include <gtest/gtest.h>

namespace mamori::policies {
namespace {

BoardOrgan organ(const std::string& code, const std::string& name, OrganKind kind, OrganStatus status,
                 std::optional<std::string> adopted = std::nullopt, std::optional<std::string> published = std::nullopt,
                 bool counted = true) {
  return BoardOrgan{code, name, kind, counted, status, adopted, published};
}

TEST(PolicyBoard, SharesByGroupCountOnlyCountedOrgansAndBodiesWithEveryOneAdopted) {
  const std::vector<BoardBody> bodies{
      {Body{.code = "010006", .name_ja = "北海道", .type = BodyType::kPrefecture},
       true,
       {organ("010006", "議会", OrganKind::kCouncil, OrganStatus::kPublished, "2026-03-01", "2026-04-10"),
        organ("010006", "知事", OrganKind::kHead, OrganStatus::kAdopted, "2026-05-20"),
        organ("010006", "公安委員会", OrganKind::kPublicSafetyCommission, OrganStatus::kNone, std::nullopt, std::nullopt,
              false)}},
      {Body{.code = "012025", .name_ja = "函館市", .type = BodyType::kCity},
       true,
       {organ("012025", "議会", OrganKind::kCouncil, OrganStatus::kDrafting),
        organ("012025", "市長", OrganKind::kHead, OrganStatus::kAdopted, "2026-03-01")}},
      {Body{.code = "019011", .name_ja = "石狩広域連合", .type = BodyType::kUnion}, false,
       {organ("019011", "議会", OrganKind::kCouncil, OrganStatus::kNone)}},
  };
  const std::vector<BoardReview> reviews{{"012025", "函館市基本方針", "2026-12-01"}, {"010006", "北海道基本方針", "2027-03-01"}};
  const Board b = board_of(bodies, reviews, "2026-06-15");

  ASSERT_EQ(b.groups.size(), 3u);
  EXPECT_EQ(b.groups[0].group, BoardGroup::kPrefectures);
  EXPECT_EQ(b.groups[0].organs.required, 2);  // 公安委員会 is not counted
  EXPECT_EQ(b.groups[0].organs.adopted, 2);
  EXPECT_EQ(b.groups[0].organs.published, 1);
  EXPECT_EQ(b.groups[0].bodies_complete, 1);
  EXPECT_EQ(b.groups[1].group, BoardGroup::kMunicipalities);
  EXPECT_EQ(b.groups[1].organs.adopted, 1);
  EXPECT_EQ(b.groups[1].bodies_complete, 0);
  EXPECT_EQ(b.groups[2].group, BoardGroup::kUnions);
  EXPECT_EQ(b.groups[2].bodies, 1);

  ASSERT_EQ(b.kinds.size(), 2u);  // 議会 and 長: the excluded kind is counted nowhere
  EXPECT_EQ(b.kinds[0].kind, OrganKind::kCouncil);
  EXPECT_EQ(b.kinds[0].organs.required, 3);
  EXPECT_EQ(b.kinds[0].organs.adopted, 1);

  // From 令和8年4月 to 6月: by each month's end.
  ASSERT_EQ(b.trend.size(), 3u);
  EXPECT_EQ(b.trend[0].month, "2026-04");
  EXPECT_EQ(b.trend[0].organs.required, 5);
  EXPECT_EQ(b.trend[0].organs.adopted, 2);   // 北海道議会 and 函館市長, adopted in March
  EXPECT_EQ(b.trend[0].organs.published, 1);
  EXPECT_EQ(b.trend[1].organs.adopted, 3);   // 知事 in May
  EXPECT_EQ(b.trend[2].organs.adopted, 3);

  ASSERT_EQ(b.missing.size(), 2u);
  EXPECT_EQ(b.missing[0].body_code, "012025");
  EXPECT_EQ(b.missing[0].organs, (std::vector<std::string>{"議会"}));
  EXPECT_FALSE(b.missing[1].registered);

  EXPECT_TRUE(b.overdue.empty());
  EXPECT_EQ(board_of(bodies, reviews, "2026-12-02").overdue.size(), 1u);
}

TEST(PolicyBoard, MonthsAreShownInWareki) {
  EXPECT_EQ(wareki_month("2026-04"), "令和8年4月");
  EXPECT_EQ(wareki_month("2019-05"), "令和元年5月");
  EXPECT_EQ(group_of(BodyType::kSpecialWard), BoardGroup::kMunicipalities);
  EXPECT_EQ(board_of({}, {}, "2026-03-31").trend.size(), 0u);  // before the law came into force
}

}  // namespace
}  // namespace mamori::policies
