#pragma once
// ports::CampaignRepository over store/sql.h (sql/campaigns.sql).

#include "base/clock.h"
#include "ports/campaigns.h"
#include "store/sql.h"

namespace mamori::store {

class SqlCampaignRepository final : public ports::CampaignRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlCampaignRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<int64_t> create_campaign(const Campaign& c) override;
  Result<Campaign> get_campaign(int64_t id) override;
  Result<std::vector<Campaign>> list_campaigns() override;
  Status update_window(int64_t id, const std::string& closes_at) override;
  Result<std::map<std::string, std::map<std::string, std::string>>> last_accepted_answers(
      const std::string& catalog_id) override;
  Status open_campaign(int64_t id, const std::vector<int>& categories,
                       const std::function<void(const std::string&, std::vector<ports::OpeningAnswer>&)>& answers_for,
                       const std::function<void(int64_t, int64_t)>& progress) override;
  Status close_campaign(int64_t id, int64_t user_id) override;
  Status import_accepted(int64_t id, int64_t user_id) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
