#include "domain/model.h"

#include <algorithm>
#include <array>

namespace mamori {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::kNationalAdmin, "national_admin"},
    {Role::kPrefectureSupporter, "prefecture_supporter"},
    {Role::kBodyRespondent, "body_respondent"},
    {Role::kBodyApprover, "body_approver"},
    {Role::kBodyViewer, "body_viewer"},
    {Role::kPartnerAnalyst, "partner_analyst"},
}};
constexpr std::array<std::pair<ResponseState, std::string_view>, 5> kStates{{
    {ResponseState::kDraft, "draft"},
    {ResponseState::kReadyForReview, "ready_for_review"},
    {ResponseState::kSubmitted, "submitted"},
    {ResponseState::kAccepted, "accepted"},
    {ResponseState::kReturned, "returned"},
}};
}  // namespace

std::string_view to_string(Role r) {
  for (auto& [k, v] : kRoles)
    if (k == r) return v;
  return "";
}

std::optional<Role> parse_role(std::string_view s) {
  for (auto& [k, v] : kRoles)
    if (v == s) return k;
  return std::nullopt;
}


std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (auto r : roles) {
    if (!out.empty()) out += ",";
    out += to_string(r);
  }
  return out;
}

bool User::needs_second_factor() const {
  return has(Role::kBodyApprover) || has(Role::kPrefectureSupporter) || has(Role::kPartnerAnalyst) ||
         has(Role::kNationalAdmin);
}

bool User::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

std::string_view to_string(CampaignState s) {
  switch (s) {
    case CampaignState::kDraft:
      return "draft";
    case CampaignState::kOpen:
      return "open";
    case CampaignState::kClosed:
      return "closed";
  }
  return "draft";
}

std::optional<CampaignState> parse_campaign_state(std::string_view s) {
  for (auto c : {CampaignState::kDraft, CampaignState::kOpen, CampaignState::kClosed})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string_view to_string(ResponseState s) {
  for (auto& [k, v] : kStates)
    if (k == s) return v;
  return "draft";
}

std::optional<ResponseState> parse_response_state(std::string_view s) {
  for (auto& [k, v] : kStates)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view response_state_label_ja(ResponseState s) {
  switch (s) {
    case ResponseState::kDraft: return "回答中";
    case ResponseState::kReadyForReview: return "確認依頼中";
    case ResponseState::kSubmitted: return "提出済み";
    case ResponseState::kAccepted: return "受理済み";
    case ResponseState::kReturned: return "総務省から差戻し";
  }
  return "";
}

Status editable_status(const ResponseRecord& r) {
  if (r.locked)
    return Status::FailedPrecondition("response_locked");
  if (r.state != ResponseState::kDraft && r.state != ResponseState::kReturned)
    return Status::FailedPrecondition("response_read_only", {{"state_ja", std::string(response_state_label_ja(r.state))},
                                                             {"state", std::string(to_string(r.state))}});
  return Status::Ok();
}

}  // namespace mamori
