// The publication check of the 方針 (issue 16 §3; docs/POLICIES.md) against a web server on
// loopback: a page that starts answering 404 turns the body amber at the next check, on its
// page and on MIC's and the prefecture's board; a changed page is flagged until the body
// records a review; a URL naming an internal address, credentials or another scheme is
// refused at input. And the fetcher's guards on their own: a private destination is never
// connected to unless configured, nor reached by a redirect; a page over the size limit.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "io/url_fetcher.h"
#include "page_server.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class PublicationCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static json::value get(const std::string& path, const Session& who) {
    auto r = env_->request("GET", path, "", &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  // The failing checks of 札幌市 on a board.
  static std::vector<json::object> failing_of_sapporo(const json::value& board) {
    std::vector<json::object> out;
    for (const auto& c : board.at("failing_checks").as_array())
      if (c.at("body_code").as_string() == "011002") out.push_back(c.as_object());
    return out;
  }
  static inline TestEnv* env_ = nullptr;
};

TEST_F(PublicationCheckTest, APageThatStartsAnswering404TurnsTheBodyAmberAtTheNextCheck) {
  PageServer page;
  Session approver = env_->sign_in("demo-approver");
  Session admin = env_->sign_in("demo-admin");
  Session prefecture = env_->sign_in("demo-prefecture");
  ASSERT_EQ(env_->request("POST", "/api/bodies/011002/organs/register", "{}", &approver).status, 201);
  for (const char* role : {R"({"role":"ciso","person":"札幌 副市長","since":"2025-04-01"})",
                           R"({"role":"chief_officer","person":"札幌 局長","since":"2025-04-01"})"})
    ASSERT_EQ(env_->request("POST", "/api/bodies/011002/security-roles", role, &approver).status, 201);
  const json::value v = get("/api/bodies/011002/policies", approver);
  const int64_t head = v.at("organs").at(1).at("id").as_int64();
  auto made = env_->request("POST", "/api/bodies/011002/policies",
                            R"({"title":"札幌市情報セキュリティ基本方針","basis":"new","state":"adopted",)"
                            R"("adopted_on":"2026-05-01","published_on":"2026-05-10","publication_url":")" +
                                page.url() + R"(","organs":[)" + std::to_string(head) + "]}",
                            &approver);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(json::parse(made.body).at("id").as_int64());
  const std::string check = "/api/bodies/011002/policies/" + id + "/publication-check";

  // The page is there: ok, and the board lists nothing for 札幌市.
  auto first = env_->request("POST", check, "{}", &approver);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json::parse(first.body).at("outcome").as_string(), "ok");
  EXPECT_EQ(json::parse(first.body).at("status_code").as_int64(), 200);
  EXPECT_EQ(page.requests(), 1);
  EXPECT_TRUE(failing_of_sapporo(get("/api/policy-board", admin)).empty());

  // It starts answering 404: the next check turns the body amber for MIC, the prefecture and
  // the body itself, with the date of the check.
  page.set(404, "not found");
  auto gone = env_->request("POST", check, "{}", &approver);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(json::parse(gone.body).at("outcome").as_string(), "http_error");
  for (const Session* who : {&admin, &prefecture}) {
    auto failing = failing_of_sapporo(get("/api/policy-board", *who));
    ASSERT_EQ(failing.size(), 1u);
    EXPECT_EQ(failing[0].at("status_code").as_int64(), 404);
    EXPECT_EQ(failing[0].at("title").as_string(), "札幌市情報セキュリティ基本方針");
    EXPECT_FALSE(failing[0].at("checked_at").as_string().empty());
  }
  const json::value mine = get("/api/bodies/011002/policies", approver);
  const auto& policy = mine.at("policies").as_array().back();
  EXPECT_EQ(policy.at("publication_check").at("outcome").as_string(), "http_error");
  EXPECT_TRUE(policy.at("publication_check").at("failing").as_bool());

  // Back, but with other content: changed, until the body records a review.
  page.set(200, "<html><body>改訂された方針</body></html>");
  EXPECT_EQ(json::parse(env_->request("POST", check, "{}", &approver).body).at("outcome").as_string(), "changed");
  EXPECT_EQ(json::parse(env_->request("POST", check, "{}", &approver).body).at("outcome").as_string(), "changed");
  ASSERT_EQ(env_->request("POST", "/api/bodies/011002/policies/" + id + "/reviews",
                          R"({"planned_on":"2026-11-01","done_on":"2026-11-01","done_by":"札幌 局長","outcome":"公表ページを更新"})",
                          &approver)
                .status,
            201);
  EXPECT_EQ(json::parse(env_->request("POST", check, "{}", &approver).body).at("outcome").as_string(), "ok");
  EXPECT_TRUE(failing_of_sapporo(get("/api/policy-board", admin)).empty());

  // Only the body's approver asks for a check; a policy without a publication cannot be checked.
  EXPECT_EQ(env_->request("POST", check, "{}", &prefecture).status, 403);
  EXPECT_EQ(env_->request("POST", "/api/bodies/011002/policies/999999/publication-check", "{}", &approver).status, 404);
}

TEST_F(PublicationCheckTest, AUrlToAnInternalAddressWithCredentialsOrAnotherSchemeIsRefusedAndNothingChanges) {
  Session approver = env_->sign_in("demo-approver");
  auto r = env_->request("POST", "/api/bodies/011002/organs/register", "{}", &approver);
  ASSERT_TRUE(r.status == 201 || json_string(r.body, "code") == "organs_registered") << r.body;
  const json::value v = get("/api/bodies/011002/policies", approver);
  const int64_t head = v.at("organs").at(1).at("id").as_int64();
  const int64_t before = env_->data_version();
  const std::pair<const char*, const char*> cases[] = {
      {"http://192.168.10.1/policy", "内部向けのアドレス"},
      {"http://169.254.169.254/latest/meta-data", "内部向けのアドレス"},
      {"http://[::1]/policy", "内部向けのアドレス"},
      {"http://localhost/policy", "内部向けのアドレス"},
      {"https://user:secret@www.example.jp/policy", "ユーザー名やパスワード"},
      {"ftp://www.example.jp/policy.pdf", "http:// または https://"},
  };
  for (const auto& [url, message] : cases) {
    auto bad = env_->request("POST", "/api/bodies/011002/policies",
                             R"({"title":"方針","basis":"new","state":"drafting","publication_url":")" + std::string(url) +
                                 R"(","published_on":"2026-05-10","organs":[)" + std::to_string(head) + "]}",
                             &approver);
    EXPECT_EQ(bad.status, 400) << url << " " << bad.body;
    const auto body = json::parse(bad.body);
    const auto* field = body.at("fields").as_object().if_contains("publication_url");
    ASSERT_NE(field, nullptr) << url << " " << bad.body;
    EXPECT_NE(std::string(field->at("message_ja").as_string()).find(message), std::string::npos) << url;
  }
  EXPECT_EQ(env_->data_version(), before);
}

TEST(UrlFetcher, APrivateDestinationIsNeverConnectedToUnlessConfigured) {
  PageServer page;
  io::UrlFetcher strict(io::FetchLimits{.per_host_interval = std::chrono::milliseconds(0)});
  auto refused = strict.fetch(page.url());
  EXPECT_EQ(refused.kind, publication::Fetch::Kind::kRefused);
  EXPECT_EQ(refused.error, "private_address");
  EXPECT_EQ(page.requests(), 0);  // refused before connecting

  io::UrlFetcher test_server(io::FetchLimits{.allowed_private = {"127.0.0.1"},
                                             .per_host_interval = std::chrono::milliseconds(0)});
  auto ok = test_server.fetch(page.url());
  EXPECT_EQ(ok.kind, publication::Fetch::Kind::kFetched);
  EXPECT_EQ(ok.status_code, 200);
  EXPECT_EQ(ok.sha256.size(), 64u);
  EXPECT_EQ(page.requests(), 1);

  // A redirect to a loopback address not configured, or to another scheme, is not followed.
  page.set(302, "", "http://127.0.0.2:" + std::to_string(page.port()) + "/elsewhere");
  auto redirected = test_server.fetch(page.url());
  EXPECT_EQ(redirected.kind, publication::Fetch::Kind::kRefused);
  EXPECT_EQ(redirected.error, "private_address");
  page.set(302, "", "file:///etc/passwd");
  EXPECT_NE(test_server.fetch(page.url()).kind, publication::Fetch::Kind::kFetched);
  // Nor does a URL with credentials or another scheme leave the machine.
  EXPECT_EQ(test_server.fetch("http://u:p@127.0.0.1:" + std::to_string(page.port()) + "/").error, "credentials");
  EXPECT_EQ(test_server.fetch("gopher://127.0.0.1/").error, "scheme");
}

TEST(UrlFetcher, APageOverTheSizeLimitIsNotRead) {
  PageServer page;
  page.set(200, std::string(64 * 1024, 'x'));
  io::UrlFetcher fetcher(io::FetchLimits{.allowed_private = {"127.0.0.1"},
                                         .max_bytes = 16 * 1024,
                                         .per_host_interval = std::chrono::milliseconds(0)});
  auto big = fetcher.fetch(page.url());
  EXPECT_EQ(big.kind, publication::Fetch::Kind::kUnreachable);
  EXPECT_EQ(big.error, "too_large");
}

}  // namespace
}  // namespace mamori::test
