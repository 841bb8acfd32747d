// Answers: value validation, visibility (show_if) and carry-over through the
// catalogue lineage. Values are JSON: "yes"/"no", an option key, an array of
// option keys, a number, "YYYY-MM-DD", text, or a maturity level 0–4.
#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "domain/body.h"
#include "domain/catalog.h"

namespace mamori {

enum class AnswerState { kCarriedOver, kConfirmed, kChanged, kNew };
std::string_view to_string(AnswerState s);

// Ok when `v` is a valid value for `q`; otherwise InvalidArgument
// "invalid_value" with a field message under "value".
Status validate_value(const Question& q, const boost::json::value& v);

// A valid value in its one stored form: multi-choice keys in option order
// (so the same choices always compare equal); other values unchanged.
boost::json::value canonical_value(const Question& q, const boost::json::value& v);

// Whether `q` is shown to `body` given the current answers (`answer_of`
// returns nullptr when unanswered). A condition on a hidden question is false.
using AnswerLookup = std::function<const boost::json::value*(const std::string& question_id)>;
bool is_visible(const Catalog& cat, const Question& q, const Body& body, const AnswerLookup& answer_of);

// Parsed answer values by question id, to answer is_visible's and scoring's lookups.
// lookup() refers to this object, which must outlive its use.
class AnswerValues {
 public:
  void set(const std::string& question_id, boost::json::value v) { values_[question_id] = std::move(v); }
  // Parses `json` (stored answer text); an empty or unparsable one counts as unanswered.
  void set_json(const std::string& question_id, const std::optional<std::string>& json);
  void clear() { values_.clear(); }
  const boost::json::value* find(const std::string& question_id) const {
    auto it = values_.find(question_id);
    return it == values_.end() ? nullptr : &it->second;
  }
  AnswerLookup lookup() const {
    return [this](const std::string& id) { return find(id); };
  }

 private:
  std::map<std::string, boost::json::value, std::less<>> values_;
};

// Whether `v` counts as implemented for `q` (false when q has no rule).
bool is_implemented(const Question& q, const boost::json::value& v);

// What a new question gets when a campaign opens, from last year's answers.
struct CarriedValue {
  std::optional<boost::json::value> value;  // pre-filled value, if any
  // Last year's value shown beside it; for a merge whose old values differ,
  // {"merged_from": {old id: value, …}} so both can be shown.
  std::optional<boost::json::value> previous;
  AnswerState state = AnswerState::kNew;
  bool needs_confirmation = false;  // merged with differing values
};
// `old_answer` returns last year's value of a previous-catalogue question, or
// nullptr. Types must match for a value to carry (option keys must exist).
CarriedValue carry_over(const Question& q, const Catalog& previous,
                        const std::function<const boost::json::value*(const std::string&)>& old_answer);

// The state an answer takes when saved with `value` (nullopt: cleared),
// given last year's value.
AnswerState state_after_save(const std::optional<boost::json::value>& value,
                             const std::optional<boost::json::value>& previous);

}  // namespace mamori
