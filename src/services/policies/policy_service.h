#pragma once
// The policy obligation of one body (docs/POLICIES.md): its organs and their scope, its 方針
// and their reviews, and its security roles (権限・責任等一覧表). The rules are
// domain/policies.h; this checks them against what the body holds and writes through
// ports::PolicyRepository.
//
// Callers have passed the access policy (body.read to read; body.govern to change; MIC's
// national.manage to approve a scope decision). Thread-safe: one instance serves every
// request.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/model.h"
#include "domain/policies.h"
#include "domain/policy_board.h"
#include "domain/publication_check.h"
#include "ports/store.h"

namespace mamori {

// An organ as a page shows it.
struct OrganView {
  policies::Organ organ;
  bool counted = false;                  // in the obligation's denominators
  policies::OrganStatus status = policies::OrganStatus::kNone;
};

struct PolicyView {
  policies::Policy policy;
  std::optional<std::string> review_due;  // YYYY-MM-DD
  bool review_overdue = false;            // 見直し期限超過
  std::optional<publication::Check> publication_check;  // the last check of its publication URL
};

struct BodyPolicyView {
  // Whether the body registered its organs; before, `organs` are its type's, without ids.
  bool registered = false;
  std::vector<OrganView> organs;
  std::vector<PolicyView> policies;
  std::vector<policies::RoleHolder> roles;  // current and past, by role then since
  int required = 0;   // organs counted
  int adopted = 0;    // of those, with an adopted (or published) 方針
  int published = 0;  // of those, with a published one
  bool structure = false;  // a current CISO and 統括情報セキュリティ責任者 are on record
};

class PolicyService {
 public:
  // Both outlive the service.
  // `allowed_private`: the private addresses a publication URL may name all the same
  // (io::FetchLimits::allowed_private; tests).
  PolicyService(ports::Store& store, const Clock& clock, std::vector<std::string> allowed_private = {})
      : store_(store), clock_(clock), allowed_private_(std::move(allowed_private)) {}

  // The board over the bodies `user` may read (domain/access_policy.h can_read_body): MIC
  // every body, a prefecture's supporter its prefecture's. A body that never opened its
  // register counts with its type's organs, none adopted. The organ and policy rows are read
  // again only when the obligation's version has changed since the last read (any node's
  // write changes it).
  Result<policies::Board> board(const User& user);
  // The bodies of the board with each organ as counted (the board's export), body code order.
  Result<std::vector<policies::BoardBody>> board_bodies(const User& user);

  // Everything of the body; before it registered its organs, its type's (reading never
  // writes).
  Result<BodyPolicyView> view(const Body& body);
  // Registers the body's organs from its type (then edited one by one). FailedPrecondition
  // "organs_registered" when it has organs already.
  Result<int64_t> register_organs(const Body& body);

  // A new organ. InvalidArgument "invalid_fields" (kind, name); AlreadyExists "organ_exists".
  Result<int64_t> add_organ(const Body& body, const std::string& kind, const std::string& name);
  // An organ's scope: excluded (only an organ the law excludes: excluded_by_law) needs its
  // legal basis, individual its reason (the decider is `by`; MIC then approves).
  // InvalidArgument "invalid_fields"; NotFound "organ_not_found".
  Status set_scope(const Body& body, int64_t organ_id, const std::string& scope, const std::string& basis,
                   const User& by);
  Status approve_scope(const Body& body, int64_t organ_id, const User& mic);

  // A new policy / a change to one (at `revision`). check_policy's field errors; adopting
  // needs the structure on record (FailedPrecondition "policy_structure_missing"); Aborted
  // "policy_changed" for a stale change.
  Result<int64_t> create_policy(const Body& body, policies::Policy p, const User& by);
  Status update_policy(const Body& body, policies::Policy p, int64_t revision, const User& by);
  Result<int64_t> add_review(const Body& body, int64_t policy_id, const policies::Review& review, const User& by);

  // A role holder (person, since as YYYY-MM-DD not in the future required), and the end of
  // a holder's term (not before its start).
  Result<int64_t> add_role(const Body& body, policies::RoleHolder holder, const User& by);
  Status end_role(const Body& body, int64_t holder_id, const std::string& until);

 private:
  ports::PolicyRepository::PolicyCheck check_for(const policies::Policy& p) const;

  // The board's rows at one version of the obligation, with each body's organ rows. Immutable
  // once built: requests share it.
  struct BoardCache {
    int64_t version = -1;
    ports::BoardRows rows;
    std::map<std::string, std::vector<const ports::BoardOrganRow*>> organs_of;  // into rows
  };
  Result<std::shared_ptr<const BoardCache>> board_rows();
  // The bodies `user` may read, each with its organs as the board counts them.
  struct ReadableBoard {
    std::shared_ptr<const BoardCache> cache;
    std::vector<policies::BoardBody> bodies;
    std::set<std::string> readable;  // their codes
  };
  Result<ReadableBoard> readable_board(const User& user);

  ports::Store& store_;
  const Clock& clock_;
  const std::vector<std::string> allowed_private_;
  std::mutex board_mu_;  // guards board_
  std::shared_ptr<const BoardCache> board_;
};

}  // namespace mamori
