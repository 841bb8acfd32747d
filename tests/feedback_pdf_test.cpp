// The feedback PDF of a body (GET /api/responses/{id}/feedback.pdf) read back with poppler:
// it opens, has several A4 pages, carries the Japanese text in an embedded IPAex font, and
// renders to PNG — the check of issue 4's "Done when".
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "io/xlsx_reader.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  if (!p) return out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p.get())) out.append(buf, n);
  return out;
}

TEST(FeedbackPdfTest, AJapaneseReportThatPopplerOpensReadsAndRenders) {
  TestEnv env(2021);
  Session s = env.sign_in("demo-respondent");
  int64_t rid = env.app().store().responses().find_response(env.demo().previous_campaign, "011002")->id;
  auto t0 = std::chrono::steady_clock::now();
  auto res = env.request("GET", "/api/responses/" + std::to_string(rid) + "/feedback.pdf", "", &s);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("feedback PDF of 札幌市 FY2025: %zu bytes in %lld ms (request, on this machine)\n", res.body.size(),
              static_cast<long long>(ms));
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 300);
  EXPECT_EQ(res.headers["content-type"], "application/pdf");
  EXPECT_NE(res.headers["content-disposition"].find("attachment; filename=\"feedback-011002-"), std::string::npos);
  ASSERT_EQ(res.body.substr(0, 5), "%PDF-");

  fs::path dir = fs::temp_directory_path() / ("mamori-pdf-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path pdf = dir / "feedback.pdf";
  std::ofstream(pdf, std::ios::binary) << res.body;

  std::string info = run("pdfinfo '" + pdf.string() + "'");
  int pages = 0;
  std::sscanf(info.substr(info.find("Pages:")).c_str(), "Pages: %d", &pages);
  EXPECT_GE(pages, 3) << info;
  EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;

  std::string text = run("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
  for (const char* want : {"情報セキュリティ対策 フィードバック報告", "札幌市（団体コード 011002）", "1. 項目ごとの実施率",
                           "政令指定都市", "2. 年度ごとの推移", "令和3年度", "3. 優先して取り組む対策", "理由：", "4. 回答一覧",
                           "最高情報セキュリティ責任者（CISO）を任命していますか。", "サンプルデータ"})
    EXPECT_NE(text.find(want), std::string::npos) << want;
  // The first gap of the benchmark is in the report, with its reason.
  auto b = json::parse(env.request("GET", "/api/responses/" + std::to_string(rid) + "/benchmark", "", &s).body);
  const auto& gaps = b.at("gaps").as_array();
  ASSERT_FALSE(gaps.empty());
  std::string first_gap(gaps[0].at("text").at("ja").as_string());
  EXPECT_NE(text.find(first_gap.substr(0, 30)), std::string::npos) << first_gap;

  // pdffonts: name, type, encoding, then emb and sub — embedded as a subset.
  std::string fonts = run("pdffonts '" + pdf.string() + "'");
  auto at = fonts.find("IPAexGothic");
  ASSERT_NE(at, std::string::npos) << fonts;
  std::string line = fonts.substr(at, fonts.find('\n', at) - at);
  EXPECT_NE(line.find("yes yes"), std::string::npos) << line;

  run("pdftoppm -r 40 -png -f 1 -l 1 '" + pdf.string() + "' '" + (dir / "page").string() + "'");
  bool png = false;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".png" && fs::file_size(e.path()) > 2000) png = true;
  EXPECT_TRUE(png) << "pdftoppm rendered page 1";
  fs::remove_all(dir);

  // The same content as a workbook: one sheet per section.
  auto x = env.request("GET", "/api/responses/" + std::to_string(rid) + "/feedback.xlsx", "", &s);
  ASSERT_EQ(x.status, 200) << x.body.substr(0, 300);
  auto sheets = io::read_xlsx_bytes(x.body);
  ASSERT_TRUE(sheets.ok()) << sheets.status().message_en();
  std::vector<std::string> names;
  for (const auto& sh : *sheets) names.push_back(sh.name);
  EXPECT_EQ(names, (std::vector<std::string>{"概要", "1. 項目ごとの実施率", "2. 年度ごとの推移", "3. 優先して取り組む対策",
                                             "4. 回答一覧"}));
  EXPECT_EQ((*sheets)[0].rows[0][0], "情報セキュリティ対策 フィードバック報告");
  const auto& gaps_sheet = (*sheets)[3].rows;
  bool found = false;
  for (const auto& row : gaps_sheet)
    if (!row.empty() && row[0].find(first_gap.substr(0, 30)) != std::string::npos) found = true;
  EXPECT_TRUE(found) << "the first gap is in the workbook too";

  // Someone who may not read the body gets the same answer as for a missing response.
  Session other = env.sign_in("demo-prefecture");
  int64_t aomori = env.app().store().responses().find_response(env.demo().previous_campaign, "022012")->id;
  EXPECT_EQ(env.request("GET", "/api/responses/" + std::to_string(aomori) + "/feedback.pdf", "", &other).status, 404);
  EXPECT_EQ(env.request("GET", "/api/responses/" + std::to_string(aomori) + "/feedback.xlsx", "", &other).status, 404);
}

}  // namespace
}  // namespace mamori::test
