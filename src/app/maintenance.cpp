#include "app/maintenance.h"
#include "base/log.h"

#include <cstdio>

namespace mamori {

Maintenance::Maintenance(analytics::AnalyticsService& analytics, ports::EventLog& events, const Clock& clock)
    : analytics_(analytics), events_(events), clock_(clock), thread_([this] { loop(); }) {}

Maintenance::~Maintenance() {
  stopping_ = true;
  thread_.join();  // within kWait
}

void Maintenance::loop() {
  auto last_prune = std::chrono::steady_clock::now();
  auto last_catch_up = std::chrono::steady_clock::now();
  while (!stopping_) {
    // Woken early when a node (this one or another) commits events (PostgreSQL's NOTIFY);
    // otherwise the log is read every kCatchUpEvery anyway.
    const bool signalled = events_.wait_for_events(kWait);
    if (stopping_) break;
    const auto now = std::chrono::steady_clock::now();
    if (signalled || now - last_catch_up >= kCatchUpEvery) {
      last_catch_up = now;
      if (Status s = analytics_.catch_up(); !s.ok())
        log_json("error", "maintenance_catch_up_failed", {{"code", s.error_code()}, {"detail", s.internal_detail()}});
    }
    if (now - last_prune > std::chrono::hours(1)) {
      last_prune = now;
      if (Status s = events_.prune_events(to_iso(clock_.now() - kKeepEvents)); !s.ok())
        log_json("error", "maintenance_prune_failed", {{"code", s.error_code()}, {"detail", s.internal_detail()}});
    }
  }
}

}  // namespace mamori
