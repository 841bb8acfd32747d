#include "domain/catalog.h"

#include <array>

namespace mamori {

namespace {
constexpr std::array<std::pair<QuestionType, std::string_view>, 8> kTypes{{
    {QuestionType::kYesNo, "yes_no"},
    {QuestionType::kSingle, "single"},
    {QuestionType::kMulti, "multi"},
    {QuestionType::kNumber, "number"},
    {QuestionType::kPercent, "percent"},
    {QuestionType::kDate, "date"},
    {QuestionType::kText, "text"},
    {QuestionType::kMaturity, "maturity"},
}};
}  // namespace

std::string_view to_string(QuestionType t) {
  for (auto& [k, v] : kTypes)
    if (k == t) return v;
  return "text";
}

std::optional<QuestionType> parse_question_type(std::string_view s) {
  for (auto& [k, v] : kTypes)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view to_string(LineageKind k) {
  switch (k) {
    case LineageKind::kNone:
      return "none";
    case LineageKind::kSame:
      return "same";
    case LineageKind::kReworded:
      return "reworded";
    case LineageKind::kSplit:
      return "split";
    case LineageKind::kMerged:
      return "merged";
    case LineageKind::kNew:
      return "new";
  }
  return "none";
}

bool Question::has_option(std::string_view key) const {
  for (const auto& o : options)
    if (o.key == key) return true;
  return false;
}

const Question* Catalog::find(std::string_view qid) const {
  auto it = index.find(qid);
  return it == index.end() ? nullptr : &questions[it->second];
}

const std::vector<Option>& maturity_levels() {
  static const std::vector<Option> kLevels = {
      {"0", {"未実施", "Not implemented"}},
      {"1", {"計画中", "Planned"}},
      {"2", {"一部実施", "Partly implemented"}},
      {"3", {"実施済み", "Implemented"}},
      {"4", {"実施・定期的に見直し", "Implemented and regularly reviewed"}},
  };
  return kLevels;
}

}  // namespace mamori
