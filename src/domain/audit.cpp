#include "domain/audit.h"

namespace mamori {

std::vector<std::string> hashed_fields(const AuditEntry& e) {
  return {std::to_string(e.seq), e.at,         e.actor_id ? std::to_string(*e.actor_id) : std::string(),
          e.actor,               e.roles,      e.body_code,
          e.action,              e.target,     e.request_id,
          e.address,             e.outcome,    e.detail};
}

}  // namespace mamori
