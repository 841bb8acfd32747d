// The offline workbook of one response (docs/WORKBOOK.md): its layout as data, and the
// rules that turn an answer into a cell's text and a cell's text back into an answer.
// Pure: no I/O. io/survey_workbook writes and reads the file; services/workbook decides
// what it holds and what an upload changes.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "domain/catalog.h"
#include "domain/model.h"

namespace mamori::workbook {

// The columns of a category sheet, 0-based (A = 0). kQuestionId, kVersion and kDigest are
// hidden: they identify the answer and what it was at download time.
enum Column : int {
  kNumber = 0,   // A 番号 ("5-12")
  kText,         // B 設問
  kHelp,         // C 説明
  kReason,       // D 重要な理由
  kGuide,        // E 入力のしかた (choices, range)
  kValue,        // F 回答
  kState,        // G 状態
  kNa,           // H 該当なし
  kNaReason,     // I 該当なしの理由
  kComment,      // J コメント
  kEvidence,     // K 根拠資料のリンク
  kQuestionId,   // L (hidden) question id
  kVersion,      // M (hidden) the answer's version at download
  kDigest,       // N (hidden) digest of the answer at download
  kColumnCount
};
// 0-based row of a category sheet's header and of its first question.
constexpr int kHeaderRow = 2;
constexpr int kFirstQuestionRow = 3;
// The text of 該当なし in its column (a drop-down of this one value).
inline constexpr const char* kNaMark = "該当なし";
// The hidden sheets: what identifies the download, and the drop-down lists.
inline constexpr const char* kMetaSheet = "_mamori";
inline constexpr const char* kListSheet = "_lists";
// The letter of a 0-based column ("A" … "Z", "AA" …).
std::string column_letter(int column);

// A cell as written: empty, text, a number, or a date (shown yyyy-mm-dd).
struct CellValue {
  enum class Kind { kEmpty, kText, kNumber, kDate } kind = Kind::kEmpty;
  std::string text;  // kText; kDate as "YYYY-MM-DD"
  double number = 0;
};

// What Excel itself checks in an answer cell (data validation).
struct CellRule {
  enum class Kind { kNone, kList, kDecimal, kDate, kTextLength } kind = Kind::kNone;
  std::vector<std::string> list;  // kList: the allowed texts
  std::optional<double> min, max;  // kDecimal
  size_t max_length = 0;           // kTextLength
};

// One question's row of a category sheet, as written.
struct SheetRow {
  std::string number, text, help, reason, guide;
  CellValue value;
  std::string state;  // state_text()
  bool not_applicable = false;
  std::string na_reason, comment, evidence_url;
  std::string question_id, version, digest;  // the hidden columns
  CellRule rule;
  bool editable = false;    // answer cells unlocked
  bool na_allowed = false;  // the 該当なし cells unlocked too
};

struct CategorySheet {
  std::string name;   // "分類5"
  std::string title;  // "分類5 組織体制（編集できます）"
  std::vector<SheetRow> rows;
};

// What the writer puts in the file: the cover sheet's lines (title first), the category
// sheets, and the hidden sheet's key/value rows identifying the download.
struct WorkbookContent {
  std::vector<std::string> cover;
  std::vector<CategorySheet> sheets;
  std::vector<std::pair<std::string, std::string>> meta;
};

// The texts of the choices of `q` as the workbook shows them: はい/いいえ, option labels
// (Japanese), "0: 未実施" … for maturity levels; empty for other types.
std::vector<std::string> choice_texts(const Question& q);
// The data validation of `q`'s answer cell. Multiple choice has none (Excel has no
// multi-select list): the guide column explains it.
CellRule cell_rule(const Question& q);
// The guide text of `q`: how to fill its answer cell, in Japanese.
std::string guide_text(const Question& q);

// An answer's value as its cell shows it; `value` is the stored JSON value.
CellValue value_cell(const Question& q, const std::optional<boost::json::value>& value);

// A cell's text read back, turned into a value for `q`. Empty text: no value. `formula` is
// true when the cell held a formula (refused: values only). Numbers and dates accept
// full-width digits (「１２」) and Excel serial dates; `normalised` is set when the text had
// to be normalised (the preview says so). A refusal is a CellProblem: the message key of
// what is wrong (a "value.*" key of validate_value, or "workbook_cell.formula" /
// ".not_in_list" / ".number" / ".date") and its args.
struct CellProblem {
  std::string message;  // message key
  MessageArgs args;
};
struct ParsedCell {
  std::optional<boost::json::value> value;
  bool normalised = false;
};
// `lenient`: read without judging — a text that names no choice is kept as it is, and the
// value is not checked against the question's rules (min/max, length…): how the service
// tells a row left as downloaded (whatever today's rules say of it) from an edited one.
std::variant<ParsedCell, CellProblem> parse_value_cell(const Question& q, const std::string& text, bool formula,
                                                       bool lenient = false);

// Full-width ASCII (！ … ～) and the ideographic space as their ASCII forms; other text as is.
std::string halfwidth_ascii(const std::string& text);

// The digest of an answer's content (value, 該当なし and its reason, comment, evidence
// link) in a canonical form, so the same content gives the same digest whichever way it was
// written: "h" and 16 hex digits (FNV-1a 64, not a security measure: the download's
// signature is; the letter keeps spreadsheet programs from reading it as a number).
std::string content_digest(const Question& q, const std::optional<boost::json::value>& value, bool not_applicable,
                           const std::string& na_reason, const std::string& comment, const std::string& evidence_url);

// `text` with the characters that CP932 (as Windows and glibc convert it) gives back as
// others replaced by what comes back: 〜 U+301C → ～ U+FF5E, − U+2212 → － U+FF0D,
// ‖ U+2016 → ∥ U+2225, ¢ £ ¬ → ￠ ￡ ￢, — U+2014 → ― U+2015. Digests and the signature
// read text through it, so a CSV saved in Shift_JIS reads back as the same answers.
std::string cp932_fold(const std::string& text);

// The state column's text: 前年度から引継ぎ・未確認 / 確認済み / 変更あり / 新規.
std::string state_text(std::string_view state);
inline std::string state_text(const AnswerRecord& a) { return state_text(a.state); }

}  // namespace mamori::workbook
