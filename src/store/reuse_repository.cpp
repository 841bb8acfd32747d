#include "store/reuse_repository.h"

#include "store/reuse_writes.h"
#include "store/rows.h"

namespace mamori::store {

namespace {

// Columns from `first`: body_code, measure_id, fiscal_year, value, revision,
// source_response_id, source_question_id, source campaign, source catalogue, given_by, its
// name, given_at, confirmed_by, its name, confirmed_at.
ports::MeasureAnswer read_measure_answer(const Statement& s, int first) {
  ports::MeasureAnswer m;
  m.body_code = s.text(first);
  m.measure_id = s.text(first + 1);
  m.fiscal_year = static_cast<int>(s.int64(first + 2));
  m.value_json = s.opt_text(first + 3);
  m.revision = s.int64(first + 4);
  m.source_response_id = s.int64(first + 5);
  m.source_question_id = s.text(first + 6);
  m.source_campaign_id = s.int64(first + 7);
  m.source_catalog_id = s.text(first + 8);
  if (!s.is_null(first + 9)) m.given_by = s.int64(first + 9);
  m.given_by_name = s.text(first + 10);
  m.given_at = s.text(first + 11);
  if (!s.is_null(first + 12)) m.confirmed_by = s.int64(first + 12);
  m.confirmed_by_name = s.text(first + 13);
  m.confirmed_at = s.opt_text(first + 14);
  return m;
}

}  // namespace

Result<std::map<std::string, ports::ItemReuse>> SqlReuseRepository::reuse_of(int64_t response_id) {
  return read_value<std::map<std::string, ports::ItemReuse>>(
      db_, [&](Connection& c) -> Result<std::map<std::string, ports::ItemReuse>> {
        std::map<std::string, ports::ItemReuse> out;
        Statement& st = c.statement("reuse", "marks_of_response").bind(1, response_id);
        while (st.next()) {
          ports::ItemReuse r;
          r.question_id = st.text(0);
          r.mark.measure_id = st.text(1);
          auto relation = parse_relation(st.text(2));
          auto state = parse_reuse_state(st.text(3));
          if (!relation || !state) return Status::Internal("answer_reuse holds an unknown relation or state");
          r.mark.relation = *relation;
          r.mark.state = *state;
          r.mark.candidate = st.opt_text(4);
          r.mark.measure_revision = st.int64(5);
          r.mark.answer_follows = st.int64(6) != 0;
          if (!st.is_null(7)) r.source = read_measure_answer(st, 7);
          out.emplace(r.question_id, std::move(r));
        }
        MAMORI_RETURN_IF_ERROR(st.status());
        return out;
      });
}

Result<std::map<std::string, std::map<std::string, ports::MeasureAnswer>>> SqlReuseRepository::measure_answers(
    int fiscal_year) {
  using Out = std::map<std::string, std::map<std::string, ports::MeasureAnswer>>;
  return read_value<Out>(db_, [&](Connection& c) -> Result<Out> {
    Out out;
    Statement& st = c.statement("reuse", "measure_answers_of_year").bind(1, static_cast<int64_t>(fiscal_year));
    while (st.next()) {
      ports::MeasureAnswer m = read_measure_answer(st, 0);
      out[m.body_code].emplace(m.measure_id, std::move(m));
    }
    MAMORI_RETURN_IF_ERROR(st.status());
    return out;
  });
}

Result<AnswerRecord> SqlReuseRepository::decide(const ports::ReuseDecisionRequest& q) {
  const std::string now = clock_.now_iso();
  return write_value<AnswerRecord>(db_, [&](Connection& c) -> Result<AnswerRecord> {
    Statement& r = c.statement("responses", "get_for_update").bind(1, q.response_id);
    if (!r.next()) return no_row(r, "response_not_found");
    MAMORI_ASSIGN_OR_RETURN(ResponseRecord response, read_response(r));
    if (response.revision != q.revision) return Status::FailedPrecondition("state_changed");
    MAMORI_RETURN_IF_ERROR(editable_status(response));
    Statement& a = c.statement("responses", "answer_for_update").bind(1, q.response_id).bind(2, q.question_id);
    if (!a.next()) return no_row(a, "question_not_found", {{"id", q.question_id}});
    MAMORI_ASSIGN_OR_RETURN(AnswerRecord answer, read_answer(a));
    MAMORI_ASSIGN_OR_RETURN(std::optional<ReuseMark> mark, read_mark(c, q.response_id, q.question_id));
    if (!mark || (mark->state != ReuseState::kProposed && mark->state != ReuseState::kRecheck))
      return Status::NotFound("reuse_not_found", {{"id", q.question_id}});
    if (mark->measure_revision != q.seen_revision)
      return Status::Aborted("reuse_changed", {{"candidate", mark->candidate.value_or("null")},
                                               {"revision", std::to_string(mark->measure_revision)}});
    if (q.accept) {
      MAMORI_ASSIGN_OR_RETURN(answer, write_answer_from_measure(c, q.response_id, answer, mark->candidate, q.user_id,
                                                                now, "reuse:accepted"));
      MAMORI_RETURN_IF_ERROR(c.statement("reuse", "measure_answer_confirm")
                                 .bind(1, q.response_id)
                                 .bind(2, mark->measure_id)
                                 .bind(3, q.user_id)
                                 .bind(4, now)
                                 .run()
                                 .status());
      mark->state = ReuseState::kConfirmed;
    } else {
      mark->state = ReuseState::kRejected;
      MAMORI_RETURN_IF_ERROR(c.statement("responses", "touch").bind(1, q.response_id).bind(2, now).run().status());
    }
    mark->answer_follows = false;
    MAMORI_RETURN_IF_ERROR(write_mark(c, q.response_id, q.question_id, *mark, now));
    return answer;
  });
}

Result<std::map<int64_t, ports::ReuseCounts>> SqlReuseRepository::counts(int64_t campaign_id) {
  return read_value<std::map<int64_t, ports::ReuseCounts>>(
      db_, [&](Connection& c) -> Result<std::map<int64_t, ports::ReuseCounts>> {
        std::map<int64_t, ports::ReuseCounts> out;
        Statement& st = c.statement("reuse", "counts").bind(1, campaign_id);
        while (st.next()) out[st.int64(0)] = ports::ReuseCounts{st.int64(1), st.int64(2)};
        MAMORI_RETURN_IF_ERROR(st.status());
        return out;
      });
}

Result<int64_t> SqlReuseRepository::entries_saved() {
  return read_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("reuse", "entries_saved");
    if (!st.next()) return no_row(st, "internal");
    return st.int64(0);
  });
}

}  // namespace mamori::store
