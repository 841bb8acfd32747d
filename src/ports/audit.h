#pragma once
// The audit trail's storage (domain/audit.h): append-only, hash-chained.

#include <vector>

#include "base/status.h"
#include "domain/audit.h"

namespace mamori::ports {

// Thread-safe. "Now" is the store's Clock.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends `entry` (its seq, at, prev_hash and hash are set here: the next seq, now, the
  // last entry's hash, and the chain hash of the fields) in one write, serialised with every
  // other append on every node; returns the entry as stored.
  virtual Result<AuditEntry> append(const AuditEntry& entry) = 0;
  // The entries matching `f`, the newest first, at most f.limit (1…1000).
  virtual Result<std::vector<AuditEntry>> search(const AuditFilter& f) = 0;
  // The entries with seq > after_seq, in seq order, at most `limit`: as stored, for checking
  // the chain (nothing recomputed).
  virtual Result<std::vector<AuditEntry>> chain(int64_t after_seq, int limit) = 0;
};

}  // namespace mamori::ports
