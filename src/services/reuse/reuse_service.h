#pragma once
// Reuse between the ministries' surveys (docs/MEASURES.md): routes from each mapped item to
// its measure and to the items of the other surveys, built once from the crosswalk; the
// fan-out a save carries; the values and marks a campaign opens with; a person's decision on
// an offered value; and the counts of entries bodies did not have to make again.
//
// Thread-safe: the routes are fixed at construction. Every argument of the constructor
// outlives the service.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/survey_mapping.h"
#include "ports/campaigns.h"
#include "ports/reuse.h"

namespace mamori {

class ReuseService {
 public:
  ReuseService(ports::ReuseRepository& reuse, const CatalogSet& catalogs, const Crosswalk& crosswalk);

  // The route of an item: nullptr when it is not mapped, or its measure is only proposed.
  std::shared_ptr<const ports::ReuseRoute> route(std::string_view catalog_id, std::string_view question_id) const;
  // What a save of that item carries (nullptr: nothing to fan out).
  std::shared_ptr<const ports::ReuseFanout> fanout(std::string_view catalog_id, int fiscal_year,
                                                   const std::string& body_code, std::string_view question_id) const;

  // The body's measure answers of a fiscal year, for opening a campaign: body → measure → answer.
  Result<std::map<std::string, std::map<std::string, ports::MeasureAnswer>>> measure_answers(int fiscal_year) {
    return reuse_.measure_answers(fiscal_year);
  }
  // Fills the opening rows of one body (`rows` in the order of `catalog.questions`) from its
  // measure answers: an equal item takes the value, a partial one gets a proposal.
  void apply_opening(const Catalog& catalog, const std::map<std::string, ports::MeasureAnswer>& answers,
                     std::vector<ports::OpeningAnswer>& rows) const;

  Result<std::map<std::string, ports::ItemReuse>> reuse_of(int64_t response_id) { return reuse_.reuse_of(response_id); }
  Result<AnswerRecord> decide(const ports::ReuseDecisionRequest& request) { return reuse_.decide(request); }
  Result<std::map<int64_t, ports::ReuseCounts>> counts(int64_t campaign_id) { return reuse_.counts(campaign_id); }
  Result<int64_t> entries_saved() { return reuse_.entries_saved(); }

  // How many items of `catalog_id` are mapped to an agreed measure (the M of "N of M filled").
  int64_t mapped_items(std::string_view catalog_id) const;
  const Crosswalk& crosswalk() const { return crosswalk_; }

 private:
  ports::ReuseRepository& reuse_;
  const CatalogSet& catalogs_;
  const Crosswalk& crosswalk_;
  // (catalogue id, question id) → its route.
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const ports::ReuseRoute>, std::less<>> routes_;
};

}  // namespace mamori
