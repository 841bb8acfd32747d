#include "app/maintenance.h"

#include <cstdio>

namespace mamori {

Maintenance::Maintenance(analytics::AnalyticsService& analytics, ports::EventLog& events, const Clock& clock)
    : analytics_(analytics), events_(events), clock_(clock), thread_([this] { loop(); }) {}

Maintenance::~Maintenance() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Maintenance::loop() {
  auto last_prune = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
    lock.unlock();
    if (Status s = analytics_.catch_up(); !s.ok())
      std::fprintf(stderr, "maintenance: catching up with the event log failed: %s\n", s.internal_detail().c_str());
    if (std::chrono::steady_clock::now() - last_prune > std::chrono::hours(1)) {
      last_prune = std::chrono::steady_clock::now();
      if (Status s = events_.prune_events(to_iso(clock_.now() - kKeepEvents)); !s.ok())
        std::fprintf(stderr, "maintenance: pruning events failed: %s\n", s.internal_detail().c_str());
    }
    lock.lock();
  }
}

}  // namespace mamori
