#pragma once
// ports::PolicyRepository over store/sql.h (sql/policies.sql).

#include "base/clock.h"
#include "ports/policies.h"
#include "store/sql.h"

namespace mamori::store {

class SqlPolicyRepository final : public ports::PolicyRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlPolicyRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<ports::BodyPolicies> body_policies(const std::string& body_code) override;
  Result<int64_t> register_organs(const std::string& body_code, const std::vector<policies::Organ>& organs) override;
  Result<ports::BoardRows> board_rows() override;
  Result<int64_t> board_version() override;
  Result<int64_t> add_organ(const policies::Organ& organ) override;
  Status set_scope(const std::string& body_code, int64_t organ_id, policies::Scope scope, const std::string& basis,
                   const std::string& decided_by) override;
  Status approve_scope(const std::string& body_code, int64_t organ_id, const std::string& approver) override;
  Result<int64_t> create_policy(const policies::Policy& policy, const PolicyCheck& check) override;
  Status update_policy(const policies::Policy& policy, int64_t expected_revision, const PolicyCheck& check) override;
  Result<int64_t> add_review(const std::string& body_code, int64_t policy_id, const policies::Review& review,
                             const std::string& by) override;
  Result<int64_t> add_role(const policies::RoleHolder& holder) override;
  Status end_role(const std::string& body_code, int64_t holder_id, const std::string& until) override;
  Status import_obligations(const std::vector<ports::BodyPolicies>& bodies, const std::string& by) override;
  Result<std::optional<publication::Target>> claim_due_publication(const std::string& now,
                                                                    const std::string& next) override;
  Result<publication::Target> claim_publication(const std::string& body_code, int64_t policy_id,
                                                const std::string& next) override;
  Status record_check(const publication::Target& target, const publication::Check& check,
                      const publication::Baseline& baseline) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
