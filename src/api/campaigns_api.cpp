// Campaigns: list, create, open (a job with progress), extend, close; the
// responses of a campaign (filtered to what the user may see); jobs.
#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "domain/search_key.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

// The campaign as JSON, or its error.
Response campaign_response(Services& s, int64_t id, int status = 200) {
  auto cam = s.store.campaigns().get_campaign(id);
  if (!cam.ok()) return http::error_response(cam.status());
  return http::json_response(campaign_json(*cam), status);
}

// The campaign with its survey family ("mic", "ppc", "nco") and whether its catalogue is a sample.
json::object campaign_view(Services& s, const Campaign& c) {
  json::object o = campaign_json(c);
  const Catalog* cat = s.catalogs.find(c.catalog_id);
  o["family"] = cat ? cat->family : std::string();
  o["sample"] = cat && cat->sample;
  return o;
}

// Every campaign, or (`own_families_only`) those of the survey families `user` reads.
Response campaign_list(Services& s, const User& user, bool own_families_only) {
  auto list = s.store.campaigns().list_campaigns();
  if (!list.ok()) return http::error_response(list.status());
  json::array out;
  for (const auto& c : *list) {
    json::object o = campaign_view(s, c);
    if (own_families_only && !auth::reads_family(user, o["family"].as_string())) continue;
    out.push_back(std::move(o));
  }
  return http::json_response(json::object{{"campaigns", std::move(out)}});
}

Response create(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"title", "fiscal_year", "catalog_id", "opens_at", "closes_at", "targets"});
  NewCampaign c;
  c.title = f.string("title", true, 200).value_or("");
  c.fiscal_year = static_cast<int>(f.integer("fiscal_year", true).value_or(0));
  c.catalog_id = f.string("catalog_id", true, 64).value_or("");
  c.opens_at = f.string("opens_at", true, 10).value_or("");
  c.closes_at = f.string("closes_at", true, 10).value_or("");
  if (const json::value* t = f.raw("targets"); t && !t->is_null()) {
    if (!t->is_array())
      f.fail("targets", "field.body_code_array");
    else
      for (const auto& e : t->as_array()) {
        if (!e.is_string()) {
          f.fail("targets", "field.body_code_strings");
          break;
        }
        c.targets.push_back(std::string(e.as_string()));
      }
  }
  if (!f.status().ok()) return http::error_response(f.status());
  // MIC creates any survey's campaigns, a partner analyst its own ministry's only.
  if (const Catalog* cat = s.catalogs.find(c.catalog_id); cat && !auth::may_manage_family(*ctx.user, cat->family))
    return http::error_response(Status::PermissionDenied());
  auto id = s.campaigns.create(c);
  if (!id.ok()) return http::error_response(id.status());
  return campaign_response(s, *id, 201);
}

Response open(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  if (cam->state != CampaignState::kDraft) return http::error_response(Status::FailedPrecondition("campaign_not_draft"));
  int64_t campaign_id = *id;
  auto job = s.jobs.start("open_campaign", ctx.user->id, [&s, campaign_id](const JobRunner::Progress& p) {
    return s.campaigns.open(campaign_id, p);
  });
  if (!job.ok()) return http::error_response(job.status());
  return job_started(s, job->id);
}

Response window_change(Services& s, const Request& req, const Context& ctx, bool close) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  Status st;
  if (close) {
    if (!req.body.empty()) {
      auto obj = http::parse_object(req.body);
      if (!obj.ok()) return http::error_response(obj.status());
      http::FieldReader f(*obj, {});
      if (!f.status().ok()) return http::error_response(f.status());
    }
    st = s.campaigns.close(*ctx.user, *id);
  } else {
    auto obj = http::parse_object(req.body);
    if (!obj.ok()) return http::error_response(obj.status());
    http::FieldReader f(*obj, {"closes_at"});
    auto closes = f.string("closes_at", true, 10);
    if (!f.status().ok()) return http::error_response(f.status());
    st = s.campaigns.extend(*id, *closes);
  }
  if (!st.ok()) return http::error_response(st);
  return campaign_response(s, *id);
}

// A non-negative integer query parameter, or `fallback` when absent; at most `max`.
Result<int64_t> count_param(const Request& req, const std::string& name, int64_t fallback, int64_t max) {
  auto v = req.query(name);
  if (!v) return fallback;
  int64_t n = 0;
  bool ok = !v->empty() && v->size() <= 9;
  for (char c : *v) {
    if (c < '0' || c > '9') ok = false;
    n = n * 10 + (c - '0');
  }
  if (!ok || n > max)
    return Status::InvalidArgument("invalid_filter", {{"name", name}, {"value", *v}, {"allowed", "0–" + std::to_string(max)}});
  return n;
}

// The responses of a campaign the user may read, filtered and one page at a time: `total`
// counts every row the filters keep, `counts` their states when the state filter is left
// out (so the list says how many of the found bodies are in each state).
Response responses(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  const User& u = *ctx.user;
  const std::string state = req.query("state").value_or("");
  if (!state.empty() && !parse_response_state(state))
    return http::error_response(
        Status::InvalidArgument("invalid_filter", {{"value", state}}).with_message("invalid_filter.state"));
  const std::string type = req.query("type").value_or("");
  if (!type.empty() && !parse_body_type(type))
    return http::error_response(
        Status::InvalidArgument("invalid_filter", {{"value", type}}).with_message("invalid_filter.body_type"));
  const std::string prefecture = req.query("prefecture").value_or("");
  if (!prefecture.empty() && !is_prefecture_number(prefecture))
    return http::error_response(Status::InvalidArgument("invalid_filter", {{"name", "prefecture"}, {"value", prefecture}})
                                    .with_message("invalid_filter.prefecture"));
  auto offset = count_param(req, "offset", 0, 1'000'000);
  if (!offset.ok()) return http::error_response(offset.status());
  auto limit = count_param(req, "limit", 200, 1000);
  if (!limit.ok()) return http::error_response(limit.status());
  const std::string key = search_key(req.query("q").value_or(""));
  ports::ResponseFilter f;
  f.prefecture_code = prefecture;
  auto list = readable_responses(s, u, *id, f);
  if (!list.ok()) return http::error_response(list.status());
  // readable_responses keeps others to their own prefecture; another one asked for is empty.
  if (!prefecture.empty())
    std::erase_if(*list, [&](const ports::ResponseSummary& r) { return r.response.body_code.substr(0, 2) != prefecture; });
  json::array out;
  json::object counts;
  int64_t total = 0;
  for (const auto& r : *list) {
    if (!type.empty() && r.body_type != type) continue;
    if (!key.empty() && search_key(r.body_name).find(key) == std::string::npos &&
        search_key(r.body_kana).find(key) == std::string::npos)
      continue;
    std::string st(to_string(r.response.state));
    counts[st] = (counts.contains(st) ? counts[st].as_int64() : 0) + 1;
    if (!state.empty() && st != state) continue;
    if (total++ < *offset || static_cast<int64_t>(out.size()) >= *limit) continue;
    json::object o = response_summary_json(r.response);
    o["body_name"] = r.body_name;
    o["body_type"] = r.body_type;
    o["body_kana"] = r.body_kana;
    out.push_back(std::move(o));
  }
  return http::json_response(json::object{{"campaign", campaign_json(*cam)},
                                          {"total", total},
                                          {"offset", *offset},
                                          {"counts", std::move(counts)},
                                          {"responses", std::move(out)}});
}

// The job of the path's {id}, when the user started it or is MIC; NotFound otherwise.
Result<ports::JobRecord> visible_job(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return id.status();
  MAMORI_ASSIGN_OR_RETURN(ports::JobRecord job, s.jobs.get(*id));
  if (job.started_by != ctx.user->id && !ctx.user->has(Role::kNationalAdmin)) return Status::NotFound("job_not_found");
  return job;
}

}  // namespace

// 202 with the job just started, as the store holds it.
Response job_started(Services& s, int64_t id) {
  auto job = s.jobs.get(id);
  if (!job.ok()) return http::error_response(job.status());
  return http::json_response(json::object{{"job", job_json(*job)}}, 202);
}

Result<std::vector<ports::ResponseSummary>> readable_responses(Services& s, const User& user, int64_t campaign_id,
                                                               ports::ResponseFilter f) {
  // The analysts of a partner ministry follow every body of their own survey's campaigns.
  if (user.has(Role::kPartnerAnalyst)) {
    auto cam = s.store.campaigns().get_campaign(campaign_id);
    if (!cam.ok()) return cam.status();
    const Catalog* cat = s.catalogs.find(cam->catalog_id);
    if (cat && auth::reads_family(user, cat->family)) return s.store.responses().list_responses(campaign_id, f);
  }
  if (!user.has(Role::kNationalAdmin))
    f.prefecture_code = user.body_code.substr(0, std::min<size_t>(2, user.body_code.size()));
  auto list = s.store.responses().list_responses(campaign_id, f);
  if (!list.ok()) return list.status();
  std::erase_if(*list, [&](const ports::ResponseSummary& r) {
    return !auth::can_read_body(user, auth::BodyRef{r.response.body_code, r.response.body_code.substr(0, 2)});
  });
  return list;
}

void register_campaign_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/campaigns", std::string(auth::kSession), Target::kNone, [&s](const Request&, const Context& ctx) {
           // A partner analyst sees its own ministry's surveys only; bodies see every survey
           // they may be asked to answer.
           const bool analyst_only = ctx.user->has(Role::kPartnerAnalyst) && !ctx.user->has(Role::kNationalAdmin);
           return campaign_list(s, *ctx.user, analyst_only);
         }});
  // The campaigns of the surveys one manages (MIC: all; an analyst: its ministry's), also
  // for an API token.
  r.add({"GET", "/api/partner/campaigns", std::string(auth::kFamilyList), Target::kNone,
         [&s](const Request&, const Context& ctx) { return campaign_list(s, *ctx.user, true); }});
  r.add({"POST", "/api/campaigns", std::string(auth::kCampaignCreate), Target::kNone,
         [&s](const Request& q, const Context& c) { return create(s, q, c); }});
  r.add({"GET", "/api/campaigns/{id}", std::string(auth::kSession), Target::kNone, [&s](const Request& req, const Context&) {
           auto id = id_param(req, "id");
           if (!id.ok()) return http::error_response(id.status());
           return campaign_response(s, *id);
         }});
  r.add({"POST", "/api/campaigns/{id}/open", std::string(auth::kFamilyManage), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return open(s, q, c); }});
  r.add({"POST", "/api/campaigns/{id}/extend", std::string(auth::kFamilyManage), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return window_change(s, q, c, false); }});
  r.add({"POST", "/api/campaigns/{id}/close", std::string(auth::kFamilyManage), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return window_change(s, q, c, true); }});
  r.add({"GET", "/api/campaigns/{id}/responses", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return responses(s, q, c); }});
  r.add({"GET", "/api/jobs/{id}", std::string(auth::kSession), Target::kNone, [&s](const Request& req, const Context& ctx) {
           auto job = visible_job(s, req, ctx);
           if (!job.ok()) return http::error_response(job.status());
           return http::json_response(job_json(*job));
         }});
  // The file a finished job left (a ZIP of feedback reports), for whoever may see the job.
  r.add({"GET", "/api/jobs/{id}/result", std::string(auth::kSession), Target::kNone, [&s](const Request& req, const Context& ctx) {
           auto job = visible_job(s, req, ctx);
           if (!job.ok()) return http::error_response(job.status());
           if (job->result.file.empty())
             return http::error_response(Status::NotFound("job_no_file"));
           if (job->state != ports::JobState::kDone)
             return http::error_response(Status::FailedPrecondition("job_not_done")
                                            .with_message(job->state == ports::JobState::kRunning
                                                              ? "job_not_done.running"
                                                              : "job_not_done.failed"));
           Response out;
           out.content_type = job->result.content_type;
           out.temp_file = job->result.file;
           out.keep_file = true;
           out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + job->result.name + "\"");
           return out;
         }});
}

}  // namespace mamori::api
