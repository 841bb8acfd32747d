#pragma once
// The policy obligation (domain/policies.h, docs/POLICIES.md): a body's organs, its 方針 and
// their reviews, and its security roles, kept per body.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/policies.h"

namespace mamori::ports {

// What a body holds, read together: its organs, its policies (each with its organs and its
// reviews) and every role holder, current or past.
struct BodyPolicies {
  std::vector<policies::Organ> organs;       // in registration order
  std::vector<policies::Policy> policies;    // in creation order
  std::vector<policies::RoleHolder> roles;   // by role, then since
};

// One registered organ as the board reads it (domain/policy_board.h).
struct BoardOrganRow {
  policies::Organ organ;  // body_code, name, kind, scope, approved_by
  policies::OrganStatus status = policies::OrganStatus::kNone;
  std::optional<std::string> adopted_on, published_on;  // the earliest among its policies
};

// One adopted policy as the board reads it.
struct BoardPolicyRow {
  std::string body_code, title;
  std::optional<std::string> adopted_on;
  int review_months = 12;
  std::optional<std::string> last_review;  // the latest review done
};

struct BoardRows {
  std::vector<BoardOrganRow> organs;     // by body code, then registration
  std::vector<BoardPolicyRow> policies;  // by body code
};

// Thread-safe. A write that returns an error has changed nothing. "Now" is the store's Clock.
// The writes of one body are serialised (on every backend), so what a write checks inside
// itself still holds when it commits.
class PolicyRepository {
 public:
  virtual ~PolicyRepository() = default;
  // Everything of the body (no organs before it registered them).
  virtual Result<BodyPolicies> body_policies(const std::string& body_code) = 0;
  // Registers `organs` as the body's first organs; how many. FailedPrecondition
  // "organs_registered" when the body has organs already.
  virtual Result<int64_t> register_organs(const std::string& body_code, const std::vector<policies::Organ>& organs) = 0;

  // Every registered organ and every adopted policy of every body, in one read (the board
  // filters what its reader may see).
  virtual Result<BoardRows> board_rows() = 0;

  // Registers an organ. AlreadyExists "organ_exists" when the body has one of that name.
  virtual Result<int64_t> add_organ(const policies::Organ& organ) = 0;
  // Sets an organ's scope, basis and decider, clearing any approval. NotFound
  // "organ_not_found" when the body has no such organ.
  virtual Status set_scope(const std::string& body_code, int64_t organ_id, policies::Scope scope,
                           const std::string& basis, const std::string& decided_by) = 0;
  // MIC's approval of an individual decision. NotFound "organ_not_found";
  // FailedPrecondition "organ_not_individual".
  virtual Status approve_scope(const std::string& body_code, int64_t organ_id, const std::string& approver) = 0;

  // Writes a new policy (revision 1) when `check(held)` holds on the body's organs and roles
  // as they are inside the write; its id.
  using PolicyCheck = std::function<Status(const BodyPolicies& held)>;
  virtual Result<int64_t> create_policy(const policies::Policy& policy, const PolicyCheck& check) = 0;
  // Replaces a policy's fields and organs while its revision is `expected_revision` and
  // `check(held)` holds. NotFound "policy_not_found"; Aborted "policy_changed" (another
  // change came first: reload).
  virtual Status update_policy(const policies::Policy& policy, int64_t expected_revision, const PolicyCheck& check) = 0;
  // Records a review of a policy (bumping its revision). NotFound "policy_not_found".
  virtual Result<int64_t> add_review(const std::string& body_code, int64_t policy_id, const policies::Review& review,
                                     const std::string& by) = 0;

  // Records a role holder. Its id.
  virtual Result<int64_t> add_role(const policies::RoleHolder& holder) = 0;
  // Ends a holder's term on `until` (YYYY-MM-DD). NotFound "role_not_found";
  // FailedPrecondition "role_ended" when it has ended already.
  virtual Status end_role(const std::string& body_code, int64_t holder_id, const std::string& until) = 0;
};

}  // namespace mamori::ports
