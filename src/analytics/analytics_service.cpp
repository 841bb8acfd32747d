#include "analytics/analytics_service.h"

#include <boost/json.hpp>

#include <map>

namespace mamori::analytics {

namespace json = boost::json;

bool counts_in_figures(ResponseState s) { return s == ResponseState::kSubmitted || s == ResponseState::kAccepted; }

Result<OwnScores> AnalyticsService::score(const ResponseRecord& r) {
  auto campaign = store_.get_campaign(r.campaign_id);
  if (!campaign.ok()) return campaign.status();
  const Catalog* cat = catalogs_.find(campaign->catalog_id);
  if (!cat) return Status::Internal("catalogue " + campaign->catalog_id + " is not loaded");
  auto body = store_.get_body(r.body_code);
  if (!body.ok()) return body.status();
  auto answers = store_.get_answers(r.id);
  if (!answers.ok()) return answers.status();
  std::map<std::string, json::value, std::less<>> values;
  for (const auto& a : *answers)
    if (a.value_json) values[a.question_id] = json::parse(*a.value_json);
  auto lookup = [&](const std::string& id) -> const json::value* {
    auto it = values.find(id);
    return it == values.end() ? nullptr : &it->second;
  };
  OwnScores out{r, std::move(*body), cat, {}, {}};
  out.outcomes = score_response(*cat, out.body, lookup);
  out.categories = category_ratios(*cat, out.outcomes);
  return out;
}

Result<OwnScores> AnalyticsService::own_scores(int64_t response_id) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  return score(*r);
}

Status AnalyticsService::refresh(int64_t response_id) {
  std::lock_guard lock(write_mu_);
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (!counts_in_figures(r->state)) {
    aggregates_.remove(r->campaign_id, r->id);
    return Status::Ok();
  }
  auto s = score(*r);
  if (!s.ok()) return s.status();
  aggregates_.put(r->campaign_id, *s->catalog, r->id, s->body, std::move(s->outcomes));
  return Status::Ok();
}

Result<int64_t> AnalyticsService::rebuild() {
  std::lock_guard lock(write_mu_);
  aggregates_.clear();
  auto campaigns = store_.list_campaigns();
  if (!campaigns.ok()) return campaigns.status();
  int64_t counted = 0;
  for (const auto& c : *campaigns) {
    for (const char* state : {"submitted", "accepted"}) {
      auto list = store_.list_responses(c.id, store::ResponseFilter{.prefecture_code = "", .state = state});
      if (!list.ok()) return list.status();
      for (const auto& row : *list) {
        auto s = score(row.response);
        if (!s.ok()) return s.status();
        aggregates_.put(c.id, *s->catalog, row.response.id, s->body, std::move(s->outcomes));
        ++counted;
      }
    }
  }
  return counted;
}

}  // namespace mamori::analytics
