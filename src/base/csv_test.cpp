#include "base/csv.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

TEST(Csv, ParsesQuotesDoubledQuotesBomAndCrlf) {
  std::vector<int> lines;
  auto r = parse_csv(
      "\xEF\xBB\xBF"
      "a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n4,5,6",
      &lines);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ((*r)[1], (std::vector<std::string>{"1", "two\nlines", "3"}));
  EXPECT_EQ((*r)[2], (std::vector<std::string>{"4", "5", "6"}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 4}));  // the record after a two-line cell starts on line 4
}

TEST(Csv, RefusesCp932AndUnterminatedQuotes) {
  auto cp932 = parse_csv("\x94\x9f\x8a\xd9,1\n");  // 函館 in CP932
  ASSERT_FALSE(cp932.ok());
  EXPECT_EQ(cp932.status().error_code(), "csv_encoding");
  auto open = parse_csv("a,b\nc,\"d\n");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().error_code(), "csv_malformed");
  EXPECT_EQ(open.status().message_en().rfind("Line 2:", 0), 0u);
}

}  // namespace
}  // namespace mamori
