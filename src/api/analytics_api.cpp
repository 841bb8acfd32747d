// Figures from the analytics service (src/analytics): a body's benchmark against its peers,
// and the national tables. Only submitted and accepted responses are counted; any group of
// fewer than 5 bodies is suppressed, so no route reveals another body's answers.
#include "services/analytics/benchmark.h"
#include "services/analytics/csf_figures.h"
#include "services/analytics/feedback.h"
#include "crypto/password.h"

#include <filesystem>
#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

#include <algorithm>

namespace mamori::api {

using analytics::GroupFigures;
using analytics::Outcome;
using analytics::Ratio;
using analytics::total_of;
using http::Request;
using http::Response;

namespace {

// A rate as JSON: a fraction rounded to a tenth of a percent (analytics::percent_tenths), or null.
json::value tenths_json(std::optional<int64_t> tenths) {
  return tenths ? json::value(static_cast<double>(*tenths) / 1000.0) : json::value(nullptr);
}
json::value rate_value(std::optional<double> rate) { return tenths_json(analytics::percent_tenths(rate)); }
json::value rate_json(const Ratio& r) { return tenths_json(analytics::percent_tenths(r)); }

json::object ratio_json(const Ratio& r) {
  return {{"implemented", r.implemented}, {"applicable", r.applicable}, {"rate", rate_json(r)}};
}

// One group as the viewer may see it (analytics/disclosure.h): its size and figures, or,
// when withheld, neither — with the reason.
json::object group_json(const std::string& key, const GroupFigures& g, const Text& label, analytics::Withheld w) {
  json::object o{{"key", key}, {"label", json::object{{"ja", label.ja}, {"en", label.en}}}, {"bodies", g.bodies}};
  bool suppressed = w != analytics::Withheld::kNo;
  o["suppressed"] = suppressed;
  if (suppressed) {
    o["bodies"] = nullptr;  // even the exact size of a small group is not shown
    Text note = analytics::withheld_note(w);
    o["withheld"] = w == analytics::Withheld::kOpenCampaign ? "open_campaign" : "small_group";
    o["note"] = json::object{{"ja", note.ja}, {"en", note.en}};
    return o;
  }
  json::array cats;
  for (size_t i = 0; i < g.categories.size(); ++i)
    cats.push_back(json::object{{"number", static_cast<int64_t>(i + 1)}, {"rate", rate_json(g.categories[i])}});
  o["categories"] = std::move(cats);
  o["total"] = rate_json(total_of(g.categories));
  return o;
}

Response benchmark(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto st = analytics::standing_of(s.analytics, s.store, *id, analytics::prefecture_names(s.store), viewer_of(*ctx.user));
  if (!st.ok()) return http::error_response(st.status());
  json::array own_cats;
  for (size_t i = 0; i < st->own.categories.size(); ++i) {
    json::object c = ratio_json(st->own.categories[i]);
    c["number"] = static_cast<int64_t>(i + 1);
    own_cats.push_back(std::move(c));
  }
  json::array groups;
  for (const auto& g : st->groups) groups.push_back(group_json(g.key, g.figures, g.label, g.withheld));
  json::array gaps;
  for (const auto& g : st->gaps) {
    const Question& q = *g.question;
    gaps.push_back(json::object{{"question_id", q.id},
                                {"category", q.category},
                                {"text", json::object{{"ja", q.text.ja}, {"en", q.text.en}}},
                                {"reason", json::object{{"ja", q.reason.ja}, {"en", q.reason.en}}},
                                {"peer_rate", rate_value(g.peer_rate)},
                                {"national_rate", rate_value(g.national_rate)}});
  }
  // What the page shows beside the figures: the survey and its categories' names.
  auto cam = s.store.campaigns().get_campaign(st->own.response.campaign_id);
  if (!cam.ok()) return http::error_response(cam.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  return http::json_response(json::object{
      {"response_id", st->own.response.id},
      {"campaign_id", st->own.response.campaign_id},
      {"campaign", campaign_json(*cam)},
      {"categories", categories_json(*cat)},
      {"counted", st->counted},
      {"min_group_size", analytics::kMinGroupSize},
      {"own", json::object{{"categories", std::move(own_cats)}, {"total", ratio_json(total_of(st->own.categories))}}},
      {"peer_group", st->peer_key},
      {"groups", std::move(groups)},
      {"gaps", std::move(gaps)}});
}

// Every group of a campaign with its size and category rates (MIC's tables). Groups below
// the minimum size are suppressed here too: the same rule for everyone who reads figures.
Response campaign_groups(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  auto pref_name = analytics::prefecture_names(s.store);
  json::array out;
  const auto viewer = viewer_of(*ctx.user);
  const auto& agg = s.analytics.figures_for(viewer.sees_everything);
  analytics::Disclosure disclosure(viewer, *cam, agg);
  for (const auto& [key, g] : agg.all_groups(*id))
    out.push_back(group_json(key, g, analytics::group_label(key, pref_name), disclosure.withheld(key, g)));
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  return http::json_response(json::object{
      {"campaign", campaign_json(*cam)}, {"categories", categories_json(*cat)}, {"groups", std::move(out)}});
}

// Per-question rates of one group (default national), with seed 003's reference rates.
Response campaign_questions(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  std::string key = req.query("group").value_or("national");
  const auto viewer = viewer_of(*ctx.user);
  const auto& agg = s.analytics.figures_for(viewer.sees_everything);
  GroupFigures g = agg.figures(*id, key);
  const auto w = analytics::withheld(viewer, *cam, agg, key, g);
  if (w != analytics::Withheld::kNo)
    return http::json_response(json::object{
        {"campaign", campaign_json(*cam)},
        {"group", group_json(key, g, analytics::group_label(key, analytics::prefecture_names(s.store)), w)},
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
      {"group", group_json(key, g, analytics::group_label(key, analytics::prefecture_names(s.store)), w)},
      {"questions", std::move(qs)}});
}

json::array category_rates_json(const analytics::CategoryRatios& c) {
  json::array out;
  for (size_t i = 0; i < c.size(); ++i)
    out.push_back(json::object{{"number", static_cast<int64_t>(i + 1)}, {"rate", rate_json(c[i])}});
  return out;
}

// A body's own scores and the national figures for every fiscal year it has a response,
// oldest first (analytics::trend_of).
Response trend(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto points = analytics::trend_of(s.analytics, s.store, *id, viewer_of(*ctx.user));
  if (!points.ok()) return http::error_response(points.status());
  json::array out;
  std::string body_code;
  for (const auto& p : *points) {
    const bool shown = p.national_withheld == analytics::Withheld::kNo;
    json::object n{{"bodies", shown ? json::value(p.national.bodies) : json::value(nullptr)}, {"suppressed", !shown}};
    if (!shown) {
      Text note = analytics::withheld_note(p.national_withheld);
      n["withheld"] = p.national_withheld == analytics::Withheld::kOpenCampaign ? "open_campaign" : "small_group";
      n["note"] = json::object{{"ja", note.ja}, {"en", note.en}};
    }
    if (shown) {
      n["categories"] = category_rates_json(p.national.categories);
      n["total"] = rate_json(total_of(p.national.categories));
    }
    out.push_back(json::object{{"fiscal_year", p.fiscal_year},
                               {"campaign_id", p.campaign_id},
                               {"response_id", p.response_id},
                               {"state", to_string(p.state)},
                               {"own", json::object{{"categories", category_rates_json(p.own)},
                                                    {"total", rate_json(total_of(p.own))}}},
                               {"national", std::move(n)}});
  }
  body_code = ctx.response->response.body_code;
  auto body = s.store.bodies().get_body(body_code);
  if (!body.ok()) return http::error_response(body.status());
  return http::json_response(
      json::object{{"body_code", body_code}, {"body_name", body->name_ja}, {"years", std::move(out)}});
}

// Seed 003's FY2025 weak spots (the questions with a reference_rate) tracked over every
// campaign: the national rate of the same question, found by id or, in a later catalogue,
// through its lineage.
Response reference_trend(Services& s, const Request&, const Context&) {
  const Catalog* base = s.catalogs.find("fy2025");
  if (!base) return http::json_response(json::object{{"questions", json::array{}}});
  auto campaigns = s.store.campaigns().list_campaigns();
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
Response campaign_bodies(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  const User& u = *ctx.user;
  ports::ResponseFilter f;
  f.prefecture_code = req.query("prefecture").value_or("");
  auto list = readable_responses(s, u, *id, f);
  if (!list.ok()) return http::error_response(list.status());
  const auto& agg = s.analytics.aggregates();  // the bodies' own rows: the user may read them
  const auto viewer = viewer_of(u);
  const auto& peer_figures = s.analytics.figures_for(viewer.sees_everything);
  analytics::Disclosure disclosure(viewer, *cam, peer_figures);
  struct Peers {
    GroupFigures figures;
    bool shown = false;
  };
  std::map<std::string, Peers> type_groups;
  json::array out;
  for (const auto& row : *list) {
    const auto& r = row.response;
    json::object o{{"response_id", r.id}, {"body_code", r.body_code}, {"body_name", row.body_name},
                   {"body_type", row.body_type}, {"state", to_string(r.state)}};
    auto outcomes = agg.outcomes(*id, r.id);
    o["counted"] = outcomes.has_value();
    if (outcomes) {
      auto cats = analytics::category_ratios(*cat, *outcomes);
      o["categories"] = category_rates_json(cats);
      o["total"] = rate_json(total_of(cats));
      std::string key = "type:" + row.body_type;
      if (!type_groups.contains(key)) {
        Peers p{peer_figures.figures(*id, key), false};
        p.shown = disclosure.withheld(key, p.figures) == analytics::Withheld::kNo;
        type_groups[key] = std::move(p);
      }
      const Peers& peers = type_groups[key];
      if (peers.shown) {
        int64_t gaps = 0;
        for (size_t i = 0; i < outcomes->size(); ++i) {
          auto pr = peers.figures.questions[i].rate();
          if ((*outcomes)[i] == Outcome::kNotImplemented && pr && *pr >= 0.5 &&
              disclosure.question_shown(key, peers.figures, i))
            ++gaps;
        }
        o["gaps"] = gaps;
      }
    }
    out.push_back(std::move(o));
  }
  return http::json_response(
      json::object{{"campaign", campaign_json(*cam)}, {"categories", categories_json(*cat)}, {"bodies", std::move(out)}});
}

// The feedback report of a response as a PDF (Japanese), for whoever may read the body.
Response feedback_pdf(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto report = analytics::feedback_report(s.analytics, s.store, *id, viewer_of(*ctx.user), s.clock);
  if (!report.ok()) return http::error_response(report.status());
  auto pdf = s.documents.pdf(*report);
  if (!pdf.ok()) return http::error_response(pdf.status());
  const std::string& body_code = ctx.response->response.body_code;
  Response out;
  out.content_type = "application/pdf";
  out.body = std::move(*pdf);
  std::string name = "feedback-" + body_code + "-" + std::to_string(*id) + ".pdf";
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

// The same report as an .xlsx workbook (one sheet per section), streamed from a temporary file.
Response feedback_xlsx(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto report = analytics::feedback_report(s.analytics, s.store, *id, viewer_of(*ctx.user), s.clock);
  if (!report.ok()) return http::error_response(report.status());
  std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-feedback-" + auth::random_token(8) + ".xlsx")).string();
  if (Status st = s.documents.xlsx(*report, path); !st.ok()) {
    std::filesystem::remove(path);
    return http::error_response(st);
  }
  const std::string& body_code = ctx.response->response.body_code;
  Response out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.temp_file = path;
  std::string name = "feedback-" + body_code + "-" + std::to_string(*id) + ".xlsx";
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

// The NIST CSF 2.0 view (docs/MEASURES.md): per function and category, the body's coverage
// (with each question it rests on, its relation and outcome) and the nation's when shown.
json::value withheld_json(analytics::Withheld w) {
  if (w == analytics::Withheld::kNo) return nullptr;
  Text note = analytics::withheld_note(w);
  return json::object{{"reason", w == analytics::Withheld::kOpenCampaign ? "open_campaign" : "small_group"},
                      {"note", json::object{{"ja", note.ja}, {"en", note.en}}}};
}

const char* outcome_name(analytics::Outcome o) {
  return o == analytics::Outcome::kImplemented      ? "implemented"
         : o == analytics::Outcome::kNotImplemented ? "not_implemented"
                                                    : "not_scored";
}

json::object csf_node_json(const analytics::CsfFigures& f, size_t index, bool function) {
  auto pick = [&](const std::optional<CsfCoverage>& c) -> const CsfNodeCoverage* {
    if (!c) return nullptr;
    const auto& list = function ? c->functions : c->categories;
    return index < list.size() ? &list[index] : nullptr;
  };
  const CsfNodeCoverage* own = pick(f.own);
  const CsfNodeCoverage* national = pick(f.national);
  const CsfNodeCoverage& any = (function ? f.structure.functions : f.structure.categories)[index];
  json::object o{{"id", any.node->id},
                 {"title", any.node->title},
                 {"statement", any.node->statement},
                 {"subcategories", any.subcategories},
                 {"subcategories_mapped", any.subcategories_mapped}};
  o["own"] = own ? json::value(ratio_json(own->ratio)) : json::value(nullptr);
  o["national"] = national ? json::value(ratio_json(national->ratio)) : json::value(nullptr);
  json::array questions;
  for (const auto& ref : any.questions) {
    const Question& q = f.catalog->questions[ref.question];
    json::array subs;
    for (const auto& [id, relation] : ref.subcategories)
      subs.push_back(json::object{{"id", id}, {"relation", std::string(to_string(relation))}});
    json::object qo{{"id", q.id}, {"number", q.number}, {"text", json::object{{"ja", q.text.ja}, {"en", q.text.en}}},
                    {"subcategories", std::move(subs)}};
    if (own && ref.question < f.own_outcomes.size()) qo["outcome"] = outcome_name(f.own_outcomes[ref.question]);
    questions.push_back(std::move(qo));
  }
  o["questions"] = std::move(questions);
  return o;
}

Response csf_json(const Result<analytics::CsfFigures>& f) {
  if (!f.ok()) return http::error_response(f.status());
  const CsfCoverage& shape = f->structure;
  json::array functions;
  for (size_t i = 0; i < shape.functions.size(); ++i) {
    json::object fn = csf_node_json(*f, i, true);
    json::array cats;
    for (size_t j = 0; j < shape.categories.size(); ++j)
      if (shape.categories[j].node->parent == shape.functions[i].node->id) cats.push_back(csf_node_json(*f, j, false));
    fn["categories"] = std::move(cats);
    functions.push_back(std::move(fn));
  }
  return http::json_response(json::object{
      {"catalog_id", f->catalog->id},
      {"framework", "NIST CSF 2.0"},
      {"note", json::object{{"ja", "総務省調査の回答をNIST CSF 2.0の機能・カテゴリに対応付けた参考値です。認証や適合の判定ではありません。"},
                            {"en", "An indicative projection of MIC survey answers onto NIST CSF 2.0 functions and categories; not a certification or an assessment of conformity."}}},
      {"national_withheld", withheld_json(f->national_withheld)},
      {"functions", std::move(functions)}});
}

}  // namespace

analytics::Viewer viewer_of(const User& user) {
  return {user.has(Role::kNationalAdmin), [user](const std::string& code) {
            return auth::can_read_body(user, auth::BodyRef{code, code.substr(0, std::min<size_t>(2, code.size()))});
          }};
}

void register_analytics_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/responses/{id}/csf", std::string(auth::kBodyRead), Target::kResponseParam,
         [&s](const Request&, const Context& c) {
           return csf_json(analytics::csf_of_response(s.analytics, s.store, s.csf, c.response->response.id,
                                                      viewer_of(*c.user)));
         }});
  r.add({"GET", "/api/analytics/campaigns/{id}/csf", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request&, const Context& c) {
           return csf_json(analytics::csf_of_campaign(s.analytics, s.store, s.csf, c.campaign->id, viewer_of(*c.user)));
         }});
  r.add({"GET", "/api/responses/{id}/feedback.xlsx", std::string(auth::kBodyRead), Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return feedback_xlsx(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/feedback.pdf", std::string(auth::kBodyRead), Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return feedback_pdf(s, q, c); }});
  r.add({"GET", "/api/analytics/campaigns/{id}/bodies", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return campaign_bodies(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/trend", std::string(auth::kBodyRead), Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return trend(s, q, c); }});
  r.add({"GET", "/api/analytics/reference-trend", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) { return reference_trend(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/benchmark", std::string(auth::kBodyRead), Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return benchmark(s, q, c); }});
  r.add({"GET", "/api/analytics/campaigns/{id}/groups", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return campaign_groups(s, q, c); }});
  r.add({"GET", "/api/analytics/campaigns/{id}/questions", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return campaign_questions(s, q, c); }});
}

}  // namespace mamori::api
