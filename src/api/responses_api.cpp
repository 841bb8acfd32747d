// One body's response: read, autosave an answer, history, confirm a category,
// workflow steps, diffs. Every route names the response in {id}; the access
// policy has already checked the response's body.
#include <cstdio>

#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

Result<int> category_param(const Request& req) {
  const std::string& s = req.param("n");
  if (s.size() != 1 || s[0] < '1' || s[0] > '8')
    return Status::InvalidArgument("invalid_category");
  return s[0] - '0';
}

// 409 "stale_version": someone saved the answer first. The message says who (or that it
// was the same person in another window); "current" is the answer now, for both to show.
Response stale_response(const StaleAnswer& stale, int64_t saving_user) {
  const AnswerRecord& cur = stale.current;
  bool self = cur.updated_by && *cur.updated_by == saving_user;
  return http::error_response(Status::Aborted("stale_version", {{"who", cur.updated_by_name}})
                                  .with_message(self ? "stale_version.self" : "stale_version.other"),
                              json::object{{"current", answer_json(cur)}});
}

Response view(Services& s, const Request& req, const Context&) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto v = s.responses.view(*id);
  if (!v.ok()) return http::error_response(v.status());
  return http::json_response(response_view_json(*v));
}

Response save(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"version", "value", "not_applicable", "na_reason", "comment", "evidence_url"});
  AnswerInput in;
  in.version = f.integer("version", true).value_or(-1);
  if (const json::value* v = f.raw("value"); v && !v->is_null()) in.value = *v;
  in.not_applicable = f.boolean("not_applicable", false).value_or(false);
  in.na_reason = f.string("na_reason", false, 2000).value_or("");
  in.comment = f.string("comment", false, 4000).value_or("");
  in.evidence_url = f.string("evidence_url", false, 2000).value_or("");
  if (!f.status().ok()) return http::error_response(f.status());
  auto saved = s.responses.save_answer(*ctx.user, *id, req.param("qid"), in);
  if (!saved.ok()) return http::error_response(saved.status());
  if (const auto* stale = std::get_if<StaleAnswer>(&*saved)) return stale_response(*stale, ctx.user->id);
  return http::json_response(answer_json(std::get<AnswerRecord>(*saved)));
}

Response history(Services& s, const Request& req, const Context&) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  if (Status q = s.responses.check_question(*id, req.param("qid")); !q.ok()) return http::error_response(q);
  auto h = s.store.history(*id, req.param("qid"));
  if (!h.ok()) return http::error_response(h.status());
  json::array out;
  for (const auto& e : *h)
    out.push_back(json::object{{"version", e.version},
                               {"user", e.user_name},
                               {"at", e.at},
                               {"old", parse_or_null(e.old_json)},
                               {"new", parse_or_null(e.new_json)}});
  return http::json_response(json::object{{"question_id", req.param("qid")}, {"history", std::move(out)}});
}

// Reads an optional JSON body with only the given fields.
Result<json::object> small_body(const Request& req) {
  if (req.body.empty()) return json::object{};
  return http::parse_object(req.body);
}

Response category_action(Services& s, const Request& req, const Context& ctx, const std::string& action) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto n = category_param(req);
  if (!n.ok()) return http::error_response(n.status());
  auto obj = small_body(req);
  if (!obj.ok()) return http::error_response(obj.status());
  if (action == "confirm") {
    http::FieldReader f(*obj, {});
    if (!f.status().ok()) return http::error_response(f.status());
    auto count = s.responses.confirm_category(*ctx.user, *id, *n);
    if (!count.ok()) return http::error_response(count.status());
    return http::json_response(json::object{{"confirmed", *count}});
  }
  Status st;
  if (action == "ready") {
    http::FieldReader f(*obj, {"ready"});
    auto ready = f.boolean("ready", true);
    if (!f.status().ok()) return http::error_response(f.status());
    st = s.responses.mark_category(*ctx.user, *id, *n, *ready);
  } else {
    http::FieldReader f(*obj, {"assignee"});
    auto assignee = f.integer("assignee", false);
    if (!f.status().ok()) return http::error_response(f.status());
    st = s.responses.assign_category(*ctx.user, *id, *n, assignee);
  }
  if (!st.ok()) return http::error_response(st);
  return view(s, req, ctx);
}

// Workflow steps that take an optional comment (and, for a return, a category).
Response step(Services& s, const Request& req, const Context& ctx, const std::string& action) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = small_body(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"comment", "category"});
  std::string comment = f.string("comment", false, 4000).value_or("");
  std::optional<int64_t> category = f.integer("category", false);
  if (category && action != "return")
    f.fail("category", "field.category_not_used");
  if (!f.status().ok()) return http::error_response(f.status());
  Status st;
  if (action == "request-review")
    st = s.responses.request_review(*ctx.user, *id, comment);
  else if (action == "return")
    st = s.responses.approver_return(
        *ctx.user, *id, category ? std::optional<int>(static_cast<int>(*category)) : std::nullopt, comment);
  else if (action == "submit")
    st = s.responses.submit(*ctx.user, *id, comment);
  else if (action == "accept")
    st = s.responses.accept(*ctx.user, *id, comment);
  else if (action == "national-return")
    st = s.responses.national_return(*ctx.user, *id, comment);
  else if (action == "reopen")
    st = s.campaigns.reopen_response(*ctx.user, *id, comment);
  if (!st.ok()) return http::error_response(st);
  // The step is stored; the figures follow (a failure here only delays them until the next
  // rebuild, so it is logged, not returned).
  if (Status a = s.analytics.refresh(*id); !a.ok())
    std::fprintf(stderr, "analytics: refresh of response %lld failed: %s %s\n", static_cast<long long>(*id),
                 a.message_en().c_str(), a.internal_detail().c_str());
  return view(s, req, ctx);
}

Response diff(Services& s, const Request& req, const Context&) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  std::string against = req.query("against").value_or("last_year");
  Result<std::vector<DiffEntry>> d = against == "last_year" ? s.responses.diff_last_year(*id)
                                     : against == "last_submission"
                                         ? s.responses.diff_last_submission(*id)
                                         : Result<std::vector<DiffEntry>>(Status::InvalidArgument(
                                               "invalid_filter", {{"name", "against"}, {"value", against},
                                                                  {"allowed", "last_year, last_submission"}}));
  if (!d.ok()) return http::error_response(d.status());
  return http::json_response(json::object{{"against", against}, {"changes", diff_json(*d)}});
}

Response events(Services& s, const Request& req, const Context&) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto ev = s.store.events(*id);
  if (!ev.ok()) return http::error_response(ev.status());
  json::array out;
  for (const auto& e : *ev) {
    json::object o{{"action", e.action},   {"from", e.from_state}, {"to", e.to_state},
                   {"comment", e.comment}, {"at", e.at},           {"user", e.user_name}};
    o["category"] = e.category ? json::value(*e.category) : json::value(nullptr);
    out.push_back(std::move(o));
  }
  return http::json_response(json::object{{"events", std::move(out)}});
}

Response mine(Services& s, const Request&, const Context& ctx) {
  json::array out;
  if (!ctx.user->body_code.empty()) {
    auto list = s.store.responses_of_body(ctx.user->body_code);
    if (!list.ok()) return http::error_response(list.status());
    for (const auto& r : *list) out.push_back(response_summary_json(r));
  }
  return http::json_response(json::object{{"responses", std::move(out)}});
}

}  // namespace

void register_response_routes(RouteTable& r, Services& s) {
  const std::string read(auth::kBodyRead), edit(auth::kResponseEdit), review(auth::kResponseReview),
      accept(auth::kResponseAccept), manage(auth::kNationalManage);
  r.add({"GET", "/api/me/responses", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return mine(s, q, c); }});
  r.add({"GET", "/api/responses/{id}", read, Target::kResponseParam, [&s](const Request& q, const Context& c) { return view(s, q, c); }});
  r.add({"PUT", "/api/responses/{id}/answers/{qid}", edit, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return save(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/answers/{qid}/history", read, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return history(s, q, c); }});
  r.add({"POST", "/api/responses/{id}/categories/{n}/confirm", edit, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return category_action(s, q, c, "confirm"); }});
  r.add({"POST", "/api/responses/{id}/categories/{n}/ready", edit, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return category_action(s, q, c, "ready"); }});
  r.add({"POST", "/api/responses/{id}/categories/{n}/assign", review, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return category_action(s, q, c, "assign"); }});
  r.add({"POST", "/api/responses/{id}/request-review", edit, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "request-review"); }});
  r.add({"POST", "/api/responses/{id}/return", review, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "return"); }});
  r.add({"POST", "/api/responses/{id}/submit", review, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "submit"); }});
  r.add({"POST", "/api/responses/{id}/accept", accept, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "accept"); }});
  r.add({"POST", "/api/responses/{id}/national-return", accept, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "national-return"); }});
  r.add({"POST", "/api/responses/{id}/reopen", accept, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return step(s, q, c, "reopen"); }});
  r.add(
      {"GET", "/api/responses/{id}/diff", read, Target::kResponseParam, [&s](const Request& q, const Context& c) { return diff(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/events", read, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return events(s, q, c); }});
}

}  // namespace mamori::api
