#pragma once
// A body's standing, computed once for every consumer (the JSON API, the feedback PDF and
// workbook): its own category scores, its five groups with their figures (suppressed below
// kMinGroupSize), the measures to take first, and its trend over the years.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/analytics/analytics_service.h"
#include "domain/disclosure.h"
#include "domain/group_labels.h"

namespace mamori::analytics {

using PrefectureNames = std::function<std::string(const std::string& code)>;

// Prefecture code → name, read once from the store's prefecture bodies.
PrefectureNames prefecture_names(ports::Store& store);

struct GroupStanding {
  std::string key;
  Text label;
  GroupFigures figures;
  Withheld withheld = Withheld::kSmallGroup;  // disclosure.h: when not kNo, show no figures, not even the size
  bool suppressed() const { return withheld != Withheld::kNo; }
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

// The standing of a response as `viewer` may see it: its groups from the figures the viewer
// is given (AnalyticsService::figures_for), withheld as disclosure.h decides.
Result<Standing> standing_of(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                             const PrefectureNames& names, const Viewer& viewer);

struct TrendPoint {
  int fiscal_year = 0;
  int64_t campaign_id = 0;
  int64_t response_id = 0;
  ResponseState state = ResponseState::kDraft;
  CategoryRatios own;
  GroupFigures national;
  Withheld national_withheld = Withheld::kSmallGroup;  // when not kNo: not to be shown
};

// Every response of the body that is counted, plus `response_id` itself, oldest first.
Result<std::vector<TrendPoint>> trend_of(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                                         const Viewer& viewer);

Ratio total_of(const CategoryRatios& c);

}  // namespace mamori::analytics
