#include "domain/catalog_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

#include "domain/body.h"

namespace mamori {

namespace {

const std::set<std::string, std::less<>> kGuidelineChapters = {
    "1",   "2",   "3",   "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4",
    "6.5", "6.6", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "8.1", "8.2", "8.3", "8.4", "9.1", "9.2", "9.3"};

// InvalidArgument "invalid_catalog" at file:line; `why` is the key of the message
// (base/messages.cpp, "catalog.*"), `args` fill it. Every catalog message starts with
// "{file}:{line}: ".
// A survey has at most this many categories (a limit, not a rule of the format).
constexpr int kMaxCategories = 99;

Status at(const std::string& file, int line, const char* why, MessageArgs args = {}) {
  args.insert(args.begin(), {{"file", file}, {"line", std::to_string(line)}});
  return Status::InvalidArgument("invalid_catalog", std::move(args)).with_message(why);
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(trim(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i)));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

// A finite number: "nan" and "inf", which from_chars accepts, are not numbers here (every
// range check below would let them through, and converting them is undefined).
std::optional<double> to_number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  };
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return false;
  return std::all_of(id.begin(), id.end(), ok_char);
}

bool valid_option_key(std::string_view k) {
  return !k.empty() && std::all_of(k.begin(), k.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

struct Entry {
  std::string value;
  int line;
};

struct Block {
  std::string kind, id, file;
  int line = 0;
  std::map<std::string, Entry> keys;
};

Result<std::vector<Block>> read_blocks(const std::vector<SourceFile>& files) {
  std::vector<Block> blocks;
  for (const auto& f : files) {
    int line_no = 0;
    size_t pos = 0;
    Block* current = nullptr;
    while (pos <= f.content.size()) {
      size_t nl = f.content.find('\n', pos);
      std::string_view raw(f.content.data() + pos, (nl == std::string::npos ? f.content.size() : nl) - pos);
      pos = nl == std::string::npos ? f.content.size() + 1 : nl + 1;
      ++line_no;
      std::string line = trim(raw);
      if (line.empty() || line[0] == '#') continue;
      if (line.front() == '[') {
        if (line.back() != ']') return at(f.name, line_no, "catalog.missing_bracket");
        auto parts = split(std::string_view(line).substr(1, line.size() - 2), ' ');
        parts.erase(std::remove(parts.begin(), parts.end(), ""), parts.end());
        if (parts.size() != 2) return at(f.name, line_no, "catalog.bad_block_header");
        if (parts[0] != "catalog" && parts[0] != "category" && parts[0] != "question")
          return at(f.name, line_no, "catalog.unknown_block", {{"kind", parts[0]}});
        blocks.push_back(Block{parts[0], parts[1], f.name, line_no, {}});
        current = &blocks.back();
        continue;
      }
      size_t eq = line.find('=');
      if (eq == std::string::npos) return at(f.name, line_no, "catalog.expected_key_value");
      if (!current) return at(f.name, line_no, "catalog.value_outside_block");
      std::string key = trim(std::string_view(line).substr(0, eq));
      std::string value = trim(std::string_view(line).substr(eq + 1));
      if (!current->keys.emplace(key, Entry{value, line_no}).second)
        return at(f.name, line_no, "catalog.duplicate_key", {{"key", key}});
    }
  }
  return blocks;
}

// Reads keys from one block; reports unknown and missing keys by line.
class KeyReader {
 public:
  explicit KeyReader(Block& b) : b_(b) {}
  std::optional<std::string> get(const std::string& key) {
    used_.insert(key);
    auto it = b_.keys.find(key);
    if (it == b_.keys.end()) return std::nullopt;
    return it->second.value;
  }
  int line_of(const std::string& key) const {
    auto it = b_.keys.find(key);
    return it == b_.keys.end() ? b_.line : it->second.line;
  }
  Status require(const std::string& key, std::string* out) {
    auto v = get(key);
    if (!v || v->empty()) return at(b_.file, b_.line, "catalog.missing_key", {{"id", b_.id}, {"key", key}});
    *out = *v;
    return Status::Ok();
  }
  Status text(const std::string& base, Text* out) {
    MAMORI_RETURN_IF_ERROR(require(base + ".ja", &out->ja));
    return require(base + ".en", &out->en);
  }
  // Keys that start with `prefix` in line order (e.g. "option.").
  std::vector<std::pair<std::string, Entry>> with_prefix(const std::string& prefix) {
    std::vector<std::pair<std::string, Entry>> out;
    for (auto& [k, e] : b_.keys)
      if (k.rfind(prefix, 0) == 0) {
        used_.insert(k);
        out.emplace_back(k.substr(prefix.size()), e);
      }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second.line < b.second.line; });
    return out;
  }
  Status no_unknown() const {
    for (auto& [k, e] : b_.keys)
      if (!used_.count(k)) return at(b_.file, e.line, "catalog.unknown_key", {{"key", k}});
    return Status::Ok();
  }
  const Block& block() const { return b_; }

 private:
  Block& b_;
  std::set<std::string> used_;
};

Result<Text> parse_pair(const std::string& file, int line, const std::string& v) {
  size_t bar = v.find('|');
  if (bar == std::string::npos || v.find('|', bar + 1) != std::string::npos)
    return at(file, line, "catalog.bad_option_format");
  Text t{trim(std::string_view(v).substr(0, bar)), trim(std::string_view(v).substr(bar + 1))};
  if (t.ja.empty() || t.en.empty()) return at(file, line, "catalog.option_needs_both");
  return t;
}

Status parse_question(Block& b, Catalog& cat, bool needs_lineage) {
  KeyReader k(b);
  Question q;
  q.id = b.id;
  q.file = b.file;
  q.line = b.line;
  if (!valid_id(q.id)) return at(b.file, b.line, "catalog.bad_question_id", {{"id", q.id}});
  std::string s;
  MAMORI_RETURN_IF_ERROR(k.require("category", &s));
  auto c = to_number(s);
  // Range first: converting a double beyond int's range (category = 1e300, found by
  // fuzz/catalog_fuzz.cpp) is undefined.
  bool known = c && *c >= 1 && *c <= kMaxCategories && *c == std::floor(*c);
  if (known)
    known = std::any_of(cat.categories.begin(), cat.categories.end(),
                        [&](const Category& x) { return x.number == static_cast<int>(*c); });
  if (!known)
    return at(b.file, k.line_of("category"), "catalog.bad_question_category",
              {{"value", s}, {"last", std::to_string(cat.categories.size())}});
  q.category = static_cast<int>(*c);
  MAMORI_RETURN_IF_ERROR(k.require("guideline", &q.guideline));
  if (!kGuidelineChapters.count(q.guideline))
    return at(b.file, k.line_of("guideline"), "catalog.unknown_guideline", {{"chapter", q.guideline}});
  MAMORI_RETURN_IF_ERROR(k.require("type", &s));
  auto t = parse_question_type(s);
  if (!t) return at(b.file, k.line_of("type"), "catalog.unknown_type", {{"type", s}});
  q.type = *t;
  MAMORI_RETURN_IF_ERROR(k.text("text", &q.text));
  MAMORI_RETURN_IF_ERROR(k.text("help", &q.help));
  MAMORI_RETURN_IF_ERROR(k.text("reason", &q.reason));
  auto boolean = [&](const std::string& key, bool def, bool* out) -> Status {
    auto v = k.get(key);
    if (!v) {
      *out = def;
      return Status::Ok();
    }
    if (*v != "true" && *v != "false") return at(b.file, k.line_of(key), "catalog.bad_boolean", {{"key", key}});
    *out = *v == "true";
    return Status::Ok();
  };
  MAMORI_RETURN_IF_ERROR(boolean("required", true, &q.required));
  MAMORI_RETURN_IF_ERROR(boolean("na", false, &q.na_allowed));

  for (auto& [key, e] : k.with_prefix("option.")) {
    if (!valid_option_key(key)) return at(b.file, e.line, "catalog.bad_option_key", {{"key", key}});
    auto label = parse_pair(b.file, e.line, e.value);
    if (!label.ok()) return label.status();
    q.options.push_back(Option{key, *label});
  }
  bool choice = q.type == QuestionType::kSingle || q.type == QuestionType::kMulti;
  if (choice && q.options.size() < 2) return at(b.file, b.line, "catalog.too_few_options");
  if (!choice && !q.options.empty()) return at(b.file, b.line, "catalog.options_not_allowed");

  for (const char* key : {"min", "max"}) {
    if (auto v = k.get(key)) {
      auto n = to_number(*v);
      if (!n) return at(b.file, k.line_of(key), "catalog.not_a_number", {{"key", std::string(key)}});
      if (q.type != QuestionType::kNumber && q.type != QuestionType::kPercent)
        return at(b.file, k.line_of(key), "catalog.min_max_not_allowed");
      (std::string(key) == "min" ? q.min : q.max) = n;
    }
  }
  if (q.type == QuestionType::kPercent) {
    if (!q.min) q.min = 0;
    if (!q.max) q.max = 100;
  }
  if (q.type == QuestionType::kNumber) {
    if (!q.min) q.min = 0;
    if (!q.max) q.max = 1e12;
  }
  if (q.min && q.max && *q.min > *q.max) return at(b.file, b.line, "catalog.min_above_max");
  if (auto v = k.get("unit.ja")) q.unit.ja = *v;
  if (auto v = k.get("unit.en")) q.unit.en = *v;
  if (auto v = k.get("max_length")) {
    auto n = to_number(*v);
    if (!n || *n < 1 || *n > 20000) return at(b.file, k.line_of("max_length"), "catalog.bad_max_length");
    q.max_length = static_cast<size_t>(*n);
  }
  if (auto v = k.get("reference_rate")) {
    auto n = to_number(*v);
    if (!n || *n < 0 || *n > 100) return at(b.file, k.line_of("reference_rate"), "catalog.bad_reference_rate");
    q.reference_rate = n;
  }
  if (auto v = k.get("source")) q.source = *v;

  if (auto v = k.get("implemented")) {
    int line = k.line_of("implemented");
    q.implemented.defined = true;
    if (v->rfind(">=", 0) == 0) {
      auto n = to_number(trim(v->substr(2)));
      if (!n) return at(b.file, line, "catalog.at_least_needs_number");
      if (q.type != QuestionType::kMaturity && q.type != QuestionType::kNumber && q.type != QuestionType::kPercent)
        return at(b.file, line, "catalog.at_least_not_allowed");
      q.implemented.at_least = n;
    } else {
      q.implemented.keys = split(*v, ',');
      for (const auto& key : q.implemented.keys) {
        bool ok = q.type == QuestionType::kYesNo ? (key == "yes" || key == "no") : choice && q.has_option(key);
        if (!ok) return at(b.file, line, "catalog.implemented_not_option", {{"key", key}});
      }
    }
  }

  if (auto v = k.get("show_if")) {
    int line = k.line_of("show_if");
    size_t pos = 0;
    std::string expr = *v;
    std::vector<std::string> parts;
    while (true) {
      size_t a = expr.find(" and ", pos);
      parts.push_back(trim(std::string_view(expr).substr(pos, a == std::string::npos ? std::string::npos : a - pos)));
      if (a == std::string::npos) break;
      pos = a + 5;
    }
    for (const auto& part : parts) {
      Clause cl;
      std::string rest;
      size_t sp = part.find(' ');
      if (sp == std::string::npos) return at(b.file, line, "catalog.unparsable_condition", {{"condition", part}});
      cl.subject = part.substr(0, sp);
      rest = trim(std::string_view(part).substr(sp + 1));
      size_t sp2 = rest.find(' ');
      if (sp2 == std::string::npos) return at(b.file, line, "catalog.condition_without_value", {{"condition", part}});
      std::string op = rest.substr(0, sp2);
      std::string values = trim(std::string_view(rest).substr(sp2 + 1));
      if (op == "=")
        cl.op = Clause::Op::kEq;
      else if (op == "!=")
        cl.op = Clause::Op::kNe;
      else if (op == "in")
        cl.op = Clause::Op::kIn;
      else if (op == "has")
        cl.op = Clause::Op::kHas;
      else
        return at(b.file, line, "catalog.unknown_operator", {{"op", op}});
      cl.values = cl.op == Clause::Op::kIn ? split(values, ',') : std::vector<std::string>{values};
      std::function<bool(const std::string&)> valid;
      if (cl.subject == "body.network_model")
        valid = [](const std::string& x) { return is_valid_network_model(x); };
      else if (cl.subject == "body.type")
        valid = [](const std::string& x) { return parse_body_type(x).has_value(); };
      else if (cl.subject == "body.core_city")
        valid = [](const std::string& x) { return x == "yes" || x == "no"; };
      else if (cl.subject == "body.population_band")
        valid = [](const std::string& x) { return is_valid_population_band(x); };
      else if (cl.subject.rfind("q:", 0) == 0)
        valid = nullptr;  // checked after all questions are read
      else
        return at(b.file, line, "catalog.unknown_subject", {{"subject", cl.subject}});
      if (cl.op == Clause::Op::kHas && cl.subject.rfind("q:", 0) != 0)
        return at(b.file, line, "catalog.has_needs_multi");
      if (valid)
        for (const auto& x : cl.values)
          if (!valid(x)) return at(b.file, line, "catalog.bad_condition_value", {{"value", x}});
      q.show_if.push_back(std::move(cl));
    }
  }

  if (auto v = k.get("lineage")) {
    int line = k.line_of("lineage");
    if (!needs_lineage) return at(b.file, line, "catalog.lineage_without_previous");
    size_t sp = v->find(' ');
    std::string kind = v->substr(0, sp);
    std::vector<std::string> from =
        sp == std::string::npos ? std::vector<std::string>{} : split(v->substr(sp + 1), ',');
    if (kind == "same")
      q.lineage.kind = LineageKind::kSame;
    else if (kind == "reworded")
      q.lineage.kind = LineageKind::kReworded;
    else if (kind == "split")
      q.lineage.kind = LineageKind::kSplit;
    else if (kind == "merged")
      q.lineage.kind = LineageKind::kMerged;
    else if (kind == "new")
      q.lineage.kind = LineageKind::kNew;
    else
      return at(b.file, line, "catalog.unknown_lineage", {{"kind", kind}});
    size_t want_min = q.lineage.kind == LineageKind::kNew ? 0 : q.lineage.kind == LineageKind::kMerged ? 2 : 1;
    size_t want_max = q.lineage.kind == LineageKind::kNew ? 0 : q.lineage.kind == LineageKind::kMerged ? 100 : 1;
    if (from.size() < want_min || from.size() > want_max)
      return at(b.file, line, "catalog.lineage_wrong_count", {{"kind", kind}});
    for (const auto& id : from)
      if (!valid_id(id)) return at(b.file, line, "catalog.bad_lineage_id", {{"id", id}});
    q.lineage.from = std::move(from);
  } else if (needs_lineage) {
    return at(b.file, b.line, "catalog.missing_lineage", {{"id", q.id}});
  }
  MAMORI_RETURN_IF_ERROR(k.no_unknown());
  if (cat.index.count(q.id)) return at(b.file, b.line, "catalog.duplicate_question_id", {{"id", q.id}});
  cat.index[q.id] = cat.questions.size();
  cat.questions.push_back(std::move(q));
  return Status::Ok();
}

Status check_conditions(const Catalog& cat) {
  for (const auto& q : cat.questions) {
    for (const auto& cl : q.show_if) {
      if (cl.subject.rfind("q:", 0) != 0) continue;
      std::string ref = cl.subject.substr(2);
      const Question* target = cat.find(ref);
      if (!target) return at(q.file, q.line, "catalog.unknown_condition_question", {{"question", ref}});
      if (cl.op == Clause::Op::kHas && target->type != QuestionType::kMulti)
        return at(q.file, q.line, "catalog.has_needs_multi");
      for (const auto& v : cl.values) {
        bool ok = target->type == QuestionType::kYesNo ? (v == "yes" || v == "no")
                  : (target->type == QuestionType::kSingle || target->type == QuestionType::kMulti)
                      ? target->has_option(v)
                      : true;
        if (!ok) return at(q.file, q.line, "catalog.condition_value_not_option", {{"value", v}, {"question", ref}});
      }
    }
  }
  // Cycle detection over q: references (white/grey/black DFS).
  std::vector<int> color(cat.questions.size(), 0);
  std::function<const Question*(size_t)> visit = [&](size_t i) -> const Question* {
    color[i] = 1;
    for (const auto& cl : cat.questions[i].show_if) {
      if (cl.subject.rfind("q:", 0) != 0) continue;
      size_t j = cat.index.find(cl.subject.substr(2))->second;
      if (color[j] == 1) return &cat.questions[i];
      if (color[j] == 0)
        if (auto* bad = visit(j)) return bad;
    }
    color[i] = 2;
    return nullptr;
  };
  for (size_t i = 0; i < cat.questions.size(); ++i)
    if (color[i] == 0)
      if (const Question* bad = visit(i)) return at(bad->file, bad->line, "catalog.condition_cycle", {{"id", bad->id}});
  return Status::Ok();
}

}  // namespace

Result<Catalog> parse_catalog(const std::vector<SourceFile>& files) {
  auto blocks = read_blocks(files);
  if (!blocks.ok()) return blocks.status();
  Catalog cat;
  bool have_header = false;
  std::string first_file = files.empty() ? "(none)" : files.front().name;
  for (auto& b : *blocks) {
    if (b.kind != "catalog") continue;
    if (have_header) return at(b.file, b.line, "catalog.duplicate_catalog_block");
    have_header = true;
    KeyReader k(b);
    cat.id = b.id;
    if (!valid_id(cat.id)) return at(b.file, b.line, "catalog.bad_catalog_id");
    std::string fy;
    MAMORI_RETURN_IF_ERROR(k.require("fiscal_year", &fy));
    auto n = to_number(fy);
    if (!n || *n < 2000 || *n > 2100) return at(b.file, k.line_of("fiscal_year"), "catalog.bad_fiscal_year");
    cat.fiscal_year = static_cast<int>(*n);
    MAMORI_RETURN_IF_ERROR(k.text("title", &cat.title));
    if (auto p = k.get("previous")) cat.previous = *p;
    if (auto q = k.get("questions_from")) cat.questions_from = *q;  // the loader adds that folder's files
    MAMORI_RETURN_IF_ERROR(k.no_unknown());
  }
  if (!have_header) return at(first_file, 1, "catalog.missing_catalog_block");
  for (auto& b : *blocks) {
    if (b.kind != "category") continue;
    KeyReader k(b);
    auto n = to_number(b.id);
    if (!n || *n < 1 || *n > kMaxCategories || *n != static_cast<int>(*n))
      return at(b.file, b.line, "catalog.bad_category_number", {{"max", std::to_string(kMaxCategories)}});
    Category c;
    c.number = static_cast<int>(*n);
    MAMORI_RETURN_IF_ERROR(k.text("name", &c.name));
    MAMORI_RETURN_IF_ERROR(k.no_unknown());
    for (const auto& e : cat.categories)
      if (e.number == c.number) return at(b.file, b.line, "catalog.duplicate_category", {{"number", b.id}});
    cat.categories.push_back(c);
  }
  std::sort(cat.categories.begin(), cat.categories.end(), [](auto& a, auto& b) { return a.number < b.number; });
  // Categories are numbered 1, 2, … without a gap: the number is the survey's own section
  // number, shown to people and used in the URLs.
  for (size_t i = 0; i < cat.categories.size() || i == 0; ++i)
    if (i >= cat.categories.size() || cat.categories[i].number != static_cast<int>(i + 1))
      return at(first_file, 1, "catalog.missing_categories", {{"number", std::to_string(i + 1)}});
  for (auto& b : *blocks)
    if (b.kind == "question") MAMORI_RETURN_IF_ERROR(parse_question(b, cat, !cat.previous.empty()));
  if (cat.questions.empty()) return at(first_file, 1, "catalog.no_questions");
  std::map<int, int> position;
  for (auto& q : cat.questions) q.number = std::to_string(q.category) + "-" + std::to_string(++position[q.category]);
  MAMORI_RETURN_IF_ERROR(check_conditions(cat));
  return cat;
}

Status validate_lineage(const Catalog& current, const Catalog& previous) {
  std::map<std::string, int> split_count;
  for (const auto& q : current.questions) {
    for (const auto& id : q.lineage.from) {
      const Question* old = previous.find(id);
      if (!old) return at(q.file, q.line, "catalog.unknown_previous_question", {{"previous", previous.id}, {"id", id}});
      if (q.lineage.kind == LineageKind::kSplit) ++split_count[id];
    }
  }
  for (const auto& q : current.questions)
    if (q.lineage.kind == LineageKind::kSplit && split_count[q.lineage.from[0]] < 2)
      return at(q.file, q.line, "catalog.lonely_split", {{"id", q.lineage.from[0]}});
  return Status::Ok();
}

}  // namespace mamori
