#include "services/analytics/benchmark.h"

#include <algorithm>
#include <map>
#include <memory>

namespace mamori::analytics {

PrefectureNames prefecture_names(ports::Store& store) {
  auto prefs = std::make_shared<std::map<std::string, std::string>>();
  if (auto list = store.bodies().list_bodies({.type = "prefecture"}); list.ok())
    for (const auto& b : *list) (*prefs)[b.code.substr(0, 2)] = b.name_ja;
  return [prefs](const std::string& code) {
    auto it = prefs->find(code);
    return it == prefs->end() ? code : it->second;
  };
}

Ratio total_of(const CategoryRatios& c) {
  Ratio t;
  for (const auto& r : c) {
    t.implemented += r.implemented;
    t.applicable += r.applicable;
  }
  return t;
}

Result<Standing> standing_of(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                             const PrefectureNames& names, const Viewer& viewer) {
  MAMORI_ASSIGN_OR_RETURN(auto own, analytics.own_scores(response_id));
  MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(own.response.campaign_id));
  Standing s;
  s.own = std::move(own);
  const auto& agg = analytics.figures_for(viewer.sees_everything);
  const int64_t campaign = s.own.response.campaign_id;
  s.counted = agg.counted(campaign, response_id);
  Disclosure disclosure(viewer, cam, agg);
  for (const auto& key : groups_of(s.own.body)) {
    GroupStanding g{key, group_label(key, names), agg.figures(campaign, key)};
    g.withheld = disclosure.withheld(key, g.figures);
    s.groups.push_back(std::move(g));
  }
  s.peer_key = s.groups[1].key;
  const GroupStanding& peers = s.groups[1];
  const GroupStanding& national = s.groups[0];
  // A per-question rate is shown only when the disclosure rule holds for that question too:
  // a conditional question can have few applicable answers in a large group.
  auto enough = [&](const GroupStanding& g, size_t i) {
    return !g.suppressed() && disclosure.question_shown(g.key, g.figures, i);
  };
  if (!peers.suppressed()) {
    for (size_t i = 0; i < s.own.outcomes.size(); ++i) {
      auto r = peers.figures.questions[i].rate();
      if (s.own.outcomes[i] != Outcome::kNotImplemented || !r || *r < 0.5 || !enough(peers, i)) continue;
      s.gaps.push_back(Gap{&s.own.catalog->questions[i], *r,
                           enough(national, i) ? national.figures.questions[i].rate() : std::nullopt});
    }
    std::stable_sort(s.gaps.begin(), s.gaps.end(), [](const Gap& a, const Gap& b) { return a.peer_rate > b.peer_rate; });
  }
  return s;
}

Result<std::vector<TrendPoint>> trend_of(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                                         const Viewer& viewer) {
  MAMORI_ASSIGN_OR_RETURN(auto current, store.responses().get_response(response_id));
  MAMORI_ASSIGN_OR_RETURN(auto responses, store.responses().responses_of_body(current.body_code));
  std::vector<TrendPoint> out;
  for (const auto& r : responses) {
    if (r.id != current.id && !counts_in_figures(r.state)) continue;
    MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(r.campaign_id));
    auto own = analytics.own_scores(r.id);
    if (!own.ok() && own.status().code() == StatusCode::kInternal && r.id != current.id) continue;  // e.g. a catalogue no longer loaded
    if (!own.ok()) return own.status();
    const auto& agg = analytics.figures_for(viewer.sees_everything);
    GroupFigures national = agg.figures(r.campaign_id, "national");
    Withheld w = withheld(viewer, cam, agg, "national", national);
    out.push_back(TrendPoint{cam.fiscal_year, cam.id, r.id, r.state, own->categories, std::move(national), w});
  }
  std::stable_sort(out.begin(), out.end(), [](const TrendPoint& a, const TrendPoint& b) { return a.fiscal_year < b.fiscal_year; });
  return out;
}

}  // namespace mamori::analytics
