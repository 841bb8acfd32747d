#include "domain/workbook.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace mamori::workbook {
namespace {

namespace json = boost::json;

Question question(QuestionType type) {
  Question q;
  q.id = "q";
  q.type = type;
  q.options = {{"a", {"第一", "First"}}, {"b", {"第二、その他", "Second"}}, {"c", {"第三", "Third"}}};
  if (type == QuestionType::kPercent) {
    q.min = 0;
    q.max = 100;
  }
  return q;
}

// What a cell's text reads as: the value's JSON, or "!" and the problem's message key.
std::string read(QuestionType type, const std::string& text, bool formula = false) {
  auto r = parse_value_cell(question(type), text, formula);
  if (auto* p = std::get_if<CellProblem>(&r)) return "!" + p->message;
  const auto& ok = std::get<ParsedCell>(r);
  return (ok.value ? json::serialize(*ok.value) : std::string("none")) + (ok.normalised ? " (normalised)" : "");
}

TEST(WorkbookCells, ReadBackAsAPersonWouldTypeThem) {
  struct Case {
    QuestionType type;
    const char* text;
    const char* want;
  } cases[] = {
      {QuestionType::kYesNo, "はい", R"("yes")"},
      {QuestionType::kYesNo, " いいえ ", R"("no")"},
      {QuestionType::kYesNo, "yes", R"("yes")"},
      {QuestionType::kYesNo, "たぶん", "!workbook_cell.not_in_list"},
      {QuestionType::kYesNo, "", "none"},
      {QuestionType::kSingle, "第三", R"("c")"},
      {QuestionType::kSingle, "2", R"("b")"},
      {QuestionType::kSingle, "第四", "!workbook_cell.not_in_list"},
      {QuestionType::kMulti, "第一\n第三", R"(["a","c"])"},
      {QuestionType::kMulti, "第三、第一", R"(["a","c"])"},
      {QuestionType::kMulti, "1,3", R"(["a","c"])"},
      {QuestionType::kMulti, "第二、その他", R"(["b"])"},  // one label holding the separator
      {QuestionType::kMulti, "第一\n第一", "!value.multi_twice"},
      {QuestionType::kMulti, "第一\n第九", "!workbook_cell.not_in_list"},
      {QuestionType::kNumber, "12", "12"},
      {QuestionType::kNumber, "12.5", "1.25E1"},
      {QuestionType::kNumber, "１２", "12 (normalised)"},
      {QuestionType::kNumber, "1,234", "1234 (normalised)"},
      {QuestionType::kNumber, "12件", "!workbook_cell.number"},
      {QuestionType::kPercent, "150", "!value.range"},
      {QuestionType::kPercent, "45", "45"},
      {QuestionType::kDate, "2026-04-01", R"("2026-04-01")"},
      {QuestionType::kDate, "2026/4/1", R"("2026-04-01" (normalised))"},
      {QuestionType::kDate, "2026年4月1日", R"("2026-04-01" (normalised))"},
      {QuestionType::kDate, "46023", R"("2026-01-01")"},  // an Excel serial date
      {QuestionType::kDate, "２０２６－０４－０１", R"("2026-04-01" (normalised))"},
      {QuestionType::kDate, "2026-02-30", "!workbook_cell.date"},
      {QuestionType::kDate, "来年", "!workbook_cell.date"},
      {QuestionType::kText, "  余白も\n改行もそのまま ", R"("  余白も\n改行もそのまま ")"},
      {QuestionType::kMaturity, "3: 実施済み", "3"},
      {QuestionType::kMaturity, "３", "3 (normalised)"},
      {QuestionType::kMaturity, "3", "3 (normalised)"},
      {QuestionType::kMaturity, "5", "!workbook_cell.not_in_list"},
  };
  for (const auto& c : cases) EXPECT_EQ(read(c.type, c.text), c.want) << c.text;
  EXPECT_EQ(read(QuestionType::kNumber, "30", /*formula=*/true), "!workbook_cell.formula");
}

TEST(WorkbookCells, AValueWrittenReadsBackAsTheSameContent) {
  for (auto [type, value] : std::vector<std::pair<QuestionType, json::value>>{
           {QuestionType::kYesNo, "no"},
           {QuestionType::kSingle, "b"},
           {QuestionType::kMulti, json::array{"a", "b"}},
           {QuestionType::kNumber, 12.5},
           {QuestionType::kPercent, 100},
           {QuestionType::kText, "文"},
           {QuestionType::kMaturity, 4}}) {
    const Question q = question(type);
    const CellValue c = value_cell(q, value);
    std::string text = c.kind == CellValue::Kind::kNumber ? std::to_string(c.number) : c.text;
    auto back = parse_value_cell(q, text, false);
    ASSERT_TRUE(std::holds_alternative<ParsedCell>(back)) << json::serialize(value);
    EXPECT_EQ(content_digest(q, std::get<ParsedCell>(back).value, false, "", "", ""),
              content_digest(q, value, false, "", "", ""))
        << json::serialize(value);
  }
}

TEST(WorkbookCells, TheDigestNamesTheContentNotItsSpelling) {
  const Question q = question(QuestionType::kNumber);
  EXPECT_EQ(content_digest(q, json::value(12), false, "", "", ""), content_digest(q, json::value(12.0), false, "", "", ""));
  EXPECT_NE(content_digest(q, json::value(12), false, "", "", ""), content_digest(q, json::value(13), false, "", "", ""));
  EXPECT_NE(content_digest(q, json::value(12), false, "", "c", ""), content_digest(q, json::value(12), false, "", "", ""));
  EXPECT_NE(content_digest(q, std::nullopt, true, "r", "", ""), content_digest(q, std::nullopt, false, "", "", ""));
}

TEST(WorkbookCells, FullWidthAsciiAndColumnLetters) {
  EXPECT_EQ(halfwidth_ascii("ＡＢｃ１２．５　－"), "ABc12.5 -");
  EXPECT_EQ(halfwidth_ascii("全角かな"), "全角かな");
  EXPECT_EQ(column_letter(0), "A");
  EXPECT_EQ(column_letter(5), "F");
  EXPECT_EQ(column_letter(26), "AA");
}

}  // namespace
}  // namespace mamori::workbook

namespace mamori::workbook {
namespace {

TEST(WorkbookCells, WhatShiftJisGivesBackIsTheSameContent) {
  EXPECT_EQ(cp932_fold("9時〜17時 −5 — ‖"), "9時～17時 －5 ― ∥");
  const Question q = question(QuestionType::kText);
  EXPECT_EQ(content_digest(q, json::value("9時〜17時"), false, "", "〜", ""),
            content_digest(q, json::value("9時～17時"), false, "", "～", ""));
}

}  // namespace
}  // namespace mamori::workbook

namespace mamori::workbook {
namespace {

// Read leniently, a stored value today's rules refuse (a revised range, a retired option)
// reads back as itself, so a row left as downloaded is seen as unchanged.
TEST(WorkbookCells, LenientReadingKeepsWhatTheRulesWouldRefuse) {
  const Question pct = question(QuestionType::kPercent);
  auto r = parse_value_cell(pct, "150", false, /*lenient=*/true);
  ASSERT_TRUE(std::holds_alternative<ParsedCell>(r));
  EXPECT_EQ(content_digest(pct, std::get<ParsedCell>(r).value, false, "", "", ""),
            content_digest(pct, json::value(150), false, "", "", ""));
  const Question single = question(QuestionType::kSingle);
  const CellValue retired = value_cell(single, json::value("gone"));
  EXPECT_EQ(retired.text, "gone");
  auto back = parse_value_cell(single, retired.text, false, true);
  ASSERT_TRUE(std::holds_alternative<ParsedCell>(back));
  EXPECT_EQ(json::serialize(*std::get<ParsedCell>(back).value), R"("gone")");
  EXPECT_TRUE(std::holds_alternative<CellProblem>(parse_value_cell(single, "gone", false)));
}

}  // namespace
}  // namespace mamori::workbook
