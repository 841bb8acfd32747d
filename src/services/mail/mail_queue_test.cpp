#include "services/mail/mail_queue.h"

#include <gtest/gtest.h>

#include <future>
#include <vector>

namespace mamori {
namespace {

TEST(MailQueue, RunsTasksInTheOrderPosted) {
  MailQueue queue;
  std::vector<int> ran;  // written by the queue's thread only, read after drain()
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(queue.post([&ran, i] { ran.push_back(i); }));
  queue.drain();
  EXPECT_EQ(ran, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(MailQueue, RefusesATaskWhenFullAndAcceptsAgainOnceDrained) {
  MailQueue queue(2);
  std::promise<void> release;
  std::promise<void> started;
  std::shared_future<void> go = release.get_future().share();
  ASSERT_TRUE(queue.post([&started, go] {
    started.set_value();
    go.wait();
  }));
  started.get_future().wait();  // the first task runs: the queue is empty again
  int ran = 0;
  EXPECT_TRUE(queue.post([&ran] { ++ran; }));
  EXPECT_TRUE(queue.post([&ran] { ++ran; }));
  EXPECT_FALSE(queue.post([&ran] { ran += 100; })) << "two are waiting: the third is refused";
  release.set_value();
  queue.drain();
  EXPECT_EQ(ran, 2);
  EXPECT_TRUE(queue.post([&ran] { ++ran; }));
  queue.drain();
  EXPECT_EQ(ran, 3);
}

TEST(MailQueue, TheDestructorRunsWhatIsStillQueued) {
  int ran = 0;
  {
    MailQueue queue;
    for (int i = 0; i < 20; ++i) queue.post([&ran] { ++ran; });
  }
  EXPECT_EQ(ran, 20);
}

TEST(MailQueue, AThrowingTaskDoesNotStopTheOthers) {
  MailQueue queue;
  int ran = 0;
  queue.post([] { throw std::runtime_error("relay exploded"); });
  queue.post([&ran] { ++ran; });
  queue.drain();
  EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace mamori
