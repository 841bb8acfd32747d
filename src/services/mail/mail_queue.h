#pragma once
// Work done after the answer: tasks run in the order posted on one thread of their own, so a
// request never waits for the mail relay — and a password-reset request for a known address
// answers as fast as one for an unknown address (its lookup, token and mail all run here).
//
// Bounded: post() refuses a task when `capacity` are already waiting (a flood of reset
// requests cannot grow memory without end). Tasks run one at a time; a task must not post and
// wait for another (drain() from a task would never return).
//
// Thread-safe. The destructor runs every task still queued (each bounded by the relay's
// timeout), then joins the thread: whatever a task refers to must outlive the MailQueue.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace mamori {

class MailQueue {
 public:
  explicit MailQueue(size_t capacity = 1000);
  ~MailQueue();
  MailQueue(const MailQueue&) = delete;
  MailQueue& operator=(const MailQueue&) = delete;

  // Queues `task`; false (and nothing queued) when `capacity` tasks are already waiting.
  bool post(std::function<void()> task);
  // Blocks until every task posted before the call has run (tests, orderly stops).
  void drain();

 private:
  void run();
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable wake_;  // a task was posted, or stopping
  std::condition_variable idle_;  // the queue became empty and no task runs
  std::deque<std::function<void()>> queue_;
  bool running_task_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace mamori
