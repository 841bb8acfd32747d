// Figures from the analytics service (src/analytics): a body's benchmark against its peers,
// and the national tables. Only submitted and accepted responses are counted; any group of
// fewer than 5 bodies is suppressed, so no route reveals another body's answers.
#include "analytics/group_labels.h"
#include "api/api.h"
#include "api/json_views.h"
#include "auth/policy.h"
#include "http/json_body.h"

#include <algorithm>

namespace mamori::api {

using analytics::GroupFigures;
using analytics::Outcome;
using analytics::Ratio;
using http::Request;
using http::Response;

namespace {

json::value rate_json(const Ratio& r) {
  auto rate = r.rate();
  return rate ? json::value(std::round(*rate * 10000.0) / 10000.0) : json::value(nullptr);
}

json::object ratio_json(const Ratio& r) {
  return {{"implemented", r.implemented}, {"applicable", r.applicable}, {"rate", rate_json(r)}};
}

Ratio total_of(const analytics::CategoryRatios& c) {
  Ratio t;
  for (const auto& r : c) {
    t.implemented += r.implemented;
    t.applicable += r.applicable;
  }
  return t;
}

// Prefecture code → name, from the store's prefecture bodies.
std::function<std::string(const std::string&)> prefecture_names(Services& s) {
  auto prefs = std::make_shared<std::map<std::string, std::string>>();
  if (auto list = s.store.list_bodies({.type = "prefecture"}); list.ok())
    for (const auto& b : *list) (*prefs)[b.code.substr(0, 2)] = b.name_ja;
  return [prefs](const std::string& code) {
    auto it = prefs->find(code);
    return it == prefs->end() ? code : it->second;
  };
}

// One group as a body may see it: its size, and its figures only when it is large enough.
json::object group_json(const std::string& key, const GroupFigures& g, const Text& label) {
  json::object o{{"key", key}, {"label", json::object{{"ja", label.ja}, {"en", label.en}}}, {"bodies", g.bodies}};
  bool suppressed = g.bodies < analytics::kMinGroupSize;
  o["suppressed"] = suppressed;
  if (suppressed) {
    o["bodies"] = nullptr;  // even the exact size of a small group is not shown
    o["note"] = json::object{{"ja", "非表示（5団体未満）"}, {"en", "Hidden (fewer than 5 bodies)"}};
    return o;
  }
  json::array cats;
  for (size_t i = 0; i < g.categories.size(); ++i)
    cats.push_back(json::object{{"number", static_cast<int64_t>(i + 1)}, {"rate", rate_json(g.categories[i])}});
  o["categories"] = std::move(cats);
  o["total"] = rate_json(total_of(g.categories));
  return o;
}

Response benchmark(Services& s, const Request& req) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto own = s.analytics.own_scores(*id);
  if (!own.ok()) return http::error_response(own.status());
  const Catalog& cat = *own->catalog;
  const auto& agg = s.analytics.aggregates();
  auto pref_name = prefecture_names(s);

  json::array own_cats;
  for (size_t i = 0; i < own->categories.size(); ++i) {
    json::object c = ratio_json(own->categories[i]);
    c["number"] = static_cast<int64_t>(i + 1);
    own_cats.push_back(std::move(c));
  }
  json::array groups;
  const std::vector<std::string> keys = analytics::groups_of(own->body);
  std::map<std::string, GroupFigures> figures;
  for (const auto& key : keys) {
    figures[key] = agg.figures(own->response.campaign_id, key);
    groups.push_back(group_json(key, figures[key], analytics::group_label(key, pref_name)));
  }

  // Gaps: measures this body has not implemented that most of its peers (same type) have,
  // highest peer rate first, each with the reason it matters.
  const std::string peer_key = keys[1];
  const GroupFigures& peers = figures[peer_key];
  const GroupFigures& national = figures["national"];
  json::array gaps;
  if (peers.bodies >= analytics::kMinGroupSize) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < own->outcomes.size(); ++i) {
      auto r = peers.questions[i].rate();
      if (own->outcomes[i] == Outcome::kNotImplemented && r && *r >= 0.5) idx.push_back(i);
    }
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return *peers.questions[a].rate() > *peers.questions[b].rate();
    });
    for (size_t i : idx) {
      const Question& q = cat.questions[i];
      gaps.push_back(json::object{{"question_id", q.id},
                                  {"category", q.category},
                                  {"text", json::object{{"ja", q.text.ja}, {"en", q.text.en}}},
                                  {"reason", json::object{{"ja", q.reason.ja}, {"en", q.reason.en}}},
                                  {"peer_rate", rate_json(peers.questions[i])},
                                  {"national_rate", rate_json(national.questions[i])}});
    }
  }
  return http::json_response(json::object{
      {"response_id", own->response.id},
      {"campaign_id", own->response.campaign_id},
      {"counted", agg.counted(own->response.campaign_id, own->response.id)},
      {"min_group_size", analytics::kMinGroupSize},
      {"own", json::object{{"categories", std::move(own_cats)}, {"total", ratio_json(total_of(own->categories))}}},
      {"peer_group", peer_key},
      {"groups", std::move(groups)},
      {"gaps", std::move(gaps)}});
}

// Every group of a campaign with its size and category rates (MIC's tables). Groups below
// the minimum size are suppressed here too: the same rule for everyone who reads figures.
Response campaign_groups(Services& s, const Request& req) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  auto pref_name = prefecture_names(s);
  json::array out;
  for (const auto& [key, g] : s.analytics.aggregates().all_groups(*id))
    out.push_back(group_json(key, g, analytics::group_label(key, pref_name)));
  return http::json_response(json::object{{"campaign", campaign_json(*cam)}, {"groups", std::move(out)}});
}

// Per-question rates of one group (default national), with seed 003's reference rates.
Response campaign_questions(Services& s, const Request& req) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  std::string key = req.query("group").value_or("national");
  GroupFigures g = s.analytics.aggregates().figures(*id, key);
  if (g.bodies < analytics::kMinGroupSize)
    return http::json_response(json::object{
        {"campaign", campaign_json(*cam)},
        {"group", group_json(key, g, analytics::group_label(key, prefecture_names(s)))},
        {"questions", json::array{}}});
  json::array qs;
  for (size_t i = 0; i < cat->questions.size(); ++i) {
    const Question& q = cat->questions[i];
    if (!q.implemented.defined) continue;
    json::object o = ratio_json(g.questions[i]);
    o["question_id"] = q.id;
    o["category"] = q.category;
    o["text"] = json::object{{"ja", q.text.ja}, {"en", q.text.en}};
    if (q.reference_rate) o["reference_rate"] = *q.reference_rate / 100.0;
    qs.push_back(std::move(o));
  }
  return http::json_response(json::object{
      {"campaign", campaign_json(*cam)},
      {"group", group_json(key, g, analytics::group_label(key, prefecture_names(s)))},
      {"questions", std::move(qs)}});
}

json::array category_rates_json(const analytics::CategoryRatios& c) {
  json::array out;
  for (size_t i = 0; i < c.size(); ++i)
    out.push_back(json::object{{"number", static_cast<int64_t>(i + 1)}, {"rate", rate_json(c[i])}});
  return out;
}

// A body's own scores and the national figures for every fiscal year it has a response,
// oldest first. Earlier years count only when submitted or accepted; the response asked
// about is scored from its current answers.
Response trend(Services& s, const Request& req) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto current = s.store.get_response(*id);
  if (!current.ok()) return http::error_response(current.status());
  auto responses = s.store.responses_of_body(current->body_code);
  if (!responses.ok()) return http::error_response(responses.status());
  std::vector<std::pair<int, json::object>> years;
  for (const auto& r : *responses) {
    if (r.id != current->id && !analytics::counts_in_figures(r.state)) continue;
    auto cam = s.store.get_campaign(r.campaign_id);
    if (!cam.ok()) return http::error_response(cam.status());
    auto own = s.analytics.own_scores(r.id);
    if (!own.ok()) return http::error_response(own.status());
    GroupFigures national = s.analytics.aggregates().figures(r.campaign_id, "national");
    json::object n{{"bodies", national.bodies}, {"suppressed", national.bodies < analytics::kMinGroupSize}};
    if (national.bodies >= analytics::kMinGroupSize) {
      n["categories"] = category_rates_json(national.categories);
      n["total"] = rate_json(total_of(national.categories));
    }
    years.emplace_back(cam->fiscal_year, json::object{{"fiscal_year", cam->fiscal_year},
                                                      {"campaign_id", cam->id},
                                                      {"response_id", r.id},
                                                      {"state", to_string(r.state)},
                                                      {"own", json::object{{"categories", category_rates_json(own->categories)},
                                                                           {"total", rate_json(total_of(own->categories))}}},
                                                      {"national", std::move(n)}});
  }
  std::stable_sort(years.begin(), years.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json::array out;
  for (auto& [year, o] : years) out.push_back(std::move(o));
  return http::json_response(json::object{{"body_code", current->body_code}, {"years", std::move(out)}});
}

// Seed 003's FY2025 weak spots (the questions with a reference_rate) tracked over every
// campaign: the national rate of the same question, found by id or, in a later catalogue,
// through its lineage.
Response reference_trend(Services& s, const Request&) {
  const Catalog* base = s.catalogs.find("fy2025");
  if (!base) return http::json_response(json::object{{"questions", json::array{}}});
  auto campaigns = s.store.list_campaigns();
  if (!campaigns.ok()) return http::error_response(campaigns.status());
  std::vector<Campaign> ordered(campaigns->begin(), campaigns->end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Campaign& a, const Campaign& b) { return a.fiscal_year < b.fiscal_year; });
  json::array out;
  for (const auto& q : base->questions) {
    if (!q.reference_rate) continue;
    json::array years;
    for (const auto& c : ordered) {
      const Catalog* cat = s.catalogs.find(c.catalog_id);
      if (!cat) continue;
      std::optional<size_t> at;
      for (size_t i = 0; i < cat->questions.size() && !at; ++i) {
        const Question& cq = cat->questions[i];
        bool same_id = cat->previous.empty() && cq.id == q.id;
        bool carried = !cat->previous.empty() &&
                       std::find(cq.lineage.from.begin(), cq.lineage.from.end(), q.id) != cq.lineage.from.end();
        if (same_id || carried) at = i;
      }
      if (!at) continue;
      GroupFigures g = s.analytics.aggregates().figures(c.id, "national");
      if (g.bodies < analytics::kMinGroupSize) continue;
      years.push_back(json::object{{"fiscal_year", c.fiscal_year},
                                   {"campaign_id", c.id},
                                   {"question_id", cat->questions[*at].id},
                                   {"rate", rate_json(g.questions[*at])},
                                   {"applicable", g.questions[*at].applicable}});
    }
    out.push_back(json::object{{"question_id", q.id},
                               {"category", q.category},
                               {"text", json::object{{"ja", q.text.ja}, {"en", q.text.en}}},
                               {"reference_rate", *q.reference_rate / 100.0},
                               {"years", std::move(years)}});
  }
  return http::json_response(json::object{{"questions", std::move(out)}});
}

// The bodies of a campaign side by side: state, category scores and gaps (measures not
// implemented that at least half of the body's type group implements). MIC sees every
// prefecture (`?prefecture=` filters); anyone else sees only the bodies they may read of
// their own prefecture, as in GET /api/campaigns/{id}/responses.
Response campaign_bodies(Services& s, const Request& req) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  const User& u = *req.user;
  store::ResponseFilter f;
  f.prefecture_code = req.query("prefecture").value_or("");
  if (!u.has(Role::kNationalAdmin)) f.prefecture_code = u.body_code.substr(0, std::min<size_t>(2, u.body_code.size()));
  auto list = s.store.list_responses(*id, f);
  if (!list.ok()) return http::error_response(list.status());
  const auto& agg = s.analytics.aggregates();
  std::map<std::string, GroupFigures> type_groups;
  json::array out;
  for (const auto& row : *list) {
    const auto& r = row.response;
    if (!auth::can_read_body(u, auth::BodyRef{r.body_code, r.body_code.substr(0, 2)})) continue;
    json::object o{{"response_id", r.id}, {"body_code", r.body_code}, {"body_name", row.body_name},
                   {"body_type", row.body_type}, {"state", to_string(r.state)}};
    auto outcomes = agg.outcomes(*id, r.id);
    o["counted"] = outcomes.has_value();
    if (outcomes) {
      auto cats = analytics::category_ratios(*cat, *outcomes);
      o["categories"] = category_rates_json(cats);
      o["total"] = rate_json(total_of(cats));
      std::string key = "type:" + row.body_type;
      if (!type_groups.contains(key)) type_groups[key] = agg.figures(*id, key);
      const GroupFigures& peers = type_groups[key];
      if (peers.bodies >= analytics::kMinGroupSize) {
        int64_t gaps = 0;
        for (size_t i = 0; i < outcomes->size(); ++i) {
          auto pr = peers.questions[i].rate();
          if ((*outcomes)[i] == Outcome::kNotImplemented && pr && *pr >= 0.5) ++gaps;
        }
        o["gaps"] = gaps;
      }
    }
    out.push_back(std::move(o));
  }
  return http::json_response(json::object{{"campaign", campaign_json(*cam)}, {"bodies", std::move(out)}});
}

}  // namespace

void register_analytics_routes(http::Router& r, Services& s) {
  r.add({"GET", "/api/analytics/campaigns/{id}/bodies", std::string(auth::kSession), http::Target::kNone,
         [&s](const Request& q) { return campaign_bodies(s, q); }});
  r.add({"GET", "/api/responses/{id}/trend", std::string(auth::kBodyRead), http::Target::kResponseParam,
         [&s](const Request& q) { return trend(s, q); }});
  r.add({"GET", "/api/analytics/reference-trend", std::string(auth::kNationalManage), http::Target::kNone,
         [&s](const Request& q) { return reference_trend(s, q); }});
  r.add({"GET", "/api/responses/{id}/benchmark", std::string(auth::kBodyRead), http::Target::kResponseParam,
         [&s](const Request& q) { return benchmark(s, q); }});
  r.add({"GET", "/api/analytics/campaigns/{id}/groups", std::string(auth::kNationalManage), http::Target::kNone,
         [&s](const Request& q) { return campaign_groups(s, q); }});
  r.add({"GET", "/api/analytics/campaigns/{id}/questions", std::string(auth::kNationalManage), http::Target::kNone,
         [&s](const Request& q) { return campaign_questions(s, q); }});
}

}  // namespace mamori::api
