#pragma once
// ports::Store: every repository written once over store/sql.h, on one Database.

#include <memory>

#include "base/clock.h"
#include "ports/store.h"
#include "store/api_token_repository.h"
#include "store/audit_repository.h"
#include "store/body_export_repository.h"
#include "store/body_repository.h"
#include "store/campaign_repository.h"
#include "store/event_repository.h"
#include "store/job_repository.h"
#include "store/notification_repository.h"
#include "store/policy_repository.h"
#include "store/response_repository.h"
#include "store/reuse_repository.h"
#include "store/sign_in_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"

namespace mamori::store {

class SqlStore final : public ports::Store {
 public:
  // Owns `db`; `clock` outlives the store. The database closes (after its queued writes)
  // when the store is destroyed. `schema_version`: the version the backend migrated it to.
  SqlStore(std::unique_ptr<Database> db, const Clock& clock, int schema_version)
      : schema_version_(schema_version),
        db_(std::move(db)),
        bodies_(*db_, clock),
        users_(*db_, clock),
        campaigns_(*db_, clock),
        responses_(*db_, clock),
        notifications_(*db_, clock),
        jobs_(*db_, clock),
        sign_in_(*db_, clock),
        audit_(*db_, clock),
        reuse_(*db_, clock),
        api_tokens_(*db_, clock),
        body_export_(*db_, clock),
        policies_(*db_, clock),
        events_(*db_) {}

  ports::BodyRepository& bodies() override { return bodies_; }
  ports::UserRepository& users() override { return users_; }
  ports::CampaignRepository& campaigns() override { return campaigns_; }
  ports::ResponseRepository& responses() override { return responses_; }
  ports::NotificationRepository& notifications() override { return notifications_; }
  ports::JobStore& jobs() override { return jobs_; }
  ports::SignInAttempts& sign_in_attempts() override { return sign_in_; }
  ports::EventLog& events() override { return events_; }
  ports::AuditRepository& audit() override { return audit_; }
  ports::ReuseRepository& reuse() override { return reuse_; }
  ports::ApiTokenRepository& api_tokens() override { return api_tokens_; }
  ports::BodyExportRepository& body_export() override { return body_export_; }
  ports::PolicyRepository& policies() override { return policies_; }
  // Reads the recorded schema version (statement schema/version).
  Status ready() override;

  Database& database() { return *db_; }

 private:
  int schema_version_;
  std::unique_ptr<Database> db_;  // destroyed last
  SqlBodyRepository bodies_;
  SqlUserRepository users_;
  SqlCampaignRepository campaigns_;
  SqlResponseRepository responses_;
  SqlNotificationRepository notifications_;
  SqlJobStore jobs_;
  SqlSignInAttempts sign_in_;
  SqlAuditRepository audit_;
  SqlReuseRepository reuse_;
  SqlApiTokenRepository api_tokens_;
  SqlBodyExportRepository body_export_;
  SqlPolicyRepository policies_;
  SqlEventLog events_;
};

}  // namespace mamori::store
