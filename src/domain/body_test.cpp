#include "domain/body.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

TEST(BodyCode, AcceptsRealCodes) {
  for (const char* c : {"010006", "011002", "130001", "131016", "473821", "271004"})
    EXPECT_TRUE(validate_body_code(c).ok()) << c;
}

TEST(BodyCode, RejectsMalformedCodes) {
  for (const char* c : {"", "01000", "0100066", "01000a", "010007", "480005", "000000"}) {
    Status s = validate_body_code(c);
    EXPECT_FALSE(s.ok()) << c;
    EXPECT_EQ(s.error_code(), "invalid_body_code");
  }
}

}  // namespace
}  // namespace mamori
