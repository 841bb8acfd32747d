#pragma once
// The rules of answering and of the response workflow, as pure functions over records:
// who may change a category now, when a category or a response is complete, what an
// answer input must satisfy, and the steps of the workflow. services/responses applies
// them; they are unit-tested here without a store.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/body.h"
#include "domain/catalog.h"
#include "domain/model.h"

namespace mamori {

// What a person sends to save one answer.
struct AnswerInput {
  int64_t version = 0;
  std::optional<boost::json::value> value;  // nullopt: clear the answer
  bool not_applicable = false;
  std::string na_reason;
  std::string comment;
  std::string evidence_url;
};

// Ok when `in` may be stored for `q`: 該当なし only where allowed, with a reason and no
// value; a reason only with 該当なし; a valid value; an http(s) evidence link. Otherwise
// InvalidArgument naming the field.
Status check_answer_input(const Question& q, const AnswerInput& in);

// The state an answer takes when `value` (in its canonical form, nullopt when cleared) is
// saved over a stored answer whose last-year value is `previous_json`.
std::string answer_state_after(const AnswerInput& in, const std::optional<boost::json::value>& value,
                               const std::optional<std::string>& previous_json);

// Ok when `category` is one of `cat`'s; InvalidField "category" otherwise.
Status check_category_number(const Catalog& cat, int category);

// Whether `user` may change answers of `category` now: not assigned to someone else
// (approvers may change any), and not marked ready unless `allow_ready` (to set it back in
// progress). PermissionDenied "category_assigned_to_other" or FailedPrecondition
// "category_ready".
Status check_category_open(const User& user, const std::vector<CategoryStatus>& categories, int category,
                           bool allow_ready);

// Ok when every category is ready; FailedPrecondition "categories_not_ready" naming each.
Status check_all_categories_ready(const std::vector<CategoryStatus>& categories);

// Ok when every visible question (of `category`, or of all when nullopt) is answered or
// not applicable where required, and none is still carried over unconfirmed; otherwise
// FailedPrecondition "answers_incomplete" naming each question.
Status check_complete(const Catalog& cat, const Body& body, const std::vector<AnswerRecord>& answers,
                      std::optional<int> category);

// A comment is required to return a response; InvalidField "comment".
Status check_return_comment(const std::string& comment);

// The steps of the workflow a person can take on a response (the routes bind one each).
enum class WorkflowAction { kRequestReview, kApproverReturn, kSubmit, kAccept, kNationalReturn };
std::string_view to_string(WorkflowAction a);  // the event names: request_review, return, …

}  // namespace mamori
