// Excel, both ways (issue 15; docs/WORKBOOK.md): a response downloaded as a workbook, edited
// as a person's spreadsheet program would (openpyxl, an xlsx library independent of ours;
// LibreOffice re-saving it), uploaded back, previewed and applied all together — and every
// kind of damaged, foreign or conflicting file refused with nothing changed. Against a real
// server on the demo data.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

#include <iconv.h>

#include "base/csv.h"
#include "io/xlsx_reader.h"
#include "io/zip_writer.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// Runs a command; its exit status (and its output in `out`).
int run(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int rc = pclose(p);
  if (out) *out = text;
  return rc;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_file(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

const std::map<std::string, std::string> kXlsx = {
    {"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};

class WorkbookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mamori-workbook-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string rpath(int64_t rid, const std::string& rest) { return "/api/responses/" + std::to_string(rid) + rest; }

  std::string download(int64_t rid, const Session& who) {
    auto r = env_->request("GET", rpath(rid, "/workbook.xlsx"), "", &who);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.headers["content-disposition"].find(".xlsx"), std::string::npos);
    return r.body;
  }
  // The workbook edited by openpyxl with `edits` (tests/tools/edit_workbook.py).
  std::string edited(const std::string& bytes, const json::array& edits) {
    static int n = 0;
    const fs::path in = dir_ / ("in" + std::to_string(++n) + ".xlsx"), out = dir_ / ("out" + std::to_string(n) + ".xlsx"),
                   spec = dir_ / ("edits" + std::to_string(n) + ".json");
    write_file(in, bytes);
    write_file(spec, json::serialize(edits));
    std::string log;
    EXPECT_EQ(run("/usr/bin/python3 " MAMORI_SOURCE_DIR "/tests/tools/edit_workbook.py " + in.string() + " " + out.string() + " " +
                      spec.string(),
                  &log),
              0)
        << log;
    return read_file(out);
  }
  static json::object set(const std::string& question, const json::value& value, const std::string& column = "F") {
    return json::object{{"question", question}, {"column", column}, {"value", value}};
  }
  HttpResult preview(int64_t rid, const std::string& bytes, const Session& who, const std::string& kind = "workbook") {
    return env_->request("POST", rpath(rid, "/" + kind + "/preview?name=answers.xlsx"), bytes, &who, kXlsx);
  }
  HttpResult apply(int64_t rid, const std::string& bytes, const Session& who, const std::string& fingerprint,
                   const std::string& choices = "", const std::string& kind = "workbook") {
    return env_->request("POST", rpath(rid, "/" + kind + "/apply?name=answers.xlsx&fingerprint=" + fingerprint + choices),
                         bytes, &who, kXlsx);
  }
  AnswerRecord answer(int64_t rid, const std::string& qid) { return *env_->app().store().responses().get_answer(rid, qid); }
  void save(int64_t rid, const std::string& qid, const std::string& value, const Session& who) {
    auto r = env_->request("PUT", rpath(rid, "/answers/" + qid),
                           R"({"version":)" + std::to_string(answer(rid, qid).version) + R"(,"value":)" + value + "}", &who);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  static const json::object* change_of(const json::value& preview, const std::string& qid) {
    for (const auto& c : preview.at("changes").as_array())
      if (c.at("question_id").as_string() == qid) return &c.as_object();
    return nullptr;
  }

  static inline TestEnv* env_ = nullptr;
  fs::path dir_;
};

TEST_F(WorkbookTest, TheRoundTripChangesExactlyTheEditedAnswersAndNotesTheirHistory) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  auto before = *env_->app().store().responses().get_answers(rid);
  const std::string wb = download(rid, s);
  const std::string yes_no = answer(rid, "c5-lgwan-internet-separation").value_json.value_or("null");
  const std::string flipped = yes_no == "\"yes\"" ? "いいえ" : "はい";
  const std::string file = edited(wb, json::array{set("c5-lgwan-internet-separation", json::value(flipped)),
                                                  set("c5-edr-coverage", 42),
                                                  set("c6-exception-summary", "例外はサンプルとして2件（Excelから）")});
  const int64_t version = env_->data_version();
  auto p = preview(rid, file, s);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(env_->data_version(), version) << "a preview changes nothing";
  auto pv = json::parse(p.body);
  EXPECT_EQ(pv.at("errors").as_array().size(), 0u) << p.body;
  ASSERT_EQ(pv.at("changes").as_array().size(), 3u) << p.body;
  EXPECT_FALSE(change_of(pv, "c5-edr-coverage")->at("conflict").as_bool());
  EXPECT_EQ(change_of(pv, "c5-edr-coverage")->at("mine").at("value").to_number<double>(), 42);
  EXPECT_GT(pv.at("unchanged").as_int64(), 100) << "every other answer of the workbook reads back unchanged";

  auto a = apply(rid, file, s, std::string(pv.at("fingerprint").as_string()));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(json::parse(a.body).at("written").as_int64(), 3);
  std::map<std::string, AnswerRecord> after;
  auto stored = env_->app().store().responses().get_answers(rid);
  ASSERT_TRUE(stored.ok());
  for (const auto& a : *stored) after[a.question_id] = a;
  ASSERT_EQ(before.size(), after.size());
  const std::set<std::string> edited_ids = {"c5-lgwan-internet-separation", "c5-edr-coverage", "c6-exception-summary"};
  for (const auto& b : before) {
    const AnswerRecord& now = after[b.question_id];
    if (edited_ids.count(b.question_id)) {
      EXPECT_EQ(now.version, b.version + 1) << b.question_id;
      auto h = *env_->app().store().responses().history(rid, b.question_id);
      ASSERT_FALSE(h.empty());
      EXPECT_EQ(h[0].note.rfind("workbook|", 0), 0u) << h[0].note;
      EXPECT_NE(h[0].note.find("|answers.xlsx"), std::string::npos) << h[0].note;
    } else {
      EXPECT_EQ(now.version, b.version) << b.question_id << " was not edited";
      EXPECT_EQ(now.value_json, b.value_json) << b.question_id;
    }
  }
  EXPECT_EQ(answer(rid, "c5-edr-coverage").value_json, "42");
  EXPECT_EQ(answer(rid, "c6-exception-summary").value_json, "\"例外はサンプルとして2件（Excelから）\"");
  // Applying the same file again is refused: its preview moved on (the versions changed).
  auto again = apply(rid, file, s, std::string(pv.at("fingerprint").as_string()));
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(WorkbookTest, InvalidCellsAreNamedBySheetRowAndColumnAndNothingIsApplied) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  const std::string file =
      edited(download(rid, s), json::array{set("c5-edr-coverage", 150), set("c5-mynumber-separation", "たぶん"),
                                           json::object{{"question", "c3-ups-runtime"}, {"column", "F"}, {"formula", "=10*3"}},
                                           set("c6-exception-summary", "ok")});
  const int64_t version = env_->data_version();
  auto p = preview(rid, file, s);
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  const auto& errors = pv.at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u) << p.body;
  std::string all;
  for (const auto& e : errors) {
    EXPECT_EQ(e.at("column").as_string(), "F");
    EXPECT_GT(e.at("row").as_int64(), 3);
    all += std::string(e.at("message_ja").as_string()) + "\n";
  }
  EXPECT_NE(all.find("分類5 シート "), std::string::npos) << all;
  EXPECT_NE(all.find("行 F列: 0から100までの数値で入力してください"), std::string::npos) << all;
  EXPECT_NE(all.find("「たぶん」は選択肢にありません"), std::string::npos) << all;
  EXPECT_NE(all.find("数式は受け付けられません"), std::string::npos) << all;
  auto a = apply(rid, file, s, std::string(pv.at("fingerprint").as_string()));
  EXPECT_EQ(a.status, 400) << a.body;
  EXPECT_EQ(json::parse(a.body).at("code").as_string(), "workbook_invalid");
  EXPECT_EQ(env_->data_version(), version) << "nothing applied while any cell is invalid";
}

TEST_F(WorkbookTest, AConflictShowsBothValuesAndWhoChangedTheServersAndIsResolvedPerAnswer) {
  Session s = env_->sign_in("demo-respondent");
  Session approver = env_->sign_in("demo-approver");
  const int64_t rid = env_->response_of("011002");
  const std::string wb = download(rid, s);
  save(rid, "c1-committee-meetings", "7", approver);  // meanwhile, on the server
  save(rid, "c2-inventory-count", "120", approver);   // also, but not edited in the file
  const std::string file = edited(wb, json::array{set("c1-committee-meetings", 9), set("c3-loss-incidents", 1)});
  auto p = preview(rid, file, s);
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  ASSERT_EQ(pv.at("changes").as_array().size(), 2u) << p.body << "\n(the answer changed only on the server is not touched)";
  const auto* c = change_of(pv, "c1-committee-meetings");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->at("conflict").as_bool());
  EXPECT_EQ(c->at("server").at("value").to_number<double>(), 7);
  EXPECT_EQ(c->at("mine").at("value").to_number<double>(), 9);
  EXPECT_EQ(c->at("server_updated_by").as_string(), "札幌市 確認者（デモ）");
  EXPECT_FALSE(change_of(pv, "c3-loss-incidents")->at("conflict").as_bool());
  const std::string fp(pv.at("fingerprint").as_string());

  const int64_t version = env_->data_version();
  auto unresolved = apply(rid, file, s, fp);
  EXPECT_EQ(unresolved.status, 400) << unresolved.body;
  EXPECT_EQ(json::parse(unresolved.body).at("code").as_string(), "workbook_conflicts_unresolved");
  EXPECT_EQ(env_->data_version(), version);

  auto a = apply(rid, file, s, fp, "&theirs=c1-committee-meetings");
  ASSERT_EQ(a.status, 200) << a.body;
  auto done = json::parse(a.body);
  EXPECT_EQ(done.at("written").as_int64(), 1);
  EXPECT_EQ(done.at("kept_server").as_int64(), 1);
  EXPECT_EQ(answer(rid, "c1-committee-meetings").value_json, "7") << "the server's value kept";
  EXPECT_EQ(answer(rid, "c3-loss-incidents").value_json, "1");
  EXPECT_EQ(answer(rid, "c2-inventory-count").value_json, "120") << "an answer the file did not change stays the server's";
}

TEST_F(WorkbookTest, AnAnswerSavedAfterThePreviewMakesTheApplyRefuseTheWhole) {
  Session s = env_->sign_in("demo-respondent");
  Session approver = env_->sign_in("demo-approver");
  const int64_t rid = env_->response_of("011002");
  const std::string file = edited(download(rid, s), json::array{set("c7-outsourcing-count", 4), set("c3-ups-runtime", 25)});
  auto pv = json::parse(preview(rid, file, s).body);
  ASSERT_EQ(pv.at("changes").as_array().size(), 2u);
  save(rid, "c3-ups-runtime", "40", approver);  // after the preview
  const int64_t version = env_->data_version();
  auto a = apply(rid, file, s, std::string(pv.at("fingerprint").as_string()));
  EXPECT_EQ(a.status, 409) << a.body;
  auto body = json::parse(a.body);
  EXPECT_EQ(body.at("code").as_string(), "workbook_preview_stale");
  EXPECT_TRUE(change_of(body.at("preview"), "c3-ups-runtime")->at("conflict").as_bool()) << "the new preview shows it";
  EXPECT_EQ(env_->data_version(), version);
  EXPECT_NE(answer(rid, "c7-outsourcing-count").value_json, "4") << "not even the other answer was written";
}

TEST_F(WorkbookTest, FullWidthDigitsAndDatesAsTextOrSerialNumbersAreNormalisedAndSaidSo) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  const std::string file = edited(download(rid, s), json::array{set("c6-log-retention-months", "１８"),
                                                                set("c8-external-audit-date", 46023),
                                                                set("c8-vuln-assessment-date", "2026/4/1")});
  auto p = preview(rid, file, s);
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  EXPECT_EQ(pv.at("errors").as_array().size(), 0u) << p.body;
  ASSERT_TRUE(change_of(pv, "c6-log-retention-months")) << p.body;
  EXPECT_EQ(change_of(pv, "c6-log-retention-months")->at("mine").at("value").to_number<double>(), 18);
  EXPECT_TRUE(change_of(pv, "c6-log-retention-months")->at("normalised").as_bool());
  EXPECT_EQ(change_of(pv, "c8-external-audit-date")->at("mine").at("value").as_string(), "2026-01-01");
  EXPECT_EQ(change_of(pv, "c8-vuln-assessment-date")->at("mine").at("value").as_string(), "2026-04-01");
  bool said = false;
  for (const auto& n : pv.at("notes").as_array())
    said = said || n.at("message").as_string() == "workbook_note.normalised";
  EXPECT_TRUE(said) << p.body;
}

TEST_F(WorkbookTest, AWorkbookResavedByLibreOfficeStillRoundTrips) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  const std::string file = edited(download(rid, s), json::array{set("c2-inventory-count", 333)});
  write_file(dir_ / "edited.xlsx", file);
  fs::create_directories(dir_ / "lo");
  std::string log;
  // A profile of its own, so a concurrent LibreOffice (or another test) does not interfere.
  ASSERT_EQ(run("HOME=" + dir_.string() + " soffice --headless -env:UserInstallation=file://" + dir_.string() +
                    "/profile --convert-to xlsx --outdir " + (dir_ / "lo").string() + " " + (dir_ / "edited.xlsx").string(),
                &log),
            0)
      << log;
  const std::string resaved = read_file(dir_ / "lo" / "edited.xlsx");
  ASSERT_GT(resaved.size(), 1000u) << log;
  EXPECT_NE(resaved, file);
  auto p = preview(rid, resaved, s);
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  EXPECT_EQ(pv.at("errors").as_array().size(), 0u) << p.body;
  ASSERT_EQ(pv.at("changes").as_array().size(), 1u) << p.body;
  EXPECT_EQ(change_of(pv, "c2-inventory-count")->at("mine").at("value").to_number<double>(), 333);
  auto a = apply(rid, resaved, s, std::string(pv.at("fingerprint").as_string()));
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(answer(rid, "c2-inventory-count").value_json, "333");
}

TEST_F(WorkbookTest, ForeignTamperedAndSubmittedWorkbooksAreRefusedWithTheirReason) {
  Session s = env_->sign_in("demo-respondent");
  Session hokkaido = env_->sign_in("demo-prefecture");
  const int64_t rid = env_->response_of("011002");
  const std::string wb = download(rid, s);
  const int64_t version = env_->data_version();
  auto code_of = [](const HttpResult& r) { return std::string(json::parse(r.body).at("code").as_string()); };

  auto tampered = preview(rid, edited(wb, json::array{json::object{{"meta", "response_id"}, {"value", "1"}}}), s);
  EXPECT_EQ(tampered.status, 400);
  EXPECT_EQ(code_of(tampered), "workbook_tampered");
  auto version_changed = preview(rid, edited(wb, json::array{set("c5-edr-coverage", "99", "M")}), s);
  EXPECT_EQ(code_of(version_changed), "workbook_tampered") << "a hidden column is signed too";

  // 北海道's own workbook (its supporter answers for it), uploaded to 札幌市's response.
  const std::string other = download(env_->response_of("010006"), hokkaido);
  auto other_body = preview(rid, other, s);
  EXPECT_EQ(other_body.status, 400);
  EXPECT_EQ(code_of(other_body), "workbook_other_body");
  EXPECT_NE(json::parse(other_body.body).at("message_ja").as_string().find("北海道"), std::string::npos);

  // MIC's workbook uploaded to PPC's survey of the same body.
  auto ppc = env_->app().store().responses().find_response(env_->demo().ppc_campaign, "011002");
  ASSERT_TRUE(ppc.ok());
  auto other_survey = preview(ppc->id, wb, s);
  EXPECT_EQ(code_of(other_survey), "workbook_other_survey");

  // Saved again by openpyxl without a change: still ours (it keeps the hidden sheet).
  auto resaved = preview(rid, edited(wb, json::array{}), s);
  EXPECT_EQ(resaved.status, 200) << resaved.body;

  // Submitted: no longer takes answers.
  EXPECT_EQ(env_->data_version(), version) << "nothing refused changed anything";
  const std::string state = env_->app().store().responses().get_response(rid)->state == ResponseState::kDraft ? "draft" : "";
  ASSERT_EQ(state, "draft");
  ASSERT_TRUE(env_->exec("UPDATE responses SET state = 'submitted' WHERE id = " + std::to_string(rid)).ok());
  auto submitted = preview(rid, wb, s);
  EXPECT_EQ(submitted.status, 422) << submitted.body;
  ASSERT_TRUE(env_->exec("UPDATE responses SET state = 'draft' WHERE id = " + std::to_string(rid)).ok());
}

TEST_F(WorkbookTest, BrokenFilesAreRefusedBeforeAnythingIsRead) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  const std::string wb = download(rid, s);
  auto code_of = [](const HttpResult& r) { return std::string(json::parse(r.body).at("code").as_string()); };
  auto not_zip = preview(rid, "これはExcelファイルではありません", s);
  EXPECT_EQ(not_zip.status, 400);
  EXPECT_EQ(code_of(not_zip), "broken_xlsx");
  auto truncated = preview(rid, wb.substr(0, wb.size() / 2), s);
  EXPECT_EQ(truncated.status, 400);
  EXPECT_EQ(code_of(truncated), "broken_xlsx");
  auto as_json = env_->request("POST", rpath(rid, "/workbook/preview"), wb, &s, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(as_json.status, 400);
  EXPECT_EQ(code_of(as_json), "unsupported_file_type");
  auto empty = env_->request("POST", rpath(rid, "/workbook/preview"), "", &s, kXlsx);
  EXPECT_EQ(code_of(empty), "upload_empty");

  // A zip bomb: a 70 MB sheet of zeros that deflates to a few hundred KB.
  std::string log;
  ASSERT_EQ(run("/usr/bin/python3 -c \"import zipfile,sys\n"
                "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n"
                "z.writestr('xl/workbook.xml','<workbook><sheets><sheet name=\\\"a\\\" r:id=\\\"r1\\\"/></sheets></workbook>')\n"
                "z.writestr('xl/_rels/workbook.xml.rels','<Relationships><Relationship Id=\\\"r1\\\" Target=\\\"worksheets/sheet1.xml\\\"/></Relationships>')\n"
                "z.writestr('xl/worksheets/sheet1.xml','0'*(70<<20))\n"
                "z.close()\" " + (dir_ / "bomb.xlsx").string(),
                &log),
            0)
      << log;
  ASSERT_LT(fs::file_size(dir_ / "bomb.xlsx"), 1u << 20);
  auto bomb = preview(rid, read_file(dir_ / "bomb.xlsx"), s);
  EXPECT_EQ(bomb.status, 413) << bomb.body;
  EXPECT_EQ(code_of(bomb), "xlsx_too_large");
  // A million sparse rows: one cell at row 1,000,000.
  {
    auto z = io::ZipWriter::Create((dir_ / "sparse.xlsx").string());
    ASSERT_TRUE(z.ok());
    ASSERT_TRUE((*z)->add("xl/workbook.xml", R"(<workbook><sheets><sheet name="a" r:id="r1"/></sheets></workbook>)").ok());
    ASSERT_TRUE((*z)->add("xl/_rels/workbook.xml.rels",
                          R"(<Relationships><Relationship Id="r1" Target="worksheets/sheet1.xml"/></Relationships>)")
                    .ok());
    ASSERT_TRUE((*z)->add("xl/worksheets/sheet1.xml",
                          R"(<worksheet><sheetData><row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData></worksheet>)")
                    .ok());
    ASSERT_TRUE((*z)->finish().ok());
  }
  auto sparse = preview(rid, read_file(dir_ / "sparse.xlsx"), s);
  EXPECT_EQ(sparse.status, 413) << sparse.body;
  // Between the JSON limit and the upload limit: read (and found not to be a workbook).
  auto two_mib = preview(rid, "PK" + std::string(2u << 20, 'x'), s);
  EXPECT_EQ(two_mib.status, 400) << two_mib.body;
  EXPECT_EQ(code_of(two_mib), "broken_xlsx");
  // mamori's own workbook through the legacy route: refused (its conflicts would go unchecked).
  auto as_legacy = preview(rid, wb, s, "legacy");
  EXPECT_EQ(code_of(as_legacy), "legacy_is_workbook");
  // Over the upload limit: refused by the server before the body is read.
  auto huge = preview(rid, std::string((16u << 20) + 1, 'x'), s);
  EXPECT_EQ(huge.status, 413);
  // A JSON route keeps its own limit (1 MiB).
  auto big_json = env_->request("PUT", rpath(rid, "/answers/c2-inventory-count"), std::string(2u << 20, ' '), &s);
  EXPECT_EQ(big_json.status, 413);
}

TEST_F(WorkbookTest, AReaderGetsTheCategoriesLockedAndCannotUpload) {
  Session auditor = env_->sign_in("demo-auditor");
  const int64_t rid = env_->response_of("011002");
  const std::string wb = download(rid, auditor);
  auto sheets = io::read_xlsx_bytes(wb);
  ASSERT_TRUE(sheets.ok()) << sheets.status().message_ja();
  ASSERT_GE(sheets->size(), 10u);  // cover, 8 categories, the identity and the lists
  EXPECT_EQ((*sheets)[0].name, "はじめに");
  EXPECT_EQ((*sheets)[1].name, "分類1");
  EXPECT_NE((*sheets)[1].rows[0][0].find("（閲覧のみ）"), std::string::npos);
  EXPECT_TRUE(sheets->at(sheets->size() - 1).hidden);
  auto up = preview(rid, wb, auditor);
  EXPECT_EQ(up.status, 403);
  Session s = env_->sign_in("demo-respondent");
  auto mine = io::read_xlsx_bytes(download(rid, s));
  ASSERT_TRUE(mine.ok());
  EXPECT_NE((*mine)[1].rows[0][0].find("（回答欄を編集できます）"), std::string::npos);
}

TEST_F(WorkbookTest, ALegacySheetIsMatchedByNumberOrExactTextAndAppliedThroughThePreview) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  const Catalog* cat = env_->app().catalogs().find("fy2026");
  ASSERT_TRUE(cat);
  const Question* by_number = cat->find("c7-outsourcing-count");
  const Question* by_text = cat->find("c3-loss-incidents");
  const fs::path out = dir_ / "legacy.xlsx";
  const std::string script = "import openpyxl,sys\nwb=openpyxl.Workbook()\nws=wb.active\nws.title='回答'\n"
                             "ws.append(['令和7年度 回答表'])\nws.append(['設問番号','設問','回答','備考'])\n"
                             "ws.append(['" + by_number->number + "','', 11, '前年度の値'])\n"
                             "ws.append(['','" + by_text->text.ja + "', '２'])\n"
                             "ws.append(['99-1','存在しない設問', 'はい'])\n"
                             "wb.save(sys.argv[1])\n";
  write_file(dir_ / "make.py", script);
  std::string log;
  ASSERT_EQ(run("/usr/bin/python3 " + (dir_ / "make.py").string() + " " + out.string(), &log), 0) << log;
  const std::string file = read_file(out);
  auto as_workbook = preview(rid, file, s);
  EXPECT_EQ(json::parse(as_workbook.body).at("code").as_string(), "workbook_not_ours");
  auto p = preview(rid, file, s, "legacy");
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  EXPECT_EQ(pv.at("errors").as_array().size(), 0u) << p.body;
  ASSERT_EQ(pv.at("unmatched").as_array().size(), 1u) << p.body;
  EXPECT_EQ(pv.at("unmatched").as_array()[0].at("row").as_int64(), 5);
  ASSERT_TRUE(change_of(pv, "c7-outsourcing-count")) << p.body;
  EXPECT_EQ(change_of(pv, "c7-outsourcing-count")->at("mine").at("comment").as_string(), "前年度の値");
  ASSERT_TRUE(change_of(pv, "c3-loss-incidents")) << p.body;
  auto a = apply(rid, file, s, std::string(pv.at("fingerprint").as_string()), "", "legacy");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(answer(rid, "c7-outsourcing-count").value_json, "11");
  EXPECT_EQ(answer(rid, "c3-loss-incidents").value_json, "2");
  auto h = *env_->app().store().responses().history(rid, "c3-loss-incidents");
  EXPECT_EQ(h[0].note, "legacy|answers.xlsx");
}

}  // namespace
}  // namespace mamori::test

namespace mamori::test {
namespace {

// The CSV form: the same rows (and signed identity) as the workbook, both ways, in UTF-8 with
// a BOM and in CP932.
class WorkbookCsvTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static std::string rpath(int64_t rid, const std::string& rest) { return "/api/responses/" + std::to_string(rid) + rest; }
  // `csv` with the 回答 (answer) column of question `qid` set to `value`, written back as CSV.
  static std::string with_answer(const std::string& csv, const std::string& qid, const std::string& value) {
    auto records = parse_csv(csv);
    EXPECT_TRUE(records.ok());
    std::string out = "\xEF\xBB\xBF";
    for (auto& r : *records) {
      if (r.size() > 3 && r[1] == qid) r[3] = value;
      for (size_t i = 0; i < r.size(); ++i) {
        std::string q = "\"";
        for (char ch : r[i]) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += (i ? "," : "") + q + "\"";
      }
      out += "\r\n";
    }
    return out;
  }
  static std::string convert(const std::string& text, const char* to, const char* from) {
    iconv_t cd = iconv_open(to, from);
    std::string out(text.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    size_t in_left = text.size(), out_left = out.size();
    char* o = out.data();
    iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
  }
  HttpResult post(int64_t rid, const std::string& what, const std::string& bytes, const Session& s) {
    return env_->request("POST", rpath(rid, "/workbook/" + what), bytes, &s, {{"Content-Type", "text/csv"}});
  }
  static inline TestEnv* env_ = nullptr;
};

TEST_F(WorkbookCsvTest, TheCsvFormRoundTripsInUtf8AndInCp932) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  auto got = env_->request("GET", rpath(rid, "/workbook.csv"), "", &s);
  ASSERT_EQ(got.status, 200) << got.body;
  ASSERT_EQ(got.body.rfind("\xEF\xBB\xBF番号,設問ID,設問,回答", 0), 0u) << got.body.substr(0, 80);
  std::string file = with_answer(got.body, "c7-outsourcing-count", "77");
  auto p = post(rid, "preview?name=a.csv", file, s);
  ASSERT_EQ(p.status, 200) << p.body;
  auto pv = json::parse(p.body);
  EXPECT_EQ(pv.at("errors").as_array().size(), 0u) << p.body;
  ASSERT_EQ(pv.at("changes").as_array().size(), 1u) << p.body;
  auto a = post(rid, "apply?name=a.csv&fingerprint=" + std::string(pv.at("fingerprint").as_string()), file, s);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(env_->app().store().responses().get_answer(rid, "c7-outsourcing-count")->value_json, "77");

  // CP932: decoded, edited, encoded again as a Windows user's editor would.
  auto sj = env_->request("GET", rpath(rid, "/workbook.csv?encoding=cp932"), "", &s);
  ASSERT_EQ(sj.status, 200) << sj.body;
  EXPECT_FALSE(is_valid_utf8(sj.body)) << "Shift_JIS bytes";
  const std::string utf8 = convert(sj.body, "UTF-8", "CP932");
  const std::string edited = convert(with_answer(utf8, "c3-loss-incidents", "６").substr(3), "CP932", "UTF-8");
  auto p2 = post(rid, "preview?name=b.csv", edited, s);
  ASSERT_EQ(p2.status, 200) << p2.body;
  auto pv2 = json::parse(p2.body);
  ASSERT_EQ(pv2.at("changes").as_array().size(), 1u) << p2.body;
  EXPECT_EQ(pv2.at("changes").as_array()[0].at("mine").at("value").to_number<double>(), 6);
  EXPECT_TRUE(pv2.at("changes").as_array()[0].at("normalised").as_bool()) << "full-width ６ normalised";

  // A bad value names the CSV's own line and column (回答 is column D).
  auto bad = post(rid, "preview?name=c.csv", with_answer(got.body, "c3-loss-incidents", "たくさん"), s);
  auto bv = json::parse(bad.body);
  ASSERT_EQ(bv.at("errors").as_array().size(), 1u) << bad.body;
  EXPECT_EQ(bv.at("errors").as_array()[0].at("column").as_string(), "D");
  EXPECT_NE(bv.at("errors").as_array()[0].at("message_ja").as_string().find("CSV シート "), std::string::npos);
}

TEST_F(WorkbookCsvTest, Cp932RefusesACharacterItCannotHoldNamingIt) {
  Session s = env_->sign_in("demo-respondent");
  const int64_t rid = env_->response_of("011002");
  auto a = env_->app().store().responses().get_answer(rid, "c7-outsourcing-count");
  auto saved = env_->request("PUT", rpath(rid, "/answers/c7-outsourcing-count"),
                             R"({"version":)" + std::to_string(a->version) + R"(,"value":3,"comment":"𠮷野家に委託"})", &s);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto sj = env_->request("GET", rpath(rid, "/workbook.csv?encoding=cp932"), "", &s);
  EXPECT_EQ(sj.status, 422) << sj.body;
  auto e = json::parse(sj.body);
  EXPECT_EQ(e.at("code").as_string(), "cp932_unrepresentable");
  EXPECT_NE(e.at("message_ja").as_string().find("𠮷"), std::string::npos) << sj.body;
  EXPECT_EQ(env_->request("GET", rpath(rid, "/workbook.csv?encoding=latin1"), "", &s).status, 400);
  // A character CP932 gives back as another (〜 U+301C comes back as ～ U+FF5E): the row,
  // left as downloaded, reads back as the same answer.
  a = env_->app().store().responses().get_answer(rid, "c7-outsourcing-count");
  ASSERT_EQ(env_->request("PUT", rpath(rid, "/answers/c7-outsourcing-count"),
                          R"({"version":)" + std::to_string(a->version) + R"(,"value":3,"comment":"9時〜17時"})", &s)
                .status,
            200);
  auto wave = env_->request("GET", rpath(rid, "/workbook.csv?encoding=cp932"), "", &s);
  ASSERT_EQ(wave.status, 200) << wave.body;
  auto back = post(rid, "preview?name=wave.csv", wave.body, s);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(json::parse(back.body).at("changes").as_array().size(), 0u) << back.body;
  EXPECT_EQ(json::parse(back.body).at("errors").as_array().size(), 0u) << back.body;
  // A CSV that is neither UTF-8 nor CP932.
  auto odd = post(rid, "preview?name=odd.csv", std::string("\x81\x20\xFF\xFE,\x80\r\n"), s);
  EXPECT_EQ(json::parse(odd.body).at("code").as_string(), "csv_encoding_unknown") << odd.body;
  // A file of commas: refused before it is held as cells.
  auto commas = post(rid, "preview?name=commas.csv", std::string(300'000, ','), s);
  EXPECT_EQ(commas.status, 413) << commas.body;
  // The workbook's own CSV is not a legacy sheet (its conflicts would go unchecked).
  auto own = env_->request("GET", rpath(rid, "/workbook.csv"), "", &s);
  auto as_legacy = env_->request("POST", rpath(rid, "/legacy/preview?name=own.csv"), own.body, &s, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(json::parse(as_legacy.body).at("code").as_string(), "legacy_is_workbook") << as_legacy.body;
}

}  // namespace
}  // namespace mamori::test
