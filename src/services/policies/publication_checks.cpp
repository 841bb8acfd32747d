#include "services/policies/publication_checks.h"

namespace mamori {

Result<publication::Check> PublicationChecks::check(const publication::Target& target) {
  const publication::Fetch fetched = fetcher_.fetch(target.url);
  const publication::Judgement j = publication::judge(fetched, target.baseline, target.revision);
  publication::Check c{.policy_id = target.policy_id,
                       .body_code = target.body_code,
                       .url = target.url,
                       .checked_at = clock_.now_iso(),
                       .status_code = fetched.status_code,
                       .final_url = fetched.final_url,
                       .sha256 = fetched.sha256,
                       .error = fetched.error,
                       .outcome = j.outcome};
  MAMORI_RETURN_IF_ERROR(store_.policies().record_check(target, c, j.baseline));
  return c;
}

Result<int> PublicationChecks::check_due(int max, const std::function<bool()>& stop) {
  int done = 0;
  while (done < max && !stop()) {
    const std::string next = clock_.iso_after(std::chrono::duration_cast<std::chrono::seconds>(every_));
    MAMORI_ASSIGN_OR_RETURN(auto target, store_.policies().claim_due_publication(clock_.now_iso(), next));
    if (!target) break;
    MAMORI_RETURN_IF_ERROR(check(*target).status());
    ++done;
  }
  return done;
}

Result<publication::Check> PublicationChecks::check_now(const Body& body, int64_t policy_id) {
  MAMORI_ASSIGN_OR_RETURN(auto held, store_.policies().body_policies(body.code));
  const std::string recently = to_iso(clock_.now() - again_after_);
  for (const auto& c : held.checks)
    if (c.policy_id == policy_id && c.checked_at > recently)
      return Status::FailedPrecondition("publication_checked_recently", {{"at", c.checked_at}});
  const std::string next = clock_.iso_after(std::chrono::duration_cast<std::chrono::seconds>(every_));
  MAMORI_ASSIGN_OR_RETURN(auto target, store_.policies().claim_publication(body.code, policy_id, next));
  return check(target);
}

}  // namespace mamori
