#pragma once
// What a partner ministry's analyst reads of its own survey (issue 14, item 5): one item's
// answers across every body of a campaign, the item named by its own code or by the code of
// an item of another survey mapped to it (docs/MEASURES.md). Nothing else: an item that is
// neither is refused the same way whether it exists or not.
//
// Thread-safe: plain reads of the store; every argument outlives the call.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "domain/survey_mapping.h"
#include "ports/store.h"
#include "services/reuse/reuse_service.h"

namespace mamori::partners {

// An item of the survey, and when it was named by another survey's item, that item and the
// relation between the two.
struct ResolvedItem {
  const Question* question = nullptr;  // in the survey's catalogue
  std::string via_catalog_id;          // "" when named by its own code
  std::string via_question_id;
  Relation relation = Relation::kEqual;
};

// PermissionDenied "item_not_in_survey" when `question_id` is neither an item of `survey` nor
// an item of another loaded catalogue mapped (through an agreed measure) to one of its items.
Result<ResolvedItem> resolve_item(const CatalogSet& catalogs, const ReuseService& reuse, const Catalog& survey,
                                  std::string_view question_id);

// One body's answer to one item (none when the body has no row for it).
struct BodyItemAnswer {
  ports::ResponseSummary response;
  std::optional<AnswerRecord> answer;
};

// The item's answer of every body of the campaign, in body-code order.
Result<std::vector<BodyItemAnswer>> item_answers(ports::Store& store, int64_t campaign_id, const std::string& question_id);

}  // namespace mamori::partners
