#pragma once
// A body's standing, computed once for every consumer (the JSON API, the feedback PDF and
// workbook): its own category scores, its five groups with their figures (suppressed below
// kMinGroupSize), the measures to take first, and its trend over the years.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/analytics_service.h"
#include "analytics/group_labels.h"

namespace mamori::analytics {

using PrefectureNames = std::function<std::string(const std::string& code)>;

// Prefecture code → name, read once from the store's prefecture bodies.
PrefectureNames prefecture_names(store::Store& store);

struct GroupStanding {
  std::string key;
  Text label;
  GroupFigures figures;
  bool suppressed = true;  // fewer than kMinGroupSize bodies: show no figures, not even the size
};

// A measure the body has not implemented that at least half of its peer group has.
struct Gap {
  const Question* question = nullptr;
  double peer_rate = 0;
  std::optional<double> national_rate;
};

struct Standing {
  OwnScores own;
  bool counted = false;               // the response is in the figures
  std::vector<GroupStanding> groups;  // national, type, prefecture, network model, population band
  std::string peer_key;               // the type group
  std::vector<Gap> gaps;              // highest peer rate first
};

Result<Standing> standing_of(AnalyticsService& analytics, int64_t response_id, const PrefectureNames& names);

struct TrendPoint {
  int fiscal_year = 0;
  int64_t campaign_id = 0;
  int64_t response_id = 0;
  ResponseState state = ResponseState::kDraft;
  CategoryRatios own{};
  GroupFigures national;  // bodies < kMinGroupSize: not to be shown
};

// Every response of the body that is counted, plus `response_id` itself, oldest first.
Result<std::vector<TrendPoint>> trend_of(AnalyticsService& analytics, store::Store& store, int64_t response_id);

Ratio total_of(const CategoryRatios& c);

}  // namespace mamori::analytics
