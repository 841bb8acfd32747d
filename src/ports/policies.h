#pragma once
// The policy obligation (domain/policies.h, docs/POLICIES.md): a body's organs, its 方針 and
// their reviews, and its security roles, kept per body.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/policies.h"
#include "domain/publication_check.h"

namespace mamori::ports {

// What a body holds, read together: its organs, its policies (each with its organs and its
// reviews) and every role holder, current or past.
struct BodyPolicies {
  std::vector<policies::Organ> organs;       // in registration order
  std::vector<policies::Policy> policies;    // in creation order
  std::vector<policies::RoleHolder> roles;   // by role, then since
  std::vector<publication::Check> checks;    // the last check of each published policy checked
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
  std::vector<publication::Check> failing;  // last checks not ok, of current URLs, by body code
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
  // A number that changes with every committed write of the obligation, on every node: board
  // rows read at one version are those of any later read at the same version.
  virtual Result<int64_t> board_version() = 0;

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

  // Writes the organs, policies (with their organs and reviews) and role holders (current or
  // past) of bodies that have no organs yet, all or nothing, recorded by `by`: a bulk load (the
  // demo's sample data). In each body, an organ's `id` is a number of the caller's that the
  // body's policies use in `organs` and `approving_organ`; the store gives the real ids. A body
  // without organs is skipped. FailedPrecondition "organs_registered" {code} when a body has
  // organs already; NotFound "organ_not_found" for a policy naming an organ not in its body;
  // NotFound "unknown_body". The rules of check_policy are the caller's.
  virtual Status import_obligations(const std::vector<BodyPolicies>& bodies, const std::string& by) = 0;

  // The publication check (domain/publication_check.h). Claims the publication most overdue
  // for a check — never checked, its URL changed, or its next check at or before `now` — and
  // sets its next check to `next`, so no other node takes it meanwhile; none when nothing is
  // due. Times are ISO 8601.
  virtual Result<std::optional<publication::Target>> claim_due_publication(const std::string& now,
                                                                            const std::string& next) = 0;
  // Claims a policy's publication now, whenever it is due. NotFound "policy_not_found";
  // FailedPrecondition "policy_not_published" when it has no publication URL.
  virtual Result<publication::Target> claim_publication(const std::string& body_code, int64_t policy_id,
                                                        const std::string& next) = 0;
  // Records a check of `target` with its judgement (dropped when the policy's URL changed
  // meanwhile: the new one is due at once).
  virtual Status record_check(const publication::Target& target, const publication::Check& check,
                              const publication::Baseline& baseline) = 0;
};

}  // namespace mamori::ports
