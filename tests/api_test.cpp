// API tests against a real server on a loopback port with the demo data.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "store/sql_store.h"
#include "store/sqlite/sqlite_db.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static TestEnv* env_;

  json::object get_json(const std::string& path, const Session& s) {
    auto r = env_->request("GET", path, "", &s);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return json::parse(r.body).as_object();
  }
  // The answer object of `qid` in a response view.
  static json::object answer_of(const json::object& view, const std::string& qid) {
    for (const auto& a : view.at("answers").as_array())
      if (a.at("question_id").as_string() == qid) return a.as_object();
    return {};
  }
};
TestEnv* ApiTest::env_ = nullptr;

// A request id from the proxy names the request in the answer (and the log); one that is not
// a plausible id is replaced by a new one.
TEST_F(ApiTest, TheProxysRequestIdIsKeptAndAnImplausibleOneReplaced) {
  auto r = env_->request("GET", "/api/health", "", nullptr, {{"X-Request-Id", "3f9c-abc.def_1"}});
  EXPECT_EQ(r.headers["x-request-id"], "3f9c-abc.def_1");
  auto bad = env_->request("GET", "/api/health", "", nullptr, {{"X-Request-Id", "a b\"<script>"}});
  EXPECT_EQ(bad.headers["x-request-id"].size(), 16u) << bad.headers["x-request-id"];
  EXPECT_EQ(bad.headers["x-request-id"].find_first_not_of("0123456789abcdef"), std::string::npos);
  auto none = env_->request("GET", "/api/health");
  EXPECT_EQ(none.headers["x-request-id"].size(), 16u);
  EXPECT_NE(none.headers["x-request-id"], bad.headers["x-request-id"]);
}

TEST_F(ApiTest, HealthAnswersOk) {
  auto r = env_->request("GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
}

// /api/ready, for a load balancer: 200 while the database answers with this binary's schema
// version; 503 otherwise (here: a newer version recorded behind the running node's back).
TEST(ReadyApiTest, ReadyOnlyWhileTheSchemaIsThisBinarysVersion) {
  TestEnv env;
  auto r = env.request("GET", "/api/ready");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ready"})");
  ASSERT_TRUE(env.exec("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')").ok());
  r = env.request("GET", "/api/ready");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(json_string(r.body, "code"), "schema_not_current");
  EXPECT_NE(json_string(r.body, "message_ja").find("999"), std::string::npos) << r.body;
  EXPECT_EQ(env.request("GET", "/api/health").status, 200) << "alive, only not ready";
  ASSERT_TRUE(env.exec("DELETE FROM schema_migrations WHERE version = 999").ok());
  EXPECT_EQ(env.request("GET", "/api/ready").status, 200);
}

TEST_F(ApiTest, SignInWithWrongPasswordIsRefusedWithJapaneseMessage) {
  auto r = env_->request("POST", "/api/session", R"({"login":"demo-respondent","password":"wrong-password"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json_string(r.body, "code"), "sign_in_failed");
  EXPECT_EQ(json_string(r.body, "message_ja"), "ログインIDまたはパスワードが正しくありません。");
  EXPECT_TRUE(r.headers.count("set-cookie") == 0);
}

namespace {
std::string credentials(const std::string& login, const std::string& password) {
  return R"({"login":")" + login + R"(","password":")" + password + R"("})";
}
std::map<std::string, std::string> from(const std::string& address) { return {{"X-Forwarded-For", address}}; }
}  // namespace

// The suite shares one server: each sign-in test guesses from an address of its own.
TEST_F(ApiTest, RepeatedWrongPasswordsFromOneAddressMakeItWaitButNotTheUsersOwnAddress) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(env_->request("POST", "/api/session", credentials("demo-analyst", "guess-" + std::to_string(i)), nullptr,
                            from("198.51.100.7"))
                  .status,
              401);
  // Even the right password waits now, with a message and a Retry-After that say how long.
  auto r = env_->request("POST", "/api/session", credentials("demo-analyst", env_->password("demo-analyst")), nullptr,
                         from("198.51.100.7"));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(json_string(r.body, "code"), "too_many_attempts");
  EXPECT_EQ(r.headers["retry-after"], "30");
  EXPECT_NE(json_string(r.body, "message_ja").find("30秒"), std::string::npos) << r.body;
  // The user, from their own office, signs in; so do other logins.
  EXPECT_EQ(env_->request("POST", "/api/session", credentials("demo-analyst", env_->password("demo-analyst")), nullptr,
                          from("192.0.2.10"))
                .status,
            200);
  EXPECT_EQ(env_->request("POST", "/api/session", credentials("demo-auditor", env_->password("demo-auditor")), nullptr,
                          from("198.51.100.7"))
                .status,
            200);
}

TEST_F(ApiTest, ParallelGuessesForOneLoginAreCountedBeforeTheyAreChecked) {
  // 150 wrong passwords at once from one address: at most the five free attempts reach the
  // password check (401); every other one is refused with 429 without being checked.
  constexpr int kGuesses = 150;
  std::vector<std::future<int>> answers;
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  for (int i = 0; i < kGuesses; ++i)
    answers.push_back(std::async(std::launch::async, [&, i] {
      start.wait();
      return env_->request("POST", "/api/session", credentials("demo-respondent", "guess-" + std::to_string(i)), nullptr,
                           from("198.51.100.8"))
          .status;
    }));
  go.set_value();
  int checked = 0, refused = 0;
  for (auto& a : answers) {
    int status = a.get();
    checked += status == 401;
    refused += status == 429;
  }
  EXPECT_LE(checked, 5);
  EXPECT_EQ(checked + refused, kGuesses);
}

TEST_F(ApiTest, AFloodFromOneAddressDoesNotKeepTheRealUserOut) {
  // 200 sign-ins at once from one address, many logins; meanwhile the real user signs in
  // from another address, three times, and the server stays healthy.
  std::atomic<bool> flooding = true;
  std::vector<std::thread> flood;
  for (int t = 0; t < 40; ++t)
    flood.emplace_back([&, t] {
      for (int i = 0; i < 5 && flooding; ++i)
        (void)env_->request("POST", "/api/session", credentials("x" + std::to_string(t * 5 + i), "y"), nullptr,
                            from("203.0.113.66"));
    });
  for (int i = 0; i < 3; ++i) {
    auto r = env_->request("POST", "/api/session", credentials("demo-respondent", env_->password("demo-respondent")),
                           nullptr, from("192.0.2.10"));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(env_->request("GET", "/api/health").status, 200);
  }
  flooding = false;
  for (auto& t : flood) t.join();
}

TEST_F(ApiTest, TheAdministratorSeesAWaitingSignInAndLiftsIt) {
  for (int i = 0; i < 5; ++i)
    (void)env_->request("POST", "/api/session", credentials("demo-approver", "wrong"), nullptr, from("198.51.100.9"));
  Session mic = env_->sign_in("demo-admin");
  auto list = env_->request("GET", "/api/admin/sign-in-blocks", "", &mic);
  ASSERT_EQ(list.status, 200) << list.body;
  // The suite's server is shared: other tests' guesses may be listed too.
  json::array blocks;
  const json::value listed = json::parse(list.body);
  for (const auto& b : listed.as_object().at("blocks").as_array())
    if (b.as_object().at("address").as_string() == "198.51.100.9") blocks.push_back(b);
  ASSERT_EQ(blocks.size(), 1u) << list.body;
  const auto& b = blocks[0].as_object();
  EXPECT_EQ(b.at("kind").as_string(), "login_and_address");
  EXPECT_EQ(b.at("login").as_string(), "demo-approver");
  EXPECT_EQ(b.at("address").as_string(), "198.51.100.9");
  EXPECT_EQ(b.at("attempts").as_int64(), 5);
  const std::string key(b.at("key").as_string());
  auto body = json::serialize(json::object{{"key", key}});
  // Only MIC's administrator may see or lift it.
  Session approver = env_->sign_in("demo-approver");
  EXPECT_EQ(env_->request("GET", "/api/admin/sign-in-blocks", "", &approver).status, 403);
  EXPECT_EQ(env_->request("POST", "/api/admin/sign-in-blocks/lift", body, &approver).status, 403);
  auto lifted = env_->request("POST", "/api/admin/sign-in-blocks/lift", body, &mic);
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(env_->request("POST", "/api/session", credentials("demo-approver", env_->password("demo-approver")), nullptr,
                          from("198.51.100.9"))
                .status,
            200);
  EXPECT_EQ(env_->request("POST", "/api/admin/sign-in-blocks/lift", body, &mic).status, 404);
  EXPECT_EQ(env_->request("POST", "/api/admin/sign-in-blocks/lift", R"({"key":3})", &mic).status, 400);
}

TEST_F(ApiTest, ABodysUserListShowsLoginsToItsApproverAndMicOnlyAndNotToItsAuditor) {
  for (const char* who : {"demo-approver", "demo-admin"}) {
    Session s = env_->sign_in(who);
    auto r = env_->request("GET", "/api/bodies/011002/users", "", &s);
    ASSERT_EQ(r.status, 200) << who;
    EXPECT_NE(r.body.find("\"login\":\"demo-respondent\""), std::string::npos) << who << r.body;
  }
  // The prefecture's supporter sees who works there and in which role, not their logins.
  Session pref = env_->sign_in("demo-prefecture");
  auto r = env_->request("GET", "/api/bodies/011002/users", "", &pref);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("\"login\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"display_name\""), std::string::npos);
  EXPECT_NE(r.body.find("body_respondent"), std::string::npos);
  for (const char* who : {"demo-respondent", "demo-auditor"}) {
    Session s = env_->sign_in(who);
    EXPECT_EQ(env_->request("GET", "/api/bodies/011002/users", "", &s).status, 403) << who;
  }
}

TEST_F(ApiTest, TheAuditorReadsTheBodysNoticesButCannotHideThem) {
  Session mic = env_->sign_in("demo-admin");
  const std::string cid = std::to_string(env_->demo().current_campaign);
  ASSERT_EQ(env_->request("POST", "/api/campaigns/" + cid + "/reminders",
                          R"({"body_codes":["011002"],"message":"auditor test"})", &mic)
                .status,
            200);
  Session auditor = env_->sign_in("demo-auditor");
  auto list = env_->request("GET", "/api/me/notifications", "", &auditor);
  ASSERT_EQ(list.status, 200);
  const json::value notices = json::parse(list.body);
  const auto& items = notices.as_object().at("notifications").as_array();
  ASSERT_FALSE(items.empty());
  const std::string id = std::to_string(items.back().as_object().at("id").as_int64());
  const int64_t before = env_->data_version();
  auto r = env_->request("POST", "/api/me/notifications/" + id + "/read", "", &auditor);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(env_->data_version(), before);
  // Nor start a batch of reports (one of the two batch slots).
  EXPECT_EQ(env_->request("POST", "/api/campaigns/" + cid + "/feedback-reports", "", &auditor).status, 403);
  Session respondent = env_->sign_in("demo-respondent");
  EXPECT_EQ(env_->request("POST", "/api/me/notifications/" + id + "/read", "", &respondent).status, 200);
}

TEST_F(ApiTest, SessionCookieIsHttpOnlyAndStrict) {
  auto r = env_->request("POST", "/api/session",
                         R"({"login":"demo-respondent","password":")" + env_->password("demo-respondent") + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string& c = r.headers["set-cookie"];
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(c.find("Secure"), std::string::npos);  // plain HTTP on loopback
  auto tls = env_->request("POST", "/api/session",
                           R"({"login":"demo-respondent","password":")" + env_->password("demo-respondent") + R"("})",
                           nullptr, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(tls.headers["set-cookie"].find("; Secure"), std::string::npos);
}

TEST_F(ApiTest, SignOutEndsTheSession) {
  Session s = env_->sign_in("demo-auditor");
  EXPECT_EQ(env_->request("GET", "/api/session", "", &s).status, 200);
  EXPECT_EQ(env_->request("DELETE", "/api/session", "", &s).status, 200);
  EXPECT_EQ(env_->request("GET", "/api/session", "", &s).status, 401);
}

// The control for every "changes nothing" check: a request that writes (a sign-in stores a
// session) does change the data version, on either backend. (It leaves the answers alone:
// the suite's tests share one server.)
TEST_F(ApiTest, TheDataVersionMovesWhenARequestWrites) {
  int64_t before = env_->data_version();
  Session s = env_->sign_in("demo-respondent");
  ASSERT_FALSE(s.cookie.empty());
  EXPECT_NE(env_->data_version(), before);
}

TEST_F(ApiTest, StateChangeWithoutCsrfTokenIsRefusedAndChangesNothing) {
  Session s = env_->sign_in("demo-respondent");
  int64_t rid = env_->response_of("011002");
  int64_t before = env_->data_version();
  auto r = env_->request("POST", "/api/responses/" + std::to_string(rid) + "/categories/1/confirm", "{}", &s,
                         {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json_string(r.body, "code"), "csrf_failed");
  EXPECT_EQ(env_->data_version(), before);
}

TEST_F(ApiTest, RespondentReadsFY2026WithFY2025CarriedOverThroughLineage) {
  Session s = env_->sign_in("demo-respondent");
  int64_t rid = env_->response_of("011002");
  json::object view = get_json("/api/responses/" + std::to_string(rid), s);
  EXPECT_EQ(view.at("campaign").at("fiscal_year").as_int64(), 2026);
  const Catalog* cur = env_->app().catalogs().find("fy2026");
  int checked_same = 0, checked_split = 0, checked_new = 0;
  for (const auto& q : cur->questions) {
    json::object a = answer_of(view, q.id);
    ASSERT_FALSE(a.empty()) << q.id;
    if (q.lineage.kind == LineageKind::kSame || q.lineage.kind == LineageKind::kSplit) {
      std::string expected = env_->fy2025_value("011002", q.lineage.from[0]);
      EXPECT_EQ(json::serialize(a.at("value")), expected) << q.id;
      EXPECT_EQ(a.at("state").as_string(), "carried_over") << q.id;
      ++(q.lineage.kind == LineageKind::kSame ? checked_same : checked_split);
    }
    if (q.lineage.kind == LineageKind::kNew) {
      EXPECT_TRUE(a.at("value").is_null()) << q.id;
      EXPECT_EQ(a.at("state").as_string(), "new") << q.id;
      ++checked_new;
    }
  }
  EXPECT_GT(checked_same, 50);
  EXPECT_GT(checked_split, 3);
  EXPECT_GT(checked_new, 10);
}

TEST_F(ApiTest, MergedQuestionNeedsConfirmationWhenOldValuesDiffer) {
  Session s = env_->sign_in("demo-admin");
  const Catalog* cur = env_->app().catalogs().find("fy2026");
  int differing = 0, agreeing = 0;
  // Look across bodies until both cases are seen.
  auto bodies = env_->app().store().bodies().list_bodies({.limit = 200});
  for (const auto& b : *bodies) {
    json::object view = get_json("/api/responses/" + std::to_string(env_->response_of(b.code)), s);
    for (const auto& q : cur->questions) {
      if (q.lineage.kind != LineageKind::kMerged) continue;
      std::set<std::string> olds;
      for (const auto& id : q.lineage.from) olds.insert(env_->fy2025_value(b.code, id));
      json::object a = answer_of(view, q.id);
      if (olds.size() == 1) {
        EXPECT_EQ(json::serialize(a.at("value")), *olds.begin());
        EXPECT_FALSE(a.at("needs_confirmation").as_bool());
        ++agreeing;
      } else {
        EXPECT_TRUE(a.at("value").is_null());
        EXPECT_TRUE(a.at("needs_confirmation").as_bool());
        // Both of last year's values are there to show, and the questions they answered
        // with the numbers and texts people know them by.
        const Catalog* prev = env_->app().catalogs().find("fy2025");
        for (const auto& id : q.lineage.from) {
          EXPECT_TRUE(a.at("previous").at("merged_from").as_object().contains(id)) << id;
          const auto& named = view.at("previous_questions").at(id);
          EXPECT_EQ(named.at("number").as_string(), prev->find(id)->number);
          EXPECT_EQ(named.at("text").at("ja").as_string(), prev->find(id)->text.ja);
        }
        ++differing;
      }
    }
    if (differing > 3 && agreeing > 3) break;
  }
  EXPECT_GT(differing, 0);
  EXPECT_GT(agreeing, 0);
}

TEST_F(ApiTest, StaleVersionGets409WithCurrentValueAndWhoChangedIt) {
  Session resp = env_->sign_in("demo-respondent");
  Session appr = env_->sign_in("demo-approver");
  std::string base = "/api/responses/" + std::to_string(env_->response_of("011002")) + "/answers/c1-ciso-appointed";
  auto a = env_->request("PUT", base, R"({"version":0,"value":"no","comment":"任命予定"})", &resp);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(json::parse(a.body).at("version").as_int64(), 1);
  int64_t before = env_->data_version();
  auto b = env_->request("PUT", base, R"({"version":0,"value":"yes"})", &appr);
  EXPECT_EQ(b.status, 409);
  json::object err = json::parse(b.body).as_object();
  EXPECT_EQ(err.at("code").as_string(), "stale_version");
  EXPECT_EQ(err.at("current").at("value").as_string(), "no");
  EXPECT_EQ(err.at("current").at("version").as_int64(), 1);
  EXPECT_EQ(err.at("current").at("updated_by").as_string(), "札幌市 担当者（デモ）");
  EXPECT_EQ(env_->data_version(), before);
  // History shows who changed what.
  auto h = get_json(base + "/history", appr);
  ASSERT_EQ(h.at("history").as_array().size(), 1u);
  EXPECT_EQ(h.at("history").as_array()[0].at("new").at("value").as_string(), "no");
  EXPECT_EQ(h.at("history").as_array()[0].at("user").as_string(), "札幌市 担当者（デモ）");
}

TEST_F(ApiTest, ConcurrentSavesOfOneVersionLetExactlyOneWin) {
  // 16 people save the same answer at the same version at once (group commit
  // puts them in one batch): one wins, the rest get 409, one history row.
  Session s = env_->sign_in("demo-approver");
  std::string rid = std::to_string(env_->response_of("011002"));
  std::string path = "/api/responses/" + rid + "/answers/c4-training-conducted";
  auto cur = json::parse(env_->request("GET", "/api/responses/" + rid, "", &s).body);
  int64_t version = 0;
  for (const auto& a : cur.at("answers").as_array())
    if (a.at("question_id").as_string() == "c4-training-conducted") version = a.at("version").as_int64();
  std::vector<std::thread> threads;
  std::vector<int> statuses(16);
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      statuses[i] =
          env_->request("PUT", path,
                        R"({"version":)" + std::to_string(version) + R"(,"value":")" + (i % 2 ? "yes" : "no") +
                            R"(","comment":"同時保存 )" + std::to_string(i) + R"("})",
                        &s)
              .status;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 15);
  auto h = json::parse(env_->request("GET", path + "/history", "", &s).body);
  EXPECT_EQ(h.at("history").as_array().size(), 1u);
}

TEST_F(ApiTest, AutosavesWaitingForTheDatabaseDoNotHoldTheServersIoThreads) {
  // An autosave runs its reads on an I/O thread only while a database connection is free at
  // once; otherwise it goes to a handler thread. Hold every reader: the saves must wait on
  // handler threads while the I/O threads go on serving (health), then complete.
  Session s = env_->sign_in("demo-respondent");
  const std::string rid = std::to_string(env_->response_of("011002"));
  auto view = get_json("/api/responses/" + rid, s);
  const std::vector<std::string> qids = {"c5-mynumber-separation", "c5-lgwan-internet-separation",
                                         "c5-file-sanitization", "c5-security-cloud"};
  auto& db = dynamic_cast<store::SqlStore&>(env_->app().store()).database();
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> holding{0};
  std::vector<std::thread> holders;
  for (int i = 0; i < AppOptions{}.readers; ++i)
    holders.emplace_back([&] {
      (void)db.read([&](store::Connection&) {
        holding.fetch_add(1);
        released.wait();
        return Status::Ok();
      });
    });
  while (holding.load() < AppOptions{}.readers) std::this_thread::yield();
  std::vector<int> statuses(qids.size());
  std::vector<std::thread> saves;
  for (size_t i = 0; i < qids.size(); ++i)
    saves.emplace_back([&, i] {
      const int64_t version = answer_of(view, qids[i]).at("version").as_int64();
      statuses[i] = env_->request("PUT", "/api/responses/" + rid + "/answers/" + qids[i],
                                  R"({"version":)" + std::to_string(version) + R"(,"value":"yes"})", &s)
                        .status;
    });
  // More saves than I/O threads are now waiting for a reader; the server still answers.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto health = env_->request("GET", "/api/health");
  release.set_value();
  for (auto& t : holders) t.join();
  for (auto& t : saves) t.join();
  EXPECT_EQ(health.status, 200) << "the I/O threads were blocked by waiting saves";
  for (size_t i = 0; i < qids.size(); ++i) EXPECT_EQ(statuses[i], 200) << qids[i];
}

TEST_F(ApiTest, ACatalogueUnderItsVersionIsCacheableForGoodAndRevalidatedOtherwise) {
  Session s = env_->sign_in("demo-respondent");
  auto view = get_json("/api/responses/" + std::to_string(env_->response_of("011002")), s);
  const std::string version(view.at("catalog_version").as_string());
  ASSERT_EQ(version.size(), 16u);
  auto cached = env_->request("GET", "/api/catalogs/fy2026?v=" + version, "", &s);
  EXPECT_EQ(cached.status, 200);
  EXPECT_EQ(cached.headers["cache-control"], "private, max-age=31536000, immutable");
  EXPECT_EQ(cached.headers["etag"], "\"" + version + "\"");
  auto unversioned = env_->request("GET", "/api/catalogs/fy2026", "", &s);
  EXPECT_EQ(unversioned.headers["cache-control"], "private, no-cache");
  EXPECT_EQ(unversioned.body, cached.body);
  auto stale = env_->request("GET", "/api/catalogs/fy2026?v=0000000000000000", "", &s);
  EXPECT_EQ(stale.headers["cache-control"], "private, no-cache") << "an old version is not the current document";
  auto revalidated =
      env_->request("GET", "/api/catalogs/fy2026", "", &s, {{"If-None-Match", "\"" + version + "\""}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_TRUE(revalidated.body.empty());
  // Without a session nothing is revealed, versioned or not.
  EXPECT_EQ(env_->request("GET", "/api/catalogs/fy2026?v=" + version).status, 401);
}

TEST_F(ApiTest, AnswersAreCompressedForClientsThatAcceptItButSessionSecretsNever) {
  Session s = env_->sign_in("demo-respondent");
  auto br = env_->request("GET", "/api/catalogs/fy2026", "", &s, {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  auto small = env_->request("GET", "/api/bodies/011002", "", &s, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small.headers.count("content-encoding"), 0u) << "under 1 KiB: sent as it is";
  auto plain = env_->request("GET", "/api/catalogs/fy2026", "", &s);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u) << "the client accepts no encoding";
  auto big = env_->request("GET", "/api/responses/" + std::to_string(env_->response_of("011002")), "", &s,
                           {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(big.headers["content-encoding"], "gzip");
  // BREACH: the answers that carry the CSRF token are marked never to be compressed,
  // whatever their size (checked on the response the application gives the server).
  for (const char* method : {"GET", "POST"}) {
    http::Request req;
    req.method = method;
    req.path = "/api/session";
    req.headers = {{"cookie", "mamori_session=" + s.cookie}, {"content-type", "application/json"}};
    if (std::string(method) == "POST")
      req.body = R"({"login":"demo-respondent","password":")" + env_->password("demo-respondent") + R"("})";
    http::Response res = env_->app().dispatch(req);
    EXPECT_EQ(res.status, 200) << method << " " << res.body;
    EXPECT_NE(res.body.find("csrf_token"), std::string::npos);
    EXPECT_TRUE(res.no_compress) << method << " /api/session";
  }
}

TEST_F(ApiTest, TheResponsesListIsFilteredSearchedAndPagedOnTheServerWithCountsOfWhatWasFound) {
  Session mic = env_->sign_in("demo-admin");
  const std::string base = "/api/campaigns/" + std::to_string(env_->demo().current_campaign) + "/responses";
  // さっぽろ finds 札幌市 by its reading (ｻｯﾎﾟﾛｼ); the counts are those of what was found.
  auto found = get_json(base + "?q=%E3%81%95%E3%81%A3%E3%81%BD%E3%82%8D", mic);
  EXPECT_EQ(found.at("total").as_int64(), 1);
  ASSERT_EQ(found.at("responses").as_array().size(), 1u);
  EXPECT_EQ(found.at("responses").as_array()[0].at("body_name"), "札幌市");
  int64_t counted = 0;
  for (const auto& [state, n] : found.at("counts").as_object()) counted += n.as_int64();
  EXPECT_EQ(counted, 1);
  // Pages: the first 50 of the towns, then the next 50, none twice.
  auto p1 = get_json(base + "?type=town&limit=50", mic);
  auto p2 = get_json(base + "?type=town&limit=50&offset=50", mic);
  EXPECT_GT(p1.at("total").as_int64(), 100);
  EXPECT_EQ(p1.at("total"), p2.at("total"));
  ASSERT_EQ(p1.at("responses").as_array().size(), 50u);
  ASSERT_EQ(p2.at("responses").as_array().size(), 50u);
  std::set<int64_t> ids;
  for (const auto* page : {&p1, &p2})
    for (const auto& r : page->at("responses").as_array()) {
      EXPECT_EQ(r.at("body_type"), "town");
      ids.insert(r.at("id").as_int64());
    }
  EXPECT_EQ(ids.size(), 100u);
  // Bad paging or filters are refused by name.
  for (const char* bad : {"?limit=5000", "?limit=-1", "?offset=x", "?type=castle", "?prefecture=48", "?prefecture=zz"}) {
    auto r = env_->request("GET", base + bad, "", &mic);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(json_string(r.body, "code"), "invalid_filter") << bad;
    EXPECT_EQ(json_string(r.body, "message_ja").find('{'), std::string::npos) << "placeholder left in: " << r.body;
  }
  // Spaces around a search are not part of it.
  EXPECT_EQ(get_json(base + "?q=%E3%80%80%E3%81%95%E3%81%A3%E3%81%BD%E3%82%8D%20", mic).at("total").as_int64(), 1);
  // A prefecture supporter asking for another prefecture finds nothing (not its own bodies).
  Session pref = env_->sign_in("demo-prefecture");
  EXPECT_EQ(get_json(base + "?prefecture=13", pref).at("total").as_int64(), 0);
  EXPECT_GT(get_json(base + "?prefecture=01", pref).at("total").as_int64(), 100);
}

TEST_F(ApiTest, BadInputGetsSpecificErrorsAndChangesNothing) {
  Session s = env_->sign_in("demo-respondent");
  std::string rid = std::to_string(env_->response_of("011002"));
  std::string base = "/api/responses/" + rid + "/answers/c1-csirt-established";
  struct Case {
    std::string body;
    int status;
    std::string code;
    std::string field;
  };
  std::vector<Case> cases = {
      {"{not json", 400, "malformed_json", ""},
      {"[1,2]", 400, "not_an_object", ""},
      {R"({"version":"0","value":"yes"})", 400, "invalid_fields", "version"},
      {R"({"version":0,"value":"yes","colour":"red"})", 400, "invalid_fields", "colour"},
      {R"({"version":0,"value":"maybe"})", 400, "invalid_value", "value"},
      {R"({"version":0,"value":true})", 400, "invalid_value", "value"},
      {R"x({"version":0,"value":"yes","evidence_url":"javascript:alert(1)"})x", 400, "invalid_fields", "evidence_url"},
      {R"({"version":0,"not_applicable":true,"na_reason":"x"})", 400, "invalid_fields", "not_applicable"},
  };
  int64_t before = env_->data_version();
  for (const auto& c : cases) {
    auto r = env_->request("PUT", base, c.body, &s);
    EXPECT_EQ(r.status, c.status) << c.body << " → " << r.body;
    json::object e = json::parse(r.body).as_object();
    EXPECT_EQ(e.at("code").as_string(), c.code) << c.body;
    EXPECT_FALSE(e.at("message_ja").as_string().empty());
    EXPECT_FALSE(e.at("message_en").as_string().empty());
    if (!c.field.empty()) {
      EXPECT_TRUE(e.at("fields").as_object().contains(c.field)) << c.body << " → " << r.body;
    }
  }
  // Wrong content type, unknown ids, unknown question, invalid body code.
  EXPECT_EQ(env_->request("PUT", base, R"({"version":0,"value":"yes"})", &s, {{"Content-Type", "text/plain"}}).status,
            400);
  EXPECT_EQ(json_string(env_->request("GET", "/api/responses/abc", "", &s).body, "code"), "invalid_id");
  EXPECT_EQ(env_->request("GET", "/api/responses/99999999", "", &s).status, 404);
  EXPECT_EQ(
      env_->request("PUT", "/api/responses/" + rid + "/answers/no-such-question", R"({"version":0,"value":"yes"})", &s)
          .status,
      404);
  EXPECT_EQ(json_string(env_->request("GET", "/api/bodies/011003", "", &s).body, "code"), "invalid_body_code");
  EXPECT_EQ(env_->data_version(), before);
}

TEST_F(ApiTest, OversizeBodyGets413) {
  Session s = env_->sign_in("demo-respondent");
  std::string big(2 * 1024 * 1024, 'a');
  auto r = env_->request("PUT",
                         "/api/responses/" + std::to_string(env_->response_of("011002")) + "/answers/c1-ciso-appointed",
                         R"({"version":0,"comment":")" + big + R"("})", &s);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json_string(r.body, "code"), "payload_too_large");
}

TEST_F(ApiTest, AnotherBodysResponseIsIndistinguishableFromAMissingOne) {
  Session s = env_->sign_in("demo-respondent");
  auto other = env_->request("GET", "/api/responses/" + std::to_string(env_->response_of("022012")), "", &s);
  auto missing = env_->request("GET", "/api/responses/99999999", "", &s);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body, missing.body);
  auto other_hist = env_->request(
      "GET", "/api/responses/" + std::to_string(env_->response_of("022012")) + "/answers/c1-ciso-appointed/history", "",
      &s);
  EXPECT_EQ(other_hist.body, missing.body);
}

TEST_F(ApiTest, PrefectureSupporterSeesOnlyItsPrefecture) {
  Session s = env_->sign_in("demo-prefecture");
  auto list = get_json("/api/campaigns/" + std::to_string(env_->demo().current_campaign) + "/responses", s);
  const auto& rs = list.at("responses").as_array();
  EXPECT_EQ(rs.size(), 180u);  // 北海道 and its 179 municipalities
  for (const auto& r : rs) EXPECT_EQ(std::string(r.at("body_code").as_string()).substr(0, 2), "01");
  // Each row names the body and its reading, which the bodies list searches.
  auto sapporo = std::find_if(rs.begin(), rs.end(), [](const json::value& r) { return r.at("body_code") == "011002"; });
  ASSERT_NE(sapporo, rs.end());
  EXPECT_EQ(sapporo->at("body_name"), "札幌市");
  EXPECT_EQ(sapporo->at("body_kana"), "ｻｯﾎﾟﾛｼ");
  EXPECT_EQ(sapporo->at("body_type"), "designated_city");
  EXPECT_EQ(env_->request("GET", "/api/responses/" + std::to_string(env_->response_of("011002")), "", &s).status, 200);
  EXPECT_EQ(env_->request("GET", "/api/responses/" + std::to_string(env_->response_of("022012")), "", &s).status, 404);
  auto bodies = get_json("/api/bodies?q=" + std::string("%E5%B8%82"), s);  // 市
  for (const auto& b : bodies.at("bodies").as_array()) {
    EXPECT_EQ(b.at("prefecture_code").as_string(), "01");
  }
}

TEST_F(ApiTest, NationalAdminManagesCampaignWindow) {
  Session s = env_->sign_in("demo-admin");
  std::string cid = std::to_string(env_->demo().current_campaign);
  auto bad = env_->request("POST", "/api/campaigns/" + cid + "/extend", R"({"closes_at":"2026-01-01"})", &s);
  EXPECT_EQ(bad.status, 400);
  auto ok = env_->request("POST", "/api/campaigns/" + cid + "/extend", R"({"closes_at":"2027-02-26"})", &s);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json_string(ok.body, "closes_at"), "2027-02-26");
  auto create = env_->request(
      "POST", "/api/campaigns",
      R"({"title":"t","fiscal_year":2025,"catalog_id":"fy2026","opens_at":"2026-13-01","closes_at":"2026-01-01","targets":["011003"]})",
      &s);
  EXPECT_EQ(create.status, 400);
  json::object e = json::parse(create.body).as_object();
  for (const char* f : {"fiscal_year", "opens_at", "targets"}) EXPECT_TRUE(e.at("fields").as_object().contains(f)) << f;
}

TEST_F(ApiTest, OpeningACampaignIsAJobWithProgressAndCarriesOver) {
  Session s = env_->sign_in("demo-admin");
  auto created =
      env_->request("POST", "/api/campaigns",
                    R"({"title":"令和8年度 追加調査","fiscal_year":2026,"catalog_id":"fy2026","opens_at":"2026-12-01",)"
                    R"("closes_at":"2027-01-31","targets":["011002","012025","022012"]})",
                    &s);
  ASSERT_EQ(created.status, 201) << created.body;
  json::value cam = json::parse(created.body);
  EXPECT_EQ(cam.at("state").as_string(), "draft");
  EXPECT_EQ(cam.at("target_count").as_int64(), 3);
  std::string cid = std::to_string(cam.at("id").as_int64());
  auto open = env_->request("POST", "/api/campaigns/" + cid + "/open", "", &s);
  ASSERT_EQ(open.status, 202) << open.body;
  std::string job = std::to_string(json::parse(open.body).at("job").at("id").as_int64());
  json::value j;
  for (int i = 0; i < 200; ++i) {  // bounded wait: the job writes 3 responses
    j = json::parse(env_->request("GET", "/api/jobs/" + job, "", &s).body);
    if (j.at("state").as_string() != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(j.at("state").as_string(), "done") << json::serialize(j);
  EXPECT_EQ(j.at("done").as_int64(), 3);
  EXPECT_EQ(j.at("total").as_int64(), 3);
  auto list = json::parse(env_->request("GET", "/api/campaigns/" + cid + "/responses", "", &s).body);
  EXPECT_EQ(list.at("responses").as_array().size(), 3u);
  EXPECT_EQ(list.at("counts").at("draft").as_int64(), 3);
  // Opening twice is refused; another user cannot read the job.
  EXPECT_EQ(env_->request("POST", "/api/campaigns/" + cid + "/open", "", &s).status, 422);
  Session r = env_->sign_in("demo-respondent");
  EXPECT_EQ(env_->request("GET", "/api/jobs/" + job, "", &r).status, 404);
}

TEST_F(ApiTest, WrongMethodGets405WithAllow) {
  auto r = env_->request("DELETE", "/api/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET");
  EXPECT_EQ(json_string(r.body, "code"), "method_not_allowed");
}

TEST_F(ApiTest, MalformedQueryStringIsRefusedNotIgnored) {
  Session s = env_->sign_in("demo-prefecture");
  auto r = env_->request("GET", "/api/bodies?q=%E5%B8%8", "", &s);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json_string(r.body, "code"), "malformed_query");
  // Well-formed percent-encoding of bytes that are not UTF-8 text: malformed too, never
  // matched as bytes (two of 札's three bytes would find 札幌市, 木古内町, 仁木町…).
  for (const char* q : {"%ff%fe", "%e6%9c", "%E6%9C%AD%E6"}) {
    auto bad = env_->request("GET", std::string("/api/bodies?q=") + q, "", &s);
    EXPECT_EQ(bad.status, 400) << q << " " << bad.body.substr(0, 200);
    EXPECT_EQ(json_string(bad.body, "code"), "malformed_query") << q;
  }
  auto good = env_->request("GET", "/api/bodies?q=%E6%9C%AD", "", &s);  // 札
  EXPECT_EQ(good.status, 200);
  EXPECT_NE(good.body.find("札幌市"), std::string::npos);
}

TEST_F(ApiTest, BodiesCsvImportIsAllOrNothingWithLineNumbers) {
  Session s = env_->sign_in("demo-admin");
  auto post = [&](const std::string& csv) {
    json::object o{{"csv", csv}};
    return env_->request("POST", "/api/bodies/import", json::serialize(o), &s);
  };
  const std::string header = "code,name_ja,name_kana,type,core_city,network_model,population_band,members\n";
  // Line 3 is bad: nothing of line 2 may be written.
  int64_t before = env_->data_version();
  auto bad = post(header + "018007,石狩東部広域水道企業団,,union,,alpha,,011002 012025\n012025,,,,2,,,\n");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json_string(bad.body, "code"), "invalid_csv");
  EXPECT_EQ(json_string(bad.body, "message_en").rfind("Line 3:", 0), 0u) << bad.body;
  EXPECT_EQ(env_->data_version(), before);
  EXPECT_EQ(env_->request("GET", "/api/bodies/018007", "", &s).status, 404);
  // CP932 bytes are refused with an encoding message.
  auto enc = post(header + "012025,\x94\x9f\x8a\xd9,,,,,,\n");
  EXPECT_EQ(enc.status, 400);
  // A good file: a new union with members, and 函館市 flagged as 中核市.
  auto ok = post(header + "018007,石狩東部広域水道企業団,ｲｼｶﾘﾄｳﾌﾞ,union,,alpha,lt10k,011002 012025\n012025,,,,1,,,\n");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto u = env_->request("GET", "/api/bodies/018007", "", &s);
  ASSERT_EQ(u.status, 200);
  json::value ub = json::parse(u.body);
  EXPECT_EQ(ub.at("type").as_string(), "union");
  EXPECT_EQ(ub.at("members").as_array().size(), 2u);
  EXPECT_TRUE(json::parse(env_->request("GET", "/api/bodies/012025", "", &s).body).at("core_city").as_bool());
  // An empty members cell keeps a union's members; members are for unions only.
  ASSERT_EQ(post(header + "018007,,,,,beta,,\n").status, 200);
  EXPECT_EQ(json::parse(env_->request("GET", "/api/bodies/018007", "", &s).body).at("members").as_array().size(), 2u);
  EXPECT_EQ(post(header + "012025,,,,,,,011002\n").status, 400);
  EXPECT_EQ(post(header + "018007,,,,,,,011002 011002\n").status, 400);
  // PUT follows the same rule: an existing body keeps its type.
  auto retype = env_->request("PUT", "/api/bodies/012025", R"({"type":"town"})", &s);
  EXPECT_EQ(retype.status, 400);
  EXPECT_EQ(json_string(retype.body, "code"), "invalid_fields");
  // Only MIC may import.
  Session r = env_->sign_in("demo-respondent");
  EXPECT_EQ(env_->request("POST", "/api/bodies/import", R"({"csv":""})", &r).status, 403);
}

}  // namespace
}  // namespace mamori::test

namespace mamori::test {
namespace {

// A body's benchmark (GET /api/responses/{id}/benchmark) on the demo's accepted FY2025
// answers: its own category scores, its groups (national, type, prefecture, network model,
// population band) with figures, and its gaps with the catalogue's reasons.
TEST(AnalyticsApiTest, BenchmarkShowsOwnScoresPeersAndGaps) {
  TestEnv env;
  Session s = env.sign_in("demo-respondent");
  int64_t rid = env.app().store().responses().find_response(env.demo().previous_campaign, "011002")->id;
  auto res = env.request("GET", "/api/responses/" + std::to_string(rid) + "/benchmark", "", &s);
  ASSERT_EQ(res.status, 200) << res.body;
  auto b = json::parse(res.body).as_object();
  EXPECT_TRUE(b.at("counted").as_bool());
  EXPECT_EQ(b.at("own").at("categories").as_array().size(), 8u);
  auto total = b.at("own").at("total");
  EXPECT_LE(total.at("implemented").as_int64(), total.at("applicable").as_int64());
  auto groups = b.at("groups").as_array();
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].at("key"), "national");
  EXPECT_EQ(groups[0].at("label").at("ja"), "全国");
  EXPECT_EQ(groups[0].at("bodies"), 1788);
  EXPECT_EQ(groups[1].at("key"), "type:designated_city");
  EXPECT_EQ(groups[1].at("bodies"), 20);
  EXPECT_EQ(groups[2].at("label").at("ja"), "北海道");
  for (const auto& g : groups) {
    EXPECT_FALSE(g.at("suppressed").as_bool());
    EXPECT_EQ(g.at("categories").as_array().size(), 8u);
  }
  auto gaps = b.at("gaps").as_array();
  ASSERT_FALSE(gaps.empty());
  double last = 1.0;
  for (const auto& g : gaps) {
    double peer = g.at("peer_rate").as_double();
    EXPECT_GE(peer, 0.5);
    EXPECT_LE(peer, last);  // highest peer rate first
    last = peer;
    EXPECT_FALSE(g.at("reason").at("ja").as_string().empty());
  }
}

// Issue 12 §5: a closed campaign's figures group its responses as they stood at closing.
// MIC moving 札幌市 to another population band and network model afterwards moves nothing a
// body or MIC reads of FY2025 — neither 札幌市's own groups nor any group's figures, nor which
// of its FY2025 questions are shown (some depend on the network model).
TEST(AnalyticsApiTest, PublishedFiguresDoNotMoveWhenMicEditsABodyAfterClosing) {
  TestEnv env;
  const int64_t fy25 = env.demo().previous_campaign;
  Session body = env.sign_in("demo-respondent");
  Session admin = env.sign_in("demo-admin");
  const std::string rid = std::to_string(env.app().store().responses().find_response(fy25, "011002")->id);
  auto read = [&] {
    auto bench = env.request("GET", "/api/responses/" + rid + "/benchmark", "", &body);
    EXPECT_EQ(bench.status, 200) << bench.body;
    auto groups = env.request("GET", "/api/analytics/campaigns/" + std::to_string(fy25) + "/groups", "", &admin);
    EXPECT_EQ(groups.status, 200) << groups.body;
    return std::make_pair(json::parse(bench.body), json::parse(groups.body));
  };
  auto shown = [&] {
    auto view = env.request("GET", "/api/responses/" + rid, "", &body);
    EXPECT_EQ(view.status, 200) << view.body;
    std::vector<std::string> out;
    const json::value v = json::parse(view.body);
    for (const auto& a : v.at("answers").as_array())
      if (a.at("visible").as_bool()) out.emplace_back(a.at("question_id").as_string());
    return out;
  };
  const auto before = read();
  const auto shown_before = shown();
  const json::object sapporo = json::parse(env.request("GET", "/api/bodies/011002", "", &admin).body).as_object();
  const std::string old_band(sapporo.at("population_band").as_string());
  const std::string band = old_band == "lt10k" ? "ge1m" : "lt10k";
  const std::string model = sapporo.at("network_model").as_string() == "alpha" ? "beta" : "alpha";
  auto put = env.request("PUT", "/api/bodies/011002",
                         json::serialize(json::object{{"population_band", band}, {"network_model", model}}), &admin);
  ASSERT_EQ(put.status, 200) << put.body;
  ASSERT_EQ(json::parse(env.request("GET", "/api/bodies/011002", "", &admin).body).at("population_band").as_string(),
            band);
  const auto after = read();
  EXPECT_EQ(before.first.at("groups"), after.first.at("groups"));
  EXPECT_EQ(before.first.at("gaps"), after.first.at("gaps"));
  EXPECT_EQ(before.second, after.second);
  EXPECT_EQ(shown(), shown_before);
  bool old_band_shown = false;
  for (const auto& g : after.first.at("groups").as_array())
    old_band_shown |= g.at("key").as_string() == "pop:" + old_band;
  EXPECT_TRUE(old_band_shown);
}

// Live figures of a campaign that is still open would change one submission at a time:
// bodies see them only once it closes (analytics/disclosure.h); MIC sees them live.
TEST(AnalyticsApiTest, FiguresOfAnOpenCampaignAreWithheldFromBodiesUntilItCloses) {
  TestEnv env;
  const int64_t fy25 = env.demo().previous_campaign;
  auto set_state = [&](const char* state) {
    ASSERT_TRUE(
        env.exec(std::string("UPDATE campaigns SET state = '") + state + "' WHERE id = " + std::to_string(fy25)).ok());
  };
  Session body = env.sign_in("demo-respondent");
  Session admin = env.sign_in("demo-admin");
  std::string rid = std::to_string(env.app().store().responses().find_response(fy25, "011002")->id);
  set_state("open");
  auto b = json::parse(env.request("GET", "/api/responses/" + rid + "/benchmark", "", &body).body);
  for (const auto& g : b.at("groups").as_array()) {
    EXPECT_TRUE(g.at("suppressed").as_bool()) << g;
    EXPECT_EQ(g.at("withheld"), "open_campaign");
    EXPECT_EQ(g.at("note").at("ja"), "非表示（調査の締切後に公開）");
    EXPECT_TRUE(g.at("bodies").is_null());
    EXPECT_FALSE(g.as_object().contains("categories"));
  }
  EXPECT_TRUE(b.at("gaps").as_array().empty());
  auto t = json::parse(env.request("GET", "/api/responses/" + rid + "/trend", "", &body).body);
  EXPECT_TRUE(t.at("years").as_array().back().at("national").at("suppressed").as_bool());
  auto mic =
      json::parse(env.request("GET", "/api/analytics/campaigns/" + std::to_string(fy25) + "/groups", "", &admin).body);
  int national_groups = 0;
  for (const auto& g : mic.at("groups").as_array())
    if (g.at("key") == "national") {
      ++national_groups;
      EXPECT_EQ(g.at("bodies"), 1788);
    }
  EXPECT_EQ(national_groups, 1);
  set_state("closed");
  b = json::parse(env.request("GET", "/api/responses/" + rid + "/benchmark", "", &body).body);
  EXPECT_FALSE(b.at("groups").as_array()[0].at("suppressed").as_bool());
  EXPECT_FALSE(b.at("gaps").as_array().empty());
}

// Once a survey is closed, the figures bodies see stay as they were at closing: a response
// submitted later (after MIC reopened it) counts for MIC only, and MIC cannot take a
// submitted response out by returning it.
TEST(AnalyticsApiTest, ClosedFiguresDoNotMoveByOneBody) {
  TestEnv env;
  const int64_t fy25 = env.demo().previous_campaign;
  std::string hakodate = std::to_string(env.app().store().responses().find_response(fy25, "012025")->id);
  // 函館市's FY2025 response becomes a late submission: submitted after the closing time.
  ASSERT_TRUE(
      env.exec("UPDATE campaigns SET closed_at = '2025-11-01T00:00:00.000Z' WHERE id = " + std::to_string(fy25)).ok());
  ASSERT_TRUE(
      env.exec("UPDATE responses SET state = 'submitted', submitted_at = '2025-12-01T00:00:00.000Z' WHERE id = " +
               hakodate)
          .ok());
  ASSERT_TRUE(env.exec("UPDATE responses SET submitted_at = '2025-10-01T00:00:00.000Z' WHERE campaign_id = " +
                       std::to_string(fy25) + " AND id <> " + hakodate)
                  .ok());
  ASSERT_TRUE(env.app().analytics().rebuild().ok());
  Session body = env.sign_in("demo-respondent");
  Session admin = env.sign_in("demo-admin");
  std::string rid = std::to_string(env.app().store().responses().find_response(fy25, "011002")->id);
  auto b = json::parse(env.request("GET", "/api/responses/" + rid + "/benchmark", "", &body).body);
  EXPECT_EQ(b.at("groups").as_array()[0].at("bodies"), 1787);  // without the late one
  auto mic = json::parse(env.request("GET", "/api/responses/" + rid + "/benchmark", "", &admin).body);
  EXPECT_EQ(mic.at("groups").as_array()[0].at("bodies"), 1788);
  // MIC cannot return a submitted response of the closed survey.
  auto r = env.request("POST", "/api/responses/" + hakodate + "/national-return", R"({"comment":"再確認"})", &admin);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json_string(r.body, "code"), "campaign_closed");
}

TEST(AnalyticsApiTest, NationalTablesGiveGroupsAndQuestionRatesWithReferenceRates) {
  TestEnv env;
  Session admin = env.sign_in("demo-admin");
  std::string base = "/api/analytics/campaigns/" + std::to_string(env.demo().previous_campaign);
  json::value all = json::parse(env.request("GET", base + "/groups", "", &admin).body);
  const auto& groups = all.at("groups").as_array();
  std::set<std::string> keys;
  for (const auto& g : groups) keys.insert(std::string(g.at("key").as_string()));
  EXPECT_TRUE(keys.contains("national"));
  EXPECT_TRUE(keys.contains("pref:13"));
  EXPECT_TRUE(keys.contains("type:village"));
  auto q = json::parse(env.request("GET", base + "/questions?group=type%3Acity", "", &admin).body);
  EXPECT_EQ(q.at("group").at("key"), "type:city");
  bool has_reference = false;
  for (const auto& row : q.at("questions").as_array()) {
    EXPECT_LE(row.at("implemented").as_int64(), row.at("applicable").as_int64());
    has_reference = has_reference || row.as_object().contains("reference_rate");
  }
  EXPECT_TRUE(has_reference);
  // A group that does not exist reads as an empty, suppressed group, not an error.
  auto none = json::parse(env.request("GET", base + "/questions?group=pref%3A99", "", &admin).body);
  EXPECT_TRUE(none.at("group").at("suppressed").as_bool());
  EXPECT_TRUE(none.at("questions").as_array().empty());
  // Only MIC reads the national tables.
  Session respondent = env.sign_in("demo-respondent");
  EXPECT_EQ(env.request("GET", base + "/groups", "", &respondent).status, 403);
}

}  // namespace
}  // namespace mamori::test
