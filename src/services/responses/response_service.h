#pragma once
// Answering and the response workflow for one body's response.
//
// Callers have passed the access policy for the response's body, on the ResponseContext
// the request loaded once (ports/responses.h); the service decides on that same context
// what the policy cannot see — category assignment, workflow state, validation against the
// catalogue — and the store refuses a write whose context went stale meanwhile.
//
// Thread-safe: one instance serves every request.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/catalog.h"
#include "domain/model.h"
#include "domain/workflow.h"
#include "ports/bodies.h"
#include "ports/campaigns.h"
#include "ports/responses.h"
#include "ports/users.h"
#include "services/reuse/reuse_service.h"

namespace mamori {

// A response with what a client needs to show it.
struct ResponseView {
  ResponseRecord response;
  Campaign campaign;
  Body body;
  const Catalog* catalog = nullptr;
  const Catalog* previous_catalog = nullptr;  // the catalogue carried over from, if loaded
  std::vector<AnswerRecord> answers;  // catalogue order
  std::vector<CategoryStatus> categories;
  std::vector<bool> visible;  // per answer, show_if evaluated
};

struct DiffEntry {
  std::string question_id;
  std::optional<std::string> before;  // JSON, null when absent
  std::optional<std::string> after;
  std::string state;
};

// A save stored the answer, or found a newer version saved first.
using SavedAnswer = std::variant<AnswerRecord, StaleAnswer>;

class ResponseService {
 public:
  // Every argument outlives the service.
  // `reuse` (may be null: no reuse between surveys) routes a save of a mapped item to the
  // body's other surveys of the year (services/reuse/reuse_service.h).
  ResponseService(ports::ResponseRepository& responses, ports::CampaignRepository& campaigns,
                  ports::BodyRepository& bodies, ports::UserRepository& users, const CatalogSet& catalogs,
                  const ReuseService* reuse = nullptr)
      : responses_(responses), campaigns_(campaigns), bodies_(bodies), users_(users), catalogs_(catalogs), reuse_(reuse) {}

  // The context a request works on. NotFound "response_not_found".
  Result<ports::ResponseContext> load(int64_t response_id) { return responses_.load_context(response_id); }
  // The catalogue of the response's campaign (cached: a campaign's catalogue never changes).
  Result<const Catalog*> catalog_of(const ResponseRecord& r);

  Result<ResponseView> view(const ports::ResponseContext& ctx);
  // NotFound "question_not_found" unless the response's catalogue has `question_id`.
  Status check_question(const ports::ResponseContext& ctx, const std::string& question_id);

  // Validates and saves one answer, with optimistic concurrency on its version. When the
  // response's workflow state moved since `ctx` was read, the rules are checked again on a
  // fresh context (at most 3 times, then Aborted "state_changed").
  Result<SavedAnswer> save_answer(const User& user, const ports::ResponseContext& ctx, const std::string& question_id,
                                  const AnswerInput& in);
  // The first attempt of save_answer without holding this thread for the commit: `done`
  // gets the outcome once the save is durable, on the store's writing thread (it must not
  // block nor call the store); a refusal by the rules comes to `done` at once, on this
  // thread. `redo` is called instead of `done` when the save must be done again by
  // save_answer, with a fresh context, on a thread that may block: when the workflow state
  // moved since `ctx` was read (called on the writing thread), or when this thread is in a
  // NoWaitScope and the save could not go on without waiting (called on this thread,
  // nothing changed).
  void save_answer_async(const User& user, const ports::ResponseContext& ctx, const std::string& question_id,
                         const AnswerInput& in, std::function<void(Result<SavedAnswer>)> done,
                         std::function<void()> redo);
  // An answer of an import checked as a save is (catalogue, value, 該当なし, link) and the
  // write of it over version `in.version` (ports::ImportedAnswer), for import_answers.
  Result<ports::ImportedAnswer> prepare_import(const ports::ResponseContext& ctx, const std::string& question_id,
                                               const AnswerInput& in);
  // Writes prepared answers all together or not at all (ResponseRepository::import_answers)
  // while the response takes answers and each answer's category is open to `user`; each
  // history row says `note`. Stale answers come back with nothing written.
  Result<ports::ImportOutcome> import_answers(const User& user, const ports::ResponseContext& ctx,
                                              const std::vector<ports::ImportedAnswer>& answers,
                                              const std::string& note);
  // Confirms every carried-over, unconfirmed, visible answer of a category; how many.
  Result<int64_t> confirm_category(const User& user, const ports::ResponseContext& ctx, int category);
  // Marks a category ready for review (checks its required answers) or back in progress.
  Status mark_category(const User& user, const ports::ResponseContext& ctx, int category, bool ready);
  // Approver: assigns a category to a respondent, approver or supporter of the body
  // (nullopt: unassign). InvalidField "assignee" for anyone else.
  Status assign_category(const User& user, const ports::ResponseContext& ctx, int category,
                         std::optional<int64_t> assignee);
  // One workflow step (domain/workflow.h). `category` only for kApproverReturn (one
  // category back to the respondents); `comment` is required for both returns.
  Status step(const User& user, const ports::ResponseContext& ctx, WorkflowAction action, const std::string& comment,
              std::optional<int> category);

  // Answers whose value differs from last year's.
  Result<std::vector<DiffEntry>> diff_last_year(const ports::ResponseContext& ctx);
  // Answers that changed since the last submission (empty before any).
  Result<std::vector<DiffEntry>> diff_last_submission(const ports::ResponseContext& ctx);

 private:
  // What a save of `in` to `question_id` stores, once checked against the catalogue:
  // update(before) gives the row to write over `before`.
  struct PreparedSave {
    const Question* question = nullptr;
    std::function<ports::AnswerUpdate(const AnswerRecord&)> update;
    std::shared_ptr<const ports::ReuseFanout> fanout;  // null: the item feeds no other survey
  };
  Result<PreparedSave> prepare_save(const ports::ResponseContext& ctx, const std::string& question_id,
                                    const AnswerInput& in);
  Result<ports::WriteGuard> completeness_guard(const ResponseRecord& r);
  Status approver_return(const User& user, const ports::ResponseContext& ctx, std::optional<int> category,
                         const std::string& comment);

  ports::ResponseRepository& responses_;
  ports::CampaignRepository& campaigns_;
  ports::BodyRepository& bodies_;
  ports::UserRepository& users_;
  const CatalogSet& catalogs_;
  const ReuseService* reuse_;
  std::mutex catalog_cache_mu_;
  std::map<int64_t, const Catalog*> catalog_cache_;  // by campaign id
  std::map<int64_t, int> fiscal_year_cache_;         // by campaign id, filled with catalog_cache_
};

}  // namespace mamori
