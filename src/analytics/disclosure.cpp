#include "analytics/disclosure.h"

#include "analytics/group_labels.h"

namespace mamori::analytics {

Withheld withheld(const Viewer& viewer, const Campaign& campaign, const Aggregates& aggregates, const std::string& group,
                  const GroupFigures& figures) {
  if (figures.bodies < kMinGroupSize) return Withheld::kSmallGroup;
  if (viewer.sees_everything) return Withheld::kNo;
  if (campaign.state != CampaignState::kClosed) return Withheld::kOpenCampaign;
  int64_t readable = viewer.can_read ? aggregates.count_bodies(campaign.id, group, viewer.can_read) : 0;
  int64_t unknown = figures.bodies - readable;
  if (unknown > 0 && unknown < kMinGroupSize) return Withheld::kSmallGroup;
  if (group != "national") {
    int64_t rest = aggregates.figures(campaign.id, "national").bodies - figures.bodies;
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
