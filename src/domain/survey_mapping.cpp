#include "domain/survey_mapping.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

namespace mamori {

namespace json = boost::json;

namespace {

constexpr const char* kCode = "invalid_measures";

bool is_choice(QuestionType t) {
  return t == QuestionType::kYesNo || t == QuestionType::kSingle || t == QuestionType::kMulti;
}
bool is_numeric(QuestionType t) { return t == QuestionType::kNumber || t == QuestionType::kPercent; }

// The answer keys of a choice type: yes/no, or the option keys.
std::set<std::string> keys_of(QuestionType t, const std::vector<Option>& options) {
  if (t == QuestionType::kYesNo) return {"yes", "no"};
  std::set<std::string> out;
  for (const auto& o : options) out.insert(o.key);
  return out;
}

Result<Transform> parse_transform(const std::vector<std::string>& words, const std::string& file, int line) {
  Transform t;
  if (words.empty()) return t;
  auto bad = [&] { return text_error(kCode, file, line, "measures.bad_transform", {{"transform", words[0]}}); };
  if (words.size() != 2) return bad();
  if (words[0] == "scale") {
    auto f = to_number(words[1]);
    if (!f || *f <= 0) return bad();
    t.kind = Transform::Kind::kScale;
    t.factor = *f;
    return t;
  }
  if (words[0] == "map") {
    t.kind = Transform::Kind::kMap;
    for (const auto& pair : split(words[1], ',')) {
      auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) return bad();
      t.pairs.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    return t;
  }
  return bad();
}

// The rules a mapping line must hold between its item and its measure.
Status check_types(const ItemMapping& m, const Question& q, const Measure& measure) {
  auto error = [&](const char* why, MessageArgs args = {}) {
    args.insert(args.end(), {{"item", q.id}, {"measure", measure.id}});
    return text_error(kCode, m.file, m.line, why, std::move(args));
  };
  const Transform& t = m.transform;
  if (t.kind == Transform::Kind::kScale) {
    if (!is_numeric(q.type) || !is_numeric(measure.type)) return error("measures.scale_needs_numbers");
    return Status::Ok();
  }
  if (t.kind == Transform::Kind::kMap) {
    if (!is_choice(q.type) || !is_choice(measure.type) ||
        (q.type == QuestionType::kMulti) != (measure.type == QuestionType::kMulti))
      return error("measures.map_needs_choices");
    const auto item_keys = keys_of(q.type, q.options), measure_keys = keys_of(measure.type, measure.options);
    std::set<std::string> from, to;
    for (const auto& [a, b] : t.pairs) {
      if (!item_keys.count(a)) return error("measures.map_unknown_item_key", {{"key", a}});
      if (!measure_keys.count(b)) return error("measures.map_unknown_measure_key", {{"key", b}});
      if (!from.insert(a).second || !to.insert(b).second) return error("measures.map_not_one_to_one");
    }
    if (m.relation == Relation::kEqual && (from != item_keys || to != measure_keys)) return error("measures.map_incomplete");
    return Status::Ok();
  }
  if (q.type != measure.type)
    return error("measures.incompatible_types",
                 {{"item_type", std::string(to_string(q.type))}, {"measure_type", std::string(to_string(measure.type))}});
  if (m.relation != Relation::kEqual) return Status::Ok();
  if (is_choice(q.type) && keys_of(q.type, q.options) != keys_of(measure.type, measure.options))
    return error("measures.equal_options_differ");
  if (is_numeric(q.type) && (q.unit_code != measure.unit || q.per != measure.per)) {
    auto show = [](const std::string& unit, const std::string& per) {
      return (unit.empty() ? std::string("-") : unit) + "/" + (per.empty() ? std::string("-") : per);
    };
    return error("measures.equal_needs_transform",
                 {{"item_unit", show(q.unit_code, q.per)}, {"measure_unit", show(measure.unit, measure.per)}});
  }
  return Status::Ok();
}

std::optional<std::string> mapped(const Transform& t, const std::string& key, bool forward) {
  for (const auto& [a, b] : t.pairs)
    if ((forward ? a : b) == key) return forward ? b : a;
  return std::nullopt;
}

std::optional<json::value> convert(const ItemMapping& m, const json::value& v, bool forward) {
  const Transform& t = m.transform;
  if (t.kind == Transform::Kind::kNone) return v;
  if (t.kind == Transform::Kind::kScale) {
    if (!v.is_number()) return std::nullopt;
    const double x = v.to_number<double>();
    const double y = forward ? x * t.factor : x / t.factor;
    return json::value(y);
  }
  if (v.is_string()) {
    auto key = mapped(t, std::string(v.as_string()), forward);
    if (!key) return std::nullopt;
    return json::value(*key);
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.as_array()) {
      if (!e.is_string()) return std::nullopt;
      auto key = mapped(t, std::string(e.as_string()), forward);
      if (!key) return std::nullopt;
      out.push_back(json::value(*key));
    }
    return json::value(std::move(out));
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Relation r) {
  switch (r) {
    case Relation::kEqual: return "equal";
    case Relation::kSubset: return "subset";
    case Relation::kSuperset: return "superset";
    case Relation::kIntersect: return "intersect";
  }
  return "equal";
}

std::optional<Relation> parse_relation(std::string_view s) {
  for (Relation r : {Relation::kEqual, Relation::kSubset, Relation::kSuperset, Relation::kIntersect})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

const ItemMapping* SurveyMapping::find(std::string_view question_id) const {
  auto it = by_question.find(question_id);
  return it == by_question.end() ? nullptr : &items[it->second];
}

const ItemMapping* SurveyMapping::find_measure(std::string_view measure_id) const {
  for (const auto& m : items)
    if (m.measure_id == measure_id) return &m;
  return nullptr;
}

Result<SurveyMapping> parse_survey_mapping(const SourceFile& file, const Catalog& catalog, const MeasureBank& bank) {
  SurveyMapping out;
  out.catalog_id = catalog.id;
  std::istringstream in(file.content);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    std::string text = trim(raw);
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> words;
    std::istringstream w(text);
    for (std::string word; w >> word;) words.push_back(word);
    auto error = [&](const char* why, MessageArgs args = {}) { return text_error(kCode, file.name, line, why, std::move(args)); };
    if (words.size() < 3) return error("measures.bad_mapping_line");
    ItemMapping m;
    m.question_id = words[0];
    m.measure_id = words[2];
    m.file = file.name;
    m.line = line;
    const Question* q = catalog.find(m.question_id);
    if (!q) return error("measures.unknown_item", {{"item", m.question_id}, {"catalog", catalog.id}});
    auto relation = parse_relation(words[1]);
    if (!relation) return error("measures.unknown_relation", {{"relation", words[1]}});
    m.relation = *relation;
    const Measure* measure = bank.find(m.measure_id);
    if (!measure) return error("measures.unknown_measure", {{"measure", m.measure_id}});
    MAMORI_ASSIGN_OR_RETURN(m.transform,
                            parse_transform(std::vector<std::string>(words.begin() + 3, words.end()), file.name, line));
    if (out.by_question.count(m.question_id)) return error("measures.item_mapped_twice", {{"item", m.question_id}});
    MAMORI_RETURN_IF_ERROR(check_types(m, *q, *measure));
    out.by_question.emplace(m.question_id, out.items.size());
    out.items.push_back(std::move(m));
  }
  return out;
}

std::optional<json::value> item_to_measure(const ItemMapping& m, const json::value& item_value) {
  return convert(m, item_value, true);
}

std::optional<json::value> measure_to_item(const ItemMapping& m, const json::value& measure_value) {
  return convert(m, measure_value, false);
}

}  // namespace mamori
