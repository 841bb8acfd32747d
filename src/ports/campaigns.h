#pragma once
// Campaigns (調査): a survey of one fiscal year, its targets, and opening and closing it.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/model.h"
#include "domain/reuse.h"

namespace mamori::ports {

// One answer row written when a campaign opens. `question_id` points into the catalogue,
// which outlives the call.
struct OpeningAnswer {
  const std::string* question_id = nullptr;
  std::optional<std::string> value_json;
  std::optional<std::string> previous_json;
  std::string_view state;
  bool needs_confirmation = false;
  // What the item takes from the body's answer to its measure given in another survey of the
  // same fiscal year (domain/reuse.h); none for an item without one.
  std::optional<ReuseMark> reuse;
};

// Thread-safe. A write that returns an error has changed nothing. "Now" is the store's Clock.
class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  // A draft campaign with its targets; its id. InvalidArgument "unknown_body" naming a target
  // that is not registered.
  virtual Result<int64_t> create_campaign(const Campaign& c) = 0;
  // `targets` is left empty (target_count says how many). NotFound "campaign_not_found".
  virtual Result<Campaign> get_campaign(int64_t id) = 0;
  // Newest fiscal year first.
  virtual Result<std::vector<Campaign>> list_campaigns() = 0;
  virtual Status update_window(int64_t id, const std::string& closes_at) = 0;
  // The last accepted answers of each body for campaigns of `catalog_id` (the latest such
  // campaign per body wins), without empty and not-applicable ones: body → question → JSON.
  virtual Result<std::map<std::string, std::map<std::string, std::string>>> last_accepted_answers(
      const std::string& catalog_id) = 0;
  // Opens a draft campaign in one write: for every target body, calls
  // `answers_for(body_code, out)` for its answer rows and inserts the response with them and
  // one category row per number of `categories`; then the campaign is open.
  // `progress(done, total)` is called as bodies are written (on the writing thread, inside
  // the write: it must not call the store). FailedPrecondition "campaign_not_draft".
  virtual Status open_campaign(int64_t id, const std::vector<int>& categories,
                               const std::function<void(const std::string&, std::vector<OpeningAnswer>&)>& answers_for,
                               const std::function<void(int64_t, int64_t)>& progress) = 0;
  // Closes an open campaign: unsubmitted responses locked (a "campaign_closed" workflow event
  // each, by `user_id`), closed_at set, and a "campaign_closed" outbox event.
  // FailedPrecondition "campaign_not_open".
  virtual Status close_campaign(int64_t id, int64_t user_id) = 0;
  // Marks every response of an open campaign accepted in one write, for surveys run outside
  // mamori and imported as history (demo data, legacy results): an "imported" workflow event
  // each by `user_id`, and a "campaign_imported" outbox event.
  virtual Status import_accepted(int64_t id, int64_t user_id) = 0;
};

}  // namespace mamori::ports
