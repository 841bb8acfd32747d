// The policy obligation of one body (services/policies, docs/POLICIES.md): its organs and
// their scope, its 方針 and their reviews, and its security roles. Anyone who may read the
// body reads them (body.read); the body's approver changes them (body.govern); MIC approves
// an organ's individual scope decision (national.manage).
#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "api/api.h"
#include "api/reminders.h"
#include "api/table_download.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;
namespace pol = policies;
namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object organ_json(const OrganView& v) {
  const pol::Organ& o = v.organ;
  return {{"id", o.id},
          {"kind", pol::to_string(o.kind)},
          {"name", o.name},
          {"scope", pol::to_string(o.scope)},
          {"scope_basis", o.scope_basis},
          {"decided_by", o.decided_by},
          {"approved_by", o.approved_by},
          {"approved_at", opt(o.approved_at)},
          {"counted", v.counted},
          {"status", pol::to_string(v.status)}};
}

json::value check_json(const std::optional<publication::Check>& c) {
  if (!c) return nullptr;
  return json::object{{"policy_id", c->policy_id},
                      {"body_code", c->body_code},
                      {"title", c->title},
                      {"url", c->url},
                      {"checked_at", c->checked_at},
                      {"status_code", c->status_code},
                      {"final_url", c->final_url},
                      {"outcome", publication::to_string(c->outcome)},
                      {"failing", publication::failing(c->outcome)},
                      {"error", c->error}};
}

json::object policy_json(const PolicyView& v) {
  const pol::Policy& p = v.policy;
  json::array organs, reviews;
  for (int64_t id : p.organs) organs.push_back(id);
  for (const auto& r : p.reviews)
    reviews.push_back(json::object{{"id", r.id},
                                   {"planned_on", r.planned_on},
                                   {"done_on", opt(r.done_on)},
                                   {"done_by", r.done_by},
                                   {"outcome", r.outcome},
                                   {"new_version", r.new_version}});
  return {{"id", p.id},
          {"title", p.title},
          {"version", p.version},
          {"basis", pol::to_string(p.basis)},
          {"state", pol::to_string(p.state)},
          {"adopted_on", opt(p.adopted_on)},
          {"effective_on", opt(p.effective_on)},
          {"approving_organ", p.approving_organ ? json::value(*p.approving_organ) : json::value(nullptr)},
          {"publication_url", p.publication_url},
          {"published_on", opt(p.published_on)},
          {"published", pol::published(p)},
          {"review_months", p.review_months},
          {"review_due", opt(v.review_due)},
          {"review_overdue", v.review_overdue},
          {"organs", std::move(organs)},
          {"reviews", std::move(reviews)},
          {"publication_check", check_json(v.publication_check)},
          {"revision", p.revision},
          {"updated_by", p.updated_by},
          {"updated_at", p.updated_at}};
}

json::object role_json(const pol::RoleHolder& h) {
  return {{"id", h.id},           {"role", pol::to_string(h.role)}, {"person", h.person},
          {"title", h.title},     {"department", h.department},     {"contact", h.contact},
          {"since", h.since},     {"until", opt(h.until)},          {"recorded_by", h.recorded_by},
          {"recorded_at", h.recorded_at}};
}

Response view(Services& s, const Request&, const Context& ctx) {
  auto v = s.policies.view(*ctx.body);
  if (!v.ok()) return http::error_response(v.status());
  json::array organs, policies, roles;
  for (const auto& o : v->organs) organs.push_back(organ_json(o));
  for (const auto& p : v->policies) policies.push_back(policy_json(p));
  for (const auto& r : v->roles) roles.push_back(role_json(r));
  return http::json_response(json::object{{"body_code", ctx.body->code},
                                          {"registered", v->registered},
                                          {"organs", std::move(organs)},
                                          {"policies", std::move(policies)},
                                          {"roles", std::move(roles)},
                                          {"required", v->required},
                                          {"adopted", v->adopted},
                                          {"published", v->published},
                                          {"structure", v->structure}});
}

json::object share_json(const pol::Share& s) {
  return {{"required", s.required}, {"adopted", s.adopted}, {"published", s.published}};
}

// The board of the bodies the user may read; `missing` lists at most 500 bodies (with the
// total in `missing_total`).
Response board(Services& s, const Request&, const Context& ctx) {
  auto b = s.policies.board(*ctx.user);
  if (!b.ok()) return http::error_response(b.status());
  json::array groups, kinds, trend, missing, overdue;
  for (const auto& g : b->groups) {
    json::object o = share_json(g.organs);
    o["group"] = pol::to_string(g.group);
    o["bodies"] = g.bodies;
    o["bodies_complete"] = g.bodies_complete;
    groups.push_back(std::move(o));
  }
  for (const auto& k : b->kinds) {
    json::object o = share_json(k.organs);
    o["kind"] = pol::to_string(k.kind);
    o["label"] = pol::organ_label_ja(k.kind);
    kinds.push_back(std::move(o));
  }
  for (const auto& m : b->trend) {
    json::object o = share_json(m.organs);
    o["month"] = m.month;
    o["label"] = pol::wareki_month(m.month);
    trend.push_back(std::move(o));
  }
  for (size_t i = 0; i < b->missing.size() && i < 500; ++i) {
    const auto& m = b->missing[i];
    json::array organs;
    for (const auto& n : m.organs) organs.push_back(json::string(n));
    missing.push_back(json::object{
        {"code", m.body_code}, {"name", m.body_name}, {"organs", std::move(organs)}, {"registered", m.registered}});
  }
  for (const auto& r : b->overdue)
    overdue.push_back(json::object{{"code", r.body_code}, {"title", r.title}, {"due", opt(r.due)}});
  json::array failing;
  for (const auto& c : b->failing_checks) failing.push_back(check_json(c));
  return http::json_response(json::object{{"failing_checks", std::move(failing)},
                                          {"groups", std::move(groups)},
                                          {"kinds", std::move(kinds)},
                                          {"trend", std::move(trend)},
                                          {"missing", std::move(missing)},
                                          {"missing_total", b->missing.size()},
                                          {"overdue", std::move(overdue)}});
}

Response created(const Result<int64_t>& id) {
  if (!id.ok()) return http::error_response(id.status());
  return http::json_response(json::object{{"id", *id}}, 201);
}

Response done(const Status& st) {
  if (!st.ok()) return http::error_response(st);
  return http::json_response(json::object{{"ok", true}});
}

Response register_organs(Services& s, const Request&, const Context& ctx) {
  auto n = s.policies.register_organs(*ctx.body);
  if (!n.ok()) return http::error_response(n.status());
  return http::json_response(json::object{{"registered", *n}}, 201);
}

Response add_organ(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"kind", "name"});
  auto kind = f.string("kind", true, 64);
  auto name = f.string("name", true, 200);
  if (Status st = f.status(); !st.ok()) return http::error_response(st);
  return created(s.policies.add_organ(*ctx.body, *kind, *name));
}

Response set_scope(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"scope", "basis"});
  auto scope = f.string("scope", true, 32);
  auto basis = f.string("basis", false, 2000);
  if (Status st = f.status(); !st.ok()) return http::error_response(st);
  return done(s.policies.set_scope(*ctx.body, *id, *scope, basis.value_or(""), *ctx.user));
}

Response approve_scope(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  return done(s.policies.approve_scope(*ctx.body, *id, *ctx.user));
}

// A policy as the request gives it; every field replaces the stored one.
Result<pol::Policy> policy_of(const json::object& obj, int64_t* revision) {
  http::FieldReader f(obj, {"title", "version", "basis", "state", "adopted_on", "effective_on", "approving_organ",
                            "publication_url", "published_on", "review_months", "organs", "revision"});
  pol::Policy p;
  p.title = f.string("title", true, 200).value_or("");
  p.version = f.string("version", false, 50).value_or("");
  if (auto b = f.string("basis", true, 32)) {
    if (auto v = pol::parse_policy_basis(*b)) p.basis = *v;
    else f.fail("basis", "field.policy_basis");
  }
  if (auto st = f.string("state", true, 32)) {
    if (auto v = pol::parse_policy_state(*st)) p.state = *v;
    else f.fail("state", "field.policy_state");
  }
  p.adopted_on = f.string("adopted_on", false, 10);
  p.effective_on = f.string("effective_on", false, 10);
  p.approving_organ = f.integer("approving_organ", false);
  p.publication_url = f.string("publication_url", false, 2000).value_or("");
  p.published_on = f.string("published_on", false, 10);
  const int64_t months = f.integer("review_months", false).value_or(12);
  if (months < 1 || months > 60) f.fail("review_months", "policy.review_months");
  p.review_months = static_cast<int>(std::clamp<int64_t>(months, 1, 60));
  if (const json::value* organs = f.raw("organs"); organs && organs->is_array()) {
    for (const auto& o : organs->as_array())
      if (o.is_int64()) p.organs.push_back(o.as_int64());
      else f.fail("organs", "field.integer_array");
  } else {
    f.fail("organs", "policy.organs_required");
  }
  if (revision) *revision = f.integer("revision", true).value_or(0);
  MAMORI_RETURN_IF_ERROR(f.status());
  return p;
}

Response create_policy(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  auto p = policy_of(*obj, nullptr);
  if (!p.ok()) return http::error_response(p.status());
  return created(s.policies.create_policy(*ctx.body, std::move(*p), *ctx.user));
}

Response update_policy(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  int64_t revision = 0;
  auto p = policy_of(*obj, &revision);
  if (!p.ok()) return http::error_response(p.status());
  p->id = *id;
  return done(s.policies.update_policy(*ctx.body, std::move(*p), revision, *ctx.user));
}

Response add_review(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"planned_on", "done_on", "done_by", "outcome", "new_version"});
  pol::Review r;
  r.planned_on = f.string("planned_on", true, 10).value_or("");
  r.done_on = f.string("done_on", false, 10);
  r.done_by = f.string("done_by", false, 200).value_or("");
  r.outcome = f.string("outcome", false, 2000).value_or("");
  r.new_version = f.string("new_version", false, 50).value_or("");
  if (Status st = f.status(); !st.ok()) return http::error_response(st);
  return created(s.policies.add_review(*ctx.body, *id, r, *ctx.user));
}

// The board as a table to download: one row per organ of each body the reader may read, as
// the board counts it (docs/POLICIES.md "Exports").
Response board_export(Services& s, const Request& req, const Context& ctx) {
  auto d = table_download_of(req);
  if (!d.ok()) return http::error_response(d.status());
  auto bodies = s.policies.board_bodies(*ctx.user);
  if (!bodies.ok()) return http::error_response(bodies.status());
  d->header = {"団体コード", "団体名", "団体の区分", "機関", "機関の種類", "集計対象", "状態", "策定日", "公表日", "機関の登録"};
  d->sheet = "方針の策定状況";
  d->file_stem = "policy-board-" + s.clock.today_in_japan();
  return send_table(s, *d, [&](ports::TableSink& sink) {
    for (const auto& b : *bodies)
      for (const auto& o : b.organs)
        sink.row({b.body.code, b.body.name_ja, std::string(body_type_label_ja(b.body.type)), o.organ_name,
                  std::string(pol::organ_label_ja(o.kind)), std::string(o.counted ? "対象" : "対象外"),
                  std::string(pol::organ_status_label_ja(o.status)), o.adopted_on.value_or(""),
                  o.published_on.value_or(""), std::string(b.registered ? "登録済み" : "未登録（標準の機関）")});
    return Status::Ok();
  });
}

// A reminder, in-app and by e-mail, to bodies the board lists as missing (organs without an
// adopted 方針); the notices belong to no campaign.
Response remind(Services& s, const Request& req, const Context& ctx) {
  auto b = s.policies.board(*ctx.user);
  if (!b.ok()) return http::error_response(b.status());
  std::map<std::string, std::string> missing;  // code → name
  for (const auto& m : b->missing) missing[m.body_code] = m.body_name;
  return send_reminders(s, req, *ctx.user, 0, about_policy_obligation(), missing, "unknown_body.not_missing");
}

// Fetches a published policy's page now and answers the check (the body asks after fixing
// its page, or to see at once what the schedule would find).
Response check_publication(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto c = s.publication_checks.check_now(*ctx.body, *id);
  if (!c.ok()) return http::error_response(c.status());
  return http::json_response(check_json(*c).as_object());
}

Response add_role(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"role", "person", "title", "department", "contact", "since"});
  pol::RoleHolder h;
  if (auto r = f.string("role", true, 32)) {
    if (auto v = pol::parse_security_role(*r)) h.role = *v;
    else f.fail("role", "field.security_role");
  }
  h.person = f.string("person", true, 200).value_or("");
  h.title = f.string("title", false, 200).value_or("");
  h.department = f.string("department", false, 200).value_or("");
  h.contact = f.string("contact", false, 500).value_or("");
  h.since = f.string("since", true, 10).value_or("");
  if (Status st = f.status(); !st.ok()) return http::error_response(st);
  return created(s.policies.add_role(*ctx.body, std::move(h), *ctx.user));
}

Response end_role(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"until"});
  auto until = f.string("until", true, 10);
  if (Status st = f.status(); !st.ok()) return http::error_response(st);
  return done(s.policies.end_role(*ctx.body, *id, *until));
}

}  // namespace

void register_policy_routes(RouteTable& r, Services& s) {
  const std::string read(auth::kBodyRead), govern(auth::kBodyGovern), mic(auth::kNationalManage);
  auto handler = [&s](Response (*fn)(Services&, const Request&, const Context&)) {
    return [&s, fn](const Request& q, const Context& c) { return fn(s, q, c); };
  };
  r.add({"GET", "/api/policy-board", std::string(auth::kSession), Target::kNone, handler(board)});
  r.add({"GET", "/api/policy-board/export", std::string(auth::kSession), Target::kNone, handler(board_export)});
  r.add({"POST", "/api/policy-board/reminders", mic, Target::kNone, handler(remind)});
  r.add({"GET", "/api/bodies/{code}/policies", read, Target::kBodyParam, handler(view)});
  r.add({"POST", "/api/bodies/{code}/organs/register", govern, Target::kBodyParam, handler(register_organs)});
  r.add({"POST", "/api/bodies/{code}/organs", govern, Target::kBodyParam, handler(add_organ)});
  r.add({"PUT", "/api/bodies/{code}/organs/{id}/scope", govern, Target::kBodyParam, handler(set_scope)});
  r.add({"POST", "/api/bodies/{code}/organs/{id}/approve", mic, Target::kBodyParam, handler(approve_scope)});
  r.add({"POST", "/api/bodies/{code}/policies", govern, Target::kBodyParam, handler(create_policy)});
  r.add({"PUT", "/api/bodies/{code}/policies/{id}", govern, Target::kBodyParam, handler(update_policy)});
  r.add({"POST", "/api/bodies/{code}/policies/{id}/reviews", govern, Target::kBodyParam, handler(add_review)});
  r.add({"POST", "/api/bodies/{code}/policies/{id}/publication-check", govern, Target::kBodyParam,
         handler(check_publication)});
  r.add({"POST", "/api/bodies/{code}/security-roles", govern, Target::kBodyParam, handler(add_role)});
  r.add({"POST", "/api/bodies/{code}/security-roles/{id}/end", govern, Target::kBodyParam, handler(end_role)});
}

}  // namespace mamori::api
