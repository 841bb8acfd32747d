#include "store/event_repository.h"

#include "store/rows.h"

namespace mamori::store {

Status record_event(Connection& c, const std::string& kind, int64_t campaign_id, int64_t response_id,
                    const std::string& body_code, const std::string& at) {
  return c.statement("events", "record")
      .bind(1, kind)
      .bind(2, campaign_id)
      .bind(3, response_id)
      .bind(4, body_code)
      .bind(5, at)
      .run()
      .status();
}

Result<int64_t> SqlEventLog::latest_event() {
  return read_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("events", "latest");
    if (!st.next()) return no_row(st, "not_found");
    return st.int64(0);
  });
}

Result<std::vector<ports::Event>> SqlEventLog::events_after(int64_t after, int limit) {
  return read_value<std::vector<ports::Event>>(db_, [&](Connection& c) {
    Statement& st = c.statement("events", "after").bind(1, after).bind(2, limit);
    return collect<ports::Event>(st, [](const Statement& s) -> Result<ports::Event> {
      return ports::Event{s.int64(0), s.text(1), s.int64(2), s.int64(3), s.text(4), s.text(5)};
    });
  });
}

Status SqlEventLog::prune_events(const std::string& before) {
  return db_.write([&](Connection& c) { return c.statement("events", "prune").bind(1, before).run().status(); });
}

}  // namespace mamori::store
