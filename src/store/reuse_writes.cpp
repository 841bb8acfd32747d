#include "store/reuse_writes.h"

#include <boost/json.hpp>

#include "domain/answer.h"
#include "domain/answer_json.h"
#include "store/rows.h"

namespace mamori::store {

namespace json = boost::json;

Status insert_history(Connection& c, int64_t response_id, const AnswerRecord& before, const AnswerRecord& after,
                      int64_t user_id, const std::string& now, const std::string& note) {
  return c.statement("responses", "insert_history")
      .bind(1, response_id)
      .bind(2, after.question_id)
      .bind(3, after.version)
      .bind(4, user_id)
      .bind(5, now)
      .bind(6, json::serialize(answer_content_json(before)))
      .bind(7, json::serialize(answer_content_json(after)))
      .bind(8, note)
      .run()
      .status();
}

Result<std::optional<ReuseMark>> read_mark(Connection& c, int64_t response_id, const std::string& question_id) {
  Statement& st = c.statement("reuse", "mark").bind(1, response_id).bind(2, question_id);
  if (!st.next()) {
    MAMORI_RETURN_IF_ERROR(st.status());
    return std::optional<ReuseMark>();
  }
  ReuseMark m;
  m.measure_id = st.text(1);
  auto relation = parse_relation(st.text(2));
  auto state = parse_reuse_state(st.text(3));
  if (!relation || !state) return Status::Internal("answer_reuse holds an unknown relation or state: " + st.text(2) + " " + st.text(3));
  m.relation = *relation;
  m.state = *state;
  m.candidate = st.opt_text(4);
  m.measure_revision = st.int64(5);
  m.answer_follows = st.int64(6) != 0;
  return std::optional<ReuseMark>(std::move(m));
}

Statement& bind_mark(Statement& st, int64_t response_id, const std::string& question_id, const ReuseMark& mark,
                     const std::string& now) {
  return st.bind(1, response_id)
      .bind(2, question_id)
      .bind(3, mark.measure_id)
      .bind(4, to_string(mark.relation))
      .bind(5, to_string(mark.state))
      .bind(6, mark.candidate)
      .bind(7, mark.measure_revision)
      .bind(8, static_cast<int64_t>(mark.answer_follows))
      .bind(9, now);
}

Status write_mark(Connection& c, int64_t response_id, const std::string& question_id, const ReuseMark& mark,
                  const std::string& now) {
  return bind_mark(c.statement("reuse", "mark_set"), response_id, question_id, mark, now).run().status();
}

Status delete_mark(Connection& c, int64_t response_id, const std::string& question_id) {
  return c.statement("reuse", "mark_delete").bind(1, response_id).bind(2, question_id).run().status();
}

Result<AnswerRecord> write_answer_from_measure(Connection& c, int64_t response_id, const AnswerRecord& before,
                                               const std::optional<std::string>& value, int64_t user_id,
                                               const std::string& now, const std::string& note) {
  AnswerRecord after = before;
  after.value_json = value;
  after.not_applicable = false;
  after.na_reason.clear();
  after.state = std::string(to_string(state_after_save(parse_json(value), parse_json(before.previous_json))));
  MAMORI_RETURN_IF_ERROR(c.statement("responses", "update_answer")
                             .bind(1, response_id)
                             .bind(2, before.question_id)
                             .bind(3, after.value_json)
                             .bind(4, after.state)
                             .bind(5, false)
                             .bind(6, after.na_reason)
                             .bind(7, after.comment)
                             .bind(8, after.evidence_url)
                             .bind(9, user_id)
                             .bind(10, now)
                             .bind(11, before.version)
                             .run()
                             .status());
  after.version = before.version + 1;
  after.needs_confirmation = false;
  after.updated_by = user_id;
  after.updated_at = now;
  MAMORI_RETURN_IF_ERROR(insert_history(c, response_id, before, after, user_id, now, note));
  MAMORI_RETURN_IF_ERROR(c.statement("responses", "touch").bind(1, response_id).bind(2, now).run().status());
  return after;
}

Status write_fanout(Connection& c, int64_t response_id, const std::string& question_id,
                    const AnswerRecord& after, int64_t user_id, const std::string& now, const ports::ReuseFanout& f,
                    bool confirmation) {
  MAMORI_ASSIGN_OR_RETURN(std::optional<ReuseMark> own, read_mark(c, response_id, question_id));
  if (confirmation && own && (own->state == ReuseState::kProposed || own->state == ReuseState::kRecheck))
    return Status::Ok();
  if (own) {
    if (auto kept = after_person_save(*own, after.value_json)) MAMORI_RETURN_IF_ERROR(write_mark(c, response_id, question_id, *kept, now));
    else MAMORI_RETURN_IF_ERROR(delete_mark(c, response_id, question_id));
  }
  const ports::ReuseRoute& route = *f.route;
  const std::optional<std::string> measure_value = after.not_applicable ? std::nullopt : route.to_measure(after.value_json);
  // Nothing to pass on when the body's measure answer already is this value (a save that
  // confirms last year's value does give it for this year, when none was given yet).
  {
    Statement& get = c.statement("reuse", "measure_answer_get")
                         .bind(1, static_cast<int64_t>(f.fiscal_year))
                         .bind(2, f.body_code)
                         .bind(3, route.measure_id);
    if (get.next()) {
      const std::optional<std::string> stored = get.opt_text(0);
      (void)get.next();
      if (confirmation || same_json_value(stored, measure_value)) return Status::Ok();
    } else {
      MAMORI_RETURN_IF_ERROR(get.status());
      if (!measure_value) return Status::Ok();  // nothing given, nothing stored
    }
  }
  Statement& set = c.statement("reuse", "measure_answer_set")
                       .bind(1, static_cast<int64_t>(f.fiscal_year))
                       .bind(2, f.body_code)
                       .bind(3, route.measure_id)
                       .bind(4, measure_value)
                       .bind(5, response_id)
                       .bind(6, question_id)
                       .bind(7, user_id)
                       .bind(8, now);
  if (!set.next()) return no_row(set, "measure_answer_not_written");
  const int64_t revision = set.int64(0);
  (void)set.next();  // runs the statement to its end
  // The body's other responses of the year, in open campaigns of the route's catalogues.
  std::vector<std::pair<int64_t, const std::vector<ports::ReuseItemTarget>*>> responses;
  {
    Statement& others = c.statement("reuse", "other_responses")
                            .bind(1, f.body_code)
                            .bind(2, static_cast<int64_t>(f.fiscal_year))
                            .bind(3, response_id);
    while (others.next()) {
      auto it = route.by_catalog.find(others.text(1));
      if (it != route.by_catalog.end()) responses.emplace_back(others.int64(0), &it->second);
    }
    MAMORI_RETURN_IF_ERROR(others.status());
  }
  const std::string note = "reuse:" + std::to_string(response_id) + ":" + question_id;
  for (const auto& [target_id, items] : responses) {
    Statement& r = c.statement("responses", "get_for_update").bind(1, target_id);
    if (!r.next()) {
      MAMORI_RETURN_IF_ERROR(r.status());
      continue;
    }
    MAMORI_ASSIGN_OR_RETURN(ResponseRecord target, read_response(r));
    if (!editable_status(target).ok()) continue;  // submitted, accepted or locked: left as it is
    for (const auto& t : *items) {
      Statement& a = c.statement("responses", "answer_for_update").bind(1, target_id).bind(2, t.question_id);
      if (!a.next()) {
        MAMORI_RETURN_IF_ERROR(a.status());
        continue;
      }
      MAMORI_ASSIGN_OR_RETURN(AnswerRecord current, read_answer(a));
      MAMORI_ASSIGN_OR_RETURN(std::optional<ReuseMark> mark, read_mark(c, target_id, t.question_id));
      ReuseDecision d = decide_reuse(t.relation, route.measure_id, current, mark, t.candidate(measure_value), revision);
      if (d.answer)
        MAMORI_RETURN_IF_ERROR(write_answer_from_measure(c, target_id, current, *d.answer, user_id, now, note).status());
      MAMORI_RETURN_IF_ERROR(write_mark(c, target_id, t.question_id, d.mark, now));
    }
  }
  return Status::Ok();
}

}  // namespace mamori::store
