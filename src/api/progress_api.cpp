// The progress board of a running campaign (counts by state, by prefecture and by type of
// body; the bodies that have not submitted, and whether the deadline has passed) and the
// reminders MIC sends to chosen bodies, which their users read in the app.
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "services/analytics/benchmark.h"

#include "base/log.h"
#include "api/api.h"
#include "base/messages.h"
#include "api/reminders.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "base/clock.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

// Whole days from today in Japan to `date` (YYYY-MM-DD); negative once it has passed.
int days_until(const std::string& date, const Clock& clock) {
  using namespace std::chrono;
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  sys_days deadline{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
  sys_days today = floor<days>(clock.now() + hours{9});
  return static_cast<int>((deadline - today).count());
}

bool submitted(ResponseState s) { return s == ResponseState::kSubmitted || s == ResponseState::kAccepted; }

Response progress(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  auto list = readable_responses(s, *ctx.user, *id, {});
  if (!list.ok()) return http::error_response(list.status());
  auto pref_name = analytics::prefecture_names(s.store);

  auto bump = [](json::object& counts, const std::string& state) {
    counts[state] = (counts.contains(state) ? counts[state].as_int64() : 0) + 1;
  };
  json::object counts;
  std::map<std::string, std::pair<int64_t, json::object>> by_pref, by_type;
  json::array pending;
  int64_t total = 0;
  const int days_left = days_until(cam->closes_at, s.clock);
  for (const auto& row : *list) {
    const auto& r = row.response;
    std::string state(to_string(r.state));
    ++total;
    bump(counts, state);
    auto& p = by_pref[r.body_code.substr(0, 2)];
    ++p.first;
    bump(p.second, state);
    auto& t = by_type[row.body_type];
    ++t.first;
    bump(t.second, state);
    if (!submitted(r.state))
      pending.push_back(json::object{{"response_id", r.id}, {"body_code", r.body_code}, {"body_name", row.body_name},
                                     {"body_type", row.body_type}, {"state", state}, {"locked", r.locked},
                                     {"updated_at", r.updated_at}});
  }
  json::array prefs, types;
  for (auto& [code, v] : by_pref)
    prefs.push_back(json::object{{"prefecture_code", code}, {"name", pref_name(code)}, {"total", v.first},
                                 {"counts", std::move(v.second)}});
  for (auto& [type, v] : by_type)
    types.push_back(json::object{{"type", type}, {"total", v.first}, {"counts", std::move(v.second)}});
  return http::json_response(json::object{{"campaign", campaign_json(*cam)},
                                          {"days_left", days_left},
                                          {"overdue", days_left < 0},
                                          {"total", total},
                                          {"counts", std::move(counts)},
                                          {"by_prefecture", std::move(prefs)},
                                          {"by_type", std::move(types)},
                                          {"pending", std::move(pending)}});
}

Response remind(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  auto targets = s.store.responses().list_responses(*id, {});
  if (!targets.ok()) return http::error_response(targets.status());
  std::map<std::string, std::string> in_campaign;  // code → name
  for (const auto& r : *targets) in_campaign[r.response.body_code] = r.body_name;
  return send_reminders(s, req, *ctx.user, *id, about_campaign(*cam), in_campaign, "unknown_body.not_target");
}

Response my_notifications(Services& s, const Request&, const Context& ctx) {
  json::array out;
  if (!ctx.user->body_code.empty()) {
    auto list = s.store.notifications().notifications_of_body(ctx.user->body_code);
    if (!list.ok()) return http::error_response(list.status());
    for (const auto& n : *list)
      out.push_back(json::object{{"id", n.id},
                                 {"campaign_id", n.campaign_id},
                                 {"message", n.message},
                                 {"sender", n.sender_name},
                                 {"created_at", n.created_at},
                                 {"read_at", n.read_at ? json::value(*n.read_at) : json::value(nullptr)}});
  }
  return http::json_response(json::object{{"notifications", std::move(out)}});
}

Response mark_read(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  if (ctx.user->body_code.empty())
    return http::error_response(Status::NotFound("notification_not_found"));
  Status st = s.store.notifications().mark_notification_read(*id, ctx.user->body_code, ctx.user->id);
  if (!st.ok()) return http::error_response(st);
  return http::json_response(json::object{{"read", true}});
}

}  // namespace

void register_progress_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/campaigns/{id}/progress", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return progress(s, q, c); }});
  r.add({"POST", "/api/campaigns/{id}/reminders", std::string(auth::kFamilyManage), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return remind(s, q, c); }});
  r.add({"GET", "/api/me/notifications", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return my_notifications(s, q, c); }});
  r.add({"POST", "/api/me/notifications/{id}/read", std::string(auth::kSessionAct), Target::kNone,
         [&s](const Request& q, const Context& c) { return mark_read(s, q, c); }});
}

}  // namespace mamori::api
