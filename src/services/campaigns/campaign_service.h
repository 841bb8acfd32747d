// Campaigns: create, open (with carry-over), extend, close, reopen one body.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/model.h"
#include "ports/bodies.h"
#include "ports/campaigns.h"
#include "ports/responses.h"
#include "services/reuse/reuse_service.h"

namespace mamori {

struct NewCampaign {
  std::string title;
  int fiscal_year = 0;
  std::string catalog_id;
  std::string opens_at;              // YYYY-MM-DD
  std::string closes_at;             // YYYY-MM-DD
  std::vector<std::string> targets;  // empty: every registered body
};

class CampaignService {
 public:
  // Every argument outlives the service. `reuse` (may be null) fills a campaign being opened
  // from the bodies' answers given in the other surveys of the same fiscal year.
  CampaignService(ports::CampaignRepository& campaigns, ports::BodyRepository& bodies,
                  ports::ResponseRepository& responses, const CatalogSet& catalogs, ReuseService* reuse = nullptr)
      : campaigns_(campaigns), bodies_(bodies), responses_(responses), catalogs_(catalogs), reuse_(reuse) {}

  // Validates and stores a draft campaign. Errors: InvalidArgument with
  // fields (unknown catalogue, bad dates, year mismatch, invalid body codes).
  Result<int64_t> create(const NewCampaign& c);

  // Opens a draft campaign: one response per target body in one transaction,
  // each answer pre-filled from the body's last accepted response of the
  // previous catalogue through the lineage, then from the body's answers to the common
  // measures given this fiscal year in another ministry's survey (an equal item takes the
  // value, a partial one gets a proposal). `progress(done, total)` as it goes.
  Status open(int64_t id, const std::function<void(int64_t, int64_t)>& progress = {});

  // Moves the deadline later (open campaigns only).
  Status extend(int64_t id, const std::string& closes_at);
  // Closes an open campaign and locks every unsubmitted response.
  Status close(const User& by, int64_t id);
  // Unlocks one body's locked response so it can still answer.
  Status reopen_response(const User& by, int64_t response_id, const std::string& comment);

 private:
  ports::CampaignRepository& campaigns_;
  ports::BodyRepository& bodies_;
  ports::ResponseRepository& responses_;
  const CatalogSet& catalogs_;
  ReuseService* reuse_;
};


}  // namespace mamori
