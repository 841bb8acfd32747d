#include "domain/disclosure.h"

#include "domain/group_labels.h"

namespace mamori::analytics {

const std::map<std::string, GroupFigures>& Disclosure::sums() {
  if (!sums_) {
    if (viewer_.can_read) sums_ = aggregates_.sums_of(campaign_.id, viewer_.can_read);
    else sums_.emplace();
  }
  return *sums_;
}

GroupFigures Disclosure::readable(const std::string& group) {
  if (viewer_.sees_everything) return {};
  auto it = sums().find(group);
  return it == sums().end() ? GroupFigures{} : it->second;
}

namespace {

// A count that would single out fewer than kMinGroupSize bodies or answers (0 singles out
// none).
bool one_to_four(int64_t n) { return n > 0 && n < kMinGroupSize; }

}  // namespace

const GroupFigures& Disclosure::national() {
  if (!national_) national_ = aggregates_.figures(campaign_.id, "national");
  return *national_;
}

bool Disclosure::question_shown(const std::string& group, const GroupFigures& figures, size_t i) {
  if (i >= figures.questions.size()) return false;
  auto known = [&](const std::string& g) -> int64_t {
    if (viewer_.sees_everything) return 0;
    auto it = sums().find(g);
    return it == sums().end() || i >= it->second.questions.size() ? 0 : it->second.questions[i].applicable;
  };
  const int64_t unknown = figures.questions[i].applicable - known(group);
  if (unknown < kMinGroupSize) return false;
  if (viewer_.sees_everything || group == "national") return true;
  const GroupFigures& nation = national();
  if (i >= nation.questions.size()) return false;
  return !one_to_four(nation.questions[i].applicable - known("national") - unknown);
}

Withheld Disclosure::withheld(const std::string& group, const GroupFigures& figures) {
  if (figures.bodies < kMinGroupSize) return Withheld::kSmallGroup;
  if (viewer_.sees_everything) return Withheld::kNo;
  if (campaign_.state != CampaignState::kClosed) return Withheld::kOpenCampaign;
  auto known = [&](const std::string& g) {
    auto it = sums().find(g);
    return it == sums().end() ? int64_t{0} : it->second.bodies;
  };
  const int64_t unknown = figures.bodies - known(group);
  if (one_to_four(unknown)) return Withheld::kSmallGroup;
  if (group != "national" && one_to_four(national().bodies - known("national") - unknown)) return Withheld::kSmallGroup;
  return Withheld::kNo;
}

Withheld withheld(const Viewer& viewer, const Campaign& campaign, const Aggregates& aggregates, const std::string& group,
                  const GroupFigures& figures, GroupFigures* readable) {
  Disclosure d(viewer, campaign, aggregates);
  Withheld w = d.withheld(group, figures);
  if (readable) *readable = d.readable(group);
  return w;
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
