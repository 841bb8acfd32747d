// The policy obligation (issue 16; docs/POLICIES.md) through the API on a real server: a
// body's organs registered by its type, a joint 方針 covering several organs, 策定済み
// refused until the structure (権限・責任等一覧表) is on record, an individual scope decision
// approved by MIC, reviews, and every kind of bad input refused with nothing changed.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "io/xlsx_reader.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class PoliciesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static json::value view(const std::string& code, const Session& who) {
    auto r = env_->request("GET", "/api/bodies/" + code + "/policies", "", &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  // The view after the body's approver registered its organs (once; later calls find them).
  static json::value registered_view(const std::string& code, const Session& approver) {
    auto r = env_->request("POST", "/api/bodies/" + code + "/organs/register", "{}", &approver);
    EXPECT_TRUE(r.status == 201 || json_string(r.body, "code") == "organs_registered") << r.body;
    return view(code, approver);
  }
  static int64_t organ_id(const json::value& v, const std::string& name) {
    for (const auto& o : v.at("organs").as_array())
      if (o.at("name").as_string() == name) return o.at("id").as_int64();
    ADD_FAILURE() << "no organ " << name;
    return 0;
  }
  static const json::object* organ(const json::value& v, const std::string& name) {
    for (const auto& o : v.at("organs").as_array())
      if (o.at("name").as_string() == name) return &o.as_object();
    return nullptr;
  }
  static std::string field_error(const HttpResult& r, const std::string& field) {
    auto v = json::parse(r.body);
    const auto* f = v.at("fields").as_object().if_contains(field);
    return f ? std::string(f->at("message").as_string()) : "";
  }
  static inline TestEnv* env_ = nullptr;
};

TEST_F(PoliciesTest, APrefectureStartsWithItsOrgansAndItsPublicSafetyCommissionIsNotCounted) {
  Session pref = env_->sign_in("demo-prefecture");  // 北海道's supporter reads 北海道 and 札幌市
  const int64_t before = env_->data_version();
  const json::value sapporo = view("011002", pref);  // the demo leaves 札幌市 unregistered
  EXPECT_EQ(env_->data_version(), before);           // reading registers nothing
  EXPECT_FALSE(sapporo.at("registered").as_bool());
  EXPECT_EQ(sapporo.at("organs").at(0).at("id").as_int64(), 0);
  // 北海道 as the demo registered it from its type, with every counted organ adopted.
  const json::value v = view("010006", pref);
  EXPECT_TRUE(v.at("registered").as_bool());
  const auto* safety = organ(v, "公安委員会");
  ASSERT_NE(safety, nullptr);
  EXPECT_EQ(safety->at("scope").as_string(), "excluded");
  EXPECT_FALSE(safety->at("counted").as_bool());
  EXPECT_NE(std::string(safety->at("scope_basis").as_string()).find("施行令第173条の7"), std::string::npos);
  EXPECT_EQ(v.at("required").as_int64(), static_cast<int64_t>(v.at("organs").as_array().size()) - 1);
  EXPECT_EQ(v.at("adopted").as_int64(), v.at("required").as_int64());
  // The 公安委員会 is covered by no policy: the adopted count is reached without it.
  EXPECT_EQ(safety->at("status").as_string(), "none");
}

TEST_F(PoliciesTest, AJointPolicyIsAdoptedOnlyOnceTheStructureIsOnRecordAndThenCoversItsOrgans) {
  Session approver = env_->sign_in("demo-approver");
  const std::string base = "/api/bodies/011002";
  const json::value v = registered_view("011002", approver);
  EXPECT_TRUE(v.at("registered").as_bool());
  const int64_t council = organ_id(v, "議会"), mayor = organ_id(v, "市長"), education = organ_id(v, "教育委員会");
  const std::string organs = "[" + std::to_string(council) + "," + std::to_string(mayor) + "," + std::to_string(education) + "]";
  const std::string adopted = R"({"title":"札幌市情報セキュリティ基本方針","version":"2.0","basis":"existing_reviewed",)"
                              R"("state":"adopted","adopted_on":"2026-03-10","effective_on":"2026-04-01","approving_organ":)" +
                              std::to_string(mayor) + R"(,"review_months":12,"organs":)" + organs + "}";
  // Without the structure on record: refused, nothing written.
  const int64_t before = env_->data_version();
  auto refused = env_->request("POST", base + "/policies", adopted, &approver);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json_string(refused.body, "code"), "policy_structure_missing");
  EXPECT_NE(json_string(refused.body, "message_ja").find("統括情報セキュリティ責任者"), std::string::npos);
  EXPECT_EQ(env_->data_version(), before);

  for (const char* role : {R"({"role":"ciso","person":"札幌 副市長","title":"副市長","since":"2025-04-01"})",
                           R"({"role":"chief_officer","person":"札幌 局長","title":"デジタル戦略推進局長","department":"デジタル戦略推進局","since":"2025-04-01"})"}) {
    auto r = env_->request("POST", base + "/security-roles", role, &approver);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto made = env_->request("POST", base + "/policies", adopted, &approver);
  ASSERT_EQ(made.status, 201) << made.body;
  json::value after = view("011002", approver);
  EXPECT_TRUE(after.at("structure").as_bool());
  for (const char* name : {"議会", "市長", "教育委員会"}) EXPECT_EQ(organ(after, name)->at("status").as_string(), "adopted") << name;
  EXPECT_EQ(organ(after, "選挙管理委員会")->at("status").as_string(), "none");
  EXPECT_EQ(after.at("adopted").as_int64(), 3);
  EXPECT_EQ(after.at("published").as_int64(), 0);

  // Published: the same policy with its URL and date, on its revision; a stale change refused.
  const int64_t id = after.at("policies").at(0).at("id").as_int64();
  std::string published = adopted;
  published.insert(published.size() - 1, R"(,"publication_url":"https://www.city.sapporo.example/policy","published_on":"2026-04-01","revision":1)");
  auto pub = env_->request("PUT", base + "/policies/" + std::to_string(id), published, &approver);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(json_string(env_->request("PUT", base + "/policies/" + std::to_string(id), published, &approver).body, "code"),
            "policy_changed");
  after = view("011002", approver);
  EXPECT_EQ(organ(after, "議会")->at("status").as_string(), "published");
  EXPECT_EQ(after.at("published").as_int64(), 3);
  EXPECT_EQ(after.at("policies").at(0).at("review_due").as_string(), "2027-03-10");

  // A review done: recorded with the policy.
  auto review = env_->request("POST", base + "/policies/" + std::to_string(id) + "/reviews",
                              R"({"planned_on":"2026-11-01","done_on":"2026-11-20","done_by":"札幌 副市長","outcome":"指針の改定に合わせて見直し。改定なし"})",
                              &approver);
  ASSERT_EQ(review.status, 201) << review.body;
  after = view("011002", approver);
  EXPECT_EQ(after.at("policies").at(0).at("reviews").as_array().size(), 1u);
  EXPECT_EQ(after.at("policies").at(0).at("review_due").as_string(), "2027-11-20");
}

TEST_F(PoliciesTest, BadInputGetsItsOwnErrorAndChangesNothing) {
  Session approver = env_->sign_in("demo-approver");
  const std::string base = "/api/bodies/011002";
  const json::value v = registered_view("011002", approver);
  const int64_t mayor = organ_id(v, "市長");
  const std::string m = std::to_string(mayor);
  struct Case {
    std::string method, path, body, code, field, message;
  };
  const std::vector<Case> cases{
      {"POST", "/policies", R"({"title":"方針","basis":"new","state":"drafting","organs":[999999]})", "invalid_fields",
       "organs", "policy.organ_unknown"},
      {"POST", "/policies",
       R"({"title":"方針","basis":"new","state":"drafting","adopted_on":"2026-04-01","effective_on":"2026-03-01","organs":[)" + m + "]}",
       "invalid_fields", "effective_on", "policy.effective_before_adoption"},
      {"POST", "/policies",
       R"({"title":"方針","basis":"new","state":"drafting","publication_url":"file:///etc/passwd","published_on":"2026-04-01","organs":[)" + m + "]}",
       "invalid_fields", "publication_url", "policy.url"},
      {"POST", "/policies", R"({"title":"方針","basis":"old","state":"drafting","organs":[)" + m + "]}", "invalid_fields",
       "basis", "field.policy_basis"},
      {"POST", "/policies", R"({"title":1,"basis":"new","state":"drafting","organs":[)" + m + "]}", "invalid_fields", "title",
       "field.string"},
      {"POST", "/policies", R"({"title":"方針")", "malformed_json", "", ""},
      {"POST", "/security-roles", R"({"role":"ciso","person":"未来の人","since":"2099-04-01"})", "invalid_fields", "since",
       "policy.since_in_future"},
      {"POST", "/security-roles", R"({"role":"mayor","person":"誰か","since":"2026-04-01"})", "invalid_fields", "role",
       "field.security_role"},
      {"POST", "/organs", R"({"kind":"council","name":"議会"})", "organ_exists", "", ""},
      {"PUT", "/organs/" + m + "/scope", R"({"scope":"individual"})", "invalid_fields", "basis", "policy.reason_required"},
      {"PUT", "/organs/999999/scope", R"({"scope":"required"})", "organ_not_found", "", ""},
      {"PUT", "/organs/" + m + "/scope", R"({"scope":"excluded","basis":"独自の判断"})", "invalid_fields", "scope",
       "policy.excluded_only_by_law"},
      {"POST", "/policies", R"({"title":"方針","basis":"new","state":"drafting","organs":[)" + m + "," + m + "]}",
       "invalid_fields", "organs", "policy.organ_twice"},
      {"POST", "/policies",
       R"({"title":"方針","basis":"new","state":"drafting","review_months":4294967308,"organs":[)" + m + "]}",
       "invalid_fields", "review_months", "policy.review_months"},
      {"POST", "/policies",
       R"({"title":"方針","basis":"new","state":"adopted","adopted_on":"2099-01-01","organs":[)" + m + "]}",
       "invalid_fields", "adopted_on", "policy.date_in_future"},
      {"POST", "/organs/register", "{}", "organs_registered", "", ""},
      {"POST", "/policies/999999/reviews", R"({"planned_on":"2026-04-01"})", "policy_not_found", "", ""},
  };
  for (const auto& c : cases) {
    const int64_t before = env_->data_version();
    auto r = env_->request(c.method, base + c.path, c.body, &approver);
    const std::string where = c.method + " " + c.path + " " + c.body + " → " + r.body;
    EXPECT_GE(r.status, 400) << where;
    EXPECT_EQ(json_string(r.body, "code"), c.code) << where;
    if (!c.field.empty()) {
      EXPECT_EQ(field_error(r, c.field), c.message) << where;
    }
    EXPECT_EQ(env_->data_version(), before) << where;
  }
  // A review done in the future, on a policy of the body.
  auto made = env_->request("POST", base + "/policies", R"({"title":"下書き","basis":"new","state":"drafting","organs":[)" + m + "]}",
                            &approver);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(json::parse(made.body).at("id").as_int64());
  const int64_t before = env_->data_version();
  auto future = env_->request("POST", base + "/policies/" + id + "/reviews",
                              R"({"planned_on":"2026-04-01","done_on":"2099-01-01","done_by":"CISO","outcome":"済"})", &approver);
  EXPECT_EQ(field_error(future, "done_on"), "policy.review_done_in_future") << future.body;
  EXPECT_EQ(env_->data_version(), before);
}

TEST_F(PoliciesTest, AnIndividualDecisionCountsUntilMicApprovesItAndOnlyTheApproverChangesTheRegister) {
  Session approver = env_->sign_in("demo-approver");
  Session respondent = env_->sign_in("demo-respondent");
  Session admin = env_->sign_in("demo-admin");
  const std::string base = "/api/bodies/011002";
  json::value v = registered_view("011002", approver);
  const int64_t farm = organ_id(v, "農業委員会");
  const int64_t required = v.at("required").as_int64();
  EXPECT_EQ(env_->request("PUT", base + "/organs/" + std::to_string(farm) + "/scope",
                          R"({"scope":"individual","basis":"独自のネットワークで運用"})", &respondent)
                .status,
            403);
  auto decided = env_->request("PUT", base + "/organs/" + std::to_string(farm) + "/scope",
                               R"({"scope":"individual","basis":"独自のネットワークで運用"})", &approver);
  ASSERT_EQ(decided.status, 200) << decided.body;
  v = view("011002", approver);
  EXPECT_EQ(organ(v, "農業委員会")->at("decided_by").as_string(), "札幌市 確認者（デモ）");
  EXPECT_TRUE(organ(v, "農業委員会")->at("counted").as_bool());  // until MIC approves
  EXPECT_EQ(v.at("required").as_int64(), required);
  EXPECT_EQ(env_->request("POST", base + "/organs/" + std::to_string(farm) + "/approve", "{}", &approver).status, 403);
  auto approved = env_->request("POST", base + "/organs/" + std::to_string(farm) + "/approve", "{}", &admin);
  ASSERT_EQ(approved.status, 200) << approved.body;
  v = view("011002", admin);
  EXPECT_FALSE(organ(v, "農業委員会")->at("counted").as_bool());
  EXPECT_EQ(v.at("required").as_int64(), required - 1);
  // Another body's approver cannot even see this body's register.
  EXPECT_EQ(env_->request("GET", "/api/bodies/012025/policies", "", &approver).status, 404);
}

// The share in percent, rounded as the board page shows it.
int64_t percent(int64_t part, int64_t whole) { return whole == 0 ? 0 : (part * 1000 / whole + 5) / 10; }

// The shares of one group on the board, as the board answers `who`.
json::object group_line(const json::value& board, const std::string& group) {
  for (const auto& g : board.at("groups").as_array())
    if (g.at("group").as_string() == group) return g.as_object();
  return {};
}

TEST_F(PoliciesTest, TheDemoBoardShowsSeed000sSharesOfOrgansWithAnAdoptedPolicy) {
  Session admin = env_->sign_in("demo-admin");
  auto r = env_->request("GET", "/api/policy-board", "", &admin);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value board = json::parse(r.body);
  auto share = [&](const char* group) {
    const json::object g = group_line(board, group);
    return percent(g.at("adopted").as_int64(), g.at("required").as_int64());
  };
  EXPECT_EQ(share("prefectures"), 100);
  EXPECT_EQ(share("municipalities"), 99);
  EXPECT_EQ(share("unions"), 21);
  EXPECT_EQ(group_line(board, "unions").at("bodies").as_int64(), 100);  // the demo's sample unions
  // Some reviews are overdue, and the trend grows from 令和8年4月.
  EXPECT_FALSE(board.at("overdue").as_array().empty());
  const auto& trend = board.at("trend").as_array();
  ASSERT_GE(trend.size(), 2u);
  EXPECT_LT(trend.front().at("adopted").as_int64(), trend.back().at("adopted").as_int64());
}

TEST_F(PoliciesTest, TheBoardCountsWhatBodiesAdoptedForMicAndAPrefectureSeesOnlyItsOwnBodies) {
  Session admin = env_->sign_in("demo-admin");
  Session pref = env_->sign_in("demo-prefecture");
  Session approver = env_->sign_in("demo-approver");
  auto board = [&](const Session& who) {
    auto r = env_->request("GET", "/api/policy-board", "", &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  const json::value national = board(admin);
  EXPECT_EQ(group_line(national, "prefectures").at("bodies").as_int64(), 47);
  EXPECT_EQ(group_line(national, "municipalities").at("bodies").as_int64(), 1741);
  EXPECT_EQ(national.at("trend").at(0).at("month").as_string(), "2026-04");
  EXPECT_EQ(national.at("trend").at(0).at("label").as_string(), "令和8年4月");
  const json::value hokkaido = board(pref);
  EXPECT_EQ(group_line(hokkaido, "prefectures").at("bodies").as_int64(), 1);
  EXPECT_EQ(group_line(hokkaido, "municipalities").at("bodies").as_int64(), 179);
  for (const auto& m : hokkaido.at("missing").as_array())
    EXPECT_EQ(std::string(m.at("code").as_string()).substr(0, 2), "01");

  // 札幌市 adopts a 方針 for its 選挙管理委員会: one more organ adopted on both boards.
  const json::value v = registered_view("011002", approver);
  const int64_t election = organ_id(v, "選挙管理委員会");
  ASSERT_EQ(organ(v, "選挙管理委員会")->at("status").as_string(), "none");
  if (!v.at("structure").as_bool()) {
    for (const char* role : {R"({"role":"ciso","person":"札幌 副市長","since":"2025-04-01"})",
                             R"({"role":"chief_officer","person":"札幌 局長","since":"2025-04-01"})"}) {
      ASSERT_EQ(env_->request("POST", "/api/bodies/011002/security-roles", role, &approver).status, 201);
    }
  }
  auto made = env_->request("POST", "/api/bodies/011002/policies",
                            R"({"title":"選挙管理委員会情報セキュリティ方針","basis":"new","state":"adopted","adopted_on":"2026-05-01","organs":[)" +
                                std::to_string(election) + "]}",
                            &approver);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto before = group_line(national, "municipalities"), after = group_line(board(admin), "municipalities");
  EXPECT_EQ(after.at("adopted").as_int64(), before.at("adopted").as_int64() + 1);
  EXPECT_EQ(group_line(board(pref), "municipalities").at("adopted").as_int64(),
            group_line(hokkaido, "municipalities").at("adopted").as_int64() + 1);
}

TEST_F(PoliciesTest, TheBoardIsExportedAsOneRowPerOrganOfTheBodiesTheReaderSees) {
  Session pref = env_->sign_in("demo-prefecture");
  const json::value board = json::parse(env_->request("GET", "/api/policy-board", "", &pref).body);
  int64_t bodies = 0;
  for (const auto& g : board.at("groups").as_array()) bodies += g.at("bodies").as_int64();

  auto csv = env_->request("GET", "/api/policy-board/export?format=csv", "", &pref);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.headers["content-disposition"].find("attachment"), std::string::npos);
  ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");  // the BOM Excel needs
  std::set<std::string> codes;
  bool safety_excluded = false;
  size_t start = csv.body.find('\n') + 1;  // after the header
  EXPECT_EQ(csv.body.substr(3, csv.body.find(',') - 3), "団体コード");
  while (start < csv.body.size()) {
    const size_t end = csv.body.find('\n', start);
    const std::string line = csv.body.substr(start, end - start);
    start = end == std::string::npos ? csv.body.size() : end + 1;
    if (line.empty()) continue;
    const std::string code = line.substr(0, 6);
    EXPECT_EQ(code.substr(0, 2), "01") << line;  // 北海道's bodies only
    codes.insert(code);
    if (code == "010006" && line.find("公安委員会") != std::string::npos)
      safety_excluded = line.find("対象外") != std::string::npos;
  }
  EXPECT_EQ(static_cast<int64_t>(codes.size()), bodies);
  EXPECT_TRUE(safety_excluded);

  auto cp932 = env_->request("GET", "/api/policy-board/export?format=csv&encoding=cp932", "", &pref);
  ASSERT_EQ(cp932.status, 200);
  EXPECT_EQ(cp932.headers["content-type"], "text/csv; charset=Shift_JIS");
  EXPECT_EQ(cp932.body.substr(0, 10), "\x92\x63\x91\xcc\x83\x52\x81\x5b\x83\x68");  // 団体コード in CP932

  auto xlsx = env_->request("GET", "/api/policy-board/export?format=xlsx", "", &pref);
  ASSERT_EQ(xlsx.status, 200);
  auto sheets = io::read_xlsx_bytes(xlsx.body);
  ASSERT_TRUE(sheets.ok());
  ASSERT_EQ(sheets->size(), 1u);
  EXPECT_EQ((*sheets)[0].rows.size(), 1 + (std::count(csv.body.begin(), csv.body.end(), '\n') - 1));

  EXPECT_EQ(env_->request("GET", "/api/policy-board/export?format=pdf", "", &pref).status, 400);
  EXPECT_EQ(env_->request("GET", "/api/policy-board/export?format=xlsx&encoding=cp932", "", &pref).status, 400);
  EXPECT_EQ(env_->request("GET", "/api/policy-board/export").status, 401);
}

TEST_F(PoliciesTest, MicRemindsTheBodiesMissingAndTheyReadTheNoticeOnTheirHome) {
  Session admin = env_->sign_in("demo-admin");
  Session pref = env_->sign_in("demo-prefecture");
  Session approver = env_->sign_in("demo-approver");
  const int64_t before = env_->data_version();
  // Only to bodies the board lists as missing: 北海道 has adopted for every organ.
  auto refused = env_->request("POST", "/api/policy-board/reminders",
                               R"({"body_codes":["011002","010006"],"message":"方針の策定をお願いします。"})", &admin);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(json_string(refused.body, "message_ja").find("010006"), std::string::npos);
  EXPECT_EQ(env_->request("POST", "/api/policy-board/reminders", R"({"body_codes":[],"message":"x"})", &admin).status, 400);
  EXPECT_EQ(env_->request("POST", "/api/policy-board/reminders", R"({"body_codes":["011002"],"message":"x"})", &pref).status,
            403);
  EXPECT_EQ(env_->data_version(), before);

  auto sent = env_->request("POST", "/api/policy-board/reminders",
                            R"({"body_codes":["011002"],"message":"方針の策定をお願いします。"})", &admin);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(json::parse(sent.body).at("sent").as_int64(), 1);
  auto notices = json::parse(env_->request("GET", "/api/me/notifications", "", &approver).body);
  bool found = false;
  for (const auto& n : notices.at("notifications").as_array())
    found = found || n.at("message").as_string() == "方針の策定をお願いします。";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace mamori::test
