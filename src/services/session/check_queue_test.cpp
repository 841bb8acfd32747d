// The sign-in check queue refuses at once when it is full, or when one address already has
// its share, and never makes the caller wait.
#include "services/session/check_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace mamori {
namespace {

TEST(CheckQueue, RunsWorkOnItsOwnThreads) {
  CheckQueue q({.threads = 2, .capacity = 4, .per_address = 2});
  std::promise<std::thread::id> ran;
  ASSERT_TRUE(q.try_run("a", [&] { ran.set_value(std::this_thread::get_id()); }));
  EXPECT_NE(ran.get_future().get(), std::this_thread::get_id());
}

TEST(CheckQueue, AFullQueueAndAnAddressOverItsShareAreRefusedAtOnce) {
  CheckQueue q({.threads = 1, .capacity = 3, .per_address = 2});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done = 0;
  auto blocked = [&] {
    released.wait();
    ++done;
  };
  EXPECT_TRUE(q.try_run("flood", blocked));
  EXPECT_TRUE(q.try_run("flood", blocked));
  EXPECT_FALSE(q.try_run("flood", blocked));  // its share: 2
  EXPECT_TRUE(q.try_run("office", blocked));  // another address still gets in
  EXPECT_FALSE(q.try_run("other", blocked));  // full: 3
  EXPECT_EQ(q.queued(), 3);
  release.set_value();
  while (q.queued() > 0) std::this_thread::yield();
  EXPECT_EQ(done.load(), 3);
  EXPECT_TRUE(q.try_run("flood", [] {}));  // room again
}

TEST(CheckQueue, WorkQueuedWhenItIsDestroyedStillRuns) {
  std::atomic<int> done = 0;
  {
    CheckQueue q({.threads = 1, .capacity = 8, .per_address = 8});
    for (int i = 0; i < 8; ++i) ASSERT_TRUE(q.try_run("a", [&] { ++done; }));
  }
  EXPECT_EQ(done.load(), 8);
}

}  // namespace
}  // namespace mamori
