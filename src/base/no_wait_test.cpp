#include "base/no_wait.h"

#include <gtest/gtest.h>

#include <thread>

namespace mamori {
namespace {

TEST(NoWait, AScopeMarksOnlyItsOwnThreadAndNests) {
  EXPECT_FALSE(no_wait());
  {
    NoWaitScope outer;
    EXPECT_TRUE(no_wait());
    bool other = true;
    std::thread([&] { other = no_wait(); }).join();
    EXPECT_FALSE(other);
    {
      NoWaitScope inner;
      EXPECT_TRUE(no_wait());
    }
    EXPECT_TRUE(no_wait());
  }
  EXPECT_FALSE(no_wait());
}

TEST(NoWait, WouldBlockIsRecognisedAndOtherUnavailableIsNot) {
  EXPECT_TRUE(is_would_block(WouldBlock()));
  EXPECT_FALSE(is_would_block(Status::Unavailable("shutting_down")));
  EXPECT_FALSE(is_would_block(Status::Ok()));
}

}  // namespace
}  // namespace mamori
