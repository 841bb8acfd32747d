// Reuse between surveys (docs/MEASURES.md): what a survey item becomes when the body's
// answer to its measure changes in another survey. Pure rules; the store applies them inside
// the write that saved the source answer (ports/reuse.h), and when a campaign opens.
//
// The states of a reused item (answer_reuse.state):
//   filled    — an `equal` item took the measure's value; nobody here confirmed it yet
//   proposed  — a partial item (subset/superset/intersect): the value waits as 要確認
//   confirmed — a person here took the value or gave their own; a later change never
//               overwrites it
//   rejected  — a person here kept their own value against the one offered
//   recheck   — the source changed after the item was filled or decided: 要再確認
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/model.h"
#include "domain/survey_mapping.h"

namespace mamori {

enum class ReuseState { kFilled, kProposed, kConfirmed, kRejected, kRecheck };
std::string_view to_string(ReuseState s);
std::optional<ReuseState> parse_reuse_state(std::string_view s);

// What an item holds from its measure.
struct ReuseMark {
  std::string measure_id;
  Relation relation = Relation::kEqual;
  ReuseState state = ReuseState::kFilled;
  std::optional<std::string> candidate;  // the measure's value in the item's terms (JSON)
  int64_t measure_revision = 0;          // of the body's measure answer the candidate is from
  // Whether the item's answer is the measure's (filled, or recheck after filled) rather than
  // a person's here: only such an answer follows the source.
  bool answer_follows = false;
};

// What to write for one target item.
struct ReuseDecision {
  std::optional<std::optional<std::string>> answer;  // set: store this value (JSON, or cleared)
  ReuseMark mark;
};

// Whether two stored values (JSON text, none when empty) are the same value: "3" and "3.0"
// are one number.
bool same_json_value(const std::optional<std::string>& a, const std::optional<std::string>& b);

// Whether `answer` holds what a person gave or confirmed in this survey: a value or 該当なし,
// not one that follows the measure, nor last year's value carried over and not yet confirmed.
bool person_holds(const AnswerRecord& answer, const std::optional<ReuseMark>& mark);

// The target `answer` (with its mark, if any) of an item mapped to the measure by `relation`,
// when the measure's value became `candidate` (the item's terms; nullopt: no counterpart or
// cleared) at `revision`:
//  * equal, and the item does not hold a person's value: the answer takes the candidate;
//    the mark is `filled` the first time and `recheck` when it had followed before;
//  * equal or partial, and a person holds the value: the answer stays, the mark is `recheck`
//    with the candidate (never silently overwritten);
//  * partial, nobody holds a value: the answer stays, the mark is `proposed`;
//  * a candidate equal to the answer: nothing to check — `confirmed` if a person held it,
//    else `filled`.
ReuseDecision decide_reuse(Relation relation, const std::string& measure_id, const AnswerRecord& answer,
                           const std::optional<ReuseMark>& mark, const std::optional<std::string>& candidate,
                           int64_t revision);

// The mark after a person saved the item here with `saved` (JSON, none when cleared): still
// `confirmed` from the measure when the value is the one offered; none otherwise — the item is
// now the measure's source, not a taker.
std::optional<ReuseMark> after_person_save(ReuseMark mark, const std::optional<std::string>& saved);

}  // namespace mamori
