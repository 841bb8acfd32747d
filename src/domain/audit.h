// The audit trail's entries, and what of an entry its hash covers.
//
// Every sign-in, account and second-factor change, administrative action, submission,
// export and download is one entry (docs/SECURITY.md lists the actions). Entries form a hash
// chain: an entry's hash covers its fields and the hash before it, so an entry edited,
// inserted or deleted in the database breaks the chain from there (services/audit/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mamori {

// How an audited action ended.
inline constexpr const char* kAuditOk = "ok";          // done
inline constexpr const char* kAuditDenied = "denied";  // refused: not signed in, not allowed, a wrong code
inline constexpr const char* kAuditFailed = "failed";  // refused as bad input, or failed

struct AuditEntry {
  int64_t seq = 0;  // 1, 2, … without gaps; given by the store
  std::string at;   // ISO 8601 UTC; given by the store's clock
  std::optional<int64_t> actor_id;
  std::string actor;      // the login; "cli:<user>" for a command; "" when nobody signed in
  std::string roles;      // the actor's roles then, comma-separated
  std::string body_code;  // the body the action concerns ("" when none)
  std::string action;     // e.g. "session.sign_in", "campaign.open", "export.answers"
  std::string target;     // what it acted on: a path, a login, a file
  std::string request_id;
  std::string address;  // the client's
  std::string outcome;  // kAuditOk, kAuditDenied, kAuditFailed
  std::string detail;   // the reason: an error code, an HTTP status
  std::string prev_hash;  // the hash of entry seq - 1; "" for the first
  std::string hash;
};

// The fields the hash covers, in a fixed order (seq and at included, prev_hash and hash not).
std::vector<std::string> hashed_fields(const AuditEntry& e);

// Search criteria; empty fields match everything. Dates are YYYY-MM-DD (Japan time is not
// applied: UTC days, as stored).
struct AuditFilter {
  std::string actor;
  std::string body_code;
  std::string action;  // exact, or a prefix ending in "." ("session.")
  std::string from_date;
  std::string to_date;  // inclusive
  int64_t before_seq = 0;  // 0 = from the newest
  int limit = 100;
};

}  // namespace mamori
