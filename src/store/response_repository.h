#pragma once
// ports::ResponseRepository over store/sql.h (sql/responses.sql).

#include "base/clock.h"
#include "ports/responses.h"
#include "store/sql.h"

namespace mamori::store {

class SqlResponseRepository final : public ports::ResponseRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlResponseRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<ports::ResponseContext> load_context(int64_t id) override;
  Result<ResponseRecord> get_response(int64_t id) override;
  Result<ResponseRecord> find_response(int64_t campaign_id, const std::string& body_code) override;
  Result<std::vector<ports::ResponseSummary>> list_responses(int64_t campaign_id, const ports::ResponseFilter& f) override;
  Result<std::vector<ResponseRecord>> responses_of_body(const std::string& body_code) override;
  Result<std::vector<AnswerRecord>> get_answers(int64_t response_id) override;
  Result<std::map<int64_t, GroupAttributes>> frozen_groups(int64_t campaign_id) override;
  Result<std::optional<GroupAttributes>> frozen_groups_of(int64_t response_id) override;
  Status for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) override;
  Result<AnswerRecord> get_answer(int64_t response_id, const std::string& question_id) override;
  Result<ports::SaveOutcome> save_answer(int64_t response_id, const std::string& question_id, int64_t revision,
                                         int64_t expected_version,
                                         const std::function<ports::AnswerUpdate(const AnswerRecord&)>& update,
                                         int64_t user_id,
                                         std::shared_ptr<const ports::ReuseFanout> fanout = nullptr) override;
  void save_answer_async(int64_t response_id, std::string question_id, int64_t revision, int64_t expected_version,
                         std::function<ports::AnswerUpdate(const AnswerRecord&)> update, int64_t user_id,
                         std::function<void(Result<ports::SaveOutcome>)> done,
                         std::shared_ptr<const ports::ReuseFanout> fanout = nullptr) override;
  Result<ports::ImportOutcome> import_answers(int64_t response_id, const std::vector<ports::ImportedAnswer>& answers,
                                              int64_t user_id, const std::string& note,
                                              const ports::WriteGuard& guard) override;
  Result<int64_t> confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids, int64_t user_id,
                                  const ports::WriteGuard& guard,
                                  const std::vector<std::shared_ptr<const ports::ReuseFanout>>& fanouts = {}) override;
  Result<std::vector<HistoryEntry>> history(int64_t response_id, const std::string& question_id) override;
  Result<std::vector<CategoryStatus>> categories(int64_t response_id) override;
  Status change_category(int64_t response_id, const ports::CategoryChange& change, int64_t user_id,
                         const std::string& action, const std::string& comment, const ports::WriteGuard& guard) override;
  Status transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                    const std::string& action, const std::string& comment, const ports::WriteGuard& guard,
                    const std::optional<ports::CategoryChange>& category_change = std::nullopt) override;
  Status unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) override;
  Result<std::vector<WorkflowEvent>> events(int64_t response_id) override;
  Result<std::vector<std::string>> submissions(int64_t response_id) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
