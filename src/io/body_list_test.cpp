#include "io/body_list.h"

#include <gtest/gtest.h>

#include <map>

namespace mamori::io {
namespace {

const std::string kList = std::string(MAMORI_SOURCE_DIR) + "/../shared/data/localgov/000925835.xlsx";

TEST(OfficialBodyList, Has1788BodiesWithDerivedTypes) {
  auto bodies = load_official_body_list(kList);
  ASSERT_TRUE(bodies.ok()) << bodies.status().message_en();
  EXPECT_EQ(bodies->size(), 1788u);
  std::map<BodyType, int> by_type;
  for (const auto& b : *bodies) ++by_type[b.type];
  EXPECT_EQ(by_type[BodyType::kPrefecture], 47);
  EXPECT_EQ(by_type[BodyType::kDesignatedCity], 20);
  EXPECT_EQ(by_type[BodyType::kSpecialWard], 23);
  EXPECT_EQ(by_type[BodyType::kCity] + by_type[BodyType::kDesignatedCity], 792);
  EXPECT_EQ(by_type[BodyType::kTown], 743);
  EXPECT_EQ(by_type[BodyType::kVillage], 183);  // the six 北方領土 villages excluded
}

TEST(OfficialBodyList, NamesHaveNoPhoneticReadingsGluedOn) {
  auto bodies = load_official_body_list(kList);
  ASSERT_TRUE(bodies.ok());
  for (const auto& b : *bodies) {
    if (b.code == "011002") {
      EXPECT_EQ(b.name_ja, "札幌市");
      EXPECT_EQ(b.name_kana, "ｻｯﾎﾟﾛｼ");
      EXPECT_EQ(b.type, BodyType::kDesignatedCity);
    }
    if (b.code == "131016") {
      EXPECT_EQ(b.name_ja, "千代田区");
      EXPECT_EQ(b.type, BodyType::kSpecialWard);
    }
    EXPECT_EQ(b.name_ja.find("ｼ"), std::string::npos) << b.code << " " << b.name_ja;
  }
}

TEST(OfficialBodyList, ExcludesNorthernTerritories) {
  auto bodies = load_official_body_list(kList);
  ASSERT_TRUE(bodies.ok());
  for (const auto& b : *bodies) EXPECT_NE(b.code, "016951");
}

TEST(OfficialBodyList, BrokenWorkbookGivesSpecificError) {
  auto r = read_xlsx_bytes("PK\x03\x04 this is not really a zip");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_code(), "broken_xlsx");
  auto r2 = read_xlsx_bytes("");
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().error_code(), "broken_xlsx");
}

TEST(OfficialBodyList, RejectsABadCheckDigitNamingTheRow) {
  Sheet s1{"bodies", false, {{"code"}, {"010006", "北海道", "", "ﾎｯｶｲﾄﾞｳ", ""}, {"011003", "北海道", "札幌市", "", "ｻｯﾎﾟﾛｼ"}}};
  Sheet s2{"designated", false, {{"code"}}};
  auto r = parse_official_body_list({s1, s2});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_code(), "invalid_body_list");
  EXPECT_NE(r.status().message_en().find("row 3"), std::string::npos) << r.status().message_en();
}

}  // namespace
}  // namespace mamori::io
