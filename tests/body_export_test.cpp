// A body's own data, complete (issue 15 §4; docs/BODY_EXPORT.md): downloaded by the body's
// approver and MIC as JSON and as a workbook, and restored by `mamori bodies restore` into an
// empty database, whose own export is then the same document. Against a real server on the
// demo data, and the real mamori command.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <boost/json.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>

#include "io/xlsx_reader.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The mamori command's catalogue folder (the tests run in the build folder).
const std::string kCatalog = "--catalog " MAMORI_SOURCE_DIR "/catalog ";

// The document without what names the export itself (when and by whom).
json::object content_of(const std::string& text) {
  json::object o = json::parse(text).as_object();
  o.erase("exported_at");
  o.erase("exported_by");
  return o;
}

class BodyExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mamori-body-export-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A new, empty SQLite database (schema only: no bodies, no users); its --store text.
  std::string empty_database() {
    const std::string store = "sqlite:" + (dir_ / "empty.db").string();
    auto [rc, out] = run_mamori(kCatalog + "--store " + store + " migrate");
    EXPECT_EQ(rc, 0) << out;
    return store;
  }

  static inline TestEnv* env_ = nullptr;
  fs::path dir_;
};

TEST_F(BodyExportTest, TheExportRestoredIntoAnEmptyDatabaseExportsAsTheSameDocument) {
  Session approver = env_->sign_in("demo-approver");
  // Some work of this year first: an answer with a comment and an evidence link (a history row).
  const int64_t rid = env_->response_of("011002");
  const std::string qid = "c5-edr-coverage";
  auto before = *env_->app().store().responses().get_answer(rid, qid);
  auto saved = env_->request("PUT", "/api/responses/" + std::to_string(rid) + "/answers/" + qid,
                             R"({"version":)" + std::to_string(before.version) +
                                 R"(,"value":77,"comment":"EDR導入台数から算出","evidence_url":"https://example.lg.jp/edr"})",
                             &approver);
  ASSERT_EQ(saved.status, 200) << saved.body;
  // …and a workflow event: category 8 assigned to the approver, then unassigned.
  const int64_t me = json::parse(env_->request("GET", "/api/session", "", &approver).body).at("user").at("id").as_int64();
  auto assigned = env_->request("POST", "/api/responses/" + std::to_string(rid) + "/categories/8/assign",
                                R"({"assignee":)" + std::to_string(me) + "}", &approver);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  ASSERT_EQ(env_->request("POST", "/api/responses/" + std::to_string(rid) + "/categories/8/assign", R"({"assignee":null})",
                          &approver)
                .status,
            200);

  auto r = env_->request("GET", "/api/bodies/011002/export.json", "", &approver);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["content-type"].find("application/json"), std::string::npos);
  EXPECT_NE(r.headers["content-disposition"].find("mamori_011002_data_"), std::string::npos);
  const json::value doc = json::parse(r.body);
  EXPECT_EQ(doc.at("format").as_string(), "mamori.body-export");
  EXPECT_EQ(doc.at("body").at("code").as_string(), "011002");
  EXPECT_EQ(doc.at("exported_by").as_string(), "札幌市 確認者（デモ）");

  // Every year's response of the body, each with every answer, its history and events.
  auto stored = *env_->app().store().responses().responses_of_body("011002");
  const auto& responses = doc.at("responses").as_array();
  ASSERT_EQ(responses.size(), stored.size());
  ASSERT_GE(responses.size(), 2u);  // FY2025 accepted, FY2026 open
  size_t answers = 0;
  for (const auto& s : stored) answers += env_->app().store().responses().get_answers(s.id)->size();
  size_t exported_answers = 0;
  bool found = false;
  for (const auto& resp : responses) {
    exported_answers += resp.at("answers").as_array().size();
    for (const auto& a : resp.at("answers").as_array())
      if (a.at("question_id").as_string() == qid && a.at("comment").as_string() == "EDR導入台数から算出") {
        found = true;
        EXPECT_EQ(a.at("value").as_int64(), 77);
        EXPECT_EQ(a.at("evidence_url").as_string(), "https://example.lg.jp/edr");
        EXPECT_EQ(a.at("updated_by").as_string(), "札幌市 確認者（デモ）");
      }
  }
  EXPECT_EQ(exported_answers, answers);
  EXPECT_TRUE(found);
  EXPECT_EQ(responses[0].at("state").as_string(), "accepted");  // FY2025, as the demo imported it
  const json::value* found2026 = nullptr;
  for (const auto& resp : responses)
    if (resp.at("campaign").at("catalog_id").as_string() == "fy2026") found2026 = &resp;
  ASSERT_NE(found2026, nullptr);
  const json::value& fy2026 = *found2026;
  const auto& events = fy2026.at("events").as_array();
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[events.size() - 2].at("category").as_int64(), 8);
  EXPECT_EQ(events[events.size() - 2].at("user").as_string(), "札幌市 確認者（デモ）");
  bool history_of_save = false;
  for (const auto& h : fy2026.at("history").as_array())
    history_of_save |= h.at("question_id").as_string() == qid && h.at("new").at("comment").as_string() == "EDR導入台数から算出";
  EXPECT_TRUE(history_of_save);

  // Restored into an empty database by the mamori command, then exported from it again.
  const fs::path file = dir_ / "export.json";
  std::ofstream(file, std::ios::binary) << r.body;
  const std::string store = empty_database();
  auto [rc, out] = run_mamori(kCatalog + "--store " + store + " bodies restore " + file.string());
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("復元しました"), std::string::npos) << out;
  const fs::path again = dir_ / "again.json";
  auto [rc2, out2] = run_mamori(kCatalog + "--store " + store + " bodies export 011002 --out " + again.string());
  ASSERT_EQ(rc2, 0) << out2;
  EXPECT_EQ(content_of(read_file(again)), content_of(r.body));
  EXPECT_EQ(fs::status(again).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);

  // A second restore over it is refused and changes nothing; so is a file that is not JSON.
  auto [rc3, out3] = run_mamori(kCatalog + "--store " + store + " bodies restore " + file.string());
  EXPECT_NE(rc3, 0);
  EXPECT_NE(out3.find("既に"), std::string::npos) << out3;
  std::ofstream(dir_ / "broken.json") << "{\"format\": \"mamori.body-export\", ";
  auto [rc4, out4] = run_mamori(kCatalog + "--store " + store + " bodies restore " + (dir_ / "broken.json").string());
  EXPECT_NE(rc4, 0);
  EXPECT_NE(out4.find("JSON ではありません"), std::string::npos) << out4;
  const fs::path third = dir_ / "third.json";
  ASSERT_EQ(run_mamori(kCatalog + "--store " + store + " bodies export 011002 --out " + third.string()).first, 0);
  EXPECT_EQ(content_of(read_file(third)), content_of(r.body));
}

TEST_F(BodyExportTest, TheWorkbookHoldsEveryAnswerAndHistoryRowToRead) {
  Session admin = env_->sign_in("demo-admin");
  auto j = env_->request("GET", "/api/bodies/011002/export.json", "", &admin);
  ASSERT_EQ(j.status, 200) << j.body;
  const json::value doc = json::parse(j.body);
  size_t answers = 0, history = 0;
  for (const auto& r : doc.at("responses").as_array()) {
    answers += r.at("answers").as_array().size();
    history += r.at("history").as_array().size();
  }
  auto x = env_->request("GET", "/api/bodies/011002/export.xlsx", "", &admin);
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_NE(x.headers["content-disposition"].find(".xlsx"), std::string::npos);
  auto sheets = io::read_xlsx_bytes(x.body);
  ASSERT_TRUE(sheets.ok()) << sheets.status().error_code();
  std::map<std::string, const ports::Sheet*> by_name;
  for (const auto& s : *sheets) by_name[s.name] = &s;
  for (const char* name : {"はじめに", "回答一覧", "分類", "回答", "履歴", "ワークフロー", "提出"})
    ASSERT_TRUE(by_name.count(name)) << name;
  EXPECT_EQ(by_name["回答"]->rows.size(), answers + 1);  // a header, then one row per answer
  EXPECT_EQ(by_name["履歴"]->rows.size(), history + 1);
  EXPECT_EQ(by_name["回答"]->rows[0][4], "設問");
  // Questions are named by number and text from the catalogue.
  bool named = false;
  for (size_t i = 1; i < by_name["回答"]->rows.size(); ++i)
    named |= by_name["回答"]->rows[i][2] == "1-1" && !by_name["回答"]->rows[i][4].empty();
  EXPECT_TRUE(named);
}

TEST_F(BodyExportTest, OnlyTheBodysApproverAndMicTakeItAndEachTakingIsAudited) {
  Session respondent = env_->sign_in("demo-respondent");
  Session approver = env_->sign_in("demo-approver");
  Session prefecture = env_->sign_in("demo-prefecture");
  Session admin = env_->sign_in("demo-admin");
  EXPECT_EQ(env_->request("GET", "/api/bodies/011002/export.json", "", &respondent).status, 403);
  EXPECT_EQ(env_->request("GET", "/api/bodies/011002/export.xlsx", "", &prefecture).status, 403);
  EXPECT_EQ(env_->request("GET", "/api/bodies/012025/export.json", "", &approver).status, 404);  // another body
  EXPECT_EQ(env_->request("GET", "/api/bodies/011002/export.json").status, 401);
  EXPECT_EQ(env_->request("GET", "/api/bodies/011002/export.json", "", &admin).status, 200);
  auto unknown = env_->request("GET", "/api/bodies/011003/export.json", "", &admin);  // a wrong check digit
  EXPECT_TRUE(unknown.status == 400 || unknown.status == 404) << unknown.status;

  auto trail = env_->request("GET", "/api/admin/audit?action=export.body_data", "", &admin);
  ASSERT_EQ(trail.status, 200) << trail.body;
  bool refused = false, taken = false;
  const json::value entries = json::parse(trail.body);
  for (const auto& e : entries.at("entries").as_array()) {
    if (e.at("outcome").as_string() == "ok") taken = true;
    if (e.at("outcome").as_string() != "ok") refused = true;
  }
  EXPECT_TRUE(taken);
  EXPECT_TRUE(refused);  // the respondent's attempt
}

}  // namespace
}  // namespace mamori::test
