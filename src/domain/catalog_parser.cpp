#include "domain/catalog_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

#include "domain/body.h"
#include "domain/ministry.h"

namespace mamori {

namespace {

const std::set<std::string, std::less<>> kGuidelineChapters = {
    "1",   "2",   "3",   "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4",
    "6.5", "6.6", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "8.1", "8.2", "8.3", "8.4", "9.1", "9.2", "9.3"};

// A survey has at most this many categories (a limit, not a rule of the format).
constexpr int kMaxCategories = 99;
constexpr const char* kCode = "invalid_catalog";

// InvalidArgument "invalid_catalog" at file:line; `why` is the key of the message
// (base/messages.cpp, "catalog.*"), `args` fill it.
Status at(const std::string& file, int line, const char* why, MessageArgs args = {}) {
  return text_error(kCode, file, line, why, std::move(args));
}

Status parse_question(const TextBlock& b, Catalog& cat, bool needs_lineage) {
  KeyReader k(b, kCode);
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

  MAMORI_ASSIGN_OR_RETURN(q.options, read_options(k));
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
  for (const char* key : {"unit", "per"}) {
    auto v = k.get(key);
    if (!v) continue;
    if (q.type != QuestionType::kNumber && q.type != QuestionType::kPercent)
      return at(b.file, k.line_of(key), "catalog.unit_not_allowed", {{"key", key}});
    if (std::string(key) == "per" && *v != "year" && *v != "month")
      return at(b.file, k.line_of(key), "catalog.bad_per", {{"value", *v}});
    if (std::string(key) == "unit" && !valid_option_key(*v))
      return at(b.file, k.line_of(key), "catalog.bad_unit_code", {{"value", *v}});
    (std::string(key) == "unit" ? q.unit_code : q.per) = *v;
  }
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
  auto blocks = read_blocks(files, {"catalog", "category", "question"}, kCode);
  if (!blocks.ok()) return blocks.status();
  Catalog cat;
  bool have_header = false;
  std::string first_file = files.empty() ? "(none)" : files.front().name;
  for (auto& b : *blocks) {
    if (b.kind != "catalog") continue;
    if (have_header) return at(b.file, b.line, "catalog.duplicate_catalog_block");
    have_header = true;
    KeyReader k(b, kCode);
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
    if (auto f = k.get("family")) {
      if (!find_ministry(*f)) return at(b.file, k.line_of("family"), "catalog.unknown_family", {{"family", *f}});
      cat.family = *f;
    }
    if (auto v = k.get("sample")) {
      if (*v != "true" && *v != "false") return at(b.file, k.line_of("sample"), "catalog.bad_boolean", {{"key", "sample"}});
      cat.sample = *v == "true";
    }
    MAMORI_RETURN_IF_ERROR(k.no_unknown());
  }
  if (!have_header) return at(first_file, 1, "catalog.missing_catalog_block");
  for (auto& b : *blocks) {
    if (b.kind != "category") continue;
    KeyReader k(b, kCode);
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
