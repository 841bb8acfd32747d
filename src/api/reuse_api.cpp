// Reuse between the ministries' surveys, as one response shows it (docs/MEASURES.md): which
// items hold a value given in another survey (with where, by whom, when), which wait for a
// person (要確認 / 要再確認), and a person's decision on an offered value.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "domain/ministry.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

json::value text_json(const Text& t) { return json::object{{"ja", t.ja}, {"en", t.en}}; }

// Where a measure's answer was given: the survey (ministry, catalogue, sample or not), the
// item (id, number, text), who gave it and when, and who took it as theirs elsewhere.
json::value source_json(Services& s, const ports::MeasureAnswer& m) {
  json::object o{{"response_id", m.source_response_id},
                 {"campaign_id", m.source_campaign_id},
                 {"catalog_id", m.source_catalog_id},
                 {"question_id", m.source_question_id},
                 {"given_by", m.given_by_name},
                 {"given_at", m.given_at},
                 {"confirmed_by", m.confirmed_by ? json::value(m.confirmed_by_name) : json::value(nullptr)},
                 {"confirmed_at", m.confirmed_at ? json::value(*m.confirmed_at) : json::value(nullptr)}};
  if (const Catalog* cat = s.catalogs.find(m.source_catalog_id)) {
    o["catalog_title"] = text_json(cat->title);
    o["sample"] = cat->sample;
    if (const Ministry* ministry = find_ministry(cat->family)) {
      o["ministry"] = std::string(ministry->id);
      o["ministry_name"] = text_json(ministry->abbreviation);
    }
    if (const Question* q = cat->find(m.source_question_id)) {
      o["question_number"] = q->number;
      o["question_text"] = text_json(q->text);
    }
  }
  return o;
}

json::value item_json(Services& s, const ports::ItemReuse& r) {
  json::object o{{"state", std::string(to_string(r.mark.state))},
                 {"relation", std::string(to_string(r.mark.relation))},
                 {"measure_id", r.mark.measure_id},
                 {"measure_revision", r.mark.measure_revision},
                 {"candidate", r.mark.candidate ? parse_or_null(*r.mark.candidate) : json::value(nullptr)},
                 {"source", r.source ? source_json(s, *r.source) : json::value(nullptr)}};
  if (const Measure* m = s.reuse.crosswalk().bank.find(r.mark.measure_id))
    o["measure"] = json::object{{"definition", text_json(m->definition)}, {"steward", m->steward}, {"version", m->version}};
  return o;
}

// GET /api/responses/{id}/reuse
Response reuse_view(Services& s, const Request&, const Context& ctx) {
  const ResponseRecord& r = ctx.response->response;
  auto cat = s.responses.catalog_of(r);
  if (!cat.ok()) return http::error_response(cat.status());
  auto items = s.reuse.reuse_of(r.id);
  if (!items.ok()) return http::error_response(items.status());
  json::object by_question;
  int64_t filled = 0, waiting = 0;
  for (const auto& [qid, item] : *items) {
    by_question[qid] = item_json(s, item);
    if (item.mark.state == ReuseState::kFilled || item.mark.state == ReuseState::kConfirmed) ++filled;
    if (item.mark.state == ReuseState::kProposed || item.mark.state == ReuseState::kRecheck) ++waiting;
  }
  json::object o{{"response_id", r.id},
                 {"catalog_id", (*cat)->id},
                 {"sample", (*cat)->sample},
                 {"mapped", s.reuse.mapped_items((*cat)->id)},
                 {"filled", filled},
                 {"waiting", waiting},
                 {"items", std::move(by_question)}};
  if (const Ministry* ministry = find_ministry((*cat)->family)) o["ministry_name"] = text_json(ministry->abbreviation);
  return http::json_response(std::move(o));
}

// POST /api/responses/{id}/answers/{qid}/reuse {"accept": bool, "measure_revision": n}
Response decide(Services& s, const Request& req, const Context& ctx) {
  const std::string& qid = req.param("qid");
  if (Status q = s.responses.check_question(*ctx.response, qid); !q.ok()) return http::error_response(q);
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"accept", "measure_revision"});
  const bool accept = f.boolean("accept", true).value_or(false);
  const int64_t seen = f.integer("measure_revision", true).value_or(0);
  if (!f.status().ok()) return http::error_response(f.status());
  const ResponseRecord& r = ctx.response->response;
  auto decided = s.reuse.decide(ports::ReuseDecisionRequest{r.id, qid, accept, seen, r.revision, ctx.user->id});
  if (!decided.ok()) {
    if (decided.status().error_code() != "reuse_changed") return http::error_response(decided.status());
    // 409 with both values: the item's answer as it is and the value offered now.
    json::object current;
    for (const auto& [k, v] : decided.status().args())
      if (k == "candidate") current["candidate"] = parse_or_null(v);
      else if (k == "revision") current["measure_revision"] = std::stoll(v);
    auto answer = s.store.responses().get_answer(r.id, qid);
    if (answer.ok()) current["answer"] = answer_json(*answer);
    return http::error_response(decided.status(), json::object{{"current", std::move(current)}});
  }
  return http::json_response(answer_json(*decided));
}

// GET /api/analytics/reuse (MIC): the entries bodies did not have to make again, in total and
// per campaign of a mapped survey (filled from another survey, waiting for a person).
Response national_reuse(Services& s) {
  auto saved = s.reuse.entries_saved();
  if (!saved.ok()) return http::error_response(saved.status());
  auto campaigns = s.store.campaigns().list_campaigns();
  if (!campaigns.ok()) return http::error_response(campaigns.status());
  json::array out;
  for (const auto& c : *campaigns) {
    const Catalog* cat = s.catalogs.find(c.catalog_id);
    if (!cat || s.reuse.mapped_items(cat->id) == 0 || c.state == CampaignState::kDraft) continue;
    auto counts = s.reuse.counts(c.id);
    if (!counts.ok()) return http::error_response(counts.status());
    int64_t filled = 0, waiting = 0;
    for (const auto& [response, n] : *counts) {
      filled += n.filled;
      waiting += n.waiting;
    }
    out.push_back(json::object{{"campaign_id", c.id},
                               {"title", c.title},
                               {"family", cat->family},
                               {"sample", cat->sample},
                               {"filled", filled},
                               {"waiting", waiting}});
  }
  return http::json_response(json::object{{"entries_saved", *saved}, {"campaigns", std::move(out)}});
}

}  // namespace

void register_reuse_routes(RouteTable& r, Services& s) {
  const std::string read(auth::kBodyRead), edit(auth::kResponseEdit);
  r.add({"GET", "/api/responses/{id}/reuse", read, Target::kResponseParam,
         [&s](const Request& req, const Context& ctx) { return reuse_view(s, req, ctx); }});
  r.add({"POST", "/api/responses/{id}/answers/{qid}/reuse", edit, Target::kResponseParam,
         [&s](const Request& req, const Context& ctx) { return decide(s, req, ctx); }});
  r.add({"GET", "/api/analytics/reuse", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request&, const Context&) { return national_reuse(s); }});
}

}  // namespace mamori::api
