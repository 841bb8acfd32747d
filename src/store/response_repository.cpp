#include "store/response_repository.h"

#include <boost/json.hpp>

#include <memory>

#include "domain/answer_json.h"
#include "store/event_repository.h"
#include "store/reuse_writes.h"
#include "store/rows.h"

namespace mamori::store {

namespace json = boost::json;
using ports::CategoryChange;
using ports::ResponseSnapshot;
using ports::WriteGuard;

namespace {

Result<std::vector<CategoryStatus>> read_categories(Connection& c, int64_t response_id) {
  return collect<CategoryStatus>(c.statement("responses", "categories").bind(1, response_id),
                                 [](const Statement& s) { return read_category(s); });
}

// Reads the response (locked for the write), its categories and, when asked, its answers
// inside the current write, and runs the guard's check on it.
Result<ResponseSnapshot> guarded_snapshot(Connection& c, int64_t response_id, const WriteGuard& guard) {
  ResponseSnapshot snap;
  Statement& st = c.statement("responses", "get_for_update").bind(1, response_id);
  if (!st.next()) return no_row(st, "response_not_found");
  MAMORI_ASSIGN_OR_RETURN(snap.response, read_response(st));
  MAMORI_ASSIGN_OR_RETURN(snap.categories, read_categories(c, response_id));
  if (guard.needs_answers) {
    MAMORI_ASSIGN_OR_RETURN(snap.answers, collect<AnswerRecord>(c.statement("responses", "answers").bind(1, response_id),
                                                                [](const Statement& s) { return read_answer(s); }));
  }
  if (guard.check) MAMORI_RETURN_IF_ERROR(guard.check(snap));
  return snap;
}


Status insert_workflow_event(Connection& c, int64_t response_id, const std::string& action, ResponseState from,
                             ResponseState to, std::optional<int64_t> category, const std::string& comment,
                             int64_t user_id, const std::string& now) {
  return c.statement("responses", "insert_event")
      .bind(1, response_id)
      .bind(2, action)
      .bind(3, to_string(from))
      .bind(4, to_string(to))
      .bind(5, category)
      .bind(6, comment)
      .bind(7, user_id)
      .bind(8, now)
      .run()
      .status();
}

Status apply_category_change(Connection& c, int64_t response_id, const CategoryChange& ch) {
  if (ch.assignee)
    MAMORI_RETURN_IF_ERROR(c.statement("responses", "set_category_assignee")
                               .bind(1, response_id)
                               .bind(2, ch.category)
                               .bind(3, *ch.assignee)
                               .run()
                               .status());
  if (ch.ready)
    MAMORI_RETURN_IF_ERROR(c.statement("responses", "set_category_ready")
                               .bind(1, response_id)
                               .bind(2, ch.category)
                               .bind(3, *ch.ready)
                               .run()
                               .status());
  if (ch.return_comment)
    MAMORI_RETURN_IF_ERROR(c.statement("responses", "set_category_comment")
                               .bind(1, response_id)
                               .bind(2, ch.category)
                               .bind(3, *ch.return_comment)
                               .run()
                               .status());
  return Status::Ok();
}

}  // namespace

Result<ports::ResponseContext> SqlResponseRepository::load_context(int64_t id) {
  return read_value<ports::ResponseContext>(db_, [&](Connection& c) -> Result<ports::ResponseContext> {
    Statement& st = c.statement("responses", "get").bind(1, id);
    if (!st.next()) return no_row(st, "response_not_found");
    ports::ResponseContext ctx;
    MAMORI_ASSIGN_OR_RETURN(ctx.response, read_response(st));
    MAMORI_ASSIGN_OR_RETURN(ctx.categories, read_categories(c, id));
    return ctx;
  });
}

Result<ResponseRecord> SqlResponseRepository::get_response(int64_t id) {
  return read_value<ResponseRecord>(db_, [&](Connection& c) -> Result<ResponseRecord> {
    Statement& st = c.statement("responses", "get").bind(1, id);
    if (!st.next()) return no_row(st, "response_not_found");
    return read_response(st);
  });
}

Result<ResponseRecord> SqlResponseRepository::find_response(int64_t campaign_id, const std::string& body_code) {
  return read_value<ResponseRecord>(db_, [&](Connection& c) -> Result<ResponseRecord> {
    Statement& st = c.statement("responses", "find").bind(1, campaign_id).bind(2, body_code);
    if (!st.next()) return no_row(st, "response_not_found");
    return read_response(st);
  });
}

Result<std::vector<ports::ResponseSummary>> SqlResponseRepository::list_responses(int64_t campaign_id,
                                                                                 const ports::ResponseFilter& f) {
  return read_value<std::vector<ports::ResponseSummary>>(db_, [&](Connection& c) {
    Statement& st = c.statement("responses", "list").bind(1, campaign_id).bind(2, f.prefecture_code).bind(3, f.state);
    return collect<ports::ResponseSummary>(st, [](const Statement& s) -> Result<ports::ResponseSummary> {
      MAMORI_ASSIGN_OR_RETURN(ResponseRecord r, read_response(s));
      return ports::ResponseSummary{std::move(r), s.text(10), s.text(11), s.text(12)};
    });
  });
}

Result<std::vector<ResponseRecord>> SqlResponseRepository::responses_of_body(const std::string& body_code) {
  return read_value<std::vector<ResponseRecord>>(db_, [&](Connection& c) {
    return collect<ResponseRecord>(c.statement("responses", "of_body").bind(1, body_code),
                                   [](const Statement& s) { return read_response(s); });
  });
}

Result<std::vector<AnswerRecord>> SqlResponseRepository::get_answers(int64_t response_id) {
  return read_value<std::vector<AnswerRecord>>(db_, [&](Connection& c) {
    return collect<AnswerRecord>(c.statement("responses", "answers").bind(1, response_id),
                                 [](const Statement& s) { return read_answer(s); });
  });
}

Status SqlResponseRepository::for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) {
  return db_.read([&](Connection& c) -> Status {
    Statement& st = c.statement("responses", "counted_answers").bind(1, campaign_id);
    while (st.next()) fn(st.int64(0), st.text(1), st.text(2), st.opt_text(3));
    return st.status();
  });
}

Result<std::map<int64_t, GroupAttributes>> SqlResponseRepository::frozen_groups(int64_t campaign_id) {
  return read_value<std::map<int64_t, GroupAttributes>>(
      db_, [&](Connection& c) -> Result<std::map<int64_t, GroupAttributes>> {
        std::map<int64_t, GroupAttributes> out;
        Statement& st = c.statement("responses", "frozen_groups").bind(1, campaign_id);
        while (st.next()) {
          MAMORI_ASSIGN_OR_RETURN(GroupAttributes g, read_group_attributes(st, 1));
          out.emplace(st.int64(0), std::move(g));
        }
        MAMORI_RETURN_IF_ERROR(st.status());
        return out;
      });
}

Result<std::optional<GroupAttributes>> SqlResponseRepository::frozen_groups_of(int64_t response_id) {
  return read_value<std::optional<GroupAttributes>>(
      db_, [&](Connection& c) -> Result<std::optional<GroupAttributes>> {
        Statement& st = c.statement("responses", "frozen_groups_of").bind(1, response_id);
        if (!st.next()) {
          MAMORI_RETURN_IF_ERROR(st.status());
          return std::optional<GroupAttributes>{};
        }
        MAMORI_ASSIGN_OR_RETURN(GroupAttributes g, read_group_attributes(st, 1));
        return std::optional<GroupAttributes>{std::move(g)};
      });
}

Result<AnswerRecord> SqlResponseRepository::get_answer(int64_t response_id, const std::string& question_id) {
  return read_value<AnswerRecord>(db_, [&](Connection& c) -> Result<AnswerRecord> {
    Statement& st = c.statement("responses", "answer").bind(1, response_id).bind(2, question_id);
    if (!st.next()) return no_row(st, "question_not_found", {{"id", question_id}});
    return read_answer(st);
  });
}

namespace {

// Writes `u` over the stored answer `before` (the write has checked its version) with one
// history row noted `note` and, when given, the fan-out to the body's other surveys; the
// answer as stored. Inside the caller's write.
Result<AnswerRecord> write_answer(Connection& c, int64_t response_id, const std::string& question_id,
                                  const AnswerRecord& before, const ports::AnswerUpdate& u, int64_t user_id,
                                  const std::string& now, const std::string& note, const ports::ReuseFanout* fanout) {
  MAMORI_RETURN_IF_ERROR(c.statement("responses", "update_answer")
                             .bind(1, response_id)
                             .bind(2, question_id)
                             .bind(3, u.value_json)
                             .bind(4, u.state)
                             .bind(5, u.not_applicable)
                             .bind(6, u.na_reason)
                             .bind(7, u.comment)
                             .bind(8, u.evidence_url)
                             .bind(9, user_id)
                             .bind(10, now)
                             .bind(11, before.version)
                             .run()
                             .status());
  AnswerRecord after = ports::applied(before, u, user_id, now);
  MAMORI_RETURN_IF_ERROR(insert_history(c, response_id, before, after, user_id, now, note));
  if (fanout) MAMORI_RETURN_IF_ERROR(write_fanout(c, response_id, question_id, after, user_id, now, *fanout));
  return after;
}

// The write of one save (see ResponseRepository::save_answer), inside the caller's write.
Result<ports::SaveOutcome> save_in(Connection& c, int64_t response_id, const std::string& question_id,
                                   int64_t revision, int64_t expected_version,
                                   const std::function<ports::AnswerUpdate(const AnswerRecord&)>& update,
                                   int64_t user_id, const std::string& now, const ports::ReuseFanout* fanout) {
  // Checks first, so a refused save has written nothing: the answer's version, then the
  // response's revision (the touch changes no row when the workflow state moved).
  Statement& cur = c.statement("responses", "answer_for_update").bind(1, response_id).bind(2, question_id);
  if (!cur.next()) return no_row(cur, "question_not_found", {{"id", question_id}});
  MAMORI_ASSIGN_OR_RETURN(AnswerRecord before, read_answer(cur));
  if (before.version != expected_version) return ports::SaveOutcome(StaleAnswer{std::move(before)});
  MAMORI_ASSIGN_OR_RETURN(
      int64_t touched,
      c.statement("responses", "touch_at_revision").bind(1, response_id).bind(2, now).bind(3, revision).run());
  if (touched != 1) return ports::SaveOutcome(ports::ContextChanged{});
  MAMORI_ASSIGN_OR_RETURN(AnswerRecord after,
                          write_answer(c, response_id, question_id, before, update(before), user_id, now, "", fanout));
  return ports::SaveOutcome(std::move(after));
}

}  // namespace

Result<ports::SaveOutcome> SqlResponseRepository::save_answer(
    int64_t response_id, const std::string& question_id, int64_t revision, int64_t expected_version,
    const std::function<ports::AnswerUpdate(const AnswerRecord&)>& update, int64_t user_id,
    std::shared_ptr<const ports::ReuseFanout> fanout) {
  const std::string now = clock_.now_iso();
  return write_value<ports::SaveOutcome>(db_, [&](Connection& c) {
    return save_in(c, response_id, question_id, revision, expected_version, update, user_id, now, fanout.get());
  });
}

void SqlResponseRepository::save_answer_async(int64_t response_id, std::string question_id, int64_t revision,
                                              int64_t expected_version,
                                              std::function<ports::AnswerUpdate(const AnswerRecord&)> update,
                                              int64_t user_id, std::function<void(Result<ports::SaveOutcome>)> done,
                                              std::shared_ptr<const ports::ReuseFanout> fanout) {
  // The write and its completion share what the write produced.
  auto outcome = std::make_shared<std::optional<ports::SaveOutcome>>();
  db_.write_async(
      [=, now = clock_.now_iso(), update = std::move(update)](Connection& c) -> Status {
        MAMORI_ASSIGN_OR_RETURN(*outcome, save_in(c, response_id, question_id, revision, expected_version, update,
                                                  user_id, now, fanout.get()));
        return Status::Ok();
      },
      [outcome, done = std::move(done)](Status s) {
        if (!s.ok()) return done(std::move(s));
        done(std::move(**outcome));
      });
}

Result<int64_t> SqlResponseRepository::confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids,
                                                       int64_t user_id, const WriteGuard& guard,
                                                       const std::vector<std::shared_ptr<const ports::ReuseFanout>>& fanouts) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    MAMORI_RETURN_IF_ERROR(guarded_snapshot(c, response_id, guard).status());
    int64_t n = 0;
    for (size_t i = 0; i < question_ids.size(); ++i) {
      const std::string& qid = question_ids[i];
      Statement& cur = c.statement("responses", "answer_for_update").bind(1, response_id).bind(2, qid);
      if (!cur.next()) {
        MAMORI_RETURN_IF_ERROR(cur.status());
        continue;
      }
      MAMORI_ASSIGN_OR_RETURN(AnswerRecord before, read_answer(cur));
      MAMORI_ASSIGN_OR_RETURN(int64_t changed, c.statement("responses", "confirm_answer")
                                                   .bind(1, response_id)
                                                   .bind(2, qid)
                                                   .bind(3, user_id)
                                                   .bind(4, now)
                                                   .run());
      if (changed != 1) continue;
      AnswerRecord after = before;
      after.state = "confirmed";
      after.version = before.version + 1;
      MAMORI_RETURN_IF_ERROR(insert_history(c, response_id, before, after, user_id, now));
      if (i < fanouts.size() && fanouts[i])
        MAMORI_RETURN_IF_ERROR(write_fanout(c, response_id, qid, after, user_id, now, *fanouts[i], /*confirmation=*/true));
      ++n;
    }
    if (n > 0) MAMORI_RETURN_IF_ERROR(c.statement("responses", "touch").bind(1, response_id).bind(2, now).run().status());
    return n;
  });
}

Result<ports::ImportOutcome> SqlResponseRepository::import_answers(int64_t response_id,
                                                                  const std::vector<ports::ImportedAnswer>& answers,
                                                                  int64_t user_id, const std::string& note,
                                                                  const WriteGuard& guard) {
  const std::string now = clock_.now_iso();
  return write_value<ports::ImportOutcome>(db_, [&](Connection& c) -> Result<ports::ImportOutcome> {
    MAMORI_RETURN_IF_ERROR(guarded_snapshot(c, response_id, guard).status());
    // Every version is checked before anything is written, so a stale import writes nothing.
    std::vector<AnswerRecord> befores;
    std::vector<StaleAnswer> stale;
    for (const auto& a : answers) {
      Statement& cur = c.statement("responses", "answer_for_update").bind(1, response_id).bind(2, a.question_id);
      if (!cur.next()) return no_row(cur, "question_not_found", {{"id", a.question_id}});
      MAMORI_ASSIGN_OR_RETURN(AnswerRecord before, read_answer(cur));
      if (before.version != a.expected_version) stale.push_back(StaleAnswer{before});
      befores.push_back(std::move(before));
    }
    if (!stale.empty()) return ports::ImportOutcome(std::move(stale));
    std::vector<AnswerRecord> written;
    for (size_t i = 0; i < answers.size(); ++i) {
      const AnswerRecord& before = befores[i];
      MAMORI_ASSIGN_OR_RETURN(AnswerRecord after,
                              write_answer(c, response_id, answers[i].question_id, before, answers[i].update(before),
                                           user_id, now, note, answers[i].fanout.get()));
      written.push_back(std::move(after));
    }
    if (!written.empty())
      MAMORI_RETURN_IF_ERROR(c.statement("responses", "touch").bind(1, response_id).bind(2, now).run().status());
    return ports::ImportOutcome(std::move(written));
  });
}

Result<std::vector<HistoryEntry>> SqlResponseRepository::history(int64_t response_id, const std::string& question_id) {
  return read_value<std::vector<HistoryEntry>>(db_, [&](Connection& c) {
    Statement& st = c.statement("responses", "history").bind(1, response_id).bind(2, question_id);
    return collect<HistoryEntry>(st, [](const Statement& s) -> Result<HistoryEntry> {
      return HistoryEntry{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
    });
  });
}

Result<std::vector<CategoryStatus>> SqlResponseRepository::categories(int64_t response_id) {
  return read_value<std::vector<CategoryStatus>>(db_, [&](Connection& c) { return read_categories(c, response_id); });
}

Status SqlResponseRepository::change_category(int64_t response_id, const CategoryChange& change, int64_t user_id,
                                              const std::string& action, const std::string& comment,
                                              const WriteGuard& guard) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(ResponseSnapshot snap, guarded_snapshot(c, response_id, guard));
    MAMORI_RETURN_IF_ERROR(apply_category_change(c, response_id, change));
    const ResponseState state = snap.response.state;
    MAMORI_RETURN_IF_ERROR(
        insert_workflow_event(c, response_id, action, state, state, change.category, comment, user_id, now));
    return c.statement("responses", "bump_revision").bind(1, response_id).bind(2, now).run().status();
  });
}

Status SqlResponseRepository::transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                                         const std::string& action, const std::string& comment,
                                         const WriteGuard& guard, const std::optional<CategoryChange>& category_change) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    // The state and lock come first: a closed campaign says so, before any completeness
    // message.
    WriteGuard checked = guard;
    checked.check = [&](const ResponseSnapshot& s) -> Status {
      if (s.response.locked) return editable_status(s.response);
      if (s.response.state != from) return Status::Aborted("state_changed");
      return guard.check ? guard.check(s) : Status::Ok();
    };
    MAMORI_ASSIGN_OR_RETURN(ResponseSnapshot snap, guarded_snapshot(c, response_id, checked));
    MAMORI_ASSIGN_OR_RETURN(int64_t moved, c.statement("responses", "transition")
                                               .bind(1, response_id)
                                               .bind(2, to_string(from))
                                               .bind(3, to_string(to))
                                               .bind(4, now)
                                               .run());
    if (moved != 1) return Status::Aborted("state_changed");
    if (category_change) MAMORI_RETURN_IF_ERROR(apply_category_change(c, response_id, *category_change));
    std::optional<int64_t> category;
    if (category_change) category = category_change->category;
    MAMORI_RETURN_IF_ERROR(insert_workflow_event(c, response_id, action, from, to, category, comment, user_id, now));
    if (guard.snapshot)
      MAMORI_RETURN_IF_ERROR(c.statement("responses", "insert_submission")
                                 .bind(1, response_id)
                                 .bind(2, now)
                                 .bind(3, guard.snapshot(snap))
                                 .run()
                                 .status());
    return c.statement("events", "record_response_changed").bind(1, response_id).bind(2, now).run().status();
  });
}

Status SqlResponseRepository::unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    Statement& st = c.statement("responses", "unlock").bind(1, response_id).bind(2, now);
    if (!st.next()) {
      MAMORI_RETURN_IF_ERROR(st.status());
      return Status::FailedPrecondition("not_locked");
    }
    const std::string state_text = st.text(0);
    auto state = parse_response_state(state_text);
    if (!state) return Status::Internal("corrupt stored value: responses.state '" + state_text + "'");
    return insert_workflow_event(c, response_id, "reopen", *state, *state, std::nullopt, comment, user_id, now);
  });
}

Result<std::vector<WorkflowEvent>> SqlResponseRepository::events(int64_t response_id) {
  return read_value<std::vector<WorkflowEvent>>(db_, [&](Connection& c) {
    Statement& st = c.statement("responses", "events").bind(1, response_id);
    return collect<WorkflowEvent>(st, [](const Statement& s) -> Result<WorkflowEvent> {
      WorkflowEvent e{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), std::nullopt};
      if (!s.is_null(6)) e.category = static_cast<int>(s.int64(6));
      return e;
    });
  });
}

Result<std::vector<std::string>> SqlResponseRepository::submissions(int64_t response_id) {
  return read_value<std::vector<std::string>>(db_, [&](Connection& c) {
    return collect<std::string>(c.statement("responses", "submissions").bind(1, response_id),
                                [](const Statement& s) -> Result<std::string> { return s.text(0); });
  });
}

}  // namespace mamori::store
