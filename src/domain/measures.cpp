#include "domain/measures.h"

#include <algorithm>

#include "domain/ministry.h"

namespace mamori {

namespace {

constexpr const char* kCode = "invalid_measures";

Status parse_one(const TextBlock& b, MeasureBank& bank) {
  KeyReader k(b, kCode);
  Measure m;
  m.id = b.id;
  m.file = b.file;
  m.line = b.line;
  if (!valid_id(m.id)) return k.error(b.line, "measures.bad_id", {{"id", m.id}});
  if (bank.find(m.id)) return k.error(b.line, "measures.duplicate_id", {{"id", m.id}});
  MAMORI_RETURN_IF_ERROR(k.text("definition", &m.definition));
  std::string s;
  MAMORI_RETURN_IF_ERROR(k.require("type", &s));
  auto t = parse_question_type(s);
  if (!t) return k.error(k.line_of("type"), "catalog.unknown_type", {{"type", s}});
  m.type = *t;
  MAMORI_ASSIGN_OR_RETURN(m.options, read_options(k));
  const bool choice = m.type == QuestionType::kSingle || m.type == QuestionType::kMulti;
  if (choice && m.options.size() < 2) return k.error(b.line, "catalog.too_few_options");
  if (!choice && !m.options.empty()) return k.error(b.line, "catalog.options_not_allowed");
  const bool numeric = m.type == QuestionType::kNumber || m.type == QuestionType::kPercent;
  if (auto v = k.get("unit")) {
    if (!numeric) return k.error(k.line_of("unit"), "catalog.unit_not_allowed", {{"key", "unit"}});
    if (!valid_option_key(*v)) return k.error(k.line_of("unit"), "catalog.bad_unit_code", {{"value", *v}});
    m.unit = *v;
  }
  if (auto v = k.get("per")) {
    if (!numeric) return k.error(k.line_of("per"), "catalog.unit_not_allowed", {{"key", "per"}});
    if (*v != "year" && *v != "month") return k.error(k.line_of("per"), "catalog.bad_per", {{"value", *v}});
    m.per = *v;
  }
  MAMORI_RETURN_IF_ERROR(k.require("steward", &m.steward));
  if (!find_ministry(m.steward)) return k.error(k.line_of("steward"), "measures.unknown_steward", {{"steward", m.steward}});
  MAMORI_RETURN_IF_ERROR(k.require("version", &s));
  auto version = to_number(s);
  if (!version || *version < 1 || *version > 1000 || *version != static_cast<int>(*version))
    return k.error(k.line_of("version"), "measures.bad_version");
  m.version = static_cast<int>(*version);
  MAMORI_RETURN_IF_ERROR(k.require("state", &s));
  if (s != "agreed" && s != "proposed") return k.error(k.line_of("state"), "measures.bad_state", {{"state", s}});
  m.agreed = s == "agreed";
  MAMORI_RETURN_IF_ERROR(k.no_unknown());
  bank.by_id.emplace(m.id, std::move(m));
  return Status::Ok();
}

}  // namespace

bool Measure::has_option(std::string_view key) const {
  return std::any_of(options.begin(), options.end(), [&](const Option& o) { return o.key == key; });
}

Result<MeasureBank> parse_measure_bank(const std::vector<SourceFile>& files) {
  MAMORI_ASSIGN_OR_RETURN(std::vector<TextBlock> blocks, read_blocks(files, {"measure"}, kCode));
  MeasureBank bank;
  for (const auto& b : blocks) MAMORI_RETURN_IF_ERROR(parse_one(b, bank));
  if (bank.by_id.empty())
    return text_error(kCode, files.empty() ? "(none)" : files.front().name, 1, "measures.empty_bank");
  return bank;
}

}  // namespace mamori
