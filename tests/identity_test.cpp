// Identity and audit against a real server (issue 13): the second factor at sign-in and its
// enrolment, the password lifecycle, sessions that end when they should, invitations and
// resets by single-use tokens, the audit trail with its search, export and
// `mamori audit verify`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <chrono>

#include "crypto/password.h"
#include "crypto/totp.h"
#include "io/smtp_client.h"
#include "smtp_sink.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

std::string credentials(const std::string& login, const std::string& password) {
  return json::serialize(json::object{{"login", login}, {"password", password}});
}

std::string code_body(const std::string& code) { return json::serialize(json::object{{"code", code}}); }

json::object as_object(const HttpResult& r) { return json::parse(r.body).as_object(); }

// A user added behind the API (as `mamori user add` does), with a known password.
int64_t add_user(TestEnv& env, const std::string& login, Role role, const std::string& body, bool must_change = false) {
  User u{.login = login, .display_name = login, .body_code = body, .roles = {role}, .email = login + "@example.lg.jp"};
  u.must_change_password = must_change;
  auto hash = auth::hash_password("initial password for " + login, auth::HashCost::kMinimum);
  return env.app().store().users().create_user(u, *hash).value();
}

std::string initial_password(const std::string& login) { return "initial password for " + login; }

std::vector<std::string> audit_actions(TestEnv& env, const std::string& query, const Session& admin) {
  auto r = env.request("GET", "/api/admin/audit?" + query, "", &admin);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> out;
  const json::object body = as_object(r);
  for (const auto& e : body.at("entries").as_array())
    out.push_back(std::string(e.at("action").as_string()) + ":" + std::string(e.at("outcome").as_string()));
  return out;
}

TEST(Identity, AnApproverSignsInWithPasswordThenACodeAndACodeIsNeverAcceptedTwice) {
  TestEnv env;
  const std::string secret = env.totp_secret("demo-approver");
  ASSERT_FALSE(secret.empty());
  auto first = env.request("POST", "/api/session", credentials("demo-approver", env.password("demo-approver")));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(as_object(first).at("second_factor_required").as_bool());
  EXPECT_FALSE(as_object(first).contains("user")) << "the password alone signs nobody in";
  Session pending = session_from(first);
  EXPECT_EQ(env.request("GET", "/api/bodies/011002", "", &pending).status, 401) << "a pending session opens nothing";
  EXPECT_EQ(env.request("GET", "/api/session", "", &pending).status, 401);

  const std::string right = current_code(secret);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  auto refused = env.request("POST", "/api/session/code", code_body(wrong), &pending);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(json_string(refused.body, "code"), "code_wrong");
  auto coded = env.request("POST", "/api/session/code", code_body(right), &pending);
  ASSERT_EQ(coded.status, 200) << coded.body;
  Session full = session_from(coded);
  EXPECT_NE(full.cookie, pending.cookie) << "a new token once signed in";
  EXPECT_EQ(env.request("GET", "/api/bodies/011002", "", &full).status, 200);
  EXPECT_EQ(env.request("GET", "/api/bodies/011002", "", &pending).status, 401) << "the pending token ended";

  // The same code again, on a second sign-in within its window: refused as a replay.
  Session again = session_from(env.request("POST", "/api/session", credentials("demo-approver", env.password("demo-approver"))));
  auto replay = env.request("POST", "/api/session/code", code_body(right), &again);
  EXPECT_EQ(replay.status, 409) << replay.body;
  EXPECT_EQ(json_string(replay.body, "code"), "code_used");

  Session admin = env.sign_in("demo-admin");
  auto actions = audit_actions(env, "actor=demo-approver&action=session.", admin);
  EXPECT_EQ(actions, (std::vector<std::string>{"session.second_factor:denied", "session.password:ok",
                                               "session.second_factor:ok", "session.second_factor:denied",
                                               "session.password:ok"}));
}

TEST(Identity, ARequiredSecondFactorMustBeEnrolledBeforeAnythingElseAndThenSignInNeedsIt) {
  TestEnv env;
  add_user(env, "new-approver", Role::kBodyApprover, "011002");
  Session s = sign_in_to(env.port(), "new-approver", initial_password("new-approver"));
  auto me = env.request("GET", "/api/session", "", &s);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(std::string(as_object(me)["user"].at("setup_required").as_string()), "enrol_second_factor");
  auto blocked = env.request("GET", "/api/bodies/011002", "", &s);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(json_string(blocked.body, "code"), "second_factor_required");

  auto begun = env.request("POST", "/api/me/second-factor", "", &s);
  ASSERT_EQ(begun.status, 200) << begun.body;
  const std::string secret(as_object(begun).at("secret").as_string());
  EXPECT_EQ(std::string(as_object(begun).at("qr_svg").as_string()).rfind("<svg", 0), 0u);
  EXPECT_NE(std::string(as_object(begun).at("uri").as_string()).find("otpauth://totp/"), std::string::npos);
  EXPECT_EQ(env.request("POST", "/api/me/second-factor/confirm", code_body("12345x"), &s).status, 401);
  auto confirmed = env.request("POST", "/api/me/second-factor/confirm", code_body(current_code(secret)), &s);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto codes = as_object(confirmed).at("recovery_codes").as_array();
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(env.request("GET", "/api/bodies/011002", "", &s).status, 200) << "enrolled: the session may go on";
  EXPECT_EQ(env.request("POST", "/api/me/second-factor", "", &s).status, 422) << "a second enrolment needs a reset";

  // The secret is stored sealed, never as given.
  auto stored = env.app().store().users().second_factor(env.app().store().users().find_credentials("new-approver")->user.id);
  EXPECT_EQ(stored->sealed_secret->find(secret), std::string::npos);

  // From now on the password alone is not enough; a recovery code works once.
  auto pw = env.request("POST", "/api/session", credentials("new-approver", initial_password("new-approver")));
  EXPECT_TRUE(as_object(pw).at("second_factor_required").as_bool());
  Session pending = session_from(pw);
  const std::string recovery(codes[0].as_string());
  EXPECT_EQ(env.request("POST", "/api/session/code", code_body(recovery), &pending).status, 200);
  Session pending2 = session_from(env.request("POST", "/api/session", credentials("new-approver", initial_password("new-approver"))));
  EXPECT_EQ(env.request("POST", "/api/session/code", code_body(recovery), &pending2).status, 401);
}

TEST(Identity, AnInitialPasswordMustBeChangedFirstAndWeakOnesAreRefusedWithTheReason) {
  TestEnv env;
  add_user(env, "newbie", Role::kBodyRespondent, "011002", /*must_change=*/true);
  Session s = sign_in_to(env.port(), "newbie", initial_password("newbie"));
  Session other = sign_in_to(env.port(), "newbie", initial_password("newbie"));
  auto blocked = env.request("GET", "/api/me/responses", "", &s);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(json_string(blocked.body, "code"), "password_change_required");
  auto change = [&](const std::string& old_pw, const std::string& new_pw) {
    return env.request("POST", "/api/me/password",
                       json::serialize(json::object{{"old_password", old_pw}, {"new_password", new_pw}}), &s);
  };
  const int64_t before = env.data_version();
  struct Weak {
    std::string password, code;
  };
  for (const Weak& w : {Weak{"short one", "password_too_short"}, Weak{"newbie-newbie-2026", "password_is_login"},
                        Weak{"札幌市の職員用パスワードです", "password_is_body_name"}, Weak{"password1234", "password_common"},
                        Weak{"aaaaaaaaaaaaaaaa", "password_guessable"}}) {
    auto r = change(initial_password("newbie"), w.password);
    EXPECT_EQ(r.status, 400) << w.password << " " << r.body;
    EXPECT_EQ(json_string(r.body, "code"), w.code) << w.password;
  }
  EXPECT_EQ(change("not my password", "kumo no ue no shiroi umi").status, 401);
  EXPECT_EQ(env.data_version(), before) << "refused changes change nothing";
  auto ok = change(initial_password("newbie"), "kumo no ue no shiroi umi");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(env.request("GET", "/api/me/responses", "", &s).status, 200) << "changed: the session goes on";
  EXPECT_EQ(env.request("GET", "/api/session", "", &other).status, 401) << "every other session ended";
  EXPECT_FALSE(sign_in_to(env.port(), "newbie", "kumo no ue no shiroi umi").cookie.empty());
}

TEST(Identity, DisablingChangingRolesOrResettingTheFactorEndsTheSessionsAndIsAudited) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  const int64_t id = add_user(env, "target", Role::kBodyRespondent, "011002");
  const std::string path = "/api/admin/users/" + std::to_string(id);
  Session victim = sign_in_to(env.port(), "target", initial_password("target"));
  ASSERT_EQ(env.request("GET", "/api/session", "", &victim).status, 200);
  auto disabled = env.request("PATCH", path, R"({"disabled":true})", &admin);
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(env.request("GET", "/api/session", "", &victim).status, 401) << "the old cookie no longer works";
  auto refused = env.request("POST", "/api/session", credentials("target", initial_password("target")));
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(json_string(refused.body, "code"), "account_disabled");
  ASSERT_EQ(env.request("PATCH", path, R"({"disabled":false})", &admin).status, 200);
  victim = sign_in_to(env.port(), "target", initial_password("target"));
  ASSERT_EQ(env.request("PATCH", path, R"({"roles":["body_viewer"]})", &admin).status, 200);
  EXPECT_EQ(env.request("GET", "/api/session", "", &victim).status, 401);
  victim = sign_in_to(env.port(), "target", initial_password("target"));
  ASSERT_EQ(env.request("PATCH", path, R"({"expires_at":"2030-01-01T00:00:00Z"})", &admin).status, 200);
  EXPECT_EQ(env.request("GET", "/api/session", "", &victim).status, 401);
  EXPECT_EQ(env.request("PATCH", path, R"({"roles":["emperor"]})", &admin).status, 400);
  auto national = env.request("PATCH", path, R"({"roles":["national_admin"]})", &admin);
  EXPECT_EQ(national.status, 400) << "a body's account cannot become MIC's";
  EXPECT_EQ(json_string(national.body, "code"), "body_not_allowed");
  EXPECT_EQ(env.request("PATCH", path, R"({})", &admin).status, 400);
  EXPECT_EQ(env.request("PATCH", "/api/admin/users/999999", R"({"disabled":true})", &admin).status, 404);

  // The approver's factor reset by MIC: the approver must enrol again.
  const int64_t approver = env.app().store().users().find_credentials("demo-approver")->user.id;
  Session a = env.sign_in("demo-approver");
  ASSERT_EQ(env.request("POST", "/api/admin/users/" + std::to_string(approver) + "/reset-second-factor", "", &admin).status,
            200);
  EXPECT_EQ(env.request("GET", "/api/session", "", &a).status, 401);
  Session again = sign_in_to(env.port(), "demo-approver", env.password("demo-approver"));
  EXPECT_EQ(json_string(env.request("GET", "/api/bodies/011002", "", &again).body, "code"), "second_factor_required");

  auto actions = audit_actions(env, "action=account.", admin);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.change:ok"), 4);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.second_factor_reset:ok"), 1);
  auto listed = env.request("GET", "/api/admin/users?body=011002", "", &admin);
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("\"login\":\"target\""), std::string::npos);
  EXPECT_EQ(env.request("GET", "/api/admin/users?body=12", "", &admin).status, 400);
}

TEST(Identity, AResetLinkWorksOnceAndTheRequestAnswersTheSameForAnyAddress) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  const int64_t id = add_user(env, "forgetful", Role::kBodyRespondent, "011002");
  Session old = sign_in_to(env.port(), "forgetful", initial_password("forgetful"));
  auto issued = env.request("POST", "/api/admin/users/" + std::to_string(id) + "/reset-password", "", &admin);
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_FALSE(as_object(issued).at("mailed").as_bool()) << "no SMTP here: the administrator gets the link";
  const std::string link(as_object(issued).at("link").as_string());
  const std::string token = link.substr(link.find('#') + 1);
  ASSERT_EQ(link.substr(0, link.find('#')).substr(link.find("/account/")), "/account/reset");

  auto owner = env.request("POST", "/api/account/token", json::serialize(json::object{{"token", token}, {"purpose", "reset"}}));
  ASSERT_EQ(owner.status, 200) << owner.body;
  EXPECT_EQ(json_string(owner.body, "login"), "forgetful");
  auto set = [&](const std::string& pw) {
    return env.request("POST", "/api/account/password",
                       json::serialize(json::object{{"token", token}, {"purpose", "reset"}, {"password", pw}}));
  };
  EXPECT_EQ(json_string(set("too short").body, "code"), "password_too_short");
  ASSERT_EQ(set("yama no ha ni kakaru tsuki").status, 200);
  EXPECT_EQ(env.request("GET", "/api/session", "", &old).status, 401) << "a reset ends every session";
  auto twice = set("another long phrase here");
  EXPECT_EQ(twice.status, 404);
  EXPECT_EQ(json_string(twice.body, "code"), "token_invalid");
  EXPECT_FALSE(sign_in_to(env.port(), "forgetful", "yama no ha ni kakaru tsuki").cookie.empty());
  EXPECT_EQ(env.request("POST", "/api/account/token", json::serialize(json::object{{"token", token}, {"purpose", "invitation"}}))
                .status,
            404);

  auto known = env.request("POST", "/api/account/reset-request", R"({"email":"forgetful@example.lg.jp"})");
  auto unknown = env.request("POST", "/api/account/reset-request", R"({"email":"nobody@example.lg.jp"})");
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(known.body, unknown.body) << "the answer does not tell whether the address exists";
  // The requests are looked up and recorded after the answer.
  auto requests_recorded = [&] {
    auto a = audit_actions(env, "action=account.reset_request", admin);
    return std::count_if(a.begin(), a.end(), [](const std::string& x) { return x.rfind("account.reset_request:", 0) == 0; });
  };
  for (int i = 0; i < 200 && requests_recorded() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto actions = audit_actions(env, "action=account.", admin);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.reset_issue:ok"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.reset:ok"), 1);
  EXPECT_EQ(std::count_if(actions.begin(), actions.end(),
                          [](const std::string& a) { return a.rfind("account.reset_request:", 0) == 0; }),
            2)
      << "both requests are recorded, whatever the answer said";
}

TEST(Identity, AnInvitationCreatesAnAccountWhosePasswordOnlyTheInviteeSets) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  auto invited = env.request("POST", "/api/admin/users",
                             R"({"login":"invitee","display_name":"新任 担当","body_code":"011002",)"
                             R"("roles":["body_respondent"],"email":"invitee@example.lg.jp"})",
                             &admin);
  ASSERT_EQ(invited.status, 200) << invited.body;
  const std::string link(as_object(invited).at("link").as_string());
  EXPECT_NE(link.find("/account/invitation#"), std::string::npos);
  const std::string token = link.substr(link.find('#') + 1);
  EXPECT_EQ(env.request("POST", "/api/account/password",
                        json::serialize(json::object{{"token", token}, {"purpose", "reset"}, {"password", "x y z w v u t s"}}))
                .status,
            404)
      << "an invitation is not a reset";
  ASSERT_EQ(env.request("POST", "/api/account/password",
                        json::serialize(json::object{
                            {"token", token}, {"purpose", "invitation"}, {"password", "hajimete no aizu wa kore"}}))
                .status,
            200);
  EXPECT_FALSE(sign_in_to(env.port(), "invitee", "hajimete no aizu wa kore").cookie.empty());
  auto taken = env.request("POST", "/api/admin/users",
                           R"({"login":"invitee","display_name":"x","body_code":"011002","roles":["body_respondent"]})",
                           &admin);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(env.request("POST", "/api/admin/users", R"({"login":"y","display_name":"x","roles":[]})", &admin).status, 400);
}

// Waits (at most 10 s) until the sink holds `n` mails: some are sent after the answer.
bool wait_for_mails(const SmtpSink& sink, size_t n) {
  for (int i = 0; i < 200 && sink.mails().size() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return sink.mails().size() >= n;
}

// With a relay (STARTTLS, then AUTH), the invitation and the reset go by e-mail and the
// administrator no longer sees the link; the reset request answers the same either way.
TEST(Identity, InvitationsAndResetsGoByMailOverStartTlsAndTheirLinksWork) {
  SmtpSink sink(SinkOptions{.tls = SinkOptions::Tls::kStartTls, .user = "mamori", .password = "relay secret phrase"});
  TestEnv env(2025, io::SmtpConfig{.host = "127.0.0.1", .port = sink.port(), .from = "noreply@mamori.example",
                                   .tls = io::SmtpTls::kStartTls, .username = "mamori",
                                   .password = "relay secret phrase", .ca_file = sink.ca_file(), .timeout_seconds = 5});
  Session admin = env.sign_in("demo-admin");
  auto invited = env.request("POST", "/api/admin/users",
                             R"({"login":"mailed","display_name":"郵送 太郎","body_code":"011002",)"
                             R"("roles":["body_respondent"],"email":"mailed@example.lg.jp"})",
                             &admin);
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_TRUE(as_object(invited).at("mailed").as_bool());
  EXPECT_FALSE(as_object(invited).contains("link")) << "the link went by mail only";
  // The token in a mail's link (".../account/<purpose>#<token>", one line of the body).
  auto token_in = [](const SunkMail& m, const std::string& purpose) {
    const std::string body = decoded_body(m.data);
    const size_t at = body.find("/account/" + purpose + "#");
    EXPECT_NE(at, std::string::npos) << body;
    const size_t start = body.find('#', at) + 1;
    return body.substr(start, body.find("\r\n", start) - start);
  };
  ASSERT_EQ(sink.mails().size(), 1u);
  SunkMail invitation = sink.mails()[0];
  EXPECT_TRUE(invitation.tls);
  EXPECT_EQ(invitation.auth_user, "mamori");
  EXPECT_EQ(invitation.rcpt, std::vector<std::string>{"mailed@example.lg.jp"});
  EXPECT_EQ(decoded_subject(invitation.data), "【mamori】アカウントのご案内 / Your mamori account");
  EXPECT_EQ(decoded_body(invitation.data).rfind("郵送 太郎 様\r\n", 0), 0u);
  ASSERT_EQ(env.request("POST", "/api/account/password",
                        json::serialize(json::object{{"token", token_in(invitation, "invitation")},
                                                     {"purpose", "invitation"},
                                                     {"password", "tegami de todoita aikotoba"}}))
                .status,
            200);

  auto known = env.request("POST", "/api/account/reset-request", R"({"email":"mailed@example.lg.jp"})");
  auto unknown = env.request("POST", "/api/account/reset-request", R"({"email":"nobody@example.lg.jp"})");
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(known.body, unknown.body) << "the answer does not tell whether the address exists";
  // The lookup, the token and the mail run after the answer.
  ASSERT_TRUE(wait_for_mails(sink, 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(sink.mails().size(), 2u) << "one mail, to the known address only";
  SunkMail reset = sink.mails()[1];
  EXPECT_EQ(reset.rcpt, std::vector<std::string>{"mailed@example.lg.jp"});
  EXPECT_EQ(decoded_subject(reset.data), "【mamori】パスワードの再設定 / Resetting your mamori password");
  ASSERT_EQ(env.request("POST", "/api/account/password",
                        json::serialize(json::object{{"token", token_in(reset, "reset")},
                                                     {"purpose", "reset"},
                                                     {"password", "atarashii aikotoba wo erabu"}}))
                .status,
            200);
  EXPECT_FALSE(sign_in_to(env.port(), "mailed", "atarashii aikotoba wo erabu").cookie.empty());
  auto actions = audit_actions(env, "action=account.reset_request", admin);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.reset_request:ok"), 1);
  // The person hears that the password changed (ASVS 2.2.3); the invitation's first password
  // is no change.
  ASSERT_TRUE(wait_for_mails(sink, 3));
  SunkMail notice = sink.mails()[2];
  EXPECT_EQ(notice.rcpt, std::vector<std::string>{"mailed@example.lg.jp"});
  EXPECT_EQ(decoded_subject(notice.data), "【mamori】パスワードが変更されました / Your mamori password was changed");
  EXPECT_NE(decoded_body(notice.data).find("心当たりがない場合は"), std::string::npos);
}

TEST(Identity, MySessionsAreListedAndTheOthersCanBeSignedOut) {
  TestEnv env;
  Session here = env.sign_in("demo-respondent");
  Session there = env.sign_in("demo-respondent");
  auto list = env.request("GET", "/api/me/sessions", "", &here, {{"User-Agent", "TestBrowser/1.0"}});
  ASSERT_EQ(list.status, 200);
  auto sessions = as_object(list).at("sessions").as_array();
  ASSERT_GE(sessions.size(), 2u);
  int current = 0;
  for (const auto& s : sessions) current += s.at("current").as_bool();
  EXPECT_EQ(current, 1);
  EXPECT_EQ(std::string(sessions[0].at("address").as_string()), "127.0.0.1");
  auto out = env.request("POST", "/api/me/sessions/sign-out-others", "", &here);
  ASSERT_EQ(out.status, 200);
  EXPECT_GE(as_object(out).at("signed_out").as_int64(), 1);
  EXPECT_EQ(env.request("GET", "/api/session", "", &there).status, 401);
  EXPECT_EQ(env.request("GET", "/api/session", "", &here).status, 200);
}

TEST(Identity, BehindTlsTheCookieIsHostPrefixedAndSecureAndHstsIsSent) {
  TestEnv env(2025, {}, /*behind_tls=*/true);
  auto r = env.request("POST", "/api/session", credentials("demo-respondent", env.password("demo-respondent")));
  ASSERT_EQ(r.status, 200);
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("__Host-mamori_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Domain"), std::string::npos);
  EXPECT_NE(r.headers["strict-transport-security"].find("max-age="), std::string::npos);
  const std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto me = env.request("GET", "/api/session", "", nullptr, {{"Cookie", "__Host-mamori_session=" + token}});
  EXPECT_EQ(me.status, 200) << "the server reads the prefixed cookie";
  TestEnv plain;
  EXPECT_EQ(plain.request("GET", "/api/health").headers.count("strict-transport-security"), 0u);
}

TEST(Identity, TheAuditTrailIsSearchedByMicAndAnApproverSeesOnlyTheirBody) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  Session approver = env.sign_in("demo-approver");
  Session respondent = env.sign_in("demo-respondent");
  // A refused attempt is recorded too.
  EXPECT_EQ(env.request("POST", "/api/campaigns/" + std::to_string(env.demo().current_campaign) + "/close", "", &respondent)
                .status,
            403);
  auto refused = audit_actions(env, "actor=demo-respondent&action=campaign.close", admin);
  EXPECT_EQ(refused, (std::vector<std::string>{"campaign.close:denied"}));
  auto own = env.request("GET", "/api/bodies/011002/audit", "", &approver);
  ASSERT_EQ(own.status, 200) << own.body;
  const json::object own_body = as_object(own);
  for (const auto& e : own_body.at("entries").as_array())
    EXPECT_EQ(std::string(e.at("body_code").as_string()), "011002");
  EXPECT_FALSE(as_object(own).at("entries").as_array().empty());
  EXPECT_EQ(env.request("GET", "/api/bodies/011002/audit", "", &respondent).status, 403);
  EXPECT_EQ(env.request("GET", "/api/bodies/012025/audit", "", &approver).status, 404);
  EXPECT_EQ(env.request("GET", "/api/admin/audit", "", &approver).status, 403);
  EXPECT_EQ(env.request("GET", "/api/admin/audit?from=2026-13-01", "", &admin).status, 400);
  auto csv = env.request("GET", "/api/admin/audit.csv?action=session.", "", &admin);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF" "seq,at,actor", 0), 0u) << csv.body.substr(0, 80);
  EXPECT_NE(csv.body.find("session.sign_in"), std::string::npos);
  // The export itself is recorded.
  EXPECT_EQ(audit_actions(env, "action=export.audit", admin), (std::vector<std::string>{"export.audit:ok"}));
}

TEST(Identity, AdministrativeCommandsAreRecordedIncludingBackupAndRestore) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  const std::string store = "--store '" + env.store_text() + "' --catalog " + MAMORI_SOURCE_DIR + "/catalog";
  auto [migrated, migrate_out] = run_mamori(store + " migrate");
  ASSERT_EQ(migrated, 0) << migrate_out;
  EXPECT_EQ(audit_actions(env, "action=cli.migrate", admin), std::vector<std::string>{"cli.migrate:ok"});
  if (TestEnv::on_postgres()) return;  // backup and restore of the PostgreSQL cluster: pg_backup_test

  // A backup is recorded in the database it copied, after the copy; a failed one too.
  char dir_template[] = "/tmp/mamori-cli-audit-XXXXXX";
  const std::string dir = ::mkdtemp(dir_template);
  auto [backed_up, backup_out] = run_mamori(store + " backup --to " + dir + "/copy.db");
  ASSERT_EQ(backed_up, 0) << backup_out;
  EXPECT_NE(run_mamori(store + " backup --to " + dir + "/copy.db").first, 0) << "never overwrites a file";
  EXPECT_EQ(audit_actions(env, "action=cli.backup", admin), (std::vector<std::string>{"cli.backup:failed", "cli.backup:ok"}));
  // A restore is recorded in the database it wrote, which holds the backup's trail before it.
  auto [restored, restore_out] = run_mamori("--db " + dir + "/restored.db restore --from " + dir + "/copy.db");
  ASSERT_EQ(restored, 0) << restore_out;
  std::unique_ptr<FILE, decltype(&pclose)> q(
      popen(("sqlite3 " + dir + "/restored.db \"SELECT action || ':' || outcome FROM audit_log ORDER BY seq DESC LIMIT 2\"").c_str(), "r"),
      &pclose);
  std::array<char, 256> buf{};
  std::string rows;
  while (fgets(buf.data(), buf.size(), q.get())) rows += buf.data();
  EXPECT_EQ(rows, "cli.restore:ok\ncli.migrate:ok\n") << "the backup's own entry came after the copy";
  auto [verified, verify_out] =
      run_mamori("--db " + dir + "/restored.db --catalog " + MAMORI_SOURCE_DIR + "/catalog audit verify");
  EXPECT_EQ(verified, 0) << verify_out << "the restore's entry continues the chain";
  std::filesystem::remove_all(dir);
}

TEST(Identity, AuditVerifyNamesTheFirstAlteredOrDeletedEntry) {
  TestEnv env;
  for (const char* login : {"demo-respondent", "demo-auditor", "demo-respondent", "demo-auditor"}) env.sign_in(login);
  const std::string store = "--store '" + env.store_text() + "' --catalog " + MAMORI_SOURCE_DIR + "/catalog";
  auto [ok_status, ok_out] = run_mamori(store + " audit verify");
  ASSERT_EQ(ok_status, 0) << ok_out;
  EXPECT_NE(ok_out.find("intact"), std::string::npos);
  const std::string head = ok_out.substr(ok_out.find("head ") + 5, ok_out.find('\n', ok_out.find("head ")) - ok_out.find("head ") - 5);

  // The triggers refuse a change through SQL: an attacker with the file (or superuser
  // rights) removes them first.
  EXPECT_FALSE(env.exec("UPDATE audit_log SET actor = 'someone' WHERE seq = 2").ok());
  const bool pg = TestEnv::on_postgres();
  ASSERT_TRUE(env.exec(pg ? "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
                          : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
                  .ok());
  ASSERT_TRUE(env.exec("UPDATE audit_log SET actor = 'someone' WHERE seq = 2").ok());
  auto [altered_status, altered] = run_mamori(store + " audit verify");
  EXPECT_EQ(altered_status, 2) << altered;
  EXPECT_NE(altered.find("entry 2 was altered"), std::string::npos) << altered;

  // Put back as it was, then delete one in the middle.
  ASSERT_TRUE(env.exec("UPDATE audit_log SET actor = 'demo-auditor' WHERE seq = 2").ok());
  EXPECT_EQ(run_mamori(store + " audit verify").first, 0);
  ASSERT_TRUE(env.exec("DELETE FROM audit_log WHERE seq = 3").ok());
  auto [deleted_status, deleted] = run_mamori(store + " audit verify");
  EXPECT_EQ(deleted_status, 2);
  EXPECT_NE(deleted.find("entry 3 is missing"), std::string::npos) << deleted;

  // An entry rewritten with its hash recomputed breaks the link to the next one.
  ASSERT_TRUE(env.exec("DELETE FROM audit_log WHERE seq >= 3").ok());
  auto [cut_status, cut] = run_mamori(store + " audit verify --expect-head " + head);
  EXPECT_EQ(cut_status, 2) << "a removed tail is caught against a head kept elsewhere";
  EXPECT_NE(cut.find("before the expected head"), std::string::npos) << cut;
}

}  // namespace
}  // namespace mamori::test
