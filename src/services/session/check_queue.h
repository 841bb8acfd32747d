#pragma once
// The bounded queue sign-ins wait in for their password check (Argon2id, 64 MiB and tens of
// milliseconds each), with threads of its own: a flood of sign-ins never holds the server's
// handler threads, and is refused at once when the queue is full instead of waiting.
//
// At most `threads` checks run at once; at most `capacity` sign-ins wait or run; at most
// `per_address` of them come from one client address, so one address flooding cannot keep
// the people of other addresses out.
//
// Thread-safe. The destructor runs what is queued, then joins its threads.

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mamori {

struct CheckQueueOptions {
  int threads = 2;
  int capacity = 32;
  int per_address = 4;
};

class CheckQueue {
 public:
  explicit CheckQueue(CheckQueueOptions options);
  ~CheckQueue();
  CheckQueue(const CheckQueue&) = delete;
  CheckQueue& operator=(const CheckQueue&) = delete;

  // Never blocks. Runs `work` on one of the queue's threads, in order of arrival, and returns
  // true; false (and `work` is dropped) when the queue is full or `address` already has
  // `per_address` sign-ins waiting or running.
  bool try_run(const std::string& address, std::function<void()> work);

  // Sign-ins waiting or running now (for tests and the benchmark).
  int queued() const;

 private:
  struct Item {
    std::string address;
    std::function<void()> work;
  };
  void run();

  const CheckQueueOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> waiting_;
  std::map<std::string, int> per_address_;  // waiting or running, per address
  int in_queue_ = 0;                        // waiting or running
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace mamori
