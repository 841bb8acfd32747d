#pragma once
// ports::EventLog over store/sql.h (sql/events.sql), and the one function the other
// repositories call to record an event inside their own write.

#include <string>

#include "base/clock.h"
#include "ports/events.h"
#include "store/sql.h"

namespace mamori::store {

// Records an outbox event on `c`, inside the caller's write.
Status record_event(Connection& c, const std::string& kind, int64_t campaign_id, int64_t response_id,
                    const std::string& body_code, const std::string& at);

class SqlEventLog final : public ports::EventLog {
 public:
  explicit SqlEventLog(Database& db) : db_(db) {}
  Result<int64_t> latest_event() override;
  Result<std::vector<ports::Event>> events_after(int64_t after, int limit) override;
  Status prune_events(const std::string& before) override;
  bool wait_for_events(std::chrono::milliseconds timeout) override { return db_.wait_for_events(timeout); }

 private:
  Database& db_;
};

}  // namespace mamori::store
