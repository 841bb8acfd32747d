// The access policy: the one place that decides who may do what to which body.
//
// Every route names an action; the server calls decide() before the handler.
// A request for a body the user may not even see is answered exactly like a
// request for a body that does not exist (404), so nothing leaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace mamori::auth {

// Actions named by routes.
inline constexpr std::string_view kPublic = "public";                   // no session needed
inline constexpr std::string_view kSession = "session";                 // any signed-in user
// Any signed-in user, even one who must first change the password or enrol a second factor
// (setup_required): the session itself, changing the password, enrolling.
inline constexpr std::string_view kSessionSetup = "session.setup";
// A session whose password was right and whose second factor's code is awaited: only the
// code's check (such a session can do nothing else, and no other session can do this).
inline constexpr std::string_view kSecondFactor = "session.second_factor";
// A signed-in user who may change something of their own (mark a notice read, start a job):
// not the read-only roles (a body's viewer/auditor, a partner ministry's analyst).
inline constexpr std::string_view kSessionAct = "session.act";
inline constexpr std::string_view kNationalManage = "national.manage";  // MIC: bodies, campaigns, users
inline constexpr std::string_view kBodyRead = "body.read";              // read one body's data
// The users of one body: MIC and the body's approver (with logins, to assign work), and the
// prefecture's supporter (names and roles only: user_list_shows_logins).
inline constexpr std::string_view kBodyUsers = "body.users";
inline constexpr std::string_view kResponseEdit = "response.edit";      // answer, confirm, mark ready
inline constexpr std::string_view kResponseReview = "response.review";  // assign, return, submit
inline constexpr std::string_view kResponseAccept = "response.accept";  // MIC accepts / returns
// The audit trail's entries about one body: MIC and the body's approver.
inline constexpr std::string_view kBodyAudit = "body.audit";
// A body's own data, complete (every year's answers, history and workflow: a hand-over, data
// portability): MIC and the body's approver, as body.audit.
inline constexpr std::string_view kBodyExport = "body.export";
// The body's policy obligation (its organs, 方針, reviews and security roles): the body's
// approver.
inline constexpr std::string_view kBodyGovern = "body.govern";
// The surveys of one ministry (a survey family, domain/ministry.h), for MIC and that
// ministry's analysts (User::ministry). Routes with these actions name a campaign, whose
// catalogue's family is the target; MIC may act on every family.
inline constexpr std::string_view kFamilyRead = "family.read";      // its items for all bodies, exports, figures
inline constexpr std::string_view kFamilyManage = "family.manage";  // open, extend, close, remind
// Lists of one's own family's campaigns, and creating one (the handler checks the family
// of the catalogue named with may_manage_family): MIC and the partner analysts.
inline constexpr std::string_view kFamilyList = "family.list";
inline constexpr std::string_view kCampaignCreate = "campaign.create";
// A partner analyst's own read-only API tokens.
inline constexpr std::string_view kApiTokens = "api_tokens";

// Whether a request authenticated by an API token (not a session) may use a route with
// `action` and `method`: reading one's family's data only.
bool token_may(std::string_view action, std::string_view method);

struct BodyRef {
  std::string code;
  std::string prefecture_code;  // "01" … "47"
};

enum class Decision {
  kAllow,
  kUnauthenticated,  // 401
  kForbidden,        // 403: may see the body, may not do this
  kHidden,           // 404: may not know the body's data exists
  kSetupRequired,    // 403: must first change the password or enrol (setup_required says which)
};

// What a signed-in user must do before anything but kSessionSetup actions: "change_password"
// (an initial or reset password), "enrol_second_factor" (a role that requires one, none
// enrolled), or "" when nothing.
std::string_view setup_required(const User& user);

// `target` is required for body-scoped actions; nullptr for the others. `awaiting_code`: the
// user's session awaits its second factor's code (the user is then not signed in yet).
// `family` is the survey family of a family-scoped action's campaign ("" for the others).
Decision decide(const std::optional<User>& user, std::string_view action, const BodyRef* target,
                bool awaiting_code = false, std::string_view family = {});

// Whether `user` may read / manage the campaigns of survey family `family`.
bool reads_family(const User& user, std::string_view family);
bool may_manage_family(const User& user, std::string_view family);
// The families whose campaigns `user` may list: every one for MIC, the own ministry's for
// a partner analyst, none for the others.
std::vector<std::string> families_of(const User& user);

// Whether `roles` fit an account of `body_code` ("" = national) and `ministry` ("" = none):
// body roles need a body, MIC's and partner ministries' roles none, a prefecture supporter a
// prefecture (PP000C), a partner analyst a partner ministry ("ppc", "nco") and no other role
// a ministry. InvalidArgument "body_required", "body_not_allowed", "not_a_prefecture",
// "ministry_required" or "ministry_not_allowed".
Status check_roles_for_body(const std::vector<Role>& roles, const std::string& body_code,
                            const std::string& ministry = "");

// Whether `user` may read `target`'s data (lists filter with this).
bool can_read_body(const User& user, const BodyRef& target);

// Whether the user list of `target` shown to `user` (allowed body.users) includes logins.
bool user_list_shows_logins(const User& user, const BodyRef& target);

// What `user` may do with one response now — the policy and the workflow rules together,
// sent to the client with the response so it never re-implements them.
struct CategoryPermission {
  int category = 0;
  bool editable = false;           // may change its answers now
  bool assigned_to_other = false;  // someone else's (approvers may still edit)
};
struct ResponsePermissions {
  bool edit = false;    // may answer for the body (response.edit)
  bool open = false;    // the response takes answers at all (draft or returned, not locked)
  bool review = false;  // may assign, return and submit (response.review)
  bool accept = false;  // may accept, return to the body, reopen (response.accept)
  std::vector<CategoryPermission> categories;
};
ResponsePermissions response_permissions(const User& user, const ResponseRecord& response,
                                         const std::vector<CategoryStatus>& categories);

}  // namespace mamori::auth
