#include "domain/aggregates.h"

#include <algorithm>
#include <mutex>

namespace mamori::analytics {

std::vector<std::string> groups_of(const Body& b) {
  std::vector<std::string> g{"national", "type:" + std::string(to_string(b.type)),
                             "pref:" + b.code.substr(0, 2)};
  if (!b.network_model.empty()) g.push_back("network:" + b.network_model);
  if (!b.population_band.empty()) g.push_back("pop:" + b.population_band);
  return g;
}

GroupFigures empty_figures(const Catalog& cat) {
  GroupFigures g;
  g.questions.resize(cat.questions.size());
  g.categories.resize(cat.categories.size());
  return g;
}

void Aggregates::apply(CampaignData& c, const Entry& e, int sign) {
  for (const auto& key : e.groups) {
    GroupFigures& g = c.groups[key];
    if (g.questions.empty()) g = empty_figures(*c.catalog);
    g.bodies += sign;
    for (size_t i = 0; i < e.outcomes.size() && i < g.questions.size(); ++i) {
      g.questions[i].add(e.outcomes[i], sign);
      const auto cat = static_cast<size_t>(c.catalog->questions[i].category);
      if (cat >= 1 && cat <= g.categories.size()) g.categories[cat - 1].add(e.outcomes[i], sign);
    }
    if (g.bodies == 0) c.groups.erase(key);
  }
}

void Aggregates::put(int64_t campaign_id, const Catalog& cat, int64_t response_id, const Body& body,
                     std::vector<Outcome> outcomes) {
  std::unique_lock lock(mu_);
  CampaignData& c = campaigns_[campaign_id];
  c.catalog = &cat;
  auto it = c.entries.find(response_id);
  if (it != c.entries.end()) {
    apply(c, it->second, -1);
    c.entries.erase(it);
  }
  Entry e{body.code, groups_of(body), std::move(outcomes)};
  apply(c, e, +1);
  c.entries.emplace(response_id, std::move(e));
}

void Aggregates::remove(int64_t campaign_id, int64_t response_id) {
  std::unique_lock lock(mu_);
  auto c = campaigns_.find(campaign_id);
  if (c == campaigns_.end()) return;
  auto it = c->second.entries.find(response_id);
  if (it == c->second.entries.end()) return;
  apply(c->second, it->second, -1);
  c->second.entries.erase(it);
}

void Aggregates::clear() {
  std::unique_lock lock(mu_);
  campaigns_.clear();
}

void Aggregates::clear_campaign(int64_t campaign_id) {
  std::unique_lock lock(mu_);
  campaigns_.erase(campaign_id);
}

GroupFigures Aggregates::figures(int64_t campaign_id, const std::string& group) const {
  std::shared_lock lock(mu_);
  auto c = campaigns_.find(campaign_id);
  if (c == campaigns_.end()) return {};
  auto g = c->second.groups.find(group);
  if (g == c->second.groups.end()) return empty_figures(*c->second.catalog);
  return g->second;
}

std::map<std::string, GroupFigures> Aggregates::all_groups(int64_t campaign_id) const {
  std::shared_lock lock(mu_);
  auto c = campaigns_.find(campaign_id);
  if (c == campaigns_.end()) return {};
  return c->second.groups;
}

bool Aggregates::counted(int64_t campaign_id, int64_t response_id) const {
  std::shared_lock lock(mu_);
  auto c = campaigns_.find(campaign_id);
  return c != campaigns_.end() && c->second.entries.contains(response_id);
}

std::map<std::string, GroupFigures> Aggregates::sums_of(
    int64_t campaign_id, const std::function<bool(const std::string& body_code)>& pred) const {
  std::shared_lock lock(mu_);
  std::map<std::string, GroupFigures> out;
  auto c = campaigns_.find(campaign_id);
  if (c == campaigns_.end()) return out;
  for (const auto& [id, e] : c->second.entries) {
    if (!pred(e.body_code)) continue;
    for (const auto& key : e.groups) {
      GroupFigures& g = out[key];
      if (g.questions.empty()) g = empty_figures(*c->second.catalog);
      ++g.bodies;
      for (size_t i = 0; i < e.outcomes.size() && i < g.questions.size(); ++i) {
        g.questions[i].add(e.outcomes[i]);
        const auto cat = static_cast<size_t>(c->second.catalog->questions[i].category);
        if (cat >= 1 && cat <= g.categories.size()) g.categories[cat - 1].add(e.outcomes[i]);
      }
    }
  }
  return out;
}

std::optional<std::vector<Outcome>> Aggregates::outcomes(int64_t campaign_id, int64_t response_id) const {
  std::shared_lock lock(mu_);
  auto c = campaigns_.find(campaign_id);
  if (c == campaigns_.end()) return std::nullopt;
  auto e = c->second.entries.find(response_id);
  if (e == c->second.entries.end()) return std::nullopt;
  return e->second.outcomes;
}

}  // namespace mamori::analytics
