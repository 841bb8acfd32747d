#include "services/workbook/workbook_service.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "domain/access_policy.h"
#include "domain/answer.h"
#include "domain/answer_json.h"
#include "base/csv.h"
#include "domain/workflow.h"

namespace mamori {

namespace json = boost::json;
using namespace workbook;

namespace {

constexpr const char* kFormat = "mamori-workbook-1";
constexpr const char* kSignPurpose = "workbook";
constexpr const char* kPreviewPurpose = "workbook-preview";
// The identity rows of the hidden sheet, in the order they are written and signed.
const std::vector<std::string>& meta_keys() {
  static const std::vector<std::string> keys = {"format",       "response_id", "campaign_id",   "catalog_id",
                                                "body_code",    "body_name",   "fiscal_year",   "downloaded_at",
                                                "downloaded_by", "downloaded_by_name"};
  return keys;
}

std::string cell(const std::vector<std::string>& row, size_t col) { return col < row.size() ? row[col] : ""; }

// The columns of the CSV form, in order, and the workbook column each one is.
const std::vector<std::string>& csv_header() {
  static const std::vector<std::string> h = {"番号", "設問ID", "設問", "回答", "該当なし", "該当なしの理由",
                                             "コメント", "根拠資料のリンク", "状態", "版", "確認値"};
  return h;
}
// Whether `row` is the CSV form's header (a spreadsheet program may add empty columns after it).
bool is_csv_header(const std::vector<std::string>& row) {
  const auto& head = csv_header();
  return row.size() >= head.size() && std::equal(head.begin(), head.end(), row.begin());
}
constexpr int kCsvColumns[] = {kNumber, kQuestionId, kText, kValue, kNa, kNaReason, kComment, kEvidence, kState, kVersion, kDigest};
// The CSV column letter of a workbook column ("" when the CSV form lacks it).
std::string csv_column_of(int workbook_column) {
  for (size_t i = 0; i < std::size(kCsvColumns); ++i)
    if (kCsvColumns[i] == workbook_column) return column_letter(static_cast<int>(i));
  return "";
}
// A text the CSV writer protected against formula injection (io/table_sink.cpp defused():
// a ' before a leading = + - @ tab or carriage return) as it was.
std::string undefused(const std::string& s) {
  if (s.size() >= 2 && s[0] == '\'' && std::string_view("=+-@\t\r").find(s[1]) != std::string_view::npos)
    return s.substr(1);
  return s;
}

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// What the signature covers: the identity rows, then each answer's id, version and digest.
struct SignedRow {
  std::string question_id, version, digest;
};
// Each field length-prefixed ("<bytes>:<text>"), so no value can pass for another's.
std::string signed_text(const std::map<std::string, std::string>& meta, const std::vector<SignedRow>& rows) {
  std::string text;
  auto field = [&text](const std::string& raw) {
    const std::string f = cp932_fold(raw);  // a name as a Shift_JIS CSV gives it back
    text += std::to_string(f.size()) + ":" + f;
  };
  for (const auto& k : meta_keys()) {
    auto it = meta.find(k);
    field(k);
    field(it == meta.end() ? "" : it->second);
  }
  for (const auto& r : rows) {
    field(r.question_id);
    field(r.version);
    field(r.digest);
  }
  return text;
}

std::string digest_of(const Question& q, const AnswerRecord& a) {
  return content_digest(q, parse_json(a.value_json), a.not_applicable, a.na_reason, a.comment, a.evidence_url);
}
std::string digest_of(const Question& q, const AnswerInput& in) {
  return content_digest(q, in.value, in.not_applicable, in.na_reason, in.comment, in.evidence_url);
}

// "20261206-0945" from an ISO time.
std::string compact_time(const std::string& iso) {
  std::string out;
  for (char c : iso.substr(0, 16))
    if (c >= '0' && c <= '9') out += c;
  if (out.size() == 12) out.insert(8, "-");
  return out;
}

// A file name as a history note may carry it: no control characters, at most 120 bytes of
// whole UTF-8 characters.
std::string clean_name(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (out.size() + n > 120) break;
    if (c >= 0x20 && c != 0x7F && c != '|') out += name.substr(i, n);
    i += n;
  }
  return out.empty() ? "workbook.xlsx" : out;
}

WorkbookProblem problem_at(const std::string& sheet, size_t row0, int column, std::string message,
                           MessageArgs args = {}) {
  return WorkbookProblem{sheet, static_cast<int>(row0) + 1, column < 0 ? "" : column_letter(column),
                         std::move(message), std::move(args)};
}

// The column of the workbook a field of check_answer_input names.
int column_of_field(const std::string& field) {
  if (field == "not_applicable") return kNa;
  if (field == "na_reason") return kNaReason;
  if (field == "evidence_url") return kEvidence;
  if (field == "comment") return kComment;
  return kValue;
}

// Adds the problems of `in` for `q` (check_answer_input) at row `row0` of `sheet`.
bool check_input(const Question& q, const AnswerInput& in, const std::string& sheet, size_t row0,
                 std::vector<WorkbookProblem>& errors, int value_column = kValue) {
  Status s = check_answer_input(q, in);
  if (s.ok()) return true;
  if (s.fields().empty()) {
    errors.push_back(problem_at(sheet, row0, value_column, s.message_key(), s.args()));
  } else {
    for (const auto& [field, fe] : s.fields()) {
      int col = column_of_field(field);
      if (col == kValue) col = value_column;
      errors.push_back(problem_at(sheet, row0, col, fe.message, fe.args));
    }
  }
  return false;
}

// Whether any of the cells from `from` on holds something.
bool has_cells_from(const std::vector<std::string>& row, size_t from) {
  for (size_t c = from; c < row.size(); ++c)
    if (!trim(row[c]).empty()) return true;
  return false;
}

}  // namespace

Result<WorkbookService::Content> WorkbookService::content_of(const User& user, const ports::ResponseContext& ctx) {
  MAMORI_ASSIGN_OR_RETURN(ResponseView v, responses_.view(ctx));
  const auth::ResponsePermissions perms = auth::response_permissions(user, v.response, v.categories);
  auto editable = [&](int category) {
    if (!perms.edit || !perms.open) return false;
    for (const auto& c : perms.categories)
      if (c.category == category) return c.editable;
    return false;
  };
  const Catalog& cat = *v.catalog;
  const std::string now = clock_.now_iso();
  std::map<std::string, std::string> meta = {{"format", kFormat},
                                             {"response_id", std::to_string(v.response.id)},
                                             {"campaign_id", std::to_string(v.campaign.id)},
                                             {"catalog_id", cat.id},
                                             {"body_code", v.body.code},
                                             {"body_name", v.body.name_ja},
                                             {"fiscal_year", std::to_string(v.campaign.fiscal_year)},
                                             {"downloaded_at", now},
                                             {"downloaded_by", std::to_string(user.id)},
                                             {"downloaded_by_name", user.display_name}};
  WorkbookContent content;
  std::vector<SignedRow> signed_rows;
  for (const auto& category : cat.categories) {
    const bool open = editable(category.number);
    CategorySheet sheet;
    sheet.name = "分類" + std::to_string(category.number);
    sheet.title = sheet.name + " " + category.name.ja + (open ? "（回答欄を編集できます）" : "（閲覧のみ）");
    for (size_t i = 0; i < cat.questions.size(); ++i) {
      const Question& q = cat.questions[i];
      if (q.category != category.number) continue;
      const AnswerRecord& a = v.answers[i];
      SheetRow row;
      row.number = q.number;
      row.text = q.text.ja;
      row.help = q.help.ja;
      row.reason = q.reason.ja;
      row.guide = guide_text(q);
      row.value = value_cell(q, parse_json(a.value_json));
      row.state = state_text(a) + (v.visible[i] ? "" : "（現在は条件により対象外）");
      row.not_applicable = a.not_applicable;
      row.na_reason = a.na_reason;
      row.comment = a.comment;
      row.evidence_url = a.evidence_url;
      row.question_id = q.id;
      row.version = std::to_string(a.version);
      row.digest = digest_of(q, a);
      row.rule = cell_rule(q);
      row.editable = open;
      row.na_allowed = q.na_allowed;
      signed_rows.push_back({row.question_id, row.version, row.digest});
      sheet.rows.push_back(std::move(row));
    }
    content.sheets.push_back(std::move(sheet));
  }
  content.cover = {
      cat.title.ja + " — " + v.body.name_ja + "（" + std::to_string(v.campaign.fiscal_year) + "年度）",
      "ダウンロード: " + now + "（" + user.display_name + "）",
      "",
      "このファイルの使い方",
      "1. 分類ごとのシートの黄色い欄（F列「回答」、H〜K列）に入力してください。ほかの欄は変更できません。",
      "2. 選択肢はセルの一覧から選びます。複数選択は1行に1つずつ（Alt+Enterで改行）入力します。",
      "3. 入力が終わったら、mamori の回答画面「Excelで作業する」からこのファイルをアップロードしてください。",
      "   変更される回答の一覧（確認画面）が表示され、確定するまで何も保存されません。",
      "4. ダウンロード後にほかの人が同じ回答を変更していた場合は、確認画面でどちらを残すか選べます。",
      "5. 隠しシート・隠し列（設問ID・版・確認値）は変更しないでください。変更するとファイルを受け付けられません。",
      "「（閲覧のみ）」のシートは、あなたが今は編集できない分類です（担当の割当て・入力完了・提出済みなど）。",
      "",
      "How to use this file",
      "1. Fill in the yellow cells of each category sheet (column F \"回答\" = answer, and H–K). Other cells are locked.",
      "2. Pick choices from the cell's list. For multiple choice, put one choice per line (Alt+Enter).",
      "3. Upload the file from the response page (\"Excelで作業する\" / Work in Excel). You will see every change "
      "before anything is saved.",
      "4. If someone changed an answer on the server after your download, the preview lets you choose which to keep.",
      "5. Do not change the hidden sheets or columns (question id, version, digest): the file would be refused.",
  };
  std::sort(signed_rows.begin(), signed_rows.end(),
            [](const SignedRow& a, const SignedRow& b) { return a.question_id < b.question_id; });
  for (const auto& k : meta_keys()) content.meta.emplace_back(k, meta[k]);
  content.meta.emplace_back("signature", key_.sign(kSignPurpose, signed_text(meta, signed_rows)));
  return Content{std::move(content), "mamori_" + v.body.code + "_" + cat.id + "_" + compact_time(now)};
}

Result<std::string> WorkbookService::download(const User& user, const ports::ResponseContext& ctx,
                                              const std::string& path) {
  MAMORI_ASSIGN_OR_RETURN(Content c, content_of(user, ctx));
  MAMORI_RETURN_IF_ERROR(documents_.survey_workbook(c.content, path));
  return c.stem + ".xlsx";
}

Result<std::string> WorkbookService::download_csv(const User& user, const ports::ResponseContext& ctx,
                                                  const std::string& path, ports::CsvEncoding encoding) {
  MAMORI_ASSIGN_OR_RETURN(Content c, content_of(user, ctx));
  const auto& header = csv_header();
  MAMORI_ASSIGN_OR_RETURN(auto sink, documents_.csv_table(path, encoding, {header.begin(), header.end()}));
  for (const auto& sheet : c.content.sheets)
    for (const auto& r : sheet.rows) {
      ports::Cell value = std::monostate{};
      if (r.value.kind == CellValue::Kind::kNumber) value = r.value.number;
      else if (r.value.kind != CellValue::Kind::kEmpty) value = r.value.text;
      sink->row({r.number, r.question_id, r.text, value, std::string(r.not_applicable ? kNaMark : ""), r.na_reason,
                 r.comment, r.evidence_url, r.state, r.version, r.digest});
    }
  for (const auto& [k, val] : c.content.meta) sink->row({std::string(kMetaSheet), k, val});
  MAMORI_RETURN_IF_ERROR(sink->finish());
  return c.stem + ".csv";
}

Result<WorkbookPreview> WorkbookService::preview(const User& user, const ports::ResponseContext& ctx,
                                                 const std::string& bytes, const std::string& file_name) {
  return plan(user, ctx, bytes, file_name, false);
}

Result<WorkbookPreview> WorkbookService::legacy_preview(const User& user, const ports::ResponseContext& ctx,
                                                        const std::string& bytes, const std::string& file_name) {
  return plan(user, ctx, bytes, file_name, true);
}

Result<std::vector<ports::Sheet>> WorkbookService::sheets_of(const std::string& bytes, const std::string& file_name,
                                                             bool* csv) {
  // A ZIP is a workbook; otherwise the name says (…​.csv), or, without a name, CSV text
  // starting with the CSV form's header; anything else is taken as a (broken) workbook.
  auto ends_with = [&](std::string_view ext) {
    if (file_name.size() < ext.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(file_name[file_name.size() - ext.size() + i])) != ext[i]) return false;
    return true;
  };
  const bool zip = bytes.rfind("PK\x03\x04", 0) == 0;
  *csv = !zip && (ends_with(".csv") || (!ends_with(".xlsx") && (bytes.rfind("\xEF\xBB\xBF番号,", 0) == 0 ||
                                                                   bytes.rfind("番号,", 0) == 0)));
  if (!*csv) return documents_.read_upload(bytes);
  MAMORI_ASSIGN_OR_RETURN(std::string text, documents_.csv_text(bytes));
  // As the xlsx reader's limits: a survey's CSV has a few thousand cells; a file of commas
  // or line breaks must not make the reader hold gigabytes of empty cells.
  constexpr size_t kMaxCsvCells = 200'000;
  if (static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return c == ',' || c == '\n'; })) >
      kMaxCsvCells)
    return Status::Error(StatusCode::kPayloadTooLarge, "csv_too_large", {{"limit", std::to_string(kMaxCsvCells)}});
  std::vector<int> lines;
  MAMORI_ASSIGN_OR_RETURN(auto records, parse_csv(text, &lines));
  ports::Sheet sheet;
  sheet.name = "CSV";
  for (size_t i = 0; i < records.size(); ++i) {
    const size_t row = static_cast<size_t>(std::max(1, lines[i])) - 1;
    if (sheet.rows.size() <= row) sheet.rows.resize(row + 1);
    for (auto& c : records[i]) c = undefused(c);
    sheet.rows[row] = std::move(records[i]);
  }
  return std::vector<ports::Sheet>{std::move(sheet)};
}

namespace {

// The columns of a legacy sheet, found in its header row.
struct LegacyColumns {
  size_t header_row = 0;
  int id = -1, text = -1, answer = -1, comment = -1;
};

std::optional<LegacyColumns> legacy_columns(const ports::Sheet& sheet) {
  static const std::set<std::string> id_names = {"設問ID", "設問番号", "番号", "ID", "id", "No", "No.", "問番号"};
  static const std::set<std::string> text_names = {"設問", "質問", "設問文", "質問文", "設問内容"};
  static const std::set<std::string> answer_names = {"回答", "回答値", "回答内容", "answer", "Answer"};
  static const std::set<std::string> comment_names = {"コメント", "備考", "comment", "Comment"};
  for (size_t r = 0; r < std::min<size_t>(sheet.rows.size(), 30); ++r) {
    LegacyColumns c;
    c.header_row = r;
    const auto& row = sheet.rows[r];
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string h = halfwidth_ascii(trim(row[i]));
      const int col = static_cast<int>(i);
      if (id_names.count(h) && c.id < 0) c.id = col;
      else if (text_names.count(h) && c.text < 0) c.text = col;
      else if (answer_names.count(h) && c.answer < 0) c.answer = col;
      else if (comment_names.count(h) && c.comment < 0) c.comment = col;
    }
    if (c.answer >= 0 && (c.id >= 0 || c.text >= 0)) return c;
  }
  return std::nullopt;
}

}  // namespace

Result<WorkbookPreview> WorkbookService::plan(const User& user, const ports::ResponseContext& ctx,
                                              const std::string& bytes, const std::string& file_name, bool legacy) {
  bool csv = false;
  MAMORI_ASSIGN_OR_RETURN(std::vector<ports::Sheet> sheets, sheets_of(bytes, file_name, &csv));
  // The CSV form of a workbook (download_csv), laid out as the workbook's sheets: its
  // identity rows as the hidden sheet, its question rows in the workbook's columns, on the
  // file's own line numbers.
  size_t first_row = kFirstQuestionRow;
  if (csv && !legacy) {
    const ports::Sheet raw = std::move(sheets[0]);
    if (raw.rows.empty() || !is_csv_header(raw.rows[0])) return Status::InvalidArgument("workbook_not_ours");
    ports::Sheet meta, rows;
    meta.name = kMetaSheet;
    rows.name = "CSV";
    rows.rows.resize(raw.rows.size());
    for (size_t r = 1; r < raw.rows.size(); ++r) {
      const auto& line = raw.rows[r];
      if (line.empty()) continue;
      if (cell(line, 0) == kMetaSheet) {
        meta.rows.push_back({cell(line, 1), cell(line, 2)});
        continue;
      }
      auto& out = rows.rows[r];
      out.assign(kColumnCount + std::max<size_t>(line.size(), std::size(kCsvColumns)) - std::size(kCsvColumns), "");
      for (size_t c = 0; c < line.size(); ++c)
        out[c < std::size(kCsvColumns) ? static_cast<size_t>(kCsvColumns[c]) : kColumnCount + c - std::size(kCsvColumns)] =
            line[c];
    }
    sheets = {std::move(rows), std::move(meta)};
    first_row = 1;
  }
  MAMORI_ASSIGN_OR_RETURN(ResponseView v, responses_.view(ctx));
  const Catalog& cat = *v.catalog;
  WorkbookPreview p;
  p.file_name = clean_name(file_name);
  p.legacy = legacy;

  // What each row of the file says, before it is compared with the server.
  struct ReadRow {
    size_t index;  // in the catalogue
    std::string sheet;
    size_t row0;
    AnswerInput input;
    bool normalised = false;
    std::string version, digest;  // at download (workbook rows)
    int value_column = kValue;    // where the value is (a legacy sheet's answer column)
    std::string raw_value;        // the value cell's text, judged only when the row changes something
  };
  std::vector<ReadRow> rows;
  std::set<std::string> seen;

  if (!legacy) {
    const ports::Sheet* meta_sheet = nullptr;
    for (const auto& s : sheets)
      if (s.name == kMetaSheet) meta_sheet = &s;
    if (!meta_sheet) return Status::InvalidArgument("workbook_not_ours");
    std::map<std::string, std::string> meta;
    for (const auto& r : meta_sheet->rows)
      if (!cell(r, 0).empty()) meta[cell(r, 0)] = cell(r, 1);
    // The rows and their hidden columns, wherever the person moved them.
    struct FileRow {
      const ports::Sheet* sheet;
      size_t row0;
    };
    std::vector<FileRow> file_rows;
    std::vector<SignedRow> signed_rows;
    for (const auto& s : sheets) {
      if (s.name == kMetaSheet || s.name == kListSheet || s.name == "はじめに") continue;
      bool ours = false, extra_columns = false;
      for (size_t r = first_row; r < s.rows.size(); ++r) {
        const auto& row = s.rows[r];
        const std::string qid = trim(cell(row, kQuestionId));
        if (qid.empty()) {
          if (has_cells_from(row, 0)) p.notes.push_back(problem_at(s.name, r, -1, "workbook_note.row_ignored"));
          continue;
        }
        ours = true;
        extra_columns = extra_columns || has_cells_from(row, kColumnCount);
        file_rows.push_back({&s, r});
        signed_rows.push_back({qid, trim(cell(row, kVersion)), trim(cell(row, kDigest))});
      }
      if (!ours) p.notes.push_back(WorkbookProblem{s.name, 0, "", "workbook_note.sheet_ignored", {}});
      if (extra_columns) p.notes.push_back(WorkbookProblem{s.name, 0, "", "workbook_note.columns_ignored", {}});
    }
    // Signed in question-id order (so sorting the rows in Excel keeps it): every answer of
    // the download, once.
    std::sort(signed_rows.begin(), signed_rows.end(),
              [](const SignedRow& a, const SignedRow& b) { return a.question_id < b.question_id; });
    if (meta["format"] != kFormat || !key_.verify(kSignPurpose, signed_text(meta, signed_rows), meta["signature"]))
      return Status::InvalidArgument("workbook_tampered");
    if (meta["body_code"] != ctx.response.body_code)
      return Status::InvalidArgument("workbook_other_body", {{"name", meta["body_name"]}, {"code", meta["body_code"]}});
    if (meta["catalog_id"] != cat.id || meta["campaign_id"] != std::to_string(ctx.response.campaign_id))
      return Status::InvalidArgument("workbook_other_survey", {{"fiscal_year", meta["fiscal_year"]}});
    if (meta["response_id"] != std::to_string(ctx.response.id))
      return Status::InvalidArgument("workbook_other_response");
    std::map<const ports::Sheet*, std::set<std::pair<size_t, size_t>>> formulas;
    for (const auto& s : sheets) formulas[&s].insert(s.formulas.begin(), s.formulas.end());
    for (const auto& [sheet, r] : file_rows) {
      const auto& row = sheet->rows[r];
      const std::string qid = trim(cell(row, kQuestionId));
      auto it = cat.index.find(qid);
      if (it == cat.index.end() || !seen.insert(qid).second) return Status::InvalidArgument("workbook_tampered");
      const Question& q = cat.questions[it->second];
      ReadRow rr{it->second, sheet->name, r, {}, false, trim(cell(row, kVersion)), trim(cell(row, kDigest))};
      bool row_ok = true;
      for (int col : {kValue, kNa, kNaReason, kComment, kEvidence})
        if (formulas[sheet].count({r, static_cast<size_t>(col)})) {
          p.errors.push_back(problem_at(sheet->name, r, col, "workbook_cell.formula"));
          row_ok = false;
        }
      if (!row_ok) continue;
      // Read without judging: a row as downloaded is left alone whatever today's rules say.
      rr.raw_value = cell(row, kValue);
      auto parsed = parse_value_cell(q, rr.raw_value, false, /*lenient=*/true);
      if (auto* bad = std::get_if<CellProblem>(&parsed)) {
        p.errors.push_back(problem_at(sheet->name, r, kValue, bad->message, bad->args));
        continue;
      }
      rr.input.value = std::get<ParsedCell>(parsed).value;
      const std::string na = trim(cell(row, kNa));
      if (!na.empty() && na != kNaMark) {
        p.errors.push_back(problem_at(sheet->name, r, kNa, "workbook_cell.na_mark"));
        continue;
      }
      rr.input.not_applicable = !na.empty();
      rr.input.na_reason = trim(cell(row, kNaReason));
      rr.input.comment = trim(cell(row, kComment));
      rr.input.evidence_url = trim(cell(row, kEvidence));
      rows.push_back(std::move(rr));
    }
    p.downloaded_at = meta["downloaded_at"];
    p.downloaded_by_name = meta["downloaded_by_name"];
  } else {
    // mamori's own workbook (or its CSV form) is imported as one: with its conflicts and its
    // identity checked, never as a legacy sheet.
    for (const auto& s : sheets) {
      bool ours = s.name == kMetaSheet || (csv && !s.rows.empty() && is_csv_header(s.rows[0]));
      for (const auto& row : s.rows) ours = ours || (csv && cell(row, 0) == kMetaSheet);
      if (ours) return Status::InvalidArgument("legacy_is_workbook");
    }
    bool found = false;
    std::map<std::string, size_t> by_text;
    for (size_t i = 0; i < cat.questions.size(); ++i) by_text.emplace(trim(cat.questions[i].text.ja), i);
    for (const auto& s : sheets) {
      if (s.hidden) continue;
      auto cols = legacy_columns(s);
      if (!cols) continue;
      found = true;
      std::set<std::pair<size_t, size_t>> formulas(s.formulas.begin(), s.formulas.end());
      for (size_t r = cols->header_row + 1; r < s.rows.size(); ++r) {
        const auto& row = s.rows[r];
        const std::string id = cols->id >= 0 ? halfwidth_ascii(trim(cell(row, static_cast<size_t>(cols->id)))) : "";
        const std::string text = cols->text >= 0 ? trim(cell(row, static_cast<size_t>(cols->text))) : "";
        const std::string answer = cell(row, static_cast<size_t>(cols->answer));
        if (id.empty() && text.empty()) continue;
        std::optional<size_t> index;
        if (!id.empty()) {
          if (auto it = cat.index.find(id); it != cat.index.end()) index = it->second;
          for (size_t i = 0; !index && i < cat.questions.size(); ++i)
            if (cat.questions[i].number == id) index = i;
        }
        if (!index && !text.empty())
          if (auto it = by_text.find(text); it != by_text.end()) index = it->second;
        if (!index) {
          if (!trim(answer).empty()) p.unmatched.push_back({s.name, static_cast<int>(r) + 1, id.empty() ? text : id});
          continue;
        }
        const Question& q = cat.questions[*index];
        if (trim(answer).empty()) continue;
        if (!seen.insert(q.id).second) {
          p.errors.push_back(problem_at(s.name, r, cols->answer, "workbook_cell.duplicate", {{"number", q.number}}));
          continue;
        }
        if (formulas.count({r, static_cast<size_t>(cols->answer)})) {
          p.errors.push_back(problem_at(s.name, r, cols->answer, "workbook_cell.formula"));
          continue;
        }
        auto parsed = parse_value_cell(q, answer, false, /*lenient=*/true);
        if (auto* bad = std::get_if<CellProblem>(&parsed)) {
          p.errors.push_back(problem_at(s.name, r, cols->answer, bad->message, bad->args));
          continue;
        }
        const AnswerRecord& server = v.answers[*index];
        ReadRow rr{*index, s.name, r, {}, false, "", "", cols->answer, answer};
        rr.input.value = std::get<ParsedCell>(parsed).value;
        rr.input.comment = server.comment;
        if (cols->comment >= 0) {
          std::string comment = trim(cell(row, static_cast<size_t>(cols->comment)));
          if (!comment.empty()) rr.input.comment = comment;
        }
        rr.input.evidence_url = server.evidence_url;
        rows.push_back(std::move(rr));
      }
    }
    if (!found) return Status::InvalidArgument("legacy_layout_unknown");
  }
  MAMORI_RETURN_IF_ERROR(editable_status(ctx.response));

  // Compared with the server, in catalogue order.
  std::sort(rows.begin(), rows.end(), [](const ReadRow& a, const ReadRow& b) { return a.index < b.index; });
  const auth::ResponsePermissions perms = auth::response_permissions(user, v.response, v.categories);
  std::string fingerprint_text = legacy ? "legacy\n" : "workbook\n";
  for (auto& rr : rows) {
    const Question& q = cat.questions[rr.index];
    const AnswerRecord& server = v.answers[rr.index];
    const int value_column = rr.value_column;
    const std::string mine = digest_of(q, rr.input);
    // A workbook row as downloaded changes nothing, whatever the server holds now.
    if ((!legacy && mine == rr.digest) || mine == digest_of(q, server)) {
      ++p.unchanged;
      continue;
    }
    // A row that changes something is judged by the survey's rules.
    auto strict = parse_value_cell(q, rr.raw_value, false);
    if (auto* bad = std::get_if<CellProblem>(&strict)) {
      p.errors.push_back(problem_at(rr.sheet, rr.row0, value_column, bad->message, bad->args));
      continue;
    }
    rr.input.value = std::get<ParsedCell>(strict).value;
    rr.normalised = std::get<ParsedCell>(strict).normalised;
    if (!check_input(q, rr.input, rr.sheet, rr.row0, p.errors, value_column)) continue;
    bool open = perms.edit && perms.open;
    for (const auto& c : perms.categories)
      if (c.category == q.category) open = open && c.editable;
    if (!open) {
      p.errors.push_back(problem_at(rr.sheet, rr.row0, value_column, "workbook_cell.category_locked",
                                    {{"category", std::to_string(q.category)}}));
      continue;
    }
    PlannedAnswer pa;
    pa.question = &q;
    pa.sheet = rr.sheet;
    pa.row = static_cast<int>(rr.row0) + 1;
    pa.server = server;
    pa.input = rr.input;
    pa.input.version = server.version;
    pa.conflict = !legacy && rr.version != std::to_string(server.version);
    pa.normalised = rr.normalised;
    if (rr.normalised)
      p.notes.push_back(problem_at(rr.sheet, rr.row0, value_column, "workbook_note.normalised",
                                   {{"number", q.number}}));
    fingerprint_text += q.id + "|" + std::to_string(server.version) + "|" + mine + "|" + (pa.conflict ? "c" : "") + "\n";
    p.changes.push_back(std::move(pa));
  }
  p.fingerprint = key_.sign(kPreviewPurpose, fingerprint_text).substr(0, 32);
  if (csv && !legacy) {
    // Problems name the CSV's own columns.
    auto relabel = [](std::vector<WorkbookProblem>& list) {
      for (auto& e : list)
        if (!e.column.empty())
          for (int c = 0; c < kColumnCount; ++c)
            if (column_letter(c) == e.column) {
              e.column = csv_column_of(c);
              break;
            }
    };
    relabel(p.errors);
    relabel(p.notes);
  }
  return p;
}

Result<AppliedWorkbook> WorkbookService::apply(const User& user, const ports::ResponseContext& ctx,
                                               const std::string& bytes, const std::string& file_name, bool legacy,
                                               const std::string& fingerprint, const Resolutions& resolutions,
                                               WorkbookPreview* preview_out) {
  MAMORI_ASSIGN_OR_RETURN(WorkbookPreview p, plan(user, ctx, bytes, file_name, legacy));
  if (!p.errors.empty()) {
    if (preview_out) *preview_out = std::move(p);
    return Status::InvalidArgument("workbook_invalid");
  }
  if (fingerprint != p.fingerprint) {
    if (preview_out) *preview_out = std::move(p);
    return Status::Aborted("workbook_preview_stale");
  }
  std::string unresolved;
  for (const auto& c : p.changes)
    if (c.conflict && !resolutions.count(c.question->id)) unresolved += (unresolved.empty() ? "" : ", ") + c.question->number;
  if (!unresolved.empty()) return Status::InvalidArgument("workbook_conflicts_unresolved", {{"numbers", unresolved}});

  AppliedWorkbook out;
  std::vector<ports::ImportedAnswer> writes;
  for (const auto& c : p.changes) {
    if (c.conflict && !resolutions.at(c.question->id)) {
      ++out.kept_server;
      continue;
    }
    MAMORI_ASSIGN_OR_RETURN(ports::ImportedAnswer w, responses_.prepare_import(ctx, c.question->id, c.input));
    writes.push_back(std::move(w));
  }
  const std::string note = legacy ? "legacy|" + p.file_name : "workbook|" + p.downloaded_at + "|" + p.file_name;
  MAMORI_ASSIGN_OR_RETURN(ports::ImportOutcome outcome, responses_.import_answers(user, ctx, writes, note));
  if (std::holds_alternative<std::vector<StaleAnswer>>(outcome)) {
    // Saved meanwhile, between the preview recomputed here and the write: the preview now.
    if (preview_out) {
      auto now = plan(user, ctx, bytes, file_name, legacy);
      if (now.ok()) *preview_out = std::move(*now);
    }
    return Status::Aborted("workbook_preview_stale");
  }
  out.written = std::move(std::get<std::vector<AnswerRecord>>(outcome));
  return out;
}

}  // namespace mamori
