#include "services/audit/audit_trail.h"

#include "base/log.h"
#include "crypto/chain_hash.h"

namespace mamori {

Status AuditTrail::record(const Actor& actor, const AuditEvent& event) {
  AuditEntry e;
  if (actor.user) {
    e.actor_id = actor.user->id;
    e.actor = actor.user->login;
    e.roles = join_roles(actor.user->roles);
  } else {
    e.actor = actor.login;
  }
  e.body_code = event.body_code;
  e.action = event.action;
  e.target = event.target;
  e.request_id = actor.request_id;
  e.address = actor.address;
  e.outcome = event.outcome;
  e.detail = event.detail;
  auto stored = repo_.append(e);
  if (!stored.ok()) {
    log_json("error", "audit_record_failed",
             {{"action", e.action},
              {"actor", e.actor},
              {"target", e.target},
              {"outcome", e.outcome},
              {"request_id", e.request_id},
              {"error", stored.status().error_code() + " " + stored.status().internal_detail()}});
    return stored.status();
  }
  return Status::Ok();
}

Result<ChainCheck> verify_chain(ports::AuditRepository& repo, int64_t expect_head_seq,
                                const std::string& expect_head_hash) {
  ChainCheck c;
  std::string prev_hash;
  int64_t expected_seq = 1;
  bool head_seen = expect_head_seq == 0;
  for (;;) {
    MAMORI_ASSIGN_OR_RETURN(std::vector<AuditEntry> page, repo.chain(expected_seq - 1, 1000));
    if (page.empty()) break;
    for (const AuditEntry& e : page) {
      if (e.seq != expected_seq) {
        c.first_bad = expected_seq;
        c.problem = "deleted";
        return c;
      }
      if (auth::chain_hash(e.prev_hash, hashed_fields(e)) != e.hash) {
        c.first_bad = e.seq;
        c.problem = "altered";
        return c;
      }
      if (e.prev_hash != prev_hash) {
        c.first_bad = e.seq;
        c.problem = "inserted";
        return c;
      }
      if (e.seq == expect_head_seq) {
        if (e.hash != expect_head_hash) {
          c.first_bad = e.seq;
          c.problem = "altered";
          return c;
        }
        head_seen = true;
      }
      prev_hash = e.hash;
      c.head_seq = e.seq;
      c.head_hash = e.hash;
      ++c.entries;
      ++expected_seq;
    }
  }
  if (!head_seen) {
    c.first_bad = c.head_seq + 1;
    c.problem = "truncated";
  }
  return c;
}

std::string describe(const ChainCheck& c) {
  const std::string n = std::to_string(c.first_bad);
  if (c.problem == "deleted") return "entry " + n + " is missing: it or the entries after it were deleted";
  if (c.problem == "altered") return "entry " + n + " was altered: its content does not match its hash";
  if (c.problem == "inserted")
    return "entry " + n + " does not follow entry " + std::to_string(c.first_bad - 1) +
           ": it was inserted or replaced, or the entry before it was rewritten with a new hash";
  if (c.problem == "truncated")
    return "the trail ends at entry " + std::to_string(c.head_seq) +
           ", before the expected head: entries from " + n + " on were deleted";
  return "intact";
}

}  // namespace mamori
