#pragma once
// The writes of reuse between surveys inside another write (a save, a decision, a campaign
// opening): marks, the body's measure answer, and an item's answer taken from its measure.
// Shared by SqlResponseRepository (the fan-out of a save) and SqlReuseRepository. Every
// function runs on the connection of the caller's write.

#include <optional>
#include <string>

#include "domain/model.h"
#include "domain/reuse.h"
#include "ports/reuse.h"
#include "store/sql.h"

namespace mamori::store {

// One row of an answer's history (responses/insert_history): the answer before and after,
// by `user_id` at `now`; `note` says why when it was not the person's own save ("" for one).
Status insert_history(Connection& c, int64_t response_id, const AnswerRecord& before, const AnswerRecord& after,
                      int64_t user_id, const std::string& now, const std::string& note = "");

// Binds a mark row (reuse/mark_set, reuse/mark_insert: response, question, measure,
// relation, state, candidate, measure revision, answer_follows, updated_at).
Statement& bind_mark(Statement& st, int64_t response_id, const std::string& question_id, const ReuseMark& mark,
                     const std::string& now);
// statement "reuse/mark" → the item's mark, or none.
Result<std::optional<ReuseMark>> read_mark(Connection& c, int64_t response_id, const std::string& question_id);
Status write_mark(Connection& c, int64_t response_id, const std::string& question_id, const ReuseMark& mark,
                  const std::string& now);
Status delete_mark(Connection& c, int64_t response_id, const std::string& question_id);

// Stores `value` as the item's answer (its version + 1, its state from last year's value,
// 該当なし cleared), with a history row by `user_id` carrying `note`, and touches the response.
// Returns the answer as stored.
Result<AnswerRecord> write_answer_from_measure(Connection& c, int64_t response_id, const AnswerRecord& before,
                                               const std::optional<std::string>& value, int64_t user_id,
                                               const std::string& now, const std::string& note);

// After a person saved `question_id` of `response_id` with `saved_value` (its answer
// now `after`): the item's own mark follows after_person_save(); then, when the value
// changed, the body's measure answer takes it and every target of `fanout` still open to
// changes is decided by decide_reuse() and written — unless the body's measure answer already
// holds that value.
//
// `confirmation`: the value is last year's, confirmed (前年度と同じ内容で確認する), not typed
// this year: it is passed on only when the body has given no answer to the measure for the
// year yet, and never over an offer waiting on this item (要確認 / 要再確認 stay for a person).
Status write_fanout(Connection& c, int64_t response_id, const std::string& question_id,
                    const AnswerRecord& after, int64_t user_id, const std::string& now, const ports::ReuseFanout& fanout,
                    bool confirmation = false);

}  // namespace mamori::store
