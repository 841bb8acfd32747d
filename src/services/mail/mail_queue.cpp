#include "services/mail/mail_queue.h"

#include <exception>

#include "base/log.h"

namespace mamori {

MailQueue::MailQueue(size_t capacity) : capacity_(capacity), thread_([this] { run(); }) {}

MailQueue::~MailQueue() {
  {
    std::lock_guard l(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool MailQueue::post(std::function<void()> task) {
  {
    std::lock_guard l(mu_);
    if (queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

void MailQueue::drain() {
  std::unique_lock l(mu_);
  idle_.wait(l, [this] { return queue_.empty() && !running_task_; });
}

void MailQueue::run() {
  std::unique_lock l(mu_);
  for (;;) {
    wake_.wait(l, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    running_task_ = true;
    l.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      log_json("error", "mail_queue_task_failed", {{"detail", e.what()}});
    }
    l.lock();
    running_task_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

}  // namespace mamori
