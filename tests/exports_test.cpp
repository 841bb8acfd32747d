// National exports (GET /api/campaigns/{id}/export): CSV in UTF-8 with BOM, CP932 that
// refuses characters it cannot hold (naming them), and xlsx read back with our own reader.
#include <gtest/gtest.h>
#include <cmath>
#include <sstream>
#include <map>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

#include "io/xlsx_reader.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class ExportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A temporary folder of this test process only: tests run in parallel, and counting
    // export files in the shared /tmp would see another test's.
    tmp_ = std::filesystem::temp_directory_path() / ("mamori-exports-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp_);
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    env_ = std::make_unique<TestEnv>();
    admin_ = env_->sign_in("demo-admin");
    fy25_ = "/api/campaigns/" + std::to_string(env_->demo().previous_campaign) + "/export";
  }
  void TearDown() override {
    env_.reset();
    ::unsetenv("TMPDIR");
    std::filesystem::remove_all(tmp_);
  }
  static size_t temp_exports() {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
      if (e.path().filename().string().rfind("mamori-export-", 0) == 0) ++n;
    return n;
  }
  std::filesystem::path tmp_;
  std::unique_ptr<TestEnv> env_;
  Session admin_;
  std::string fy25_;
};

TEST_F(ExportsTest, AnswersAsUtf8CsvWithBomOneRowPerBodyAndQuestion) {
  size_t before = temp_exports();
  auto r = env_->request("GET", fy25_, "", &admin_);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(r.headers["content-disposition"].find("-answers.csv"), std::string::npos);
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(r.body.substr(3, r.body.find("\r\n") - 3),
            "団体コード,団体名,団体区分,回答の状態,設問ID,項目,表示対象,回答,回答（値）,該当なし,該当なしの理由,コメント,"
            "根拠資料,引継ぎ,最終更新者,最終更新日時");
  size_t lines = static_cast<size_t>(std::count(r.body.begin(), r.body.end(), '\n'));
  EXPECT_EQ(lines, 1 + 1788u * 141u);
  EXPECT_NE(r.body.find("011002,札幌市,政令指定都市,受理済み,c1-ciso-appointed,1,はい,"), std::string::npos);
  EXPECT_EQ(temp_exports(), before) << "the temporary file is gone once sent";
}

TEST_F(ExportsTest, RatesAsXlsxReadBack) {
  auto r = env_->request("GET", fy25_ + "?table=rates&format=xlsx", "", &admin_);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto sheets = io::read_xlsx_bytes(r.body);
  ASSERT_TRUE(sheets.ok()) << sheets.status().message_en();
  const auto& rows = (*sheets)[0].rows;
  ASSERT_GT(rows.size(), 60u);
  EXPECT_EQ(rows[0][0], "グループ");
  EXPECT_EQ(rows[0][3], "全体（%）");
  auto national = std::find_if(rows.begin(), rows.end(), [](const auto& row) { return row[0] == "national"; });
  ASSERT_NE(national, rows.end());
  EXPECT_EQ((*national)[1], "全国");
  EXPECT_EQ((*national)[2], "1788");
  double total = std::stod((*national)[3]);  // a fraction formatted 0.0% in Excel, as in the API
  EXPECT_GT(total, 0.40);
  EXPECT_LT(total, 0.95);
}

TEST_F(ExportsTest, RatesFollowOneRoundingRuleInTheApiCsvAndXlsx) {
  // A tenth of a percent, half up: the API's fraction 0.674, the CSV's 67.4, the xlsx's
  // number 0.674 shown 67.4% — never 67.3000, a bare 64 or a percent of 65.40000000000001.
  const std::string cid = std::to_string(env_->demo().previous_campaign);
  auto api = env_->request("GET", "/api/analytics/campaigns/" + cid + "/groups", "", &admin_);
  ASSERT_EQ(api.status, 200);
  std::map<std::string, std::vector<std::string>> from_api;  // group → total, category 1…
  auto text_of = [](const json::value& v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v.is_double() ? v.as_double() : static_cast<double>(v.as_int64()));
    return std::string(buf);
  };
  const json::value parsed = json::parse(api.body);
  for (const auto& g : parsed.at("groups").as_array()) {
    if (g.at("suppressed").as_bool()) continue;
    std::vector<std::string> v{text_of(g.at("total"))};
    for (const auto& c : g.at("categories").as_array()) v.push_back(c.at("rate").is_null() ? "" : text_of(c.at("rate")));
    from_api[std::string(g.at("key").as_string())] = v;
  }
  ASSERT_GT(from_api.size(), 50u);
  auto percent_of = [](const std::string& fraction) {  // "0.674" → "67.4" (exactly, as text)
    if (fraction.empty()) return std::string();
    const long tenths = std::lround(std::stod(fraction) * 1000.0);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  };
  auto csv = env_->request("GET", fy25_ + "?table=rates", "", &admin_);
  ASSERT_EQ(csv.status, 200);
  std::istringstream lines(csv.body.substr(3));
  std::string line;
  std::getline(lines, line);  // header
  int compared = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ls(line);
    for (std::string c; std::getline(ls, c, ',');) cells.push_back(c);
    auto it = from_api.find(cells[0]);
    if (it == from_api.end()) continue;
    for (size_t i = 0; i < it->second.size(); ++i) {
      const std::string got = i + 3 < cells.size() ? cells[i + 3] : "";
      EXPECT_EQ(got, percent_of(it->second[i])) << cells[0] << " column " << i + 3;
      if (!got.empty()) {
        EXPECT_EQ(got.size() - got.find('.'), 2u) << "one decimal: " << got;
      }
    }
    ++compared;
  }
  EXPECT_EQ(compared, static_cast<int>(from_api.size()));
  auto xlsx = env_->request("GET", fy25_ + "?table=rates&format=xlsx", "", &admin_);
  auto sheets = io::read_xlsx_bytes(xlsx.body);
  ASSERT_TRUE(sheets.ok());
  for (const auto& row : (*sheets)[0].rows) {
    if (row.empty() || !from_api.count(row[0])) continue;
    const auto& want = from_api[row[0]];
    for (size_t i = 0; i < want.size() && i + 3 < row.size(); ++i) {
      if (want[i].empty()) continue;
      // Excel reads a number to 15 significant digits: the cell is the API's fraction exactly
      // (libxlsxwriter writes 16, so the file may say 0.6850000000000001 for 0.685).
      char excel[32];
      std::snprintf(excel, sizeof excel, "%.15g", std::stod(row[i + 3]));
      EXPECT_EQ(std::stod(excel), std::stod(want[i])) << row[0] << ": " << row[i + 3];
      EXPECT_LE(std::string(excel).size(), 5u) << excel;  // "0.685": three decimals, no residue
    }
  }
}

TEST_F(ExportsTest, Cp932RefusesCharactersItCannotHoldAndNamesThem) {
  // Representable: the rate table in CP932 (Greek letters and primes are in CP932).
  auto ok = env_->request("GET", fy25_ + "?table=rates&encoding=cp932", "", &admin_);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers["content-type"], "text/csv; charset=Shift_JIS");
  EXPECT_EQ(ok.body.substr(0, 8), "\x83\x4f\x83\x8b\x81\x5b\x83\x76");  // グループ in CP932

  // A comment with 髙 (CP932 has it) and an emoji (it does not).
  Session respondent = env_->sign_in("demo-respondent");
  std::string base = "/api/responses/" + std::to_string(env_->response_of("011002"));
  auto view = json::parse(env_->request("GET", base, "", &respondent).body);
  int64_t version = 0;
  for (const auto& a : view.at("answers").as_array())
    if (a.at("question_id") == "c1-ciso-appointed") version = a.at("version").as_int64();
  auto put = env_->request("PUT", base + "/answers/c1-ciso-appointed",
                           R"({"version":)" + std::to_string(version) + R"(,"value":"yes","comment":"髙橋さん確認済み🙂"})",
                           &respondent);
  ASSERT_EQ(put.status, 200) << put.body;
  std::string fy26 = "/api/campaigns/" + std::to_string(env_->demo().current_campaign) + "/export";
  size_t before = temp_exports();
  auto refused = env_->request("GET", fy26 + "?encoding=cp932", "", &admin_);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(json_string(refused.body, "code"), "cp932_unrepresentable");
  std::string msg = json_string(refused.body, "message_ja");
  EXPECT_NE(msg.find("「コメント」の「🙂」(U+1F642)"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("髙"), std::string::npos) << "髙 is in CP932: " << msg;
  EXPECT_EQ(temp_exports(), before);
  // UTF-8 keeps everything.
  auto utf8 = env_->request("GET", fy26, "", &admin_);
  ASSERT_EQ(utf8.status, 200);
  EXPECT_NE(utf8.body.find("髙橋さん確認済み🙂"), std::string::npos);
}

TEST_F(ExportsTest, UnknownOptionsAreRefused) {
  EXPECT_EQ(json_string(env_->request("GET", fy25_ + "?table=everything", "", &admin_).body, "code"), "export_layout_unknown");
  EXPECT_EQ(json_string(env_->request("GET", fy25_ + "?format=pdf", "", &admin_).body, "code"), "invalid_filter");
  EXPECT_EQ(env_->request("GET", fy25_ + "?format=xlsx&encoding=cp932", "", &admin_).status, 400);
  EXPECT_EQ(env_->request("GET", "/api/campaigns/999/export", "", &admin_).status, 404);
}

}  // namespace
}  // namespace mamori::test
