// libFuzzer target: the cell rules of the Excel round trip (domain/workbook.h) on any text a
// spreadsheet could hand back. The first byte picks the question type (and whether the cell
// held a formula); the rest is the cell's text. Oracles: no crash; a value the strict reading
// takes is taken by the lenient reading with the same digest and passes validate_value; a
// taken value written back as a cell reads back as the same content; cp932_fold and
// halfwidth_ascii keep UTF-8 well-formed.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/csv.h"
#include "domain/answer.h"
#include "domain/workbook.h"

using namespace mamori;

namespace {

Question question_of(uint8_t pick) {
  Question q;
  q.id = "q";
  q.type = static_cast<QuestionType>(pick % 8);
  q.options = {{"a", {"第一", "First"}}, {"b", {"第二、その他", "Second"}}, {"c", {"3", "Third"}}};
  if (pick & 0x10) {
    q.min = 0;
    q.max = 100;
  }
  q.max_length = 50;
  return q;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Question q = question_of(data[0]);
  const bool formula = data[0] & 0x80;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (is_valid_utf8(text)) {
    if (!is_valid_utf8(workbook::cp932_fold(text))) std::abort();
    if (!is_valid_utf8(workbook::halfwidth_ascii(text))) std::abort();
  }
  auto strict = workbook::parse_value_cell(q, text, formula);
  auto lenient = workbook::parse_value_cell(q, text, formula, /*lenient=*/true);
  if (const auto* ok = std::get_if<workbook::ParsedCell>(&strict)) {
    const auto* loose = std::get_if<workbook::ParsedCell>(&lenient);
    if (!loose) std::abort();
    const std::string d = workbook::content_digest(q, ok->value, false, "", "", "");
    if (d != workbook::content_digest(q, loose->value, false, "", "", "")) std::abort();
    if (ok->value) {
      if (!validate_value(q, *ok->value).ok()) std::abort();
      const workbook::CellValue c = workbook::value_cell(q, *ok->value);
      std::string back = c.text;
      if (c.kind == workbook::CellValue::Kind::kNumber) back = boost::json::serialize(boost::json::value(c.number));
      if (c.kind == workbook::CellValue::Kind::kDate) back = c.text;
      auto again = workbook::parse_value_cell(q, back, false);
      const auto* a = std::get_if<workbook::ParsedCell>(&again);
      if (!a || workbook::content_digest(q, a->value, false, "", "", "") != d) std::abort();
    }
  }
  return 0;
}
