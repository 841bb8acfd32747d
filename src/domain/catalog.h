// Catalogue: the survey definition of one fiscal year (see docs/CATALOG_FORMAT.md).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mamori {

enum class QuestionType { kYesNo, kSingle, kMulti, kNumber, kPercent, kDate, kText, kMaturity };
std::string_view to_string(QuestionType t);
std::optional<QuestionType> parse_question_type(std::string_view s);

struct Text {
  std::string ja;
  std::string en;
};

struct Option {
  std::string key;
  Text label;
};

// One clause of a show_if condition.
struct Clause {
  enum class Op { kEq, kNe, kIn, kHas };
  std::string subject;  // "body.network_model", …, or "q:<id>"
  Op op = Op::kEq;
  std::vector<std::string> values;
};

enum class LineageKind { kNone, kSame, kReworded, kSplit, kMerged, kNew };
std::string_view to_string(LineageKind k);

struct Lineage {
  LineageKind kind = LineageKind::kNone;
  std::vector<std::string> from;  // previous-catalogue question ids
};

// How an answer counts as "implemented" for scoring.
struct Implemented {
  bool defined = false;
  std::vector<std::string> keys;   // yes_no/single/multi: any of these
  std::optional<double> at_least;  // maturity/number/percent: value >= this
};

struct Question {
  std::string id;
  int category = 0;
  // What people call the question: "<category>-<position among the category's questions in
  // display order>", e.g. "5-12" (set by parse_catalog; docs/CATALOG_FORMAT.md).
  std::string number;
  std::string guideline;
  QuestionType type = QuestionType::kYesNo;
  Text text, help, reason;
  bool required = true;
  bool na_allowed = false;
  std::vector<Option> options;
  std::optional<double> min, max;
  Text unit;
  // For number/percent items that a measure is mapped to (docs/MEASURES.md): the unit as a
  // code ("count", "devices", …) and what a count is per ("year", "month"; "" for a state).
  std::string unit_code;
  std::string per;
  size_t max_length = 2000;
  std::vector<Clause> show_if;  // all must hold
  Lineage lineage;
  Implemented implemented;
  std::optional<double> reference_rate;
  std::string source;
  std::string file;  // where it was defined, for messages
  int line = 0;

  bool has_option(std::string_view key) const;
};

struct Category {
  int number = 0;
  Text name;
};

struct Catalog {
  std::string id;
  int fiscal_year = 0;
  std::string previous;  // "" for none
  std::string questions_from;  // "" or the catalogue whose categories and questions this one repeats
  // The survey family: the ministry whose survey this is (domain/ministry.h), "mic" unless
  // the file says; `sample` marks a survey authored for the product, not a real one.
  std::string family = "mic";
  bool sample = false;
  Text title;
  std::vector<Category> categories;  // 1…8 in order
  std::vector<Question> questions;   // display order

  const Question* find(std::string_view id) const;
  std::map<std::string, size_t, std::less<>> index;  // id → position in questions
};

// Maturity levels 0–4 and their labels.
const std::vector<Option>& maturity_levels();

}  // namespace mamori

namespace mamori {

// All catalogues known to the server, by id; lineage validated between each
// catalogue and its `previous`.
struct CatalogSet {
  std::map<std::string, Catalog, std::less<>> by_id;
  const Catalog* find(std::string_view id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second;
  }
};

}  // namespace mamori
