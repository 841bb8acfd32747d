#include "store/policy_repository.h"

#include <map>
#include <set>

#include "store/rows.h"

namespace mamori::store {

namespace pol = policies;

namespace {

Result<pol::Organ> read_organ(const Statement& s) {
  pol::Organ o{.id = s.int64(0), .body_code = s.text(1), .name = s.text(3), .scope_basis = s.text(5),
               .decided_by = s.text(6), .approved_by = s.text(7), .approved_at = s.opt_text(8)};
  auto kind = pol::parse_organ_kind(s.text(2));
  auto scope = pol::parse_scope(s.text(4));
  if (!kind) return corrupt("organs.kind", s.text(2));
  if (!scope) return corrupt("organs.scope", s.text(4));
  o.kind = *kind;
  o.scope = *scope;
  return o;
}

Result<pol::Policy> read_policy(const Statement& s) {
  pol::Policy p{.id = s.int64(0), .body_code = s.text(1), .title = s.text(2), .version = s.text(3),
                .adopted_on = s.opt_text(6), .effective_on = s.opt_text(7), .approving_organ = s.opt_int64(8),
                .publication_url = s.text(9), .published_on = s.opt_text(10),
                .review_months = static_cast<int>(s.int64(11)), .revision = s.int64(12), .updated_by = s.text(13),
                .updated_at = s.text(14)};
  auto basis = pol::parse_policy_basis(s.text(4));
  auto state = pol::parse_policy_state(s.text(5));
  if (!basis) return corrupt("policies.basis", s.text(4));
  if (!state) return corrupt("policies.state", s.text(5));
  p.basis = *basis;
  p.state = *state;
  return p;
}

Result<pol::RoleHolder> read_role(const Statement& s) {
  pol::RoleHolder h{.id = s.int64(0), .body_code = s.text(1), .person = s.text(3), .title = s.text(4),
                    .department = s.text(5), .contact = s.text(6), .since = s.text(7), .until = s.opt_text(8),
                    .recorded_by = s.text(9), .recorded_at = s.text(10)};
  auto role = pol::parse_security_role(s.text(2));
  if (!role) return corrupt("security_roles.role", s.text(2));
  h.role = *role;
  return h;
}

Result<publication::Check> read_check(const Statement& s) {
  publication::Check c{.policy_id = s.int64(0), .body_code = s.text(1), .title = s.text(2), .url = s.text(3),
                       .checked_at = s.text(4), .status_code = static_cast<int>(s.int64(5)), .final_url = s.text(6),
                       .sha256 = s.text(7), .error = s.text(8)};
  auto outcome = publication::parse_outcome(s.text(9));
  if (!outcome) return corrupt("publication_checks.outcome", s.text(9));
  c.outcome = *outcome;
  return c;
}

// Everything of the body, on `c` (a read, or a write that checks before it changes).
Result<ports::BodyPolicies> load(Connection& c, const std::string& body_code) {
  ports::BodyPolicies out;
  MAMORI_ASSIGN_OR_RETURN(out.organs, collect<pol::Organ>(c.statement("policies", "organs").bind(1, body_code), read_organ));
  MAMORI_ASSIGN_OR_RETURN(out.policies,
                          collect<pol::Policy>(c.statement("policies", "policies").bind(1, body_code), read_policy));
  std::map<int64_t, pol::Policy*> by_id;
  for (auto& p : out.policies) by_id[p.id] = &p;
  Statement& po = c.statement("policies", "policy_organs").bind(1, body_code);
  while (po.next())
    if (auto it = by_id.find(po.int64(0)); it != by_id.end()) it->second->organs.push_back(po.int64(1));
  MAMORI_RETURN_IF_ERROR(po.status());
  Statement& rv = c.statement("policies", "reviews").bind(1, body_code);
  while (rv.next())
    if (auto it = by_id.find(rv.int64(0)); it != by_id.end())
      it->second->reviews.push_back(
          pol::Review{rv.int64(1), rv.text(2), rv.opt_text(3), rv.text(4), rv.text(5), rv.text(6)});
  MAMORI_RETURN_IF_ERROR(rv.status());
  MAMORI_ASSIGN_OR_RETURN(out.roles, collect<pol::RoleHolder>(c.statement("policies", "roles").bind(1, body_code), read_role));
  MAMORI_ASSIGN_OR_RETURN(out.checks,
                          collect<publication::Check>(c.statement("policies", "body_checks").bind(1, body_code), read_check));
  return out;
}

// Begins a write of the body's obligation: takes the body's write lock (sql/policies.sql
// lock_body) for the rest of the transaction, then raises the obligation's version (the
// board's cache key). Every write takes its body locks first (several in code order) and the
// version row last, so two writes never wait on each other crosswise.
Status lock(Connection& c, const std::string& body_code) {
  MAMORI_RETURN_IF_ERROR(c.statement("policies", "lock_body").bind(1, body_code).run().status());
  return c.statement("policies", "bump_version").run().status();
}

// FailedPrecondition "organs_registered" {code} when the body has organs already: a body's
// first organs are registered once (then edited one by one).
Status no_organs_yet(Connection& c, const std::string& body_code) {
  Statement& held = c.statement("policies", "organs").bind(1, body_code);
  const bool any = held.next();
  MAMORI_RETURN_IF_ERROR(held.status());
  return any ? Status::FailedPrecondition("organs_registered", {{"code", body_code}}) : Status::Ok();
}

Result<int64_t> insert_organ(Connection& c, const pol::Organ& o, const std::string& now) {
  Statement& ins = c.statement("policies", "insert_organ")
                       .bind(1, o.body_code)
                       .bind(2, pol::to_string(o.kind))
                       .bind(3, o.name)
                       .bind(4, pol::to_string(o.scope))
                       .bind(5, o.scope_basis)
                       .bind(6, o.decided_by)
                       .bind(7, now);
  if (!ins.next()) {
    Status s = ins.status();
    if (s.error_code() == "constraint_unique") return Status::AlreadyExists("organ_exists", {{"name", o.name}});
    if (s.error_code() == "constraint_foreign_key") return Status::NotFound("unknown_body", {{"code", o.body_code}});
    return s.ok() ? Status::Internal("insert_organ returned no id") : s;
  }
  return ins.int64(0);
}

// Sets the organs a policy covers to `organs`.
Status write_organs(Connection& c, int64_t policy_id, const std::vector<int64_t>& organs) {
  MAMORI_RETURN_IF_ERROR(c.statement("policies", "clear_policy_organs").bind(1, policy_id).run().status());
  for (int64_t organ : organs)
    MAMORI_RETURN_IF_ERROR(
        c.statement("policies", "insert_policy_organ").bind(1, policy_id).bind(2, organ).run().status());
  return Status::Ok();
}

}  // namespace

Result<ports::BodyPolicies> SqlPolicyRepository::body_policies(const std::string& body_code) {
  return read_value<ports::BodyPolicies>(db_, [&](Connection& c) { return load(c, body_code); });
}

Result<int64_t> SqlPolicyRepository::register_organs(const std::string& body_code, const std::vector<pol::Organ>& organs) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(lock(c, body_code));
    MAMORI_RETURN_IF_ERROR(no_organs_yet(c, body_code));
    for (const auto& o : organs) MAMORI_RETURN_IF_ERROR(insert_organ(c, o, now).status());
    return static_cast<int64_t>(organs.size());
  });
}

Result<int64_t> SqlPolicyRepository::board_version() {
  return read_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& v = c.statement("policies", "version");
    if (!v.next()) return no_row(v, "not_found");
    return v.int64(0);
  });
}

Result<ports::BoardRows> SqlPolicyRepository::board_rows() {
  return read_value<ports::BoardRows>(db_, [&](Connection& c) -> Result<ports::BoardRows> {
    ports::BoardRows out;
    MAMORI_ASSIGN_OR_RETURN(
        out.organs, collect<ports::BoardOrganRow>(c.statement("policies", "board_organs"),
                                                  [](const Statement& s) -> Result<ports::BoardOrganRow> {
                                                    ports::BoardOrganRow r;
                                                    r.organ.body_code = s.text(0);
                                                    r.organ.name = s.text(1);
                                                    auto kind = pol::parse_organ_kind(s.text(2));
                                                    auto scope = pol::parse_scope(s.text(3));
                                                    if (!kind) return corrupt("organs.kind", s.text(2));
                                                    if (!scope) return corrupt("organs.scope", s.text(3));
                                                    r.organ.kind = *kind;
                                                    r.organ.scope = *scope;
                                                    r.organ.approved_by = s.text(4);
                                                    const int64_t status = s.int64(5);
                                                    r.status = status >= 3   ? pol::OrganStatus::kPublished
                                                               : status == 2 ? pol::OrganStatus::kAdopted
                                                               : status == 1 ? pol::OrganStatus::kDrafting
                                                                             : pol::OrganStatus::kNone;
                                                    r.adopted_on = s.opt_text(6);
                                                    r.published_on = s.opt_text(7);
                                                    return r;
                                                  }));
    MAMORI_ASSIGN_OR_RETURN(out.policies,
                            collect<ports::BoardPolicyRow>(c.statement("policies", "board_reviews"),
                                                           [](const Statement& s) -> Result<ports::BoardPolicyRow> {
                                                             return ports::BoardPolicyRow{s.text(0), s.text(1),
                                                                                          s.opt_text(2),
                                                                                          static_cast<int>(s.int64(3)),
                                                                                          s.opt_text(4)};
                                                           }));
    MAMORI_ASSIGN_OR_RETURN(out.failing, collect<publication::Check>(c.statement("policies", "failing_checks"), read_check));
    return out;
  });
}

Result<int64_t> SqlPolicyRepository::add_organ(const pol::Organ& organ) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(lock(c, organ.body_code));
    return insert_organ(c, organ, now);
  });
}

Status SqlPolicyRepository::set_scope(const std::string& body_code, int64_t organ_id, pol::Scope scope,
                                      const std::string& basis, const std::string& decided_by) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(lock(c, body_code));
    MAMORI_ASSIGN_OR_RETURN(int64_t n, c.statement("policies", "set_scope")
                                           .bind(1, body_code)
                                           .bind(2, organ_id)
                                           .bind(3, pol::to_string(scope))
                                           .bind(4, basis)
                                           .bind(5, decided_by)
                                           .run());
    return n == 1 ? Status::Ok() : Status::NotFound("organ_not_found", {{"id", std::to_string(organ_id)}});
  });
}

Status SqlPolicyRepository::approve_scope(const std::string& body_code, int64_t organ_id, const std::string& approver) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(lock(c, body_code));
    MAMORI_ASSIGN_OR_RETURN(int64_t n, c.statement("policies", "approve_scope")
                                           .bind(1, body_code)
                                           .bind(2, organ_id)
                                           .bind(3, approver)
                                           .bind(4, now)
                                           .run());
    if (n == 1) return Status::Ok();
    Statement& e = c.statement("policies", "organ_exists").bind(1, body_code).bind(2, organ_id);
    if (!e.next()) return no_row(e, "organ_not_found");
    return e.int64(0) == 0 ? Status::NotFound("organ_not_found", {{"id", std::to_string(organ_id)}})
                           : Status::FailedPrecondition("organ_not_individual");
  });
}

namespace {

// Binds a policy's fields from parameter `first` on, in the order insert_policy and
// update_policy share.
Statement& bind_policy(Statement& st, const pol::Policy& p, int first) {
  return st.bind(first, p.title)
      .bind(first + 1, p.version)
      .bind(first + 2, pol::to_string(p.basis))
      .bind(first + 3, pol::to_string(p.state))
      .bind(first + 4, p.adopted_on)
      .bind(first + 5, p.effective_on)
      .bind(first + 6, p.approving_organ)
      .bind(first + 7, p.publication_url)
      .bind(first + 8, p.published_on)
      .bind(first + 9, p.review_months);
}

}  // namespace

Result<int64_t> SqlPolicyRepository::create_policy(const pol::Policy& p, const PolicyCheck& check) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(lock(c, p.body_code));
    MAMORI_ASSIGN_OR_RETURN(auto held, load(c, p.body_code));
    MAMORI_RETURN_IF_ERROR(check(held));
    Statement& ins = bind_policy(c.statement("policies", "insert_policy").bind(1, p.body_code), p, 2)
                         .bind(12, p.updated_by)
                         .bind(13, now);
    if (!ins.next()) return no_row(ins, "not_found");
    const int64_t id = ins.int64(0);
    MAMORI_RETURN_IF_ERROR(write_organs(c, id, p.organs));
    return id;
  });
}

Status SqlPolicyRepository::update_policy(const pol::Policy& p, int64_t expected_revision, const PolicyCheck& check) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(lock(c, p.body_code));
    MAMORI_ASSIGN_OR_RETURN(auto held, load(c, p.body_code));
    MAMORI_RETURN_IF_ERROR(check(held));
    MAMORI_ASSIGN_OR_RETURN(int64_t n, bind_policy(c.statement("policies", "update_policy").bind(1, p.body_code).bind(2, p.id),
                                                   p, 3)
                                           .bind(13, p.updated_by)
                                           .bind(14, now)
                                           .bind(15, expected_revision)
                                           .run());
    if (n != 1) {
      Statement& r = c.statement("policies", "policy_revision").bind(1, p.body_code).bind(2, p.id);
      if (!r.next()) return no_row(r, "policy_not_found", {{"id", std::to_string(p.id)}});
      return Status::Aborted("policy_changed");
    }
    return write_organs(c, p.id, p.organs);
  });
}

namespace {

Result<int64_t> insert_review(Connection& c, int64_t policy_id, const pol::Review& r, const std::string& by,
                              const std::string& now) {
  Statement& ins = c.statement("policies", "insert_review")
                       .bind(1, policy_id)
                       .bind(2, r.planned_on)
                       .bind(3, r.done_on)
                       .bind(4, r.done_by)
                       .bind(5, r.outcome)
                       .bind(6, r.new_version)
                       .bind(7, by)
                       .bind(8, now);
  if (!ins.next()) return no_row(ins, "not_found");
  return ins.int64(0);
}

}  // namespace

Result<int64_t> SqlPolicyRepository::add_review(const std::string& body_code, int64_t policy_id, const pol::Review& r,
                                                const std::string& by) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(lock(c, body_code));
    MAMORI_ASSIGN_OR_RETURN(int64_t n, c.statement("policies", "bump_policy")
                                           .bind(1, body_code)
                                           .bind(2, policy_id)
                                           .bind(3, by)
                                           .bind(4, now)
                                           .run());
    if (n != 1) return Status::NotFound("policy_not_found", {{"id", std::to_string(policy_id)}});
    return insert_review(c, policy_id, r, by, now);
  });
}

namespace {

Result<int64_t> insert_role(Connection& c, const pol::RoleHolder& h, const std::string& by, const std::string& now) {
  Statement& ins = c.statement("policies", "insert_role")
                       .bind(1, h.body_code)
                       .bind(2, pol::to_string(h.role))
                       .bind(3, h.person)
                       .bind(4, h.title)
                       .bind(5, h.department)
                       .bind(6, h.contact)
                       .bind(7, h.since)
                       .bind(8, h.until)
                       .bind(9, by)
                       .bind(10, now);
  if (!ins.next()) {
    Status s = ins.status();
    if (s.error_code() == "constraint_foreign_key") return Status::NotFound("unknown_body", {{"code", h.body_code}});
    return s.ok() ? Status::Internal("insert_role returned no id") : s;
  }
  return ins.int64(0);
}

}  // namespace

Result<int64_t> SqlPolicyRepository::add_role(const pol::RoleHolder& h) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(lock(c, h.body_code));
    pol::RoleHolder current = h;
    current.until.reset();
    return insert_role(c, current, h.recorded_by, now);
  });
}

Status SqlPolicyRepository::end_role(const std::string& body_code, int64_t holder_id, const std::string& until) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(lock(c, body_code));
    MAMORI_ASSIGN_OR_RETURN(int64_t n,
                            c.statement("policies", "end_role").bind(1, body_code).bind(2, holder_id).bind(3, until).run());
    if (n == 1) return Status::Ok();
    Statement& r = c.statement("policies", "role_until").bind(1, body_code).bind(2, holder_id);
    if (!r.next()) return no_row(r, "role_not_found", {{"id", std::to_string(holder_id)}});
    return Status::FailedPrecondition("role_ended");
  });
}

Status SqlPolicyRepository::import_obligations(const std::vector<ports::BodyPolicies>& bodies, const std::string& by) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    // Every body's lock first, in code order, then the version once (see lock()).
    std::set<std::string> codes;
    for (const auto& body : bodies)
      if (!body.organs.empty()) codes.insert(body.organs.front().body_code);
    for (const auto& code : codes)
      MAMORI_RETURN_IF_ERROR(c.statement("policies", "lock_body").bind(1, code).run().status());
    MAMORI_RETURN_IF_ERROR(c.statement("policies", "bump_version").run().status());
    for (const auto& body : bodies) {
      if (body.organs.empty()) continue;
      const std::string& code = body.organs.front().body_code;
      MAMORI_RETURN_IF_ERROR(no_organs_yet(c, code));
      // The document's organ numbers, as the store numbers them.
      std::map<int64_t, int64_t> ids;
      for (const auto& o : body.organs) {
        if (o.body_code != code) return Status::InvalidArgument("invalid_fields", {{"field", "organs.body_code"}});
        MAMORI_ASSIGN_OR_RETURN(ids[o.id], insert_organ(c, o, now));
      }
      auto real = [&](int64_t local) -> Result<int64_t> {
        auto it = ids.find(local);
        if (it == ids.end()) return Status::NotFound("organ_not_found", {{"id", std::to_string(local)}});
        return it->second;
      };
      for (pol::Policy p : body.policies) {
        if (p.approving_organ) {
          MAMORI_ASSIGN_OR_RETURN(p.approving_organ, real(*p.approving_organ));
        }
        for (auto& organ : p.organs) {
          MAMORI_ASSIGN_OR_RETURN(organ, real(organ));
        }
        Statement& ins =
            bind_policy(c.statement("policies", "insert_policy").bind(1, code), p, 2).bind(12, by).bind(13, now);
        if (!ins.next()) return no_row(ins, "not_found");
        const int64_t id = ins.int64(0);
        MAMORI_RETURN_IF_ERROR(write_organs(c, id, p.organs));
        for (const auto& r : p.reviews) MAMORI_RETURN_IF_ERROR(insert_review(c, id, r, by, now).status());
      }
      for (const auto& h : body.roles) {
        if (h.body_code != code) return Status::InvalidArgument("invalid_fields", {{"field", "roles.body_code"}});
        MAMORI_RETURN_IF_ERROR(insert_role(c, h, by, now).status());
      }
    }
    return Status::Ok();
  });
}

namespace {

// Claims `policy_id` (sql/policies.sql claim_publication) and reads what it holds; none when
// another claim holds it or it is not published.
Result<std::optional<publication::Target>> claim(Connection& c, int64_t policy_id, const std::string& due_by,
                                                 const std::string& next) {
  Statement& cl = c.statement("policies", "claim_publication").bind(1, policy_id).bind(2, due_by).bind(3, next);
  const bool claimed = cl.next();
  MAMORI_RETURN_IF_ERROR(cl.status());
  if (!claimed) return std::optional<publication::Target>();
  Statement& t = c.statement("policies", "publication_target").bind(1, policy_id);
  if (!t.next()) return no_row(t, "policy_not_found");
  return std::optional<publication::Target>(publication::Target{
      t.int64(0), t.text(1), t.text(2), t.int64(3), publication::Baseline{t.text(4), t.int64(5)}});
}

}  // namespace

Result<std::optional<publication::Target>> SqlPolicyRepository::claim_due_publication(const std::string& now,
                                                                                        const std::string& next) {
  return write_value<std::optional<publication::Target>>(
      db_, [&](Connection& c) -> Result<std::optional<publication::Target>> {
        Statement& due = c.statement("policies", "due_publication").bind(1, now);
        if (!due.next()) {
          MAMORI_RETURN_IF_ERROR(due.status());
          return std::optional<publication::Target>();
        }
        const int64_t id = due.int64(0);
        return claim(c, id, now, next);
      });
}

Result<publication::Target> SqlPolicyRepository::claim_publication(const std::string& body_code, int64_t policy_id,
                                                                   const std::string& next) {
  return write_value<publication::Target>(db_, [&](Connection& c) -> Result<publication::Target> {
    Statement& p = c.statement("policies", "policy_published").bind(1, body_code).bind(2, policy_id);
    if (!p.next()) return no_row(p, "policy_not_found", {{"id", std::to_string(policy_id)}});
    if (p.int64(0) == 0) return Status::FailedPrecondition("policy_not_published");
    MAMORI_ASSIGN_OR_RETURN(auto t, claim(c, policy_id, "9999-12-31T23:59:59Z", next));
    if (!t) return Status::Internal("claim_publication claimed nothing");
    return *t;
  });
}

Status SqlPolicyRepository::record_check(const publication::Target& target, const publication::Check& check,
                                         const publication::Baseline& baseline) {
  return db_.write([&](Connection& c) -> Status {
    // The board lists failing checks: a changed outcome is a new version of what it shows
    // (the same outcome again leaves the board's rows as they are).
    Statement& was = c.statement("policies", "check_outcome").bind(1, target.policy_id);
    const std::string before = was.next() ? was.text(0) : "";
    MAMORI_RETURN_IF_ERROR(was.status());
    if (before != publication::to_string(check.outcome)) MAMORI_RETURN_IF_ERROR(lock(c, target.body_code));
    return c.statement("policies", "record_check")
        .bind(1, target.policy_id)
        .bind(2, target.url)
        .bind(3, check.checked_at)
        .bind(4, static_cast<int64_t>(check.status_code))
        .bind(5, check.final_url)
        .bind(6, check.sha256)
        .bind(7, publication::to_string(check.outcome))
        .bind(8, check.error)
        .bind(9, baseline.sha256)
        .bind(10, baseline.revision)
        .run()
        .status();
  });
}

}  // namespace mamori::store
