#include "domain/access_policy.h"

#include <algorithm>

#include "domain/body.h"
#include "domain/ministry.h"
#include "domain/workflow.h"

namespace mamori::auth {


namespace {
bool member_of(const User& u, const BodyRef& t) { return !u.body_code.empty() && u.body_code == t.code; }
std::string prefecture_of(const User& u) { return u.body_code.size() >= 2 ? prefecture_of_code(u.body_code) : ""; }
}  // namespace

bool can_read_body(const User& u, const BodyRef& t) {
  if (u.has(Role::kNationalAdmin)) return true;
  if (member_of(u, t) && (u.has(Role::kBodyRespondent) || u.has(Role::kBodyApprover) || u.has(Role::kBodyViewer) ||
                          u.has(Role::kPrefectureSupporter)))
    return true;
  // A supporter's scope is its prefecture, so it must belong to the prefecture
  // itself (code PP000C); a supporter account on a municipality sees only that
  // municipality.
  if (u.has(Role::kPrefectureSupporter) && is_prefecture_code(u.body_code) && !t.prefecture_code.empty() &&
      prefecture_of(u) == t.prefecture_code)
    return true;
  return false;
}

namespace {
// Whether the user holds a role that may change anything at all.
bool may_act(const User& u) {
  for (Role r : u.roles)
    if (r != Role::kBodyViewer && r != Role::kPartnerAnalyst) return true;
  return false;
}
}  // namespace

Status check_roles_for_body(const std::vector<Role>& roles, const std::string& body_code, const std::string& ministry) {
  const bool analyst = std::find(roles.begin(), roles.end(), Role::kPartnerAnalyst) != roles.end();
  if (analyst && (ministry.empty() || ministry == "mic" || !find_ministry(ministry)))
    return Status::InvalidArgument("ministry_required", {{"value", ministry}});
  if (!analyst && !ministry.empty()) return Status::InvalidArgument("ministry_not_allowed");
  // An analyst's rights (and its API tokens) are its ministry's only: no other role beside.
  if (analyst && roles.size() != 1) return Status::InvalidArgument("partner_analyst_alone");
  for (Role r : roles) {
    const bool national = r == Role::kNationalAdmin || r == Role::kPartnerAnalyst;
    if (national && !body_code.empty()) return Status::InvalidArgument("body_not_allowed");
    if (!national && body_code.empty()) return Status::InvalidArgument("body_required");
    if (r == Role::kPrefectureSupporter && !is_prefecture_code(body_code))
      return Status::InvalidArgument("not_a_prefecture");
  }
  return Status::Ok();
}

bool user_list_shows_logins(const User& u, const BodyRef& t) {
  return u.has(Role::kNationalAdmin) || (member_of(u, t) && u.has(Role::kBodyApprover));
}

bool reads_family(const User& u, std::string_view family) {
  if (family.empty()) return false;
  if (u.has(Role::kNationalAdmin)) return true;
  return u.has(Role::kPartnerAnalyst) && !u.ministry.empty() && u.ministry != "mic" && u.ministry == family;
}

// A partner analyst manages its own ministry's campaigns as MIC manages its own.
bool may_manage_family(const User& u, std::string_view family) { return reads_family(u, family); }

std::vector<std::string> families_of(const User& u) {
  std::vector<std::string> out;
  for (const auto& m : ministries())
    if (reads_family(u, m.id)) out.emplace_back(m.id);
  return out;
}

bool token_may(std::string_view action, std::string_view method) {
  return method == "GET" && (action == kFamilyRead || action == kFamilyList);
}

std::string_view setup_required(const User& u) {
  if (u.must_change_password) return "change_password";
  if (u.needs_second_factor() && !u.second_factor) return "enrol_second_factor";
  return "";
}

Decision decide(const std::optional<User>& user, std::string_view action, const BodyRef* target, bool awaiting_code,
                std::string_view family) {
  if (action == kPublic) return Decision::kAllow;
  if (!user) return Decision::kUnauthenticated;
  if (awaiting_code || action == kSecondFactor)
    return awaiting_code && action == kSecondFactor ? Decision::kAllow : Decision::kUnauthenticated;
  const User& u = *user;
  if (action == kSessionSetup) return Decision::kAllow;
  if (!setup_required(u).empty()) return Decision::kSetupRequired;
  if (action == kSession) return Decision::kAllow;
  if (action == kSessionAct) return may_act(u) ? Decision::kAllow : Decision::kForbidden;
  if (action == kNationalManage) return u.has(Role::kNationalAdmin) ? Decision::kAllow : Decision::kForbidden;
  if (action == kFamilyList || action == kCampaignCreate)
    return !families_of(u).empty() ? Decision::kAllow : Decision::kForbidden;
  if (action == kFamilyRead) return reads_family(u, family) ? Decision::kAllow : Decision::kForbidden;
  if (action == kFamilyManage) return may_manage_family(u, family) ? Decision::kAllow : Decision::kForbidden;
  if (action == kApiTokens)
    return u.has(Role::kPartnerAnalyst) && !u.ministry.empty() ? Decision::kAllow : Decision::kForbidden;
  if (!target) return Decision::kForbidden;  // a body-scoped action without a body: a route-table bug
  if (!can_read_body(u, *target)) return Decision::kHidden;
  if (action == kBodyRead) return Decision::kAllow;
  if (action == kBodyUsers)
    return user_list_shows_logins(u, *target) || u.has(Role::kPrefectureSupporter) ? Decision::kAllow
                                                                                     : Decision::kForbidden;
  if (action == kResponseEdit)  // a prefecture supporter answers for its own body like any body
    return member_of(u, *target) &&
                   (u.has(Role::kBodyRespondent) || u.has(Role::kBodyApprover) || u.has(Role::kPrefectureSupporter))
               ? Decision::kAllow
               : Decision::kForbidden;
  if (action == kResponseReview || action == kBodyGovern)
    return member_of(u, *target) && u.has(Role::kBodyApprover) ? Decision::kAllow : Decision::kForbidden;
  if (action == kResponseAccept) return u.has(Role::kNationalAdmin) ? Decision::kAllow : Decision::kForbidden;
  if (action == kBodyAudit || action == kBodyExport)
    return u.has(Role::kNationalAdmin) || (member_of(u, *target) && u.has(Role::kBodyApprover)) ? Decision::kAllow
                                                                                               : Decision::kForbidden;
  return Decision::kForbidden;
}

ResponsePermissions response_permissions(const User& user, const ResponseRecord& response,
                                         const std::vector<CategoryStatus>& categories) {
  const BodyRef target{response.body_code, response.body_code.substr(0, 2)};
  const std::optional<User> who = user;
  ResponsePermissions p;
  p.edit = decide(who, kResponseEdit, &target) == Decision::kAllow;
  p.open = editable_status(response).ok();
  p.review = decide(who, kResponseReview, &target) == Decision::kAllow;
  p.accept = decide(who, kResponseAccept, &target) == Decision::kAllow;
  for (const auto& c : categories) {
    CategoryPermission cp{c.category, false, false};
    Status open = check_category_open(user, categories, c.category, false);
    cp.assigned_to_other = open.error_code() == "category_assigned_to_other";
    cp.editable = p.edit && p.open && open.ok();
    p.categories.push_back(cp);
  }
  return p;
}

}  // namespace mamori::auth
