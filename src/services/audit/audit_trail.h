// Recording what people and commands do (domain/audit.h), searching it, and checking that
// the stored chain is intact.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "domain/audit.h"
#include "domain/model.h"
#include "ports/audit.h"

namespace mamori {

// Who acts and from where: the signed-in user (or, before signing in, the login tried), the
// client's address and the request's id.
struct Actor {
  std::optional<User> user;
  std::string login;  // when there is no user (a failed sign-in); "cli:<name>" for a command
  std::string address;
  std::string request_id;
};

// What one action did.
struct AuditEvent {
  std::string action;
  std::string body_code;
  std::string target;
  std::string outcome = kAuditOk;
  std::string detail;
};

// Thread-safe. `repo` outlives the trail.
class AuditTrail {
 public:
  explicit AuditTrail(ports::AuditRepository& repo) : repo_(repo) {}
  // Appends one entry. A failure is logged as an error (with the entry) and returned: the
  // action it records has happened, and the operator must learn that its entry is missing.
  Status record(const Actor& actor, const AuditEvent& event);
  Result<std::vector<AuditEntry>> search(const AuditFilter& f) { return repo_.search(f); }

 private:
  ports::AuditRepository& repo_;
};

// The result of checking the stored chain from its first entry.
struct ChainCheck {
  int64_t entries = 0;     // checked, up to the first problem
  int64_t first_bad = 0;   // seq of the first entry that is wrong (0: intact)
  std::string problem;     // "altered", "deleted", "inserted", "truncated"
  std::string head_hash;   // the last good entry's hash
  int64_t head_seq = 0;
  bool intact() const { return first_bad == 0 && problem.empty(); }
};

// Walks the whole chain in seq order (pages of 1000). `expect_head_seq`/`expect_head_hash`
// (optional, from an earlier verification kept elsewhere) also catch a removed tail: the
// entry at that seq must still exist with that hash.
Result<ChainCheck> verify_chain(ports::AuditRepository& repo, int64_t expect_head_seq = 0,
                                const std::string& expect_head_hash = "");

// A human explanation of a failed check, in English, for the CLI.
std::string describe(const ChainCheck& check);

}  // namespace mamori
