#pragma once
// Reuse between surveys (docs/MEASURES.md): a body's one answer to each common measure per
// fiscal year, whichever ministry's survey it was given in, and what each survey item took
// from it (domain/reuse.h for the rules).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/model.h"
#include "domain/reuse.h"

namespace mamori::ports {

// The body's answer to a measure for one fiscal year, with where it was given.
struct MeasureAnswer {
  std::string body_code;
  std::string measure_id;
  int fiscal_year = 0;
  std::optional<std::string> value_json;  // in the measure's terms; none when cleared
  int64_t revision = 0;                   // bumped by every change of value
  int64_t source_response_id = 0;
  std::string source_question_id;
  int64_t source_campaign_id = 0;
  std::string source_catalog_id;
  std::optional<int64_t> given_by;
  std::string given_by_name;
  std::string given_at;
  std::optional<int64_t> confirmed_by;  // a person of another survey took it as theirs
  std::string confirmed_by_name;
  std::optional<std::string> confirmed_at;
};

// What a survey item holds from its measure, with the measure's answer it came from.
struct ItemReuse {
  std::string question_id;
  ReuseMark mark;
  std::optional<MeasureAnswer> source;  // none when the measure's answer was removed
};

// An item of another survey mapped to the same measure. `candidate(measure value)` is the
// measure's value in that item's terms, checked against its question (nullopt: no
// counterpart). Runs inside the write: it must not call the store.
struct ReuseItemTarget {
  std::string question_id;
  Relation relation = Relation::kEqual;
  std::function<std::optional<std::string>(const std::optional<std::string>&)> candidate;
};

// Where a saved item's value goes, fixed by the crosswalk (built once at start): its agreed
// measure, the item's value in the measure's terms (`to_measure`, nullopt: no counterpart),
// and every item of the other surveys mapped to the measure, by catalogue.
struct ReuseRoute {
  std::string measure_id;
  std::function<std::optional<std::string>(const std::optional<std::string>&)> to_measure;
  std::map<std::string, std::vector<ReuseItemTarget>, std::less<>> by_catalog;
};

// Given to ResponseRepository::save_answer with a person's save of an item that has a route:
// in the same write the body's measure answer for the fiscal year takes the saved value, and
// the route's items in the body's other responses of that fiscal year — in open campaigns,
// still open to changes (draft or returned, not locked) — are decided by decide_reuse(). The
// saved item's own mark follows after_person_save(). Nothing fans out when the value did not
// change.
struct ReuseFanout {
  std::string body_code;
  int fiscal_year = 0;
  std::shared_ptr<const ReuseRoute> route;
};

// A person's decision on a value offered to an item (要確認 / 要再確認).
struct ReuseDecisionRequest {
  int64_t response_id = 0;
  std::string question_id;
  bool accept = false;           // take the offered value, or keep the item's own
  int64_t seen_revision = 0;     // the measure revision the person saw
  int64_t revision = 0;          // the response's revision the request decided on
  int64_t user_id = 0;
};

// How many items of each response hold a value from another survey (filled or confirmed
// from a measure answer given elsewhere), and how many wait for a person (proposed,
// recheck).
struct ReuseCounts {
  int64_t filled = 0;
  int64_t waiting = 0;
};

// Thread-safe. A write that returns an error has changed nothing.
class ReuseRepository {
 public:
  virtual ~ReuseRepository() = default;
  // Every item of a response that holds something from a measure, by question id.
  virtual Result<std::map<std::string, ItemReuse>> reuse_of(int64_t response_id) = 0;
  // The measure answers of every body for one fiscal year: body → measure → answer.
  virtual Result<std::map<std::string, std::map<std::string, MeasureAnswer>>> measure_answers(int fiscal_year) = 0;
  // Applies a person's decision: accepting stores the offered value (one history row) and
  // marks the item confirmed; rejecting keeps the answer and marks it rejected. Aborted
  // "reuse_changed" (with the offered value as it is now) when the measure moved on since
  // `seen_revision`; NotFound "reuse_not_found" when nothing is offered; the response's own
  // rules as save_answer (ContextChanged as FailedPrecondition "state_changed", a locked or
  // read-only response).
  virtual Result<AnswerRecord> decide(const ReuseDecisionRequest& request) = 0;
  // Per response of a campaign (response id → counts).
  virtual Result<std::map<int64_t, ReuseCounts>> counts(int64_t campaign_id) = 0;
  // Every item filled from another survey, across all campaigns: the entries bodies did not
  // have to make again.
  virtual Result<int64_t> entries_saved() = 0;
};

}  // namespace mamori::ports
