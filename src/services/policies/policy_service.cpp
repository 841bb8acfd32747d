#include "services/policies/policy_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/access_policy.h"

namespace mamori {

namespace pol = policies;

Result<std::shared_ptr<const PolicyService::BoardCache>> PolicyService::board_rows() {
  // The version first: rows read after it are at least as new, so a cache never holds rows
  // older than its version says.
  MAMORI_ASSIGN_OR_RETURN(int64_t version, store_.policies().board_version());
  {
    std::lock_guard lock(board_mu_);
    if (board_ && board_->version == version) return board_;
  }
  auto fresh = std::make_shared<BoardCache>();
  fresh->version = version;
  MAMORI_ASSIGN_OR_RETURN(fresh->rows, store_.policies().board_rows());
  for (const auto& r : fresh->rows.organs) fresh->organs_of[r.organ.body_code].push_back(&r);
  std::lock_guard lock(board_mu_);
  if (!board_ || board_->version <= version) board_ = fresh;
  return std::shared_ptr<const BoardCache>(fresh);
}

Result<PolicyService::ReadableBoard> PolicyService::readable_board(const User& user) {
  MAMORI_ASSIGN_OR_RETURN(auto all, store_.bodies().list_bodies(ports::BodyFilter{.limit = 100000}));
  ReadableBoard out;
  MAMORI_ASSIGN_OR_RETURN(out.cache, board_rows());
  const auto& organs_of = out.cache->organs_of;
  for (auto& b : all) {
    if (!auth::can_read_body(user, auth::BodyRef{b.code, b.prefecture_code})) continue;
    out.readable.insert(b.code);
    pol::BoardBody bb{.body = std::move(b)};
    const Body& body = bb.body;
    if (auto it = organs_of.find(body.code); it != organs_of.end()) {
      bb.registered = true;
      for (const auto* r : it->second)
        bb.organs.push_back(pol::BoardOrgan{body.code, r->organ.name, r->organ.kind, pol::counted(r->organ), r->status,
                                            r->adopted_on, r->published_on});
    } else {
      for (const auto& o : pol::default_organs(body)) bb.organs.push_back(pol::BoardOrgan{body.code, o.name, o.kind, pol::counted(o)});
    }
    out.bodies.push_back(std::move(bb));
  }
  return out;
}

Result<pol::Board> PolicyService::board(const User& user) {
  MAMORI_ASSIGN_OR_RETURN(auto r, readable_board(user));
  const auto& rows = r.cache->rows;
  std::vector<pol::BoardReview> reviews;
  for (const auto& p : rows.policies) {
    if (!r.readable.count(p.body_code)) continue;
    pol::Policy policy{.state = pol::PolicyState::kAdopted, .adopted_on = p.adopted_on, .review_months = p.review_months};
    if (p.last_review) policy.reviews.push_back(pol::Review{.done_on = p.last_review});
    reviews.push_back(pol::BoardReview{p.body_code, p.title, pol::review_due(policy)});
  }
  pol::Board board = pol::board_of(r.bodies, reviews, clock_.today_in_japan());
  for (const auto& c : rows.failing)
    if (r.readable.count(c.body_code)) board.failing_checks.push_back(c);
  return board;
}

Result<std::vector<pol::BoardBody>> PolicyService::board_bodies(const User& user) {
  MAMORI_ASSIGN_OR_RETURN(auto r, readable_board(user));
  return std::move(r.bodies);
}

Result<BodyPolicyView> PolicyService::view(const Body& body) {
  MAMORI_ASSIGN_OR_RETURN(auto held, store_.policies().body_policies(body.code));
  // Before the body registers its organs, they are its type's (without ids): reading never
  // writes.
  const bool registered = !held.organs.empty();
  if (!registered) held.organs = pol::default_organs(body);
  const std::string today = clock_.today_in_japan();
  BodyPolicyView v;
  v.registered = registered;
  for (auto& o : held.organs) {
    OrganView ov{o, pol::counted(o), pol::status_of(o.id, held.policies)};
    if (ov.counted) {
      ++v.required;
      if (ov.status >= pol::OrganStatus::kAdopted) ++v.adopted;
      if (ov.status == pol::OrganStatus::kPublished) ++v.published;
    }
    v.organs.push_back(std::move(ov));
  }
  for (auto& p : held.policies) {
    PolicyView pv{p, pol::review_due(p), pol::review_overdue(p, today)};
    for (const auto& c : held.checks)
      if (c.policy_id == p.id) pv.publication_check = c;
    v.policies.push_back(std::move(pv));
  }
  std::stable_sort(held.roles.begin(), held.roles.end(),
                   [](const pol::RoleHolder& a, const pol::RoleHolder& b) { return a.role < b.role; });
  v.structure = pol::check_structure(held.roles, today).ok();
  v.roles = std::move(held.roles);
  return v;
}

Result<int64_t> PolicyService::register_organs(const Body& body) {
  return store_.policies().register_organs(body.code, pol::default_organs(body));
}

Result<int64_t> PolicyService::add_organ(const Body& body, const std::string& kind, const std::string& name) {
  auto k = pol::parse_organ_kind(kind);
  Status s = Status::InvalidArgument("invalid_fields");
  if (!k) s.with_field("kind", "field.organ_kind");
  if (name.empty() || name.size() > 200) s.with_field("name", "field.required");
  if (!s.fields().empty()) return s;
  return store_.policies().add_organ(pol::Organ{.body_code = body.code, .kind = *k, .name = name});
}

Status PolicyService::set_scope(const Body& body, int64_t organ_id, const std::string& scope, const std::string& basis,
                                const User& by) {
  auto sc = pol::parse_scope(scope);
  if (!sc) return Status::InvalidField("scope", "field.scope");
  if (*sc == pol::Scope::kExcluded) {
    MAMORI_ASSIGN_OR_RETURN(auto held, store_.policies().body_policies(body.code));
    for (const auto& o : held.organs)
      if (o.id == organ_id && !pol::excluded_by_law(o.kind)) return Status::InvalidField("scope", "policy.excluded_only_by_law");
  }
  if (*sc != pol::Scope::kRequired && basis.empty())
    return Status::InvalidField("basis", *sc == pol::Scope::kExcluded ? "policy.basis_required" : "policy.reason_required");
  if (basis.size() > 2000) return Status::InvalidField("basis", "field.too_long", {{"max", "2000"}});
  return store_.policies().set_scope(body.code, organ_id, *sc, *sc == pol::Scope::kRequired ? "" : basis,
                                     *sc == pol::Scope::kIndividual ? by.display_name : "");
}

Status PolicyService::approve_scope(const Body& body, int64_t organ_id, const User& mic) {
  return store_.policies().approve_scope(body.code, organ_id, mic.display_name);
}

ports::PolicyRepository::PolicyCheck PolicyService::check_for(const pol::Policy& p) const {
  const std::string today = clock_.today_in_japan();
  return [p, today, allowed = allowed_private_](const ports::BodyPolicies& held) -> Status {
    Status s = pol::check_policy(p, held.organs, today);
    // A URL the publication check may fetch: no credentials, no private address (named with
    // the other fields' errors).
    if (!p.publication_url.empty() && (s.ok() || !s.fields().count("publication_url"))) {
      const std::string reason = publication::refusal_reason(publication::check_given_url(p.publication_url, allowed));
      if (!reason.empty()) {
        if (s.ok()) s = Status::InvalidArgument("invalid_fields");
        s.with_field("publication_url", reason == "private_address" ? "policy.url_private"
                                        : reason == "credentials"   ? "policy.url_credentials"
                                                                    : "policy.url");
      }
    }
    MAMORI_RETURN_IF_ERROR(s);
    // 策定済み only once the structure is on record (000:87,111).
    if (p.state == pol::PolicyState::kAdopted) MAMORI_RETURN_IF_ERROR(pol::check_structure(held.roles, today));
    return Status::Ok();
  };
}

Result<int64_t> PolicyService::create_policy(const Body& body, pol::Policy p, const User& by) {
  p.body_code = body.code;
  p.updated_by = by.display_name;
  return store_.policies().create_policy(p, check_for(p));
}

Status PolicyService::update_policy(const Body& body, pol::Policy p, int64_t revision, const User& by) {
  p.body_code = body.code;
  p.updated_by = by.display_name;
  return store_.policies().update_policy(p, revision, check_for(p));
}

Result<int64_t> PolicyService::add_review(const Body& body, int64_t policy_id, const pol::Review& review, const User& by) {
  MAMORI_RETURN_IF_ERROR(pol::check_review(review, clock_.today_in_japan()));
  return store_.policies().add_review(body.code, policy_id, review, by.display_name);
}

Result<int64_t> PolicyService::add_role(const Body& body, pol::RoleHolder h, const User& by) {
  Status s = Status::InvalidArgument("invalid_fields");
  if (h.person.empty() || h.person.size() > 200) s.with_field("person", "field.required");
  if (!is_iso_date(h.since))
    s.with_field("since", "field.date");
  else if (h.since > clock_.today_in_japan())
    s.with_field("since", "policy.since_in_future");
  for (const auto* t : {&h.title, &h.department, &h.contact})
    if (t->size() > 500) s.with_field(t == &h.title ? "title" : t == &h.department ? "department" : "contact", "field.too_long",
                                      {{"max", "500"}});
  if (!s.fields().empty()) return s;
  h.body_code = body.code;
  h.recorded_by = by.display_name;
  return store_.policies().add_role(h);
}

Status PolicyService::end_role(const Body& body, int64_t holder_id, const std::string& until) {
  if (!is_iso_date(until)) return Status::InvalidField("until", "field.date");
  MAMORI_ASSIGN_OR_RETURN(auto held, store_.policies().body_policies(body.code));
  for (const auto& h : held.roles)
    if (h.id == holder_id && until < h.since) return Status::InvalidField("until", "policy.until_before_since");
  return store_.policies().end_role(body.code, holder_id, until);
}

}  // namespace mamori
