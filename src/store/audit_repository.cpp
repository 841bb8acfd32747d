#include "store/audit_repository.h"

#include <algorithm>

#include "crypto/chain_hash.h"
#include "store/rows.h"

namespace mamori::store {

namespace {

// The columns of sql/audit.sql's SELECTs, in order.
Result<AuditEntry> read_entry(const Statement& s) {
  AuditEntry e;
  e.seq = s.int64(0);
  e.at = s.text(1);
  e.actor_id = s.opt_int64(2);
  e.actor = s.text(3);
  e.roles = s.text(4);
  e.body_code = s.text(5);
  e.action = s.text(6);
  e.target = s.text(7);
  e.request_id = s.text(8);
  e.address = s.text(9);
  e.outcome = s.text(10);
  e.detail = s.text(11);
  e.prev_hash = s.text(12);
  e.hash = s.text(13);
  return e;
}

}  // namespace

Result<AuditEntry> SqlAuditRepository::append(const AuditEntry& entry) {
  return write_value<AuditEntry>(db_, [&](Connection& c) -> Result<AuditEntry> {
    // One append at a time on every node (PostgreSQL: a transaction lock; SQLite has one
    // writer), so the last entry read here is still the last when this one is inserted.
    MAMORI_RETURN_IF_ERROR(c.statement("audit", "lock").run().status());
    AuditEntry e = entry;
    e.at = clock_.now_iso();
    Statement& last = c.statement("audit", "last");
    if (last.next()) {
      e.seq = last.int64(0) + 1;
      e.prev_hash = last.text(1);
    } else {
      MAMORI_RETURN_IF_ERROR(last.status());
      e.seq = 1;
      e.prev_hash.clear();
    }
    e.hash = auth::chain_hash(e.prev_hash, hashed_fields(e));
    MAMORI_RETURN_IF_ERROR(c.statement("audit", "insert")
                               .bind(1, e.seq)
                               .bind(2, e.at)
                               .bind(3, e.actor_id)
                               .bind(4, e.actor)
                               .bind(5, e.roles)
                               .bind(6, e.body_code)
                               .bind(7, e.action)
                               .bind(8, e.target)
                               .bind(9, e.request_id)
                               .bind(10, e.address)
                               .bind(11, e.outcome)
                               .bind(12, e.detail)
                               .bind(13, e.prev_hash)
                               .bind(14, e.hash)
                               .run()
                               .status());
    return e;
  });
}

Result<std::vector<AuditEntry>> SqlAuditRepository::search(const AuditFilter& f) {
  const int64_t limit = std::clamp(f.limit, 1, 1000);
  // Dates compare as text against ISO times: a day's end is the next character after it.
  const std::string from = f.from_date;
  const std::string to = f.to_date.empty() ? std::string() : f.to_date + "T99";
  const bool prefix = !f.action.empty() && f.action.back() == '.';
  return read_value<std::vector<AuditEntry>>(db_, [&](Connection& c) {
    Statement& st = c.statement("audit", "search")
                        .bind(1, f.actor)
                        .bind(2, f.body_code)
                        .bind(3, prefix ? std::string() : f.action)
                        .bind(4, prefix ? f.action : std::string())
                        .bind(5, from)
                        .bind(6, to)
                        .bind(7, f.before_seq)
                        .bind(8, limit);
    return collect<AuditEntry>(st, [](const Statement& s) { return read_entry(s); });
  });
}

Result<std::vector<AuditEntry>> SqlAuditRepository::chain(int64_t after_seq, int limit) {
  return read_value<std::vector<AuditEntry>>(db_, [&](Connection& c) {
    Statement& st = c.statement("audit", "chain").bind(1, after_seq).bind(2, static_cast<int64_t>(limit));
    return collect<AuditEntry>(st, [](const Statement& s) { return read_entry(s); });
  });
}

}  // namespace mamori::store
