// The access-policy matrix, generated from the route table: every route ×
// every role (and no session) × own body / another body of the same
// prefecture / a body of another prefecture. The expectation comes from the
// table below, written from PRODUCT.md's roles independently of domain/access_policy.cpp.
// A denied request must change nothing and, when the body is hidden, answer
// exactly like a request for something that does not exist.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/policy_table.h"
#include "domain/access_policy.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

enum class Relation { kOwn, kSamePrefecture, kOtherPrefecture };
enum class Expect { kAllow, kUnauthenticated, kForbidden, kHidden };

const char* name(Expect e) {
  switch (e) {
    case Expect::kAllow:
      return "allow";
    case Expect::kUnauthenticated:
      return "401";
    case Expect::kForbidden:
      return "403";
    case Expect::kHidden:
      return "404";
  }
  return "?";
}

// Who may read a body's data.
bool reads(const std::string& role, Relation rel) {
  if (role == "demo-admin") return true;
  if (role == "demo-prefecture") return rel != Relation::kOtherPrefecture;
  if (role == "demo-respondent" || role == "demo-approver" || role == "demo-auditor") return rel == Relation::kOwn;
  return false;  // partner analysts see mapped aggregates only (later issue), no body data
}

// The read-only roles: a body's auditor and a partner ministry's analyst change nothing.
bool read_only(const std::string& role) { return role == "demo-auditor" || role == "demo-analyst"; }

Expect expected(const std::string& action, const std::string& role, Relation rel) {
  if (action == auth::kPublic) return Expect::kAllow;
  if (role.empty()) return Expect::kUnauthenticated;
  // Only a session awaiting its code may give one: the matrix's sessions are signed in.
  if (action == auth::kSecondFactor) return Expect::kUnauthenticated;
  if (action == auth::kSession || action == auth::kSessionSetup) return Expect::kAllow;
  if (action == auth::kSessionAct) return read_only(role) ? Expect::kForbidden : Expect::kAllow;
  if (action == auth::kNationalManage) return role == "demo-admin" ? Expect::kAllow : Expect::kForbidden;
  // A partner ministry's routes: the matrix's campaign is MIC's, which only MIC reads and
  // manages; the PPC analyst lists its own campaigns, creates them, and keeps its API
  // tokens (tests/partner_test.cpp has its own campaign).
  if (action == auth::kFamilyRead || action == auth::kFamilyManage)
    return role == "demo-admin" ? Expect::kAllow : Expect::kForbidden;
  if (action == auth::kFamilyList || action == auth::kCampaignCreate)
    return role == "demo-admin" || role == "demo-analyst" ? Expect::kAllow : Expect::kForbidden;
  if (action == auth::kApiTokens) return role == "demo-analyst" ? Expect::kAllow : Expect::kForbidden;
  if (!reads(role, rel)) return Expect::kHidden;
  if (action == auth::kBodyRead) return Expect::kAllow;
  if (action == auth::kBodyUsers)  // logins only for MIC and the approver (checked in api_test)
    return role == "demo-admin" || role == "demo-prefecture" || (role == "demo-approver" && rel == Relation::kOwn)
               ? Expect::kAllow
               : Expect::kForbidden;
  if (action == auth::kResponseEdit)
    return (role == "demo-respondent" || role == "demo-approver" || role == "demo-prefecture") && rel == Relation::kOwn
               ? Expect::kAllow
               : Expect::kForbidden;
  if (action == auth::kResponseReview || action == auth::kBodyGovern)  // a body's 方針: its approver
    return role == "demo-approver" && rel == Relation::kOwn ? Expect::kAllow : Expect::kForbidden;
  if (action == auth::kResponseAccept) return role == "demo-admin" ? Expect::kAllow : Expect::kForbidden;
  // The trail of a body, and the body's whole data: MIC, and the body's own approver.
  if (action == auth::kBodyAudit || action == auth::kBodyExport)
    return role == "demo-admin" || (role == "demo-approver" && rel == Relation::kOwn) ? Expect::kAllow
                                                                                      : Expect::kForbidden;
  ADD_FAILURE() << "action without an expectation: " << action;
  return Expect::kForbidden;
}

// What the {id} of a route without a body target names. Campaigns and catalogues are
// shared (each handler filters what it shows by the policy); jobs and notices belong to
// someone, and anyone else gets 404. Every such route must be listed here: a new one
// fails the test until its owner rule is written down.
enum class IdOf { kCampaign, kCatalog, kJob, kNotification, kUser, kApiToken };
const std::map<std::string, IdOf>& ids_of_routes() {
  static const std::map<std::string, IdOf> m = {
      {"/api/campaigns/{id}", IdOf::kCampaign},
      {"/api/campaigns/{id}/responses", IdOf::kCampaign},
      {"/api/campaigns/{id}/feedback-reports", IdOf::kCampaign},
      {"/api/campaigns/{id}/progress", IdOf::kCampaign},
      {"/api/analytics/campaigns/{id}/bodies", IdOf::kCampaign},
      {"/api/catalogs/{id}", IdOf::kCatalog},
      {"/api/jobs/{id}", IdOf::kJob},
      {"/api/jobs/{id}/result", IdOf::kJob},
      {"/api/me/notifications/{id}/read", IdOf::kNotification},
      {"/api/admin/users/{id}", IdOf::kUser},
      {"/api/admin/users/{id}/reset-password", IdOf::kUser},
      {"/api/admin/users/{id}/reset-second-factor", IdOf::kUser},
      {"/api/me/api-tokens/{id}", IdOf::kApiToken},
  };
  return m;
}

// Whose the owned things are: a job demo-admin started, and a notice to 札幌市 (the own body
// of the body roles).
bool owns(IdOf what, const std::string& role) {
  if (what == IdOf::kJob) return role == "demo-admin";
  if (what == IdOf::kNotification) return role == "demo-respondent" || role == "demo-approver";
  if (what == IdOf::kApiToken) return role == "demo-analyst";
  return true;
}

TEST(PolicyMatrix, EveryRouteEveryRoleEveryRelation) {
  TestEnv env;
  const std::vector<std::string> roles = {
      "", "demo-admin", "demo-prefecture", "demo-respondent", "demo-approver", "demo-auditor", "demo-analyst"};
  std::map<std::string, Session> sessions;
  for (const auto& r : roles)
    if (!r.empty()) sessions[r] = env.sign_in(r);
  // Own body per role; the national roles have none, so 札幌市 stands in.
  auto own_body = [](const std::string& role) {
    return role == "demo-prefecture" ? std::string("010006") : std::string("011002");
  };
  auto body_for = [&](const std::string& role, Relation rel) {
    if (rel == Relation::kOwn) return own_body(role);
    if (rel == Relation::kSamePrefecture)
      return role == "demo-prefecture" ? std::string("011002") : std::string("012025");
    return std::string("022012");  // 青森市
  };
  const std::string missing = env.request("GET", "/api/responses/99999999", "", &sessions["demo-admin"]).body;
  // Something owned to ask for: a job of MIC (the reports of 鳥取県) and a notice to 札幌市.
  const std::string cid = std::to_string(env.demo().current_campaign);
  // The account the administration routes act on: none of the roles' own.
  const std::string user_id = std::to_string(
      env.app().store().users().create_user(User{.login = "matrix-target", .display_name = "対象", .body_code = "011002",
                                                 .roles = {Role::kBodyRespondent}},
                                            "unusable").value());
  auto batch = env.request("POST", "/api/campaigns/" + cid + "/feedback-reports", R"({"prefecture":"31"})",
                           &sessions["demo-admin"]);
  ASSERT_EQ(batch.status, 202) << batch.body;
  const std::string job_id = std::to_string(json::parse(batch.body).as_object().at("job").as_object().at("id").as_int64());
  env.app().jobs().join_all();
  ASSERT_EQ(env.request("POST", "/api/campaigns/" + cid + "/reminders",
                        R"({"body_codes":["011002"],"message":"matrix"})", &sessions["demo-admin"])
                .status,
            200);
  auto notices = env.request("GET", "/api/me/notifications", "", &sessions["demo-respondent"]);
  const std::string notice_id = std::to_string(
      json::parse(notices.body).as_object().at("notifications").as_array().at(0).as_object().at("id").as_int64());

  // An API token of the PPC analyst.
  auto token = env.request("POST", "/api/me/api-tokens", R"({"label":"matrix"})", &sessions["demo-analyst"]);
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string token_id = std::to_string(json::parse(token.body).as_object().at("id").as_int64());

  int cells = 0;
  // State-changing routes last, and the campaign-closing one at the very end, so
  // earlier cells meet an open campaign.
  std::vector<const api::Route*> routes;
  for (const auto& r : env.app().routes().routes()) routes.push_back(&r);
  std::stable_sort(routes.begin(), routes.end(), [](const api::Route* a, const api::Route* b) {
    auto rank = [](const api::Route* r) {
      return r->pattern.find("/close") != std::string::npos ? 2 : r->method == "GET" ? 0 : 1;
    };
    return rank(a) < rank(b);
  });
  for (const api::Route* route : routes) {
    for (const auto& role : roles) {
      for (Relation rel : {Relation::kOwn, Relation::kSamePrefecture, Relation::kOtherPrefecture}) {
        std::string code = body_for(role, rel);
        std::string path = route->pattern;
        std::optional<IdOf> id_of;
        if (route->target == api::Target::kNone && path.find("{id}") != std::string::npos) {
          auto it = ids_of_routes().find(route->pattern);
          if (it == ids_of_routes().end()) {
            ADD_FAILURE() << route->method << " " << route->pattern << ": whose is its {id}? Add it to ids_of_routes()";
            continue;
          }
          id_of = it->second;
        }
        std::string id = route->target == api::Target::kResponseParam ? std::to_string(env.response_of(code))
                         : id_of == IdOf::kJob                         ? job_id
                         : id_of == IdOf::kNotification                ? notice_id
                         : id_of == IdOf::kCatalog                     ? "fy2026"
                         : id_of == IdOf::kUser                        ? user_id
                         : id_of == IdOf::kApiToken                    ? token_id
                                                                       : cid;
        path = std::regex_replace(path, std::regex("\\{id\\}"), id);
        path = std::regex_replace(path, std::regex("\\{code\\}"), code);
        path = std::regex_replace(path, std::regex("\\{qid\\}"), "c1-ciso-appointed");
        path = std::regex_replace(path, std::regex("\\{n\\}"), "1");
        bool writes = route->method != "GET";
        // A sign-in attempt with a wrong password: public, and must not sign in.
        std::string body = writes ? (route->pattern == "/api/session" && route->method == "POST"
                                         ? R"({"login":"nobody","password":"x"})"
                                         : "{}")
                                  : "";
        Expect want = expected(route->action, role, rel);
        // Someone else's job or notice: as if it did not exist.
        const bool not_theirs = want == Expect::kAllow && id_of && !owns(*id_of, role);
        if (not_theirs) want = Expect::kHidden;
        const Session* s = role.empty() ? nullptr : &sessions[role];
        // Sign-out would end the session the rest of the matrix uses: use a fresh one.
        Session fresh;
        if (route->method == "DELETE" && route->pattern == "/api/session" && s) {
          fresh = env.sign_in(role);
          s = &fresh;
        }
        // A job an earlier, allowed cell started (opening a campaign, a batch of reports) may
        // still be writing: let it finish, so that a write seen below is this request's.
        if (want != Expect::kAllow) env.app().jobs().join_all();
        int64_t before = env.data_version();
        // A route that takes a file gets one (not a workbook: the policy decides first).
        std::map<std::string, std::string> headers;
        if (route->upload_limit > 0) headers["Content-Type"] = "application/octet-stream";
        auto res = env.request(route->method, path, body, s, headers);
        std::string where = route->method + " " + route->pattern + " as " + (role.empty() ? "(no session)" : role) +
                            " on " + code + " expecting " + name(want) + " → " + std::to_string(res.status) + " " +
                            res.body.substr(0, 200);
        switch (want) {
          case Expect::kAllow:
            // The policy let it through: whatever the handler then says (a
            // failed sign-in, a job that does not exist, a bad body), it is
            // not a policy denial.
            EXPECT_NE(json_string(res.body, "code"), "unauthenticated") << where;
            EXPECT_NE(json_string(res.body, "code"), "forbidden") << where;
            EXPECT_NE(json_string(res.body, "code"), "csrf_failed") << where;
            EXPECT_NE(res.body, missing) << where;
            EXPECT_NE(res.status, 0) << where;
            break;
          case Expect::kUnauthenticated:
            EXPECT_EQ(res.status, 401) << where;
            break;
          case Expect::kForbidden:
            EXPECT_EQ(res.status, 403) << where;
            break;
          case Expect::kHidden:
            EXPECT_EQ(res.status, 404) << where;
            if (!not_theirs) {
              EXPECT_EQ(res.body, missing) << where;  // an owned thing may say what is missing
            }
            break;
        }
        if (want != Expect::kAllow) {
          EXPECT_EQ(env.data_version(), before) << "a denied request wrote: " << where;
        }
        ++cells;
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(env.app().routes().routes().size() * roles.size() * 3));
  // Every listed route exists (a renamed one must be renamed here too).
  for (const auto& [pattern, what] : ids_of_routes()) {
    bool found = false;
    for (const auto& r : env.app().routes().routes()) found |= r.pattern == pattern;
    EXPECT_TRUE(found) << pattern;
  }
  RecordProperty("cells", cells);
}

}  // namespace
}  // namespace mamori::test

namespace mamori::test {
namespace {

// Every route that changes something, and every export or download, is in the audit trail:
// recorded by the pipeline (api/audit_actions.cpp) or by its service; the few that are not
// say why here.
TEST(PolicyMatrix, EveryChangeExportAndDownloadIsAudited) {
  TestEnv env;
  const std::map<std::string, std::string> not_recorded = {
      {"PUT /api/responses/{id}/answers/{qid}", "each save is in the answer's history (who, when, old and new value)"},
      {"POST /api/responses/{id}/categories/{n}/confirm", "the answers' history records the confirmations"},
      {"POST /api/responses/{id}/answers/{qid}/reuse", "a taken value is in the answer's history (note reuse:accepted)"},
      {"POST /api/responses/{id}/categories/{n}/ready", "the workflow events record it"},
      {"POST /api/me/notifications/{id}/read", "one's own notice, read"},
      {"POST /api/account/token", "reads whose a link is; changes nothing"},
      {"POST /api/responses/{id}/workbook/preview", "reads the uploaded file; changes nothing (the apply is recorded)"},
      {"POST /api/responses/{id}/legacy/preview", "reads the uploaded file; changes nothing (the apply is recorded)"},
  };
  for (const auto& r : env.app().routes().routes()) {
    const std::string key = r.method + " " + r.pattern;
    const bool changes = r.method != "GET";
    const bool download = r.pattern.find("export") != std::string::npos || r.pattern.find("feedback.") != std::string::npos ||
                          r.pattern.find("/result") != std::string::npos || r.pattern.find(".csv") != std::string::npos;
    if (!changes && !download) continue;
    const bool audited = !r.audit.empty() || !api::audit_recorded_by_service(r.method, r.pattern).empty();
    EXPECT_TRUE(audited || not_recorded.count(key)) << key << " is not in the audit trail: add it to api/audit_actions.cpp";
    EXPECT_FALSE(audited && not_recorded.count(key)) << key << " is audited: remove it from not_recorded";
  }
}

// docs/SECURITY.md holds the access-policy matrix generated from the route table.
TEST(PolicyMatrix, SecurityMdHoldsTheTableGeneratedFromTheRouteTable) {
  TestEnv env;
  std::ifstream in(std::string(MAMORI_SOURCE_DIR) + "/docs/SECURITY.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto begin = doc.find(kPolicyTableBegin), end = doc.find(kPolicyTableEnd);
  ASSERT_NE(begin, std::string::npos) << "docs/SECURITY.md lacks the policy-table markers";
  ASSERT_NE(end, std::string::npos);
  const size_t from = begin + std::string(kPolicyTableBegin).size() + 1;
  EXPECT_EQ(doc.substr(from, end - from), access_policy_markdown(env.app().routes()))
      << "docs/SECURITY.md is out of date: run `mamori policy-table` and paste its output between the markers";
}

}  // namespace
}  // namespace mamori::test
