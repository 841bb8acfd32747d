#include "domain/workflow.h"

#include <map>

#include "domain/answer.h"
#include "domain/answer_json.h"

namespace mamori {

namespace {
bool is_http_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }
}  // namespace

Status check_answer_input(const Question& q, const AnswerInput& in) {
  if (in.not_applicable) {
    if (!q.na_allowed) return Status::InvalidField("not_applicable", "field.na_not_allowed");
    if (in.na_reason.empty()) return Status::InvalidField("na_reason", "field.na_reason_required");
    if (in.value) return Status::InvalidField("value", "field.na_with_value");
  } else if (!in.na_reason.empty()) {
    return Status::InvalidField("na_reason", "field.na_reason_without_na");
  }
  if (in.value) MAMORI_RETURN_IF_ERROR(validate_value(q, *in.value));
  if (!in.evidence_url.empty() && !is_http_url(in.evidence_url))
    return Status::InvalidField("evidence_url", "field.evidence_url");
  return Status::Ok();
}

std::string answer_state_after(const AnswerInput& in, const std::optional<boost::json::value>& value,
                               const std::optional<std::string>& previous_json) {
  std::optional<boost::json::value> previous = parse_json(previous_json);
  return std::string(to_string(in.not_applicable && previous ? AnswerState::kChanged : state_after_save(value, previous)));
}

Status check_category_number(const Catalog& cat, int category) {
  for (const auto& c : cat.categories)
    if (c.number == category) return Status::Ok();
  return Status::InvalidField("category", "field.category_unknown",
                              {{"number", std::to_string(category)},
                               {"last", std::to_string(cat.categories.empty() ? 0 : cat.categories.back().number)}});
}

Status check_category_open(const User& user, const std::vector<CategoryStatus>& categories, int category,
                           bool allow_ready) {
  for (const auto& c : categories) {
    if (c.category != category) continue;
    if (c.assignee && *c.assignee != user.id && !user.has(Role::kBodyApprover))
      return Status::PermissionDenied("category_assigned_to_other", {{"assignee", c.assignee_name}});
    if (c.ready && !allow_ready) return Status::FailedPrecondition("category_ready");
  }
  return Status::Ok();
}

Status check_all_categories_ready(const std::vector<CategoryStatus>& categories) {
  Status s = Status::FailedPrecondition("categories_not_ready");
  bool any = false;
  for (const auto& c : categories)
    if (!c.ready) {
      s.with_field("category_" + std::to_string(c.category), "field.mark_category_ready");
      any = true;
    }
  return any ? s : Status::Ok();
}

Status check_complete(const Catalog& cat, const Body& body, const std::vector<AnswerRecord>& answers,
                      std::optional<int> category) {
  std::map<std::string, const AnswerRecord*, std::less<>> by_id;
  AnswerValues values;
  for (const auto& a : answers) {
    by_id[a.question_id] = &a;
    values.set_json(a.question_id, a.value_json);
  }
  const AnswerLookup lookup = values.lookup();
  Status missing = Status::FailedPrecondition("answers_incomplete");
  bool any = false;
  for (const auto& q : cat.questions) {
    if (category && q.category != *category) continue;
    if (!is_visible(cat, q, body, lookup)) continue;
    auto it = by_id.find(q.id);
    const AnswerRecord* a = it == by_id.end() ? nullptr : it->second;
    bool answered = a && (a->value_json || a->not_applicable);
    if (q.required && !answered) {
      missing.with_field(q.id, "field.answer_required");
      any = true;
    } else if (a && a->state == "carried_over") {
      missing.with_field(q.id, "field.confirm_carried_over");
      any = true;
    }
  }
  return any ? missing : Status::Ok();
}

Status check_return_comment(const std::string& comment) {
  if (comment.empty()) return Status::InvalidField("comment", "field.return_comment_required");
  return Status::Ok();
}

std::string_view to_string(WorkflowAction a) {
  switch (a) {
    case WorkflowAction::kRequestReview:
      return "request_review";
    case WorkflowAction::kApproverReturn:
      return "return";
    case WorkflowAction::kSubmit:
      return "submit";
    case WorkflowAction::kAccept:
      return "accept";
    case WorkflowAction::kNationalReturn:
      return "national_return";
  }
  return "";
}

}  // namespace mamori
