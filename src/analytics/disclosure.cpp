#include "analytics/disclosure.h"

#include "analytics/group_labels.h"

namespace mamori::analytics {

Withheld withheld(const Viewer& viewer, const Campaign& campaign, const Aggregates& aggregates, const std::string& group,
                  const GroupFigures& figures, GroupFigures* readable) {
  if (figures.bodies < kMinGroupSize) return Withheld::kSmallGroup;
  if (viewer.sees_everything) return Withheld::kNo;
  if (campaign.state != CampaignState::kClosed) return Withheld::kOpenCampaign;
  auto can_read = viewer.can_read ? viewer.can_read : [](const std::string&) { return false; };
  GroupFigures known = aggregates.sum_of(campaign.id, group, can_read);
  int64_t unknown = figures.bodies - known.bodies;
  if (readable) *readable = std::move(known);
  if (unknown > 0 && unknown < kMinGroupSize) return Withheld::kSmallGroup;
  if (group != "national") {
    int64_t national_unknown =
        aggregates.figures(campaign.id, "national").bodies - aggregates.sum_of(campaign.id, "national", can_read).bodies;
    int64_t rest = national_unknown - unknown;
    if (rest > 0 && rest < kMinGroupSize) return Withheld::kSmallGroup;
  }
  return Withheld::kNo;
}

Text withheld_note(Withheld w) {
  switch (w) {
    case Withheld::kNo:
      return {};
    case Withheld::kSmallGroup:
      return {"非表示（5団体未満）", "Hidden (fewer than 5 bodies)"};
    case Withheld::kOpenCampaign:
      return {"非表示（調査の締切後に公開）", "Hidden until the survey closes"};
  }
  return {};
}

}  // namespace mamori::analytics
