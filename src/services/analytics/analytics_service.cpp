#include "services/analytics/analytics_service.h"

#include <boost/json.hpp>

#include <map>
#include <set>

namespace mamori::analytics {

namespace json = boost::json;

bool counts_in_figures(ResponseState s) { return s == ResponseState::kSubmitted || s == ResponseState::kAccepted; }

bool is_published(const Campaign& c, const ResponseRecord& r) {
  if (c.state != CampaignState::kClosed || !counts_in_figures(r.state)) return false;
  if (!c.closed_at) return true;
  return r.submitted_at && *r.submitted_at <= *c.closed_at;  // ISO 8601 UTC strings order as times
}

Result<OwnScores> AnalyticsService::score(const ResponseRecord& r, const Campaign& campaign) {
  const Catalog* cat = catalogs_.find(campaign.catalog_id);
  if (!cat) return Status::Internal("catalogue " + campaign.catalog_id + " is not loaded");
  auto body = store_.get_body(r.body_code);
  if (!body.ok()) return body.status();
  auto answers = store_.get_answers(r.id);
  if (!answers.ok()) return answers.status();
  AnswerValues values;
  for (const auto& a : *answers) values.set_json(a.question_id, a.value_json);
  OwnScores out{r, std::move(*body), cat, {}, {}};
  out.outcomes = score_response(*cat, out.body, values.lookup());
  out.categories = category_ratios(*cat, out.outcomes);
  return out;
}

Result<OwnScores> AnalyticsService::own_scores(int64_t response_id) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  auto cam = store_.get_campaign(r->campaign_id);
  if (!cam.ok()) return cam.status();
  return score(*r, *cam);
}

Status AnalyticsService::refresh(int64_t response_id) {
  std::lock_guard lock(write_mu_);
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (!counts_in_figures(r->state)) {
    aggregates_.remove(r->campaign_id, r->id);
    published_.remove(r->campaign_id, r->id);
    return Status::Ok();
  }
  auto cam = store_.get_campaign(r->campaign_id);
  if (!cam.ok()) return cam.status();
  auto s = score(*r, *cam);
  if (!s.ok()) return s.status();
  if (is_published(*cam, *r)) published_.put(r->campaign_id, *s->catalog, r->id, s->body, s->outcomes);
  else published_.remove(r->campaign_id, r->id);
  aggregates_.put(r->campaign_id, *s->catalog, r->id, s->body, std::move(s->outcomes));
  return Status::Ok();
}

Result<int64_t> AnalyticsService::rebuild() {
  std::lock_guard lock(write_mu_);
  aggregates_.clear();
  published_.clear();
  auto campaigns = store_.list_campaigns();
  if (!campaigns.ok()) return campaigns.status();
  auto bodies = store_.list_bodies({.limit = 1000000});
  if (!bodies.ok()) return bodies.status();
  std::map<std::string, const Body*, std::less<>> body_of;
  for (const auto& b : *bodies) body_of[b.code] = &b;
  int64_t counted = 0;
  for (const auto& c : *campaigns) {
    const Catalog* cat = catalogs_.find(c.catalog_id);
    if (!cat) return Status::Internal("catalogue " + c.catalog_id + " is not loaded");
    std::set<int64_t> published;
    if (c.state == CampaignState::kClosed) {
      auto list = store_.list_responses(c.id, {});
      if (!list.ok()) return list.status();
      for (const auto& row : *list)
        if (is_published(c, row.response)) published.insert(row.response.id);
    }
    // One read of the campaign's counted answers, scored response by response as they come.
    int64_t current = 0;
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
      auto outcomes = score_response(*cat, *it->second, values.lookup());
      if (published.contains(current)) published_.put(c.id, *cat, current, *it->second, outcomes);
      aggregates_.put(c.id, *cat, current, *it->second, std::move(outcomes));
      ++counted;
      values.clear();
    };
    Status st = store_.for_each_counted_answer(
        c.id, [&](int64_t response, const std::string& body, const std::string& qid, const std::optional<std::string>& v) {
          if (response != current) {
            flush();
            current = response;
            current_body = body;
          }
          values.set_json(qid, v);
        });
    MAMORI_RETURN_IF_ERROR(st);
    flush();
    MAMORI_RETURN_IF_ERROR(failed);
  }
  return counted;
}

}  // namespace mamori::analytics
