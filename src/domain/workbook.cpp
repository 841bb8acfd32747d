#include "domain/workbook.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "domain/answer.h"

namespace mamori::workbook {

namespace json = boost::json;

namespace {

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

// Shortest text that reads back as the same double (12, 12.5, 0.1).
std::string number_text(double v) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::optional<double> number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return std::nullopt;
}

// A number as JSON: an integer when it is one (as the web client sends it), else a double.
json::value number_value(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) return json::value(static_cast<int64_t>(v));
  return json::value(v);
}

// Days from 1970-01-01 to y-m-d and back (proleptic Gregorian; H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}
// Excel's day 0 is 1899-12-30 (serials from 61 on, i.e. after Excel's fictitious 1900-02-29).
constexpr int64_t kExcelEpochDays = -25569;

std::string iso_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// "2026-04-01", "2026/4/1", "2026年4月1日" → ISO; nullopt otherwise.
std::optional<std::string> parse_date_text(const std::string& t) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(t.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) == 3 ||
      std::sscanf(t.c_str(), "%d/%d/%d%c", &y, &m, &d, &tail) == 3 ||
      std::sscanf(t.c_str(), "%d年%d月%d日%c", &y, &m, &d, &tail) == 3) {
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    int yy, mm, dd;
    civil_from_days(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)), yy, mm, dd);
    if (yy != y || mm != m || dd != d) return std::nullopt;  // 2026-02-30
    return iso_date(y, m, d);
  }
  return std::nullopt;
}

// A plain decimal number ("12", "-3.5", "1,234"); nullopt otherwise.
std::optional<double> parse_number_text(std::string t, bool* grouped) {
  if (t.find(',') != std::string::npos) {
    std::string plain;
    for (char c : t)
      if (c != ',') plain += c;
    t = plain;
    *grouped = true;
  }
  if (t.empty()) return std::nullopt;
  for (char c : t)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'E' || c == 'e'))
      return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

CellProblem problem(std::string key, MessageArgs args = {}) { return CellProblem{std::move(key), std::move(args)}; }

// The message of validate_value's refusal (its "value" field).
std::optional<CellProblem> validation_problem(const Question& q, const json::value& v) {
  Status s = validate_value(q, v);
  if (s.ok()) return std::nullopt;
  auto it = s.fields().find("value");
  if (it == s.fields().end()) return problem("value.unknown_type");
  return problem(it->second.message, it->second.args);
}

// The option of `q` a piece of text names: its label (Japanese or English), its key, or its
// 1-based position.
const Option* option_named(const Question& q, const std::string& text) {
  for (const auto& o : q.options)
    if (text == o.label.ja || text == o.label.en || text == o.key) return &o;
  char* end = nullptr;
  long n = std::strtol(text.c_str(), &end, 10);
  if (!text.empty() && end == text.c_str() + text.size() && n >= 1 && static_cast<size_t>(n) <= q.options.size())
    return &q.options[static_cast<size_t>(n - 1)];
  return nullptr;
}

// Splits `text` at `seps` (ASCII characters, and 、 ； when `wide`), trimming each piece.
std::vector<std::string> split_at(const std::string& text, const char* seps, bool wide) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = trim(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (std::strchr(seps, text[i])) {
      flush();
      ++i;
    } else if (wide && (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "；") == 0)) {
      flush();
      i += 3;
    } else {
      cur += text[i++];
    }
  }
  flush();
  return out;
}

// The choices a multiple-choice cell names: one per line, and a line that is not one
// option's label split further at 、 , ; ；.
std::vector<std::string> pieces_of(const Question& q, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : split_at(text, "\n", false)) {
    if (option_named(q, line)) {
      out.push_back(line);
      continue;
    }
    for (auto& p : split_at(line, ",;", true)) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::string column_letter(int column) {
  std::string out;
  for (int c = column + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

std::string halfwidth_ascii(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data() + i);
    if (i + 2 < text.size() && p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) {
      // U+FF01 … U+FF5E: EF BC 81 … EF BD 9E
      const unsigned code = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        out += static_cast<char>(code - 0xFEE0);
        i += 3;
        continue;
      }
    }
    if (i + 2 < text.size() && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {  // U+3000
      out += ' ';
      i += 3;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::vector<std::string> choice_texts(const Question& q) {
  std::vector<std::string> out;
  switch (q.type) {
    case QuestionType::kYesNo:
      return {"はい", "いいえ"};
    case QuestionType::kSingle:
    case QuestionType::kMulti:
      for (const auto& o : q.options) out.push_back(o.label.ja);
      return out;
    case QuestionType::kMaturity:
      for (const auto& o : maturity_levels()) out.push_back(o.key + ": " + o.label.ja);
      return out;
    default:
      return out;
  }
}

CellRule cell_rule(const Question& q) {
  CellRule r;
  switch (q.type) {
    case QuestionType::kYesNo:
    case QuestionType::kSingle:
    case QuestionType::kMaturity:
      r.kind = CellRule::Kind::kList;
      r.list = choice_texts(q);
      break;
    case QuestionType::kNumber:
    case QuestionType::kPercent:
      r.kind = CellRule::Kind::kDecimal;
      r.min = q.min;
      r.max = q.max;
      if (q.type == QuestionType::kPercent) {
        if (!r.min) r.min = 0;
        if (!r.max) r.max = 100;
      }
      break;
    case QuestionType::kDate:
      r.kind = CellRule::Kind::kDate;
      break;
    case QuestionType::kText:
      r.kind = CellRule::Kind::kTextLength;
      r.max_length = q.max_length;
      break;
    case QuestionType::kMulti:
      break;
  }
  return r;
}

std::string guide_text(const Question& q) {
  auto range = [&](const char* unit) {
    std::string s = "数値";
    if (q.min || q.max)
      s += "（" + (q.min ? number_text(*q.min) : std::string()) + "〜" + (q.max ? number_text(*q.max) : std::string()) +
           "）";
    if (*unit) s += std::string(" 単位: ") + unit;
    return s;
  };
  switch (q.type) {
    case QuestionType::kYesNo:
      return "「はい」か「いいえ」を選択";
    case QuestionType::kSingle:
      return "一覧から1つ選択";
    case QuestionType::kMulti: {
      std::string s = "当てはまるものをすべて、1行に1つずつ（Alt+Enterで改行）または番号をカンマ区切りで:";
      for (size_t i = 0; i < q.options.size(); ++i) s += "\n" + std::to_string(i + 1) + ". " + q.options[i].label.ja;
      return s;
    }
    case QuestionType::kNumber:
      return range(q.unit.ja.c_str());
    case QuestionType::kPercent:
      return range("%");
    case QuestionType::kDate:
      return "日付（例: 2026-04-01）";
    case QuestionType::kText:
      return std::to_string(q.max_length) + "文字以内の文章";
    case QuestionType::kMaturity:
      return "0〜4の段階を一覧から選択";
  }
  return "";
}

CellValue value_cell(const Question& q, const std::optional<json::value>& value) {
  CellValue c;
  if (!value || value->is_null()) return c;
  const json::value& v = *value;
  switch (q.type) {
    case QuestionType::kYesNo:
      if (v.is_string()) c = {CellValue::Kind::kText, v.as_string() == "yes" ? "はい" : "いいえ", 0};
      break;
    case QuestionType::kSingle:
      if (v.is_string()) {
        c = {CellValue::Kind::kText, std::string(v.as_string()), 0};  // a key no longer an option: as itself
        for (const auto& o : q.options)
          if (o.key == v.as_string()) c.text = o.label.ja;
      }
      break;
    case QuestionType::kMulti:
      if (v.is_array()) {
        std::string s;
        for (const auto& o : q.options)
          for (const auto& e : v.as_array())
            if (e.is_string() && e.as_string() == o.key) s += (s.empty() ? "" : "\n") + o.label.ja;
        for (const auto& e : v.as_array())  // keys no longer options: as themselves, last
          if (e.is_string() && !q.has_option(e.as_string())) s += (s.empty() ? "" : "\n") + std::string(e.as_string());
        c = {CellValue::Kind::kText, s, 0};
      }
      break;
    case QuestionType::kNumber:
    case QuestionType::kPercent:
      if (auto n = number_of(v)) c = {CellValue::Kind::kNumber, "", *n};
      break;
    case QuestionType::kDate:
      if (v.is_string()) c = {CellValue::Kind::kDate, std::string(v.as_string()), 0};
      break;
    case QuestionType::kText:
      if (v.is_string()) c = {CellValue::Kind::kText, std::string(v.as_string()), 0};
      break;
    case QuestionType::kMaturity:
      if (v.is_int64() && v.as_int64() >= 0 && v.as_int64() <= 4) {
        const auto& level = maturity_levels()[static_cast<size_t>(v.as_int64())];
        c = {CellValue::Kind::kText, level.key + ": " + level.label.ja, 0};
      }
      break;
  }
  return c;
}

std::variant<ParsedCell, CellProblem> parse_value_cell(const Question& q, const std::string& raw, bool formula,
                                                       bool lenient) {
  if (formula) return problem("workbook_cell.formula");
  std::string text = trim(raw);
  if (text.empty()) return ParsedCell{};
  ParsedCell out;
  json::value v;
  switch (q.type) {
    case QuestionType::kYesNo: {
      std::string t = halfwidth_ascii(text);
      if (t == "はい" || t == "yes" || t == "Yes" || t == "YES") v = "yes";
      else if (t == "いいえ" || t == "no" || t == "No" || t == "NO") v = "no";
      else if (lenient) v = text;
      else return problem("workbook_cell.not_in_list", {{"value", text}, {"choices", "はい / いいえ"}});
      break;
    }
    case QuestionType::kSingle: {
      const Option* o = option_named(q, text);
      if (!o) o = option_named(q, halfwidth_ascii(text));
      if (!o && !lenient) return problem("workbook_cell.not_in_list", {{"value", text}, {"choices", "一覧の選択肢"}});
      v = o ? json::value(o->key) : json::value(text);
      break;
    }
    case QuestionType::kMulti: {
      json::array keys;
      for (const auto& p : pieces_of(q, text)) {
        const Option* o = option_named(q, p);
        if (!o) o = option_named(q, halfwidth_ascii(p));
        if (!o && !lenient) return problem("workbook_cell.not_in_list", {{"value", p}, {"choices", "説明欄の選択肢"}});
        keys.push_back(json::value(o ? o->key : p));
      }
      v = canonical_value(q, keys);
      break;
    }
    case QuestionType::kNumber:
    case QuestionType::kPercent: {
      std::string t = halfwidth_ascii(text);
      out.normalised = t != text;
      bool grouped = false;
      auto n = parse_number_text(t, &grouped);
      if (!n) return problem("workbook_cell.number", {{"value", text}});
      out.normalised = out.normalised || grouped;
      v = number_value(*n);
      break;
    }
    case QuestionType::kDate: {
      std::string t = halfwidth_ascii(text);
      out.normalised = t != text;
      if (auto iso = parse_date_text(t)) {
        v = *iso;
        out.normalised = out.normalised || *iso != t;  // 2026/4/1, 2026年4月1日
      } else {
        bool grouped = false;
        auto serial = parse_number_text(t, &grouped);
        // An Excel serial date (a date cell, or one re-saved by another program).
        if (!serial || grouped || *serial < 61 || *serial > 2958465 || std::floor(*serial) != *serial)
          return problem("workbook_cell.date", {{"value", text}});
        int y, m, d;
        civil_from_days(static_cast<int64_t>(*serial) + kExcelEpochDays, y, m, d);
        v = iso_date(y, m, d);
      }
      break;
    }
    case QuestionType::kText:
      v = raw;  // as written: line breaks and spaces are the person's
      break;
    case QuestionType::kMaturity: {
      std::string t = halfwidth_ascii(text);
      const auto& levels = maturity_levels();
      std::optional<int64_t> level;
      for (size_t i = 0; i < levels.size(); ++i)
        if (t == levels[i].key || t == levels[i].key + ": " + levels[i].label.ja || t == levels[i].label.ja ||
            t == levels[i].key + ":" + levels[i].label.ja)
          level = static_cast<int64_t>(i);
      if (!level && lenient) {
        v = text;
        break;
      }
      if (!level) return problem("workbook_cell.not_in_list", {{"value", text}, {"choices", "0〜4"}});
      out.normalised = t.size() == 1;  // the digit alone
      v = *level;
      break;
    }
  }
  if (!lenient)
    if (auto p = validation_problem(q, v)) return *p;
  out.value = std::move(v);
  return out;
}

std::string content_digest(const Question& q, const std::optional<json::value>& value, bool not_applicable,
                           const std::string& na_reason, const std::string& comment, const std::string& evidence_url) {
  std::string canon;
  if (value && !value->is_null()) {
    json::value v = canonical_value(q, *value);
    if (auto n = number_of(v); n && q.type != QuestionType::kMaturity)
      canon = "n:" + number_text(*n);
    else
      canon = "j:" + cp932_fold(json::serialize(v));
  }
  canon += '\x1f';
  canon += not_applicable ? "1" : "0";
  for (const std::string* s : {&na_reason, &comment, &evidence_url}) {
    canon += '\x1f';
    canon += cp932_fold(trim(*s));
  }
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : canon) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // "h" first: never a number to a spreadsheet program (a CSV opened in Excel keeps it).
  char buf[18];
  std::snprintf(buf, sizeof buf, "h%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string cp932_fold(const std::string& text) {
  static const std::pair<std::string_view, std::string_view> kFolds[] = {
      {"\u301C", "\uFF5E"}, {"\u2212", "\uFF0D"}, {"\u2016", "\u2225"}, {"\u00A2", "\uFFE0"},
      {"\u00A3", "\uFFE1"}, {"\u00AC", "\uFFE2"}, {"\u2014", "\u2015"}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool folded = false;
    if (static_cast<unsigned char>(text[i]) >= 0x80)
      for (const auto& [from, to] : kFolds)
        if (text.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          folded = true;
          break;
        }
    if (!folded) out += text[i++];
  }
  return out;
}

std::string state_text(std::string_view state) {
  if (state == "carried_over") return "前年度から引継ぎ・未確認";
  if (state == "confirmed") return "確認済み";
  if (state == "changed") return "変更あり";
  return "新規";
}

}  // namespace mamori::workbook
