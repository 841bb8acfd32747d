#pragma once
// The outbox: every write that changes what the figures count records an event in the same
// transaction (a response moved state, a campaign closed or was imported, a body's
// attributes changed). Consumers (services/analytics) read the log in order from where they
// stopped, so any application node can follow the writes of every other node.

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

struct Event {
  int64_t id = 0;  // increasing in commit order
  std::string kind;  // response_changed, campaign_closed, campaign_imported, body_changed
  int64_t campaign_id = 0;   // 0 when none
  int64_t response_id = 0;   // 0 when none
  std::string body_code;     // "" when none
  std::string at;
};

// Thread-safe.
class EventLog {
 public:
  virtual ~EventLog() = default;
  // The id of the newest event (0 when none).
  virtual Result<int64_t> latest_event() = 0;
  // Up to `limit` events with id > `after`, oldest first.
  virtual Result<std::vector<Event>> events_after(int64_t after, int limit) = 0;
  // Deletes events older than `before` (ISO 8601 UTC).
  virtual Status prune_events(const std::string& before) = 0;
  // Waits up to `timeout` for a sign that a writer anywhere (another node included) recorded
  // events; true when one came. A hint only: the log is the truth, so a sign that is lost
  // (a dropped connection) costs at most the caller's next timeout. Without signs (one
  // process, or a backend that has none) it sleeps and returns false.
  virtual bool wait_for_events(std::chrono::milliseconds timeout) {
    std::this_thread::sleep_for(timeout);
    return false;
  }
};

}  // namespace mamori::ports
