#include "services/analytics/analytics_service.h"

#include "base/log.h"
#include "services/bodies/body_of_response.h"

#include <cstdio>
#include <map>
#include <set>

namespace mamori::analytics {

namespace {
// Body events beyond this many in one catch-up (an import of the official list) are cheaper
// as a full recount than one response at a time.
constexpr size_t kBodiesBeforeRebuild = 50;
constexpr int kEventsPerRead = 1000;
}  // namespace

bool counts_in_figures(ResponseState s) { return s == ResponseState::kSubmitted || s == ResponseState::kAccepted; }

bool is_published(const Campaign& c, const ResponseRecord& r) {
  if (c.state != CampaignState::kClosed || !counts_in_figures(r.state)) return false;
  if (!c.closed_at) return true;
  return r.submitted_at && *r.submitted_at <= *c.closed_at;  // ISO 8601 UTC strings order as times
}

Result<OwnScores> AnalyticsService::score(const ResponseRecord& r, const Campaign& campaign) {
  const Catalog* cat = catalogs_.find(campaign.catalog_id);
  if (!cat) return Status::Internal("catalogue " + campaign.catalog_id + " is not loaded");
  MAMORI_ASSIGN_OR_RETURN(Body body, body_of_response(store_.bodies(), store_.responses(), r));
  MAMORI_ASSIGN_OR_RETURN(std::vector<AnswerRecord> answers, store_.responses().get_answers(r.id));
  AnswerValues values;
  for (const auto& a : answers) values.set_json(a.question_id, a.value_json);
  OwnScores out{r, std::move(body), cat, {}, {}};
  out.outcomes = score_response(*cat, out.body, values.lookup());
  out.categories = category_ratios(*cat, out.outcomes);
  return out;
}

Result<OwnScores> AnalyticsService::own_scores(int64_t response_id) {
  MAMORI_ASSIGN_OR_RETURN(ResponseRecord r, store_.responses().get_response(response_id));
  MAMORI_ASSIGN_OR_RETURN(Campaign cam, store_.campaigns().get_campaign(r.campaign_id));
  return score(r, cam);
}

Status AnalyticsService::refresh_locked(int64_t response_id) {
  MAMORI_ASSIGN_OR_RETURN(ResponseRecord r, store_.responses().get_response(response_id));
  if (!counts_in_figures(r.state)) {
    aggregates_.remove(r.campaign_id, r.id);
    published_.remove(r.campaign_id, r.id);
    return Status::Ok();
  }
  MAMORI_ASSIGN_OR_RETURN(Campaign cam, store_.campaigns().get_campaign(r.campaign_id));
  MAMORI_ASSIGN_OR_RETURN(OwnScores s, score(r, cam));
  if (is_published(cam, r))
    published_.put(r.campaign_id, *s.catalog, r.id, s.body, s.outcomes);
  else
    published_.remove(r.campaign_id, r.id);
  aggregates_.put(r.campaign_id, *s.catalog, r.id, s.body, std::move(s.outcomes));
  return Status::Ok();
}

Status AnalyticsService::recount_campaign_locked(const Campaign& c,
                                                 const std::map<std::string, const Body*, std::less<>>& body_of,
                                                 int64_t* counted) {
  const Catalog* cat = catalogs_.find(c.catalog_id);
  if (!cat) return Status::Internal("catalogue " + c.catalog_id + " is not loaded");
  aggregates_.clear_campaign(c.id);
  published_.clear_campaign(c.id);
  std::set<int64_t> published;
  std::map<int64_t, GroupAttributes> frozen;
  if (c.state == CampaignState::kClosed) {
    MAMORI_ASSIGN_OR_RETURN(auto list, store_.responses().list_responses(c.id, {}));
    for (const auto& row : list)
      if (is_published(c, row.response)) published.insert(row.response.id);
    MAMORI_ASSIGN_OR_RETURN(frozen, store_.responses().frozen_groups(c.id));
  }
  // One read of the campaign's counted answers, scored response by response as they come.
  int64_t current = 0, unfrozen = 0;
  std::string current_body;
  AnswerValues values;
  Status failed;
  auto flush = [&] {
    if (current == 0) return;
    auto it = body_of.find(current_body);
    if (it == body_of.end()) {
      failed = Status::Internal("body " + current_body + " of response " + std::to_string(current) + " is missing");
      return;
    }
    auto f = frozen.find(current);
    if (c.state == CampaignState::kClosed && f == frozen.end()) ++unfrozen;
    const Body body = f == frozen.end() ? *it->second : with_group_attributes(*it->second, f->second);
    auto outcomes = score_response(*cat, body, values.lookup());
    if (published.contains(current)) published_.put(c.id, *cat, current, body, outcomes);
    aggregates_.put(c.id, *cat, current, body, std::move(outcomes));
    ++*counted;
    values.clear();
  };
  MAMORI_RETURN_IF_ERROR(store_.responses().for_each_counted_answer(
      c.id, [&](int64_t response, const std::string& body, const std::string& qid, const std::optional<std::string>& v) {
        if (response != current) {
          flush();
          current = response;
          current_body = body;
        }
        values.set_json(qid, v);
      }));
  flush();
  // Every response of a closed campaign has its frozen groups (closing and migration 2 write
  // them); one without is counted with the body's current attributes, and said here.
  if (unfrozen > 0)
    log_json("warning", "frozen_groups_missing",
             {{"campaign_id", std::to_string(c.id)}, {"responses", std::to_string(unfrozen)}});
  return failed;
}

Result<int64_t> AnalyticsService::rebuild_locked() {
  // The cursor first: an event written while the data is read is applied again, which is
  // harmless (a re-count reads the current state).
  MAMORI_ASSIGN_OR_RETURN(int64_t latest, store_.events().latest_event());
  aggregates_.clear();
  published_.clear();
  MAMORI_ASSIGN_OR_RETURN(std::vector<Campaign> campaigns, store_.campaigns().list_campaigns());
  MAMORI_ASSIGN_OR_RETURN(std::vector<Body> bodies, store_.bodies().list_bodies({.limit = 1000000}));
  std::map<std::string, const Body*, std::less<>> body_of;
  for (const auto& b : bodies) body_of[b.code] = &b;
  int64_t counted = 0;
  for (const auto& c : campaigns) MAMORI_RETURN_IF_ERROR(recount_campaign_locked(c, body_of, &counted));
  cursor_ = latest;
  return counted;
}

Result<int64_t> AnalyticsService::rebuild() {
  std::lock_guard lock(write_mu_);
  return rebuild_locked();
}

Status AnalyticsService::catch_up() {
  std::lock_guard lock(write_mu_);
  while (true) {
    MAMORI_ASSIGN_OR_RETURN(std::vector<ports::Event> events, store_.events().events_after(cursor_, kEventsPerRead));
    if (events.empty()) return Status::Ok();
    std::set<int64_t> responses, campaigns;
    std::set<std::string> bodies;
    for (const auto& e : events) {
      if (e.kind == "response_changed") responses.insert(e.response_id);
      else if (e.kind == "campaign_closed" || e.kind == "campaign_imported") campaigns.insert(e.campaign_id);
      else if (e.kind == "body_changed") bodies.insert(e.body_code);
    }
    if (bodies.size() > kBodiesBeforeRebuild) {
      const int64_t last = events.back().id;
      MAMORI_RETURN_IF_ERROR(rebuild_locked().status());
      cursor_ = std::max(cursor_, last);
      continue;
    }
    for (const auto& code : bodies) {
      MAMORI_ASSIGN_OR_RETURN(std::vector<ResponseRecord> of_body, store_.responses().responses_of_body(code));
      for (const auto& r : of_body) responses.insert(r.id);
    }
    if (!campaigns.empty()) {
      MAMORI_ASSIGN_OR_RETURN(std::vector<Body> all, store_.bodies().list_bodies({.limit = 1000000}));
      std::map<std::string, const Body*, std::less<>> body_of;
      for (const auto& b : all) body_of[b.code] = &b;
      for (int64_t id : campaigns) {
        MAMORI_ASSIGN_OR_RETURN(Campaign c, store_.campaigns().get_campaign(id));
        int64_t counted = 0;
        MAMORI_RETURN_IF_ERROR(recount_campaign_locked(c, body_of, &counted));
      }
    }
    for (int64_t id : responses) MAMORI_RETURN_IF_ERROR(refresh_locked(id));
    cursor_ = events.back().id;
  }
}

void AnalyticsService::catch_up_or_log() {
  if (Status s = catch_up(); !s.ok())
    log_json("error", "analytics_catch_up_failed", {{"code", s.error_code()}, {"detail", s.internal_detail()}});
}

const Aggregates& AnalyticsService::aggregates() {
  catch_up_or_log();
  return aggregates_;
}

const Aggregates& AnalyticsService::published() {
  catch_up_or_log();
  return published_;
}

int64_t AnalyticsService::cursor() const {
  std::lock_guard lock(write_mu_);
  return cursor_;
}

}  // namespace mamori::analytics
