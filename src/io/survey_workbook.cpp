#include "io/survey_workbook.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <map>

#include "base/private_file.h"

namespace mamori::io {

namespace {

using namespace mamori::workbook;

// Column widths of a category sheet, in characters.
constexpr double kWidths[kColumnCount] = {7, 48, 40, 30, 26, 24, 16, 10, 24, 30, 26, 12, 6, 18};
constexpr const char* kHeaders[kColumnCount] = {
    "番号", "設問", "説明", "重要な理由", "入力のしかた", "回答", "状態", "該当なし", "該当なしの理由",
    "コメント", "根拠資料のリンク", "設問ID", "版", "確認値"};

class Writer {
 public:
  explicit Writer(const std::string& path) : wb_(workbook_new(path.c_str())) {
    if (!wb_) return;
    title_ = workbook_add_format(wb_);
    format_set_bold(title_);
    format_set_font_size(title_, 13);
    head_ = workbook_add_format(wb_);
    format_set_bold(head_);
    format_set_bg_color(head_, 0xD9E2F3);
    format_set_border(head_, LXW_BORDER_THIN);
    format_set_text_wrap(head_);
    locked_ = workbook_add_format(wb_);
    format_set_text_wrap(locked_);
    format_set_align(locked_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(locked_, LXW_BORDER_THIN);
    open_ = workbook_add_format(wb_);
    format_set_text_wrap(open_);
    format_set_align(open_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(open_, LXW_BORDER_THIN);
    format_set_unlocked(open_);
    format_set_bg_color(open_, 0xFFF9DB);  // the cells to fill, in the colour of a form's fields
    open_date_ = workbook_add_format(wb_);
    format_set_num_format(open_date_, "yyyy-mm-dd");
    format_set_align(open_date_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(open_date_, LXW_BORDER_THIN);
    format_set_unlocked(open_date_);
    format_set_bg_color(open_date_, 0xFFF9DB);
    locked_date_ = workbook_add_format(wb_);
    format_set_num_format(locked_date_, "yyyy-mm-dd");
    format_set_align(locked_date_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(locked_date_, LXW_BORDER_THIN);
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
  }
  ~Writer() {
    if (wb_) workbook_close(wb_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  bool ok() const { return wb_ != nullptr; }

  void cover(const std::vector<std::string>& lines) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, "はじめに");
    worksheet_set_column(ws, 0, 0, 110, wrap_);
    for (size_t i = 0; i < lines.size(); ++i)
      worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, lines[i].c_str(), i == 0 ? title_ : wrap_);
    protect(ws);
  }

  // Adds the sheets; the lists sheet is filled as validations need it, and written last.
  void category(const CategorySheet& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, sheet.name.c_str());
    for (int c = 0; c < kColumnCount; ++c) worksheet_set_column(ws, c, c, kWidths[c], nullptr);
    lxw_row_col_options hidden{};
    hidden.hidden = 1;
    worksheet_set_column_opt(ws, kQuestionId, kDigest, 12, nullptr, &hidden);
    worksheet_write_string(ws, 0, 0, sheet.title.c_str(), title_);
    for (int c = 0; c < kColumnCount; ++c) worksheet_write_string(ws, kHeaderRow, c, kHeaders[c], head_);
    worksheet_freeze_panes(ws, kFirstQuestionRow, 2);
    lxw_row_t r = kFirstQuestionRow;
    for (const SheetRow& row : sheet.rows) write_row(ws, r++, row);
    protect(ws);
  }

  void meta(const std::vector<std::pair<std::string, std::string>>& rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, kMetaSheet);
    for (size_t i = 0; i < rows.size(); ++i) {
      worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, rows[i].first.c_str(), nullptr);
      worksheet_write_string(ws, static_cast<lxw_row_t>(i), 1, rows[i].second.c_str(), nullptr);
    }
    protect(ws);
    worksheet_hide(ws);
  }

  Status close() {
    // The drop-down lists, one column per distinct list.
    lxw_worksheet* ws = workbook_add_worksheet(wb_, kListSheet);
    for (const auto& [list, col] : list_columns_)
      for (size_t i = 0; i < list.size(); ++i)
        worksheet_write_string(ws, static_cast<lxw_row_t>(i), static_cast<lxw_col_t>(col), list[i].c_str(), nullptr);
    protect(ws);
    worksheet_hide(ws);
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    return e == LXW_NO_ERROR ? Status::Ok() : Status::Internal(std::string("xlsx: ") + lxw_strerror(e));
  }

 private:
  static void protect(lxw_worksheet* ws) {
    lxw_protection p{};
    p.format_columns = 1;  // widening a column or a row does not need the sheet unprotected
    p.format_rows = 1;
    worksheet_protect(ws, nullptr, &p);
  }

  void text(lxw_worksheet* ws, lxw_row_t r, int c, const std::string& s, lxw_format* f) {
    if (s.empty()) {
      worksheet_write_blank(ws, r, static_cast<lxw_col_t>(c), f);
    } else {
      worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), s.c_str(), f);
    }
  }

  void write_row(lxw_worksheet* ws, lxw_row_t r, const SheetRow& row) {
    text(ws, r, kNumber, row.number, locked_);
    text(ws, r, kText, row.text, locked_);
    text(ws, r, kHelp, row.help, locked_);
    text(ws, r, kReason, row.reason, locked_);
    text(ws, r, kGuide, row.guide, locked_);
    lxw_format* answer = row.editable ? open_ : locked_;
    switch (row.value.kind) {
      case CellValue::Kind::kEmpty:
        worksheet_write_blank(ws, r, kValue, answer);
        break;
      case CellValue::Kind::kText:
        worksheet_write_string(ws, r, kValue, row.value.text.c_str(), answer);
        break;
      case CellValue::Kind::kNumber:
        worksheet_write_number(ws, r, kValue, row.value.number, answer);
        break;
      case CellValue::Kind::kDate: {
        lxw_datetime dt{};
        if (std::sscanf(row.value.text.c_str(), "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
          worksheet_write_datetime(ws, r, kValue, &dt, row.editable ? open_date_ : locked_date_);
        else
          worksheet_write_string(ws, r, kValue, row.value.text.c_str(), answer);
        break;
      }
    }
    text(ws, r, kState, row.state, locked_);
    lxw_format* na = row.editable && row.na_allowed ? open_ : locked_;
    text(ws, r, kNa, row.not_applicable ? kNaMark : "", na);
    text(ws, r, kNaReason, row.na_reason, na);
    text(ws, r, kComment, row.comment, answer);
    text(ws, r, kEvidence, row.evidence_url, answer);
    worksheet_write_string(ws, r, kQuestionId, row.question_id.c_str(), nullptr);
    worksheet_write_string(ws, r, kVersion, row.version.c_str(), nullptr);
    worksheet_write_string(ws, r, kDigest, row.digest.c_str(), nullptr);
    if (row.editable) validate(ws, r, row);
  }

  // The '_lists'!$X$1:$X$n range holding `list`.
  std::string list_range(const std::vector<std::string>& list) {
    auto [it, added] = list_columns_.emplace(list, static_cast<int>(list_columns_.size()));
    const std::string col = column_letter(it->second);
    return std::string("='") + kListSheet + "'!$" + col + "$1:$" + col + "$" + std::to_string(list.size());
  }

  void validate(lxw_worksheet* ws, lxw_row_t r, const SheetRow& row) {
    const CellRule& rule = row.rule;
    lxw_data_validation v{};
    std::string formula;
    char title[] = "入力できない値です";
    std::string message;
    switch (rule.kind) {
      case CellRule::Kind::kNone:
        break;
      case CellRule::Kind::kList:
        formula = list_range(rule.list);
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula.data();
        message = "一覧から選んでください。";
        break;
      case CellRule::Kind::kDecimal:
        v.validate = LXW_VALIDATION_TYPE_DECIMAL;
        if (rule.min && rule.max) {
          v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          v.minimum_number = *rule.min;
          v.maximum_number = *rule.max;
        } else if (rule.min) {
          v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          v.value_number = *rule.min;
        } else if (rule.max) {
          v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
          v.value_number = *rule.max;
        } else {
          v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          v.minimum_number = -1e15;
          v.maximum_number = 1e15;
        }
        message = "入力のしかた（E列）の範囲の数値を入力してください。";
        break;
      case CellRule::Kind::kDate:
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = lxw_datetime{1900, 1, 1, 0, 0, 0};
        v.maximum_datetime = lxw_datetime{9999, 12, 31, 0, 0, 0};
        message = "日付（例: 2026-04-01）を入力してください。";
        break;
      case CellRule::Kind::kTextLength:
        v.validate = LXW_VALIDATION_TYPE_LENGTH;
        v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        v.value_number = static_cast<double>(rule.max_length);
        message = std::to_string(rule.max_length) + "文字以内で入力してください。";
        break;
    }
    if (rule.kind != CellRule::Kind::kNone) {
      v.error_title = title;
      v.error_message = message.data();
      worksheet_data_validation_cell(ws, r, kValue, &v);
    }
    if (row.na_allowed) {
      lxw_data_validation na{};
      std::string na_formula = list_range({kNaMark});
      na.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      na.value_formula = na_formula.data();
      worksheet_data_validation_cell(ws, r, kNa, &na);
    }
  }

  lxw_workbook* wb_;
  lxw_format *title_ = nullptr, *head_ = nullptr, *locked_ = nullptr, *open_ = nullptr, *open_date_ = nullptr,
             *locked_date_ = nullptr, *wrap_ = nullptr;
  std::map<std::vector<std::string>, int> list_columns_;
};

}  // namespace

Status write_survey_workbook(const WorkbookContent& content, const std::string& path) {
  MAMORI_RETURN_IF_ERROR(reserve_private_file(path));  // a body's answers: 0600, never an existing file
  Writer w(path);
  if (!w.ok()) return Status::Internal("cannot create " + path);
  w.cover(content.cover);
  for (const auto& s : content.sheets) w.category(s);
  w.meta(content.meta);
  return w.close();
}

}  // namespace mamori::io
