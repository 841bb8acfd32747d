#pragma once
// ports::AuditRepository over store/sql.h (sql/audit.sql).

#include "base/clock.h"
#include "ports/audit.h"
#include "store/sql.h"

namespace mamori::store {

class SqlAuditRepository final : public ports::AuditRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlAuditRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<AuditEntry> append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> search(const AuditFilter& f) override;
  Result<std::vector<AuditEntry>> chain(int64_t after_seq, int limit) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
