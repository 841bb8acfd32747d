#include "http/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

namespace mamori::http {
namespace {

TEST(WorkPool, RunsEveryTaskPostedFromManyThreadsExactlyOnce) {
  std::atomic<int> runs{0};
  {
    WorkPool pool(4);
    std::vector<std::thread> posters;
    for (int p = 0; p < 4; ++p)
      posters.emplace_back([&] {
        for (int i = 0; i < 5000; ++i) pool.post([&] { runs.fetch_add(1); });
      });
    for (auto& t : posters) t.join();
    pool.join();
  }
  EXPECT_EQ(runs.load(), 20000);
}

TEST(WorkPool, OneThreadRunsTasksInTheOrderPosted) {
  std::vector<int> order;
  WorkPool pool(1);
  for (int i = 0; i < 100; ++i) pool.post([&order, i] { order.push_back(i); });
  pool.join();
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
}

TEST(WorkPool, ABlockedTaskDoesNotStopTheOthers) {
  WorkPool pool(2);
  std::promise<void> release;
  auto released = release.get_future().share();
  pool.post([released] { released.wait(); });
  std::promise<void> ran;
  auto done = ran.get_future();
  pool.post([&ran] { ran.set_value(); });
  EXPECT_EQ(done.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  release.set_value();
  pool.join();
}

TEST(WorkPool, JoinRunsWhatWasQueuedAndLaterTasksRunOnTheCaller) {
  std::atomic<int> runs{0};
  WorkPool pool(1);
  std::promise<void> release;
  auto released = release.get_future().share();
  pool.post([released] { released.wait(); });
  for (int i = 0; i < 10; ++i) pool.post([&] { runs.fetch_add(1); });
  std::thread joiner([&] { pool.join(); });
  release.set_value();
  joiner.join();
  EXPECT_EQ(runs.load(), 10);
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  pool.post([&] { ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(ran_on, caller);
}

}  // namespace
}  // namespace mamori::http
