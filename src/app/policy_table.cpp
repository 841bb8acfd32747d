#include "app/policy_table.h"

#include <optional>

#include "domain/access_policy.h"

namespace mamori {

namespace {

struct Column {
  const char* title;
  std::optional<User> user;  // none: no session
};

// One user per role, each with the second factor its role needs, on 札幌市 (011002) in
// 北海道 (01), or the prefecture itself for the supporter.
std::vector<Column> columns() {
  auto user = [](Role r, const char* body) {
    User u{.id = 1, .login = "x", .body_code = body, .roles = {r}};
    if (r == Role::kPartnerAnalyst) u.ministry = "ppc";
    u.second_factor = true;
    return std::optional<User>(u);
  };
  return {{"MIC", user(Role::kNationalAdmin, "")},
          {"prefecture", user(Role::kPrefectureSupporter, "010006")},
          {"approver", user(Role::kBodyApprover, "011002")},
          {"respondent", user(Role::kBodyRespondent, "011002")},
          {"viewer", user(Role::kBodyViewer, "011002")},
          {"partner", user(Role::kPartnerAnalyst, "")},
          {"no session", std::nullopt}};
}

const char* symbol(auth::Decision d) {
  switch (d) {
    case auth::Decision::kAllow:
      return "yes";
    case auth::Decision::kUnauthenticated:
      return "401";
    case auth::Decision::kForbidden:
      return "403";
    case auth::Decision::kHidden:
      return "404";
    case auth::Decision::kSetupRequired:
      return "setup";
  }
  return "?";
}

// What `user` gets for `action`: one word when the body does not matter, else per body (its
// own / another of its prefecture / of another prefecture) when that changes the answer.
std::string cell(const std::optional<User>& user, const std::string& action, api::Target target) {
  if (target == api::Target::kNone) return symbol(auth::decide(user, action, nullptr));
  if (target == api::Target::kCampaignParam) {  // a campaign of MIC's survey / of PPC's
    const std::string a = symbol(auth::decide(user, action, nullptr, false, "mic"));
    const std::string b = symbol(auth::decide(user, action, nullptr, false, "ppc"));
    return a == b ? a : a + " / " + b;
  }
  const auth::BodyRef own{"011002", "01"}, same{"012025", "01"}, other{"131016", "13"};
  const auth::BodyRef& home = user && user->has(Role::kPrefectureSupporter) ? auth::BodyRef{"010006", "01"} : own;
  const std::string a = symbol(auth::decide(user, action, &home));
  const std::string b = symbol(auth::decide(user, action, &same));
  const std::string c = symbol(auth::decide(user, action, &other));
  if (a == b && b == c) return a;
  return a + " / " + b + " / " + c;
}

}  // namespace

std::string access_policy_markdown(const api::RouteTable& routes) {
  const auto cols = columns();
  std::string out =
      "Cells: `yes` allowed; `401` not signed in; `403` refused; `404` answered as if absent; for a route about "
      "one body, `own / same prefecture / other prefecture` when they differ; for a route about one campaign, "
      "`MIC's survey / PPC's survey` when they differ (the partner analyst here is PPC's). Every user here has the "
      "second factor its role needs (without one, every action but `session.setup` answers `setup`).\n\n";
  out += "| method | path | action | audit |";
  for (const auto& c : cols) out += std::string(" ") + c.title + " |";
  out += "\n|---|---|---|---|";
  for (size_t i = 0; i < cols.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& r : routes.routes()) {
    const std::string by_service = api::audit_recorded_by_service(r.method, r.pattern);
    const std::string audit = !r.audit.empty() ? r.audit : !by_service.empty() ? by_service + " (service)" : "—";
    out += "| " + r.method + " | `" + r.pattern + "` | " + r.action + " | " + audit + " |";
    for (const auto& c : cols) out += " " + cell(c.user, r.action, r.target) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace mamori
