#pragma once
// Responses (回答): one body's answers to one campaign, its categories and its workflow.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "domain/body.h"
#include "domain/model.h"
#include "ports/reuse.h"

namespace mamori::ports {

// A response with its categories, read together: what a request loads once and both the
// access policy and the service decide on. `response.revision` names the workflow state it
// shows (state, lock, categories); save_answer() stores only while it is still current.
struct ResponseContext {
  ResponseRecord response;
  std::vector<CategoryStatus> categories;  // in category order
};

// What an answer becomes.
struct AnswerUpdate {
  std::optional<std::string> value_json;
  std::string state;
  bool not_applicable = false;
  std::string na_reason;
  std::string comment;
  std::string evidence_url;
};

// `before` with `u` written over it by `user_id` at `now`: the next version, no longer
// waiting for confirmation (updated_by_name left empty: the caller knows its user). What a
// save or an import stores, whichever store writes it.
inline AnswerRecord applied(const AnswerRecord& before, const AnswerUpdate& u, int64_t user_id, const std::string& now) {
  AnswerRecord after = before;
  after.value_json = u.value_json;
  after.state = u.state;
  after.not_applicable = u.not_applicable;
  after.na_reason = u.na_reason;
  after.comment = u.comment;
  after.evidence_url = u.evidence_url;
  after.version = before.version + 1;
  after.needs_confirmation = false;
  after.updated_by = user_id;
  after.updated_by_name.clear();
  after.updated_at = now;
  return after;
}

// A save found the response's workflow state changed since its context was read (a step,
// a lock, a category change): nothing was stored; reload the context and decide again.
struct ContextChanged {};

// What a save did: stored the answer, found a newer version of it, or found the context stale.
using SaveOutcome = std::variant<AnswerRecord, StaleAnswer, ContextChanged>;

// One answer of an import (a workbook uploaded back, services/workbook): written over the
// version the import was prepared on.
struct ImportedAnswer {
  std::string question_id;
  int64_t expected_version = 0;
  std::function<AnswerUpdate(const AnswerRecord&)> update;  // runs inside the write
  std::shared_ptr<const ReuseFanout> fanout;                 // null: feeds no other survey
};

// What an import did: every answer written (in the order given), or the answers whose
// version moved since the import was prepared (then nothing was written).
using ImportOutcome = std::variant<std::vector<AnswerRecord>, std::vector<StaleAnswer>>;

// A response as a write sees it inside its own transaction.
struct ResponseSnapshot {
  ResponseRecord response;
  std::vector<CategoryStatus> categories;
  std::vector<AnswerRecord> answers;  // only when the guard asks for them
};

// The rules a write must hold on the data it changes, checked inside the write's
// transaction (so no concurrent write can slip between check and change). `check`
// returning an error aborts the write, which then changes nothing. `snapshot`, when set,
// produces the submission snapshot to store. Both run on the store's writing thread, inside
// the write: they must not call the store.
struct WriteGuard {
  bool needs_answers = false;
  std::function<Status(const ResponseSnapshot&)> check;
  std::function<std::string(const ResponseSnapshot&)> snapshot;
};

// A change to one category row; unset fields keep their stored value.
struct CategoryChange {
  int category = 0;
  std::optional<std::optional<int64_t>> assignee;
  std::optional<bool> ready;
  std::optional<std::string> return_comment;
};

struct ResponseFilter {
  std::string prefecture_code;
  std::string state;
};

struct ResponseSummary {
  ResponseRecord response;
  std::string body_name;
  std::string body_type;
  std::string body_kana;
};

// Thread-safe. A write that returns an error has changed nothing. "Now" is the store's
// Clock. Every change of state, lock or category bumps the response's revision; a change of
// state also records a "response_changed" outbox event (ports/events.h).
class ResponseRepository {
 public:
  virtual ~ResponseRepository() = default;
  // NotFound "response_not_found".
  virtual Result<ResponseContext> load_context(int64_t id) = 0;
  virtual Result<ResponseRecord> get_response(int64_t id) = 0;
  virtual Result<ResponseRecord> find_response(int64_t campaign_id, const std::string& body_code) = 0;
  // In body-code order.
  virtual Result<std::vector<ResponseSummary>> list_responses(int64_t campaign_id, const ResponseFilter& f) = 0;
  // Newest campaign first.
  virtual Result<std::vector<ResponseRecord>> responses_of_body(const std::string& body_code) = 0;
  virtual Result<std::vector<AnswerRecord>> get_answers(int64_t response_id) = 0;
  // Every stored value of the submitted and accepted responses of a campaign, ordered by
  // response, in one read: (response id, body code, question id, value JSON or none).
  using CountedAnswerFn = std::function<void(int64_t response_id, const std::string& body_code,
                                             const std::string& question_id, const std::optional<std::string>& value)>;
  virtual Status for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) = 0;
  // The comparison groups frozen for the responses of a campaign when it closed (response id
  // → attributes), in one read; empty for a campaign that never closed.
  virtual Result<std::map<int64_t, GroupAttributes>> frozen_groups(int64_t campaign_id) = 0;
  // One response's frozen groups; none while its campaign has not closed.
  virtual Result<std::optional<GroupAttributes>> frozen_groups_of(int64_t response_id) = 0;
  // NotFound "question_not_found".
  virtual Result<AnswerRecord> get_answer(int64_t response_id, const std::string& question_id) = 0;
  // Saves one answer while the response's revision is still `revision` and the answer's
  // version is `expected_version`: `update(before)` gives what to store from the stored
  // answer (it runs inside the write and must not call the store); one history row is
  // written. Returns the stored answer (updated_by_name left empty: the caller knows its
  // user), StaleAnswer (the answer as it is, with its author's name) when the version
  // differs, ContextChanged when the revision differs; in those two cases nothing is
  // stored. NotFound "question_not_found" without a row.
  // `fanout`, when given, is written in the same write once the answer is stored
  // (ports/reuse.h: the body's measure answer and the items of its other surveys).
  virtual Result<SaveOutcome> save_answer(int64_t response_id, const std::string& question_id, int64_t revision,
                                          int64_t expected_version,
                                          const std::function<AnswerUpdate(const AnswerRecord&)>& update,
                                          int64_t user_id,
                                          std::shared_ptr<const ReuseFanout> fanout = nullptr) = 0;
  // As save_answer, answering through `done` once the save is durable, without holding the
  // caller's thread: `done` may run on the store's writing thread, where it must not block
  // nor call the store. The default runs save_answer on the caller's thread.
  virtual void save_answer_async(int64_t response_id, std::string question_id, int64_t revision,
                                 int64_t expected_version, std::function<AnswerUpdate(const AnswerRecord&)> update,
                                 int64_t user_id, std::function<void(Result<SaveOutcome>)> done,
                                 std::shared_ptr<const ReuseFanout> fanout = nullptr) {
    done(save_answer(response_id, question_id, revision, expected_version, update, user_id, std::move(fanout)));
  }
  // Marks the given answers confirmed where they are still carried over with a value (one
  // history row each), when `guard` holds. Returns how many. `fanouts` (empty, or one per
  // question, nullptr for an unmapped one): a confirmed answer is the body's answer for the
  // year, passed on as a person's save is (ReuseFanout), in the same write.
  virtual Result<int64_t> confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids,
                                          int64_t user_id, const WriteGuard& guard,
                                          const std::vector<std::shared_ptr<const ReuseFanout>>& fanouts = {}) = 0;
  // Writes every answer of `answers` in one transaction, or none: when `guard` holds and each
  // answer is still at its expected version (else the stale ones, with their authors'
  // names, and nothing stored). Each written answer gets one history row noted `note`;
  // the response is touched once. NotFound "question_not_found" for an unknown id.
  virtual Result<ImportOutcome> import_answers(int64_t response_id, const std::vector<ImportedAnswer>& answers,
                                               int64_t user_id, const std::string& note, const WriteGuard& guard) = 0;
  // Newest first.
  virtual Result<std::vector<HistoryEntry>> history(int64_t response_id, const std::string& question_id) = 0;
  virtual Result<std::vector<CategoryStatus>> categories(int64_t response_id) = 0;
  // Changes one category row when `guard` holds, recording a workflow event `action`.
  virtual Status change_category(int64_t response_id, const CategoryChange& change, int64_t user_id,
                                 const std::string& action, const std::string& comment, const WriteGuard& guard) = 0;
  // Moves the response from `from` to `to` when it is in `from`, not locked, and `guard`
  // holds (a locked response: its editable_status(); another state: Aborted
  // "state_changed"), recording a workflow event; stores the guard's snapshot when it has
  // one, and applies `category_change` in the same transaction.
  virtual Status transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                            const std::string& action, const std::string& comment, const WriteGuard& guard,
                            const std::optional<CategoryChange>& category_change = std::nullopt) = 0;
  // Unlocks a locked response (reopening it for one body), recording a workflow event.
  // FailedPrecondition "not_locked".
  virtual Status unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) = 0;
  // Oldest first.
  virtual Result<std::vector<WorkflowEvent>> events(int64_t response_id) = 0;
  // Submitted snapshots, newest first.
  virtual Result<std::vector<std::string>> submissions(int64_t response_id) = 0;
};

}  // namespace mamori::ports
