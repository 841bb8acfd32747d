#pragma once
// Periodic work of one application node: follow the event log between requests (so a
// figures read seldom has much to apply) — at once when the store signals that any node
// committed events (PostgreSQL LISTEN/NOTIFY), at least every second otherwise — and forget
// events every node has long applied.

#include <atomic>
#include <chrono>
#include <thread>

#include "base/clock.h"
#include "ports/events.h"
#include "services/analytics/analytics_service.h"

namespace mamori {

class Maintenance {
 public:
  // Starts the thread. Every argument outlives this object.
  Maintenance(analytics::AnalyticsService& analytics, ports::EventLog& events, const Clock& clock);
  ~Maintenance();  // stops and joins the thread

  // Events older than this are deleted: far longer than any node takes to apply them (a
  // node that starts rebuilds its figures instead of reading old events).
  static constexpr std::chrono::hours kKeepEvents{24};
  // The log is read at least this often, and at once when the store signals new events.
  static constexpr std::chrono::seconds kCatchUpEvery{1};
  // The longest wait for a signal (and so for the destructor).
  static constexpr std::chrono::milliseconds kWait{250};

 private:
  void loop();

  analytics::AnalyticsService& analytics_;
  ports::EventLog& events_;
  const Clock& clock_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace mamori
