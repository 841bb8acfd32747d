#pragma once
// The NIST CSF 2.0 view of MIC's survey (domain/csf.h) for one response and for the nation:
// the body's own coverage from its outcomes, and the national group's from the figures the
// viewer is given, withheld by the same disclosure rule as every other figure.

#include <optional>

#include "domain/csf.h"
#include "domain/disclosure.h"
#include "services/analytics/analytics_service.h"

namespace mamori::analytics {

struct CsfFigures {
  const Catalog* catalog = nullptr;
  CsfCoverage structure;           // every function and category with its questions (ratios empty)
  std::optional<CsfCoverage> own;  // the response's (none for a campaign's figures)
  std::vector<Outcome> own_outcomes;  // catalogue order, with `own`
  std::optional<CsfCoverage> national;  // none when withheld
  Withheld national_withheld = Withheld::kNo;
};

// NotFound "csf_not_mapped" when the response's catalogue has no CSF mapping.
Result<CsfFigures> csf_of_response(AnalyticsService& analytics, ports::Store& store, const CsfView& view,
                                   int64_t response_id, const Viewer& viewer);
Result<CsfFigures> csf_of_campaign(AnalyticsService& analytics, ports::Store& store, const CsfView& view,
                                   int64_t campaign_id, const Viewer& viewer);

}  // namespace mamori::analytics
