// A fixed pool of handler threads for work that may block (the database, files).
//
// Why not asio::thread_pool: its threads wait on one shared condition variable, and each
// thread that takes a task wakes another while tasks remain, so under a steady stream of
// short requests most posts woke a thread that found nothing to do (perf: ~7 futex calls
// per autosave; docs/PERFORMANCE.md). Here each idle thread waits on its own condition
// variable, the most recently idle one is woken first (its caches are warm), and a post
// wakes a thread only when the queued tasks outnumber the threads already woken for them.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mamori::http {

class WorkPool {
 public:
  // Starts `threads` (at least 1) threads.
  explicit WorkPool(int threads);
  // Joins (see join()).
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Thread-safe. Runs `task` on one of the pool's threads, in FIFO order of posting. A task
  // posted after join() began runs on the calling thread, so no task is ever dropped (a
  // task may hold a request's only way to be answered).
  void post(std::function<void()> task);

  // Runs every task already posted, then ends the threads and waits for them. Idempotent;
  // must not be called from a task.
  void join();

 private:
  // One per thread, owned by the pool, so a poster may signal it after unlocking.
  struct Slot {
    std::condition_variable cv;
    bool woken = false;
  };
  void run(Slot& slot);

  std::mutex mu_;
  std::deque<std::function<void()>> queue_;
  std::vector<Slot*> idle_;  // most recently idle last
  size_t waking_ = 0;        // threads signalled that have not yet taken a task
  bool stopping_ = false;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<std::thread> threads_;
};

}  // namespace mamori::http
