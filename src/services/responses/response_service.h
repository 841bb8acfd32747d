// Answering and the response workflow for one body's response.
//
// Callers have already passed the access policy for the response's body; the
// service enforces what the policy cannot see: category assignment, workflow
// state, validation against the catalogue.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/answer.h"
#include "domain/catalog.h"
#include "domain/model.h"
#include "ports/repositories.h"

namespace mamori {

struct AnswerInput {
  int64_t version = 0;
  std::optional<boost::json::value> value;  // nullopt: clear the answer
  bool not_applicable = false;
  std::string na_reason;
  std::string comment;
  std::string evidence_url;
};

// A response with what a client needs to show it.
struct ResponseView {
  ResponseRecord response;
  Campaign campaign;
  Body body;
  const Catalog* catalog = nullptr;
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

// Ok when every visible question (of `category`, or of all when nullopt) is
// answered or not applicable and none is still carried over unconfirmed;
// otherwise FailedPrecondition "answers_incomplete" naming each question.
Status check_complete(const Catalog& cat, const Body& body, const std::vector<AnswerRecord>& answers,
                      std::optional<int> category);

class ResponseService {
 public:
  ResponseService(store::Store& store, const CatalogSet& catalogs) : store_(store), catalogs_(catalogs) {}

  Result<ResponseView> view(int64_t response_id);
  // NotFound unless the response's catalogue has `question_id`.
  Status check_question(int64_t response_id, const std::string& question_id);

  // Validates and saves one answer (optimistic concurrency on `version`): the stored
  // answer, or the newer one found (StaleAnswer).
  Result<store::SaveOutcome> save_answer(const User& user, int64_t response_id, const std::string& question_id,
                                   const AnswerInput& in);
  // Confirms every carried-over, unconfirmed, visible answer of a category.
  Result<int64_t> confirm_category(const User& user, int64_t response_id, int category);
  // Marks a category ready for review (checks required answers) or back in progress.
  Status mark_category(const User& user, int64_t response_id, int category, bool ready);
  // Approver: assigns a category to a respondent of the body (nullopt: unassign).
  Status assign_category(const User& user, int64_t response_id, int category, std::optional<int64_t> assignee);
  // Every category ready → ready_for_review.
  Status request_review(const User& user, int64_t response_id, const std::string& comment);
  // Approver: returns one category (or the whole response when category is
  // nullopt) to the respondents with a comment.
  Status approver_return(const User& user, int64_t response_id, std::optional<int> category,
                         const std::string& comment);
  // Approver: ready_for_review → submitted, storing a snapshot.
  Status submit(const User& user, int64_t response_id, const std::string& comment);
  // MIC: submitted → accepted, or → returned with a comment.
  Status accept(const User& user, int64_t response_id, const std::string& comment);
  Status national_return(const User& user, int64_t response_id, const std::string& comment);

  // Answers whose value differs from last year's.
  Result<std::vector<DiffEntry>> diff_last_year(int64_t response_id);
  // Answers that changed since the last submission (empty before any).
  Result<std::vector<DiffEntry>> diff_last_submission(int64_t response_id);

 private:
  Result<const Catalog*> catalog_of(const ResponseRecord& r, Campaign* campaign = nullptr);
  store::WriteGuard completeness_guard(const ResponseRecord& r);

  store::Store& store_;
  const CatalogSet& catalogs_;
  // A campaign's catalogue never changes: cached per campaign id.
  std::mutex catalog_cache_mu_;
  std::map<int64_t, const Catalog*> catalog_cache_;
};

}  // namespace mamori
