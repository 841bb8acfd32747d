// A partner ministry's analyst (issue 14, item 5; docs/API.md "Partner ministries"): one item
// of its own survey across every body, named by its own code or by a mapped item of another
// survey; and the analyst's read-only API tokens (created, listed, revoked; shown once).
// The survey's exports and figures are the campaign routes with action family.read.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"
#include "services/partners/partner_reads.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

json::value text_json(const Text& t) { return json::object{{"ja", t.ja}, {"en", t.en}}; }

// GET /api/campaigns/{id}/items/{qid}/answers
Response item_answers(Services& s, const Request& req, const Context& ctx) {
  const Campaign& cam = *ctx.campaign;
  const Catalog* cat = s.catalogs.find(cam.catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam.catalog_id + " is not loaded"));
  auto item = partners::resolve_item(s.catalogs, s.reuse, *cat, req.param("qid"));
  if (!item.ok()) return http::error_response(item.status());
  const Question& q = *item->question;
  auto rows = partners::item_answers(s.store, cam.id, q.id);
  if (!rows.ok()) return http::error_response(rows.status());
  json::array answers;
  for (const auto& r : *rows) {
    json::object o{{"response_id", r.response.response.id},
                   {"body_code", r.response.response.body_code},
                   {"body_name", r.response.body_name},
                   {"body_type", r.response.body_type},
                   {"response_state", std::string(to_string(r.response.response.state))}};
    if (r.answer) {
      o["value"] = parse_or_null(r.answer->value_json);
      o["not_applicable"] = r.answer->not_applicable;
      o["state"] = r.answer->state;
      o["updated_at"] = r.answer->updated_at;
    } else {
      o["value"] = nullptr;
    }
    answers.push_back(std::move(o));
  }
  json::object out{{"campaign_id", cam.id},
                   {"catalog_id", cat->id},
                   {"question", json::object{{"id", q.id}, {"number", q.number}, {"category", q.category}, {"text", text_json(q.text)}}},
                   {"answers", std::move(answers)}};
  out["via"] = item->via_question_id.empty()
                   ? json::value(nullptr)
                   : json::value(json::object{{"catalog_id", item->via_catalog_id},
                                              {"question_id", item->via_question_id},
                                              {"relation", std::string(to_string(item->relation))}});
  return http::json_response(std::move(out));
}

json::object token_json(const ports::ApiToken& t) {
  return {{"id", t.id},
          {"label", t.label},
          {"created_at", t.created_at},
          {"last_used_at", t.last_used_at ? json::value(*t.last_used_at) : json::value(nullptr)},
          {"revoked_at", t.revoked_at ? json::value(*t.revoked_at) : json::value(nullptr)}};
}

Response list_tokens(Services& s, const Context& ctx) {
  auto list = s.api_tokens.list(*ctx.user);
  if (!list.ok()) return http::error_response(list.status());
  json::array out;
  for (const auto& t : *list) out.push_back(token_json(t));
  return http::json_response(json::object{{"tokens", std::move(out)}});
}

Response create_token(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"label"});
  std::string label = f.string("label", true, 100).value_or("");
  if (!f.status().ok()) return http::error_response(f.status());
  auto t = s.api_tokens.create(*ctx.user, label);
  if (!t.ok()) return http::error_response(t.status());
  Response res = http::json_response(json::object{{"id", t->id}, {"label", label}, {"token", t->token}}, 201);
  res.no_compress = true;  // a secret: never in a compressed answer (BREACH)
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

Response revoke_token(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  if (Status st = s.api_tokens.revoke(*ctx.user, *id); !st.ok()) return http::error_response(st);
  return http::json_response(json::object{{"revoked", true}});
}

}  // namespace

void register_partner_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/campaigns/{id}/items/{qid}/answers", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return item_answers(s, q, c); }});
  r.add({"GET", "/api/me/api-tokens", std::string(auth::kApiTokens), Target::kNone,
         [&s](const Request&, const Context& c) { return list_tokens(s, c); }});
  r.add({"POST", "/api/me/api-tokens", std::string(auth::kApiTokens), Target::kNone,
         [&s](const Request& q, const Context& c) { return create_token(s, q, c); }});
  r.add({"DELETE", "/api/me/api-tokens/{id}", std::string(auth::kApiTokens), Target::kNone,
         [&s](const Request& q, const Context& c) { return revoke_token(s, q, c); }});
}

}  // namespace mamori::api
