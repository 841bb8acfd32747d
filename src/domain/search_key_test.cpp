#include "domain/search_key.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

TEST(SearchKey, ReadingsInAnyKanaWidthOrScriptMeetTheSameKey) {
  EXPECT_EQ(search_key("ｻｯﾎﾟﾛｼ"), "さっぽろし");
  EXPECT_EQ(search_key("サッポロシ"), "さっぽろし");
  EXPECT_EQ(search_key("さっぽろ"), "さっぽろ");
  EXPECT_NE(search_key("ｻｯﾎﾟﾛｼ").find(search_key("さっぽろ")), std::string::npos);
}

TEST(SearchKey, LettersAreFoldedAndKanjiKeptAsTheyAre) {
  EXPECT_EQ(search_key("ＡＢＣ abc"), "abc abc");
  EXPECT_EQ(search_key("札幌市"), "札幌市");
  EXPECT_EQ(search_key("①"), "1");
  EXPECT_EQ(search_key(""), "");
}

TEST(SearchKey, SpacesAroundASearchAreDropped) {
  EXPECT_EQ(search_key("\u3000サッポロ "), "さっぽろ");  // a full-width space, then a half-width one
  EXPECT_EQ(search_key("  "), "");
  EXPECT_EQ(search_key("北 斗"), "北 斗");  // inside, a space is kept
}

}  // namespace
}  // namespace mamori
