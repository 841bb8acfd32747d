// Jobs on the fake store: recorded where any node can read them, with live progress on the
// node that runs them, limits checked in the store, cancelled at stop, abandoned at restart.
#include "services/jobs/job_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "fakes/memory_store.h"

namespace mamori {
namespace {

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = fakes::make_memory_store(clock_);
    owner_ = *store_->users().create_user({.login = "mic", .display_name = "mic", .roles = {Role::kNationalAdmin}}, "h");
  }
  FakeClock clock_{std::string_view("2026-11-02T01:00:00Z")};
  std::unique_ptr<ports::Store> store_;
  int64_t owner_ = 0;
};

TEST_F(JobRunnerTest, AJobsOutcomeIsInTheStoreAndItsProgressLiveOnItsNode) {
  JobRunner runner(store_->jobs(), "node-a");
  std::promise<void> reported, finish;
  auto done = finish.get_future();
  auto started = runner.start("open_campaign", owner_, [&](const JobRunner::Progress& p) {
    p(3, 10);
    reported.set_value();
    done.wait();
    return Status::Ok();
  });
  ASSERT_TRUE(started.ok());
  reported.get_future().wait();
  auto live = runner.get(started->id);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->state, ports::JobState::kRunning);
  EXPECT_EQ(live->done, 3);  // this node's live progress
  JobRunner elsewhere(store_->jobs(), "node-b");  // another node reads the stored record
  EXPECT_EQ(elsewhere.get(started->id)->state, ports::JobState::kRunning);
  finish.set_value();
  runner.join_all();
  auto finished = elsewhere.get(started->id);
  EXPECT_EQ(finished->state, ports::JobState::kDone);
  EXPECT_EQ(finished->done, 3);
  EXPECT_EQ(finished->total, 10);
}

TEST_F(JobRunnerTest, AFailureIsRecordedWithItsCode) {
  JobRunner runner(store_->jobs(), "n");
  auto started = runner.start("mail", owner_, [](const JobRunner::Progress&) { return Status::Unavailable("mail_failed"); });
  runner.join_all();
  auto j = runner.get(started->id);
  EXPECT_EQ(j->state, ports::JobState::kFailed);
  EXPECT_EQ(j->error.error_code(), "mail_failed");
}

TEST_F(JobRunnerTest, LimitsAreCheckedInTheStore) {
  JobRunner runner(store_->jobs(), "n");
  std::promise<void> finish;
  auto done = finish.get_future().share();
  auto wait = [done](const JobRunner::Progress&) {
    done.wait();
    return Status::Ok();
  };
  const ports::JobLimits one{.per_user = 1, .total = 2};
  EXPECT_EQ(runner.start("batch", owner_, wait, {}, one)->refused, ports::JobRefusal::kNone);
  EXPECT_EQ(runner.start("batch", owner_, wait, {}, one)->refused, ports::JobRefusal::kUserBusy);
  finish.set_value();
  runner.join_all();
  EXPECT_EQ(runner.start("batch", owner_, [](const JobRunner::Progress&) { return Status::Ok(); }, {}, one)->refused,
            ports::JobRefusal::kNone);
}

TEST_F(JobRunnerTest, StoppingCancelsRunningWorkAndRefusesNewWork) {
  JobRunner runner(store_->jobs(), "n");
  std::promise<void> running;
  auto started = runner.start("batch", owner_, [&](const JobRunner::Progress&) {
    running.set_value();
    while (!runner.stopping()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::Unavailable("job_cancelled");
  });
  running.get_future().wait();
  runner.stop();
  EXPECT_EQ(runner.get(started->id)->error.error_code(), "job_cancelled");
  auto late = runner.start("batch", owner_, [](const JobRunner::Progress&) { return Status::Ok(); });
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(runner.get(late->id)->state, ports::JobState::kFailed);
}

TEST_F(JobRunnerTest, AJobPastItsTimeLimitIsAskedToStop) {
  JobRunner runner(store_->jobs(), "n");
  auto started = runner.start(
      "batch", owner_,
      [](const JobRunner::Progress& p) {
        // Polls as a batch does; bounded, so a missing limit fails the test instead of hanging.
        for (int i = 0; i < 10000 && !p.cancelled(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return p.timed_out() ? Status::Unavailable("job_cancelled") : Status::Ok();
      },
      {}, {}, std::chrono::seconds(1));
  ASSERT_TRUE(started.ok());
  runner.join_all();
  EXPECT_EQ(runner.get(started->id)->error.error_code(), "job_cancelled");
}

TEST_F(JobRunnerTest, TheThreadsOfEndedJobsAreJoinedWithoutWaitingForStop) {
  JobRunner runner(store_->jobs(), "n");
  std::vector<int64_t> ids;
  for (int i = 0; i < 20; ++i)
    ids.push_back(runner.start("mail", owner_, [](const JobRunner::Progress&) { return Status::Ok(); })->id);
  // Every job ends at once; the runner joins their threads by itself (the flusher reaps
  // every half second), so the count of threads held falls to zero while it keeps running.
  for (int k = 0; k < 100 && runner.threads_held() > 0; ++k) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(runner.threads_held(), 0u);
  for (int64_t id : ids) EXPECT_EQ(runner.get(id)->state, ports::JobState::kDone);
}

TEST_F(JobRunnerTest, ANodeThatRestartsFailsTheJobsItLeftRunning) {
  auto left = store_->jobs().create_job("open_campaign", owner_, {}, {}, "node-a");  // a node that crashed
  ASSERT_TRUE(left.ok());
  JobRunner restarted(store_->jobs(), "node-a");
  auto j = restarted.get(left->id);
  EXPECT_EQ(j->state, ports::JobState::kFailed);
  EXPECT_EQ(j->error.error_code(), "job_abandoned");
}

}  // namespace
}  // namespace mamori
