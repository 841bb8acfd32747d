#include "http/work_pool.h"

#include <algorithm>

namespace mamori::http {

WorkPool::WorkPool(int threads) {
  const int n = std::max(1, threads);
  slots_.reserve(static_cast<size_t>(n));
  idle_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) slots_.push_back(std::make_unique<Slot>());
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this, i] { run(*slots_[static_cast<size_t>(i)]); });
}

WorkPool::~WorkPool() { join(); }

void WorkPool::post(std::function<void()> task) {
  Slot* wake = nullptr;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) {
      // Joined: nobody would run it.
    } else {
      queue_.push_back(std::move(task));
      if (queue_.size() > waking_ && !idle_.empty()) {
        wake = idle_.back();
        idle_.pop_back();
        wake->woken = true;
        ++waking_;
      }
      task = nullptr;
    }
  }
  if (task) {
    task();
    return;
  }
  if (wake) wake->cv.notify_one();
}

void WorkPool::run(Slot& slot) {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!queue_.empty()) {
      auto task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      task = nullptr;  // captured state is released off the lock
      lock.lock();
      continue;
    }
    if (stopping_) return;
    idle_.push_back(&slot);
    slot.cv.wait(lock, [&] { return slot.woken; });
    slot.woken = false;
    --waking_;
  }
}

void WorkPool::join() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    for (Slot* s : idle_) {
      s->woken = true;
      ++waking_;
    }
    idle_.clear();
  }
  for (auto& s : slots_) s->cv.notify_one();
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

}  // namespace mamori::http
