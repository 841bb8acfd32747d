#include "domain/reuse.h"

#include <boost/json.hpp>

namespace mamori {

namespace {

// Values compare as JSON, so "3" and "3.0" are the same number.
bool same_value(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && !b;
  if (*a == *b) return true;
  boost::system::error_code ec1, ec2;
  auto x = boost::json::parse(*a, ec1), y = boost::json::parse(*b, ec2);
  if (ec1 || ec2) return false;
  if (x.is_number() && y.is_number()) return x.to_number<double>() == y.to_number<double>();
  return x == y;
}

}  // namespace

bool same_json_value(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return same_value(a, b);
}

std::string_view to_string(ReuseState s) {
  switch (s) {
    case ReuseState::kFilled: return "filled";
    case ReuseState::kProposed: return "proposed";
    case ReuseState::kConfirmed: return "confirmed";
    case ReuseState::kRejected: return "rejected";
    case ReuseState::kRecheck: return "recheck";
  }
  return "filled";
}

std::optional<ReuseState> parse_reuse_state(std::string_view s) {
  for (ReuseState r : {ReuseState::kFilled, ReuseState::kProposed, ReuseState::kConfirmed, ReuseState::kRejected,
                       ReuseState::kRecheck})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

bool person_holds(const AnswerRecord& answer, const std::optional<ReuseMark>& mark) {
  if (!answer.value_json && !answer.not_applicable) return false;
  if (mark && mark->answer_follows) return false;
  return answer.state != "carried_over" || answer.not_applicable;
}

ReuseDecision decide_reuse(Relation relation, const std::string& measure_id, const AnswerRecord& answer,
                           const std::optional<ReuseMark>& mark, const std::optional<std::string>& candidate,
                           int64_t revision) {
  ReuseDecision d;
  d.mark.measure_id = measure_id;
  d.mark.relation = relation;
  d.mark.candidate = candidate;
  d.mark.measure_revision = revision;
  const bool held = person_holds(answer, mark);
  if (candidate && same_value(candidate, answer.value_json) && !answer.not_applicable) {
    d.mark.state = held ? ReuseState::kConfirmed : ReuseState::kFilled;
    d.mark.answer_follows = !held;
    return d;
  }
  if (relation == Relation::kEqual && !held) {
    const bool followed_before = mark && mark->answer_follows;
    if (candidate) d.answer = candidate;  // a cleared source leaves the value for a person to decide
    d.mark.state = followed_before || !candidate ? ReuseState::kRecheck : ReuseState::kFilled;
    d.mark.answer_follows = candidate.has_value() || followed_before;
    return d;
  }
  d.mark.answer_follows = false;
  d.mark.state = held || (mark && mark->state != ReuseState::kProposed) ? ReuseState::kRecheck : ReuseState::kProposed;
  return d;
}

std::optional<ReuseMark> after_person_save(ReuseMark mark, const std::optional<std::string>& saved) {
  if (!mark.candidate || !same_value(mark.candidate, saved)) return std::nullopt;
  mark.state = ReuseState::kConfirmed;
  mark.answer_follows = false;
  return mark;
}

}  // namespace mamori
