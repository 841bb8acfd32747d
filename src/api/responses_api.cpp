// One body's response: read, autosave an answer, history, confirm a category,
// workflow steps, diffs. Every route names the response in {id}; the access
// policy has already checked the response's body.
#include <algorithm>
#include <map>

#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

// {n}: a category number, 1–999 (whether the catalogue has it is the service's question).
Result<int> category_param(const Request& req) {
  const std::string& s = req.param("n");
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return Status::InvalidArgument("invalid_category");
    n = n * 10 + (c - '0');
  }
  if (s.empty() || s.size() > 3 || n < 1) return Status::InvalidArgument("invalid_category");
  return n;
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

// The response of the context as the client shows it, with what this user may do.
Response view_of(Services& s, const ports::ResponseContext& rc, const User& user) {
  auto v = s.responses.view(rc);
  if (!v.ok()) return http::error_response(v.status());
  json::object o = response_view_json(*v, user);
  // The client fetches the catalogue under this version, which it may cache for good.
  o["catalog_version"] = s.catalog_documents.version(v->catalog->id);
  return http::json_response(std::move(o));
}

Response view(Services& s, const Request&, const Context& ctx) { return view_of(s, *ctx.response, *ctx.user); }

// After a change: the response as it is now (the change moved its revision).
Response reloaded_view(Services& s, const Context& ctx) {
  auto rc = s.responses.load(ctx.response->response.id);
  if (!rc.ok()) return http::error_response(rc.status());
  return view_of(s, *rc, *ctx.user);
}

// The body of an autosave: {"version", "value", "not_applicable", "na_reason", "comment",
// "evidence_url"}.
Result<AnswerInput> answer_input(const Request& req) {
  MAMORI_ASSIGN_OR_RETURN(json::object obj, http::parse_object(req.body));
  http::FieldReader f(obj, {"version", "value", "not_applicable", "na_reason", "comment", "evidence_url"});
  AnswerInput in;
  in.version = f.integer("version", true).value_or(-1);
  if (const json::value* v = f.raw("value"); v && !v->is_null()) in.value = *v;
  in.not_applicable = f.boolean("not_applicable", false).value_or(false);
  in.na_reason = f.string("na_reason", false, 2000).value_or("");
  in.comment = f.string("comment", false, 4000).value_or("");
  in.evidence_url = f.string("evidence_url", false, 2000).value_or("");
  MAMORI_RETURN_IF_ERROR(f.status());
  return in;
}

Response saved_response(const Result<SavedAnswer>& saved, int64_t user_id) {
  if (!saved.ok()) return http::error_response(saved.status());
  if (const auto* stale = std::get_if<StaleAnswer>(&*saved)) return stale_response(*stale, user_id);
  return http::json_response(answer_json(std::get<AnswerRecord>(*saved)));
}

Response save(Services& s, const Request& req, const Context& ctx) {
  auto in = answer_input(req);
  if (!in.ok()) return http::error_response(in.status());
  return saved_response(s.responses.save_answer(*ctx.user, *ctx.response, req.param("qid"), *in), ctx.user->id);
}

// The autosave as the server runs it, usually on an I/O thread (api/pipeline.h,
// handle_inline): the thread is free as soon as the save is queued, and the store's writer
// answers once the save is committed (no thread waits for the commit). A save whose
// context went stale, or that could not go on without waiting, is redone on a handler
// thread.
void save_async(Services& s, std::shared_ptr<const Request> req, Context ctx, Responder respond, Defer defer) {
  auto in = answer_input(*req);
  if (!in.ok()) return respond(http::error_response(in.status()));
  auto shared = std::make_shared<Context>(std::move(ctx));
  const User& user = *shared->user;
  const std::string& qid = req->param("qid");
  s.responses.save_answer_async(
      user, *shared->response, qid, *in,
      [respond, id = user.id](Result<SavedAnswer> saved) { respond(saved_response(saved, id)); },
      [&s, req, shared, in = *in, respond, defer]() {
        defer([&s, req, shared, in, respond] {
          auto fresh = s.responses.load(shared->response->response.id);
          if (!fresh.ok()) return respond(http::error_response(fresh.status()));
          respond(
              saved_response(s.responses.save_answer(*shared->user, *fresh, req->param("qid"), in), shared->user->id));
        });
      });
}

Response history(Services& s, const Request& req, const Context& ctx) {
  const std::string& qid = req.param("qid");
  if (Status q = s.responses.check_question(*ctx.response, qid); !q.ok()) return http::error_response(q);
  auto h = s.store.responses().history(ctx.response->response.id, qid);
  if (!h.ok()) return http::error_response(h.status());
  json::array out;
  for (const auto& e : *h)
    out.push_back(json::object{{"version", e.version},
                               {"user", e.user_name},
                               {"at", e.at},
                               {"old", parse_or_null(e.old_json)},
                               {"new", parse_or_null(e.new_json)},
                               {"note", e.note}});
  return http::json_response(json::object{{"question_id", qid}, {"history", std::move(out)}});
}

// Reads an optional JSON body.
Result<json::object> small_body(const Request& req) {
  if (req.body.empty()) return json::object{};
  return http::parse_object(req.body);
}

enum class CategoryAction { kConfirm, kReady, kAssign };

Response category_action(Services& s, const Request& req, const Context& ctx, CategoryAction action) {
  auto n = category_param(req);
  if (!n.ok()) return http::error_response(n.status());
  auto obj = small_body(req);
  if (!obj.ok()) return http::error_response(obj.status());
  const User& user = *ctx.user;
  const ports::ResponseContext& rc = *ctx.response;
  Status st;
  switch (action) {
    case CategoryAction::kConfirm: {
      http::FieldReader f(*obj, {});
      if (!f.status().ok()) return http::error_response(f.status());
      auto count = s.responses.confirm_category(user, rc, *n);
      if (!count.ok()) return http::error_response(count.status());
      return http::json_response(json::object{{"confirmed", *count}});
    }
    case CategoryAction::kReady: {
      http::FieldReader f(*obj, {"ready"});
      auto ready = f.boolean("ready", true);
      if (!f.status().ok()) return http::error_response(f.status());
      st = s.responses.mark_category(user, rc, *n, *ready);
      break;
    }
    case CategoryAction::kAssign: {
      http::FieldReader f(*obj, {"assignee"});
      auto assignee = f.integer("assignee", false);
      if (!f.status().ok()) return http::error_response(f.status());
      st = s.responses.assign_category(user, rc, *n, assignee);
      break;
    }
  }
  if (!st.ok()) return http::error_response(st);
  return reloaded_view(s, ctx);
}

// A workflow step with an optional comment (and, for the approver's return, a category).
Response step(Services& s, const Request& req, const Context& ctx, WorkflowAction action) {
  auto obj = small_body(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"comment", "category"});
  std::string comment = f.string("comment", false, 4000).value_or("");
  std::optional<int64_t> category = f.integer("category", false);
  if (category && action != WorkflowAction::kApproverReturn) f.fail("category", "field.category_not_used");
  if (category && (*category < 1 || *category > 999)) f.fail("category", "field.category_range");
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.responses.step(*ctx.user, *ctx.response, action, comment,
                               category ? std::optional<int>(static_cast<int>(*category)) : std::nullopt);
  if (!st.ok()) return http::error_response(st);
  return reloaded_view(s, ctx);
}

// MIC reopens one locked response of a closed campaign.
Response reopen(Services& s, const Request& req, const Context& ctx) {
  auto obj = small_body(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"comment"});
  std::string comment = f.string("comment", false, 4000).value_or("");
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.campaigns.reopen_response(*ctx.user, ctx.response->response.id, comment);
  if (!st.ok()) return http::error_response(st);
  return reloaded_view(s, ctx);
}

Response diff(Services& s, const Request& req, const Context& ctx) {
  std::string against = req.query("against").value_or("last_year");
  Result<std::vector<DiffEntry>> d =
      against == "last_year" ? s.responses.diff_last_year(*ctx.response)
      : against == "last_submission"
          ? s.responses.diff_last_submission(*ctx.response)
          : Result<std::vector<DiffEntry>>(Status::InvalidArgument(
                "invalid_filter",
                {{"name", "against"}, {"value", against}, {"allowed", "last_year, last_submission"}}));
  if (!d.ok()) return http::error_response(d.status());
  return http::json_response(json::object{{"against", against}, {"changes", diff_json(*d)}});
}

Response events(Services& s, const Request&, const Context& ctx) {
  auto ev = s.store.responses().events(ctx.response->response.id);
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

// The body's responses, newest fiscal year first and, within a year, MIC's survey before the
// other ministries' (the home page opens the first), each with its campaign's title, year and
// survey family.
Response mine(Services& s, const Request&, const Context& ctx) {
  json::array out;
  if (!ctx.user->body_code.empty()) {
    auto list = s.store.responses().responses_of_body(ctx.user->body_code);
    if (!list.ok()) return http::error_response(list.status());
    auto campaigns = s.store.campaigns().list_campaigns();
    if (!campaigns.ok()) return http::error_response(campaigns.status());
    std::map<int64_t, const Campaign*> by_id;
    for (const auto& c : *campaigns) by_id[c.id] = &c;
    struct Row {
      const ResponseRecord* r;
      const Campaign* c;
      std::string family;
    };
    std::vector<Row> rows;
    for (const auto& r : *list) {
      auto it = by_id.find(r.campaign_id);
      const Campaign* c = it == by_id.end() ? nullptr : it->second;
      const Catalog* cat = c ? s.catalogs.find(c->catalog_id) : nullptr;
      rows.push_back({&r, c, cat ? cat->family : std::string()});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      const int ya = a.c ? a.c->fiscal_year : 0, yb = b.c ? b.c->fiscal_year : 0;
      if (ya != yb) return ya > yb;
      return (a.family == "mic") > (b.family == "mic");
    });
    for (const auto& row : rows) {
      json::object o = response_summary_json(*row.r);
      o["family"] = row.family;
      if (row.c) {
        o["campaign_title"] = row.c->title;
        o["fiscal_year"] = row.c->fiscal_year;
        o["campaign_state"] = std::string(to_string(row.c->state));
      }
      out.push_back(std::move(o));
    }
  }
  return http::json_response(json::object{{"responses", std::move(out)}});
}

}  // namespace

void register_response_routes(RouteTable& r, Services& s) {
  const std::string read(auth::kBodyRead), edit(auth::kResponseEdit), review(auth::kResponseReview),
      accept(auth::kResponseAccept);
  auto handler = [&s](Response (*f)(Services&, const Request&, const Context&)) {
    return [&s, f](const Request& q, const Context& c) { return f(s, q, c); };
  };
  auto category = [&s](CategoryAction a) {
    return [&s, a](const Request& q, const Context& c) { return category_action(s, q, c, a); };
  };
  auto workflow = [&s](WorkflowAction a) {
    return [&s, a](const Request& q, const Context& c) { return step(s, q, c, a); };
  };
  r.add({"GET", "/api/me/responses", std::string(auth::kSession), Target::kNone, handler(mine)});
  r.add({"GET", "/api/responses/{id}", read, Target::kResponseParam, handler(view)});
  r.add({"PUT", "/api/responses/{id}/answers/{qid}", edit, Target::kResponseParam, handler(save),
         [&s](std::shared_ptr<const Request> q, Context c, Responder respond, Defer defer) {
           save_async(s, std::move(q), std::move(c), std::move(respond), std::move(defer));
         }});
  r.add({"GET", "/api/responses/{id}/answers/{qid}/history", read, Target::kResponseParam, handler(history)});
  r.add({"POST", "/api/responses/{id}/categories/{n}/confirm", edit, Target::kResponseParam,
         category(CategoryAction::kConfirm)});
  r.add({"POST", "/api/responses/{id}/categories/{n}/ready", edit, Target::kResponseParam,
         category(CategoryAction::kReady)});
  r.add({"POST", "/api/responses/{id}/categories/{n}/assign", review, Target::kResponseParam,
         category(CategoryAction::kAssign)});
  r.add({"POST", "/api/responses/{id}/request-review", edit, Target::kResponseParam,
         workflow(WorkflowAction::kRequestReview)});
  r.add({"POST", "/api/responses/{id}/return", review, Target::kResponseParam,
         workflow(WorkflowAction::kApproverReturn)});
  r.add({"POST", "/api/responses/{id}/submit", review, Target::kResponseParam, workflow(WorkflowAction::kSubmit)});
  r.add({"POST", "/api/responses/{id}/accept", accept, Target::kResponseParam, workflow(WorkflowAction::kAccept)});
  r.add({"POST", "/api/responses/{id}/national-return", accept, Target::kResponseParam,
         workflow(WorkflowAction::kNationalReturn)});
  r.add({"POST", "/api/responses/{id}/reopen", accept, Target::kResponseParam, handler(reopen)});
  r.add({"GET", "/api/responses/{id}/diff", read, Target::kResponseParam, handler(diff)});
  r.add({"GET", "/api/responses/{id}/events", read, Target::kResponseParam, handler(events)});
}

}  // namespace mamori::api
