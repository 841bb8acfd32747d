#pragma once
// Which group figures a viewer may see (issue 4 §2: no route lets a body infer another
// body's answers). One decision, used by every route and report that shows a group.
//
// For MIC, who may read every answer anyway, a group is only hidden below kMinGroupSize.
// For everyone else a group of a campaign is shown only when all of these hold:
//   1. the campaign is closed: live figures change one submission at a time, so two
//      readings of an open campaign would give away the one submission between them;
//   2. at least kMinGroupSize of its counted bodies are bodies the viewer cannot read — or
//      none are (a group the viewer reads entirely reveals nothing new). The viewer knows
//      its own bodies' answers and could subtract them;
//   3. the rest of the nation beside it (national − group), counting again only bodies the
//      viewer cannot read, is 0 or at least kMinGroupSize bodies, so subtracting the group
//      from the national figure gives nothing smaller.
// Non-MIC viewers are given the published figures (AnalyticsService::figures_for), which
// stay fixed once a campaign is closed. A per-question rate of a shown group follows the same
// rule over that question's applicable answers (question_shown): a conditional question can
// have few applicable answers in a large group.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "domain/aggregates.h"
#include "domain/model.h"

namespace mamori::analytics {

enum class Withheld { kNo, kSmallGroup, kOpenCampaign };

struct Viewer {
  bool sees_everything = false;                          // MIC
  std::function<bool(const std::string& body_code)> can_read;  // the access policy's answer
};

// The decision for one viewer and one campaign, over several groups: what the viewer can
// read is summed once, in one pass over the counted responses, on first use.
// `aggregates`: the figures the viewer is given (AnalyticsService::figures_for); it and the
// other arguments must outlive this object.
class Disclosure {
 public:
  Disclosure(const Viewer& viewer, const Campaign& campaign, const Aggregates& aggregates)
      : viewer_(viewer), campaign_(campaign), aggregates_(aggregates) {}
  Withheld withheld(const std::string& group, const GroupFigures& figures);
  // The part of `group` the viewer can read (empty for MIC, who is never asked).
  GroupFigures readable(const std::string& group);
  // Whether the rate of question `i` (catalogue order) of `group`, itself shown, may be shown:
  // at least kMinGroupSize of its applicable answers come from bodies the viewer cannot read
  // (for MIC: from any body), and — for a viewer other than MIC and a group other than
  // national — the rest of the nation beside it for that question (national − group,
  // answers the viewer cannot read) is 0 or at least kMinGroupSize answers.
  bool question_shown(const std::string& group, const GroupFigures& figures, size_t i);

 private:
  const std::map<std::string, GroupFigures>& sums();
  const GroupFigures& national();
  const Viewer& viewer_;
  const Campaign& campaign_;
  const Aggregates& aggregates_;
  std::optional<std::map<std::string, GroupFigures>> sums_;
  std::optional<GroupFigures> national_;
};

// One decision (tests, single groups). When `readable` is given, it receives the part of the
// group the viewer can read (empty for MIC).
Withheld withheld(const Viewer& viewer, const Campaign& campaign, const Aggregates& aggregates, const std::string& group,
                  const GroupFigures& figures, GroupFigures* readable = nullptr);

// The note shown instead of the figures: 「非表示（5団体未満）」, 「非表示（調査の締切後に公開）」.
Text withheld_note(Withheld w);

}  // namespace mamori::analytics
