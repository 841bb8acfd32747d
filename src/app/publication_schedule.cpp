#include "app/publication_schedule.h"

#include "base/log.h"

namespace mamori {

PublicationSchedule::PublicationSchedule(PublicationChecks& checks) : checks_(checks), thread_([this] { loop(); }) {}

PublicationSchedule::~PublicationSchedule() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PublicationSchedule::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto done = checks_.check_due(kPerRound, [this] {
      std::lock_guard stop_lock(mu_);
      return stopping_;
    });
    lock.lock();
    if (!done.ok()) log_json("error", "publication_check_failed", {{"detail", done.status().internal_detail()}});
    // A full round: more may be due, go on at once; otherwise wait.
    if (done.ok() && *done == kPerRound) continue;
    wake_.wait_for(lock, kIdleWait, [this] { return stopping_; });
  }
}

}  // namespace mamori
