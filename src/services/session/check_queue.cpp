#include "services/session/check_queue.h"

#include <algorithm>

namespace mamori {

CheckQueue::CheckQueue(CheckQueueOptions options) : options_(options) {
  for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { run(); });
}

CheckQueue::~CheckQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool CheckQueue::try_run(const std::string& address, std::function<void()> work) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || in_queue_ >= options_.capacity) return false;
    int& mine = per_address_[address];
    if (mine >= options_.per_address) {
      if (mine == 0) per_address_.erase(address);
      return false;
    }
    ++mine;
    ++in_queue_;
    waiting_.push_back({address, std::move(work)});
  }
  cv_.notify_one();
  return true;
}

int CheckQueue::queued() const {
  std::lock_guard lock(mu_);
  return in_queue_;
}

void CheckQueue::run() {
  for (;;) {
    Item item;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, nothing left
      item = std::move(waiting_.front());
      waiting_.pop_front();
    }
    item.work();
    std::lock_guard lock(mu_);
    --in_queue_;
    if (auto it = per_address_.find(item.address); it != per_address_.end() && --it->second <= 0)
      per_address_.erase(it);
  }
}

}  // namespace mamori
