#pragma once
// Everything a store provides, for wiring: the repositories of each feature area over one
// database. Implemented by store/sql_store.h (SQLite now, PostgreSQL in a later issue) and,
// for fast tests, by an in-memory fake (tests/fakes/); both pass the same contract suite
// (src/store/store_contract.h).

#include "ports/api_tokens.h"
#include "ports/audit.h"
#include "ports/bodies.h"
#include "ports/body_export.h"
#include "ports/campaigns.h"
#include "ports/events.h"
#include "ports/jobs.h"
#include "ports/notifications.h"
#include "ports/policies.h"
#include "ports/responses.h"
#include "ports/reuse.h"
#include "ports/sign_in.h"
#include "ports/users.h"

namespace mamori::ports {

// Thread-safe; outlives every repository reference it hands out.
class Store {
 public:
  virtual ~Store() = default;
  virtual BodyRepository& bodies() = 0;
  virtual UserRepository& users() = 0;
  virtual CampaignRepository& campaigns() = 0;
  virtual ResponseRepository& responses() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual JobStore& jobs() = 0;
  virtual SignInAttempts& sign_in_attempts() = 0;
  virtual EventLog& events() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ReuseRepository& reuse() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual BodyExportRepository& body_export() = 0;
  virtual PolicyRepository& policies() = 0;
  // Whether this node can serve: the database answers and its schema is the version this
  // binary migrates to. Unavailable "database_unavailable" or "schema_not_current" otherwise.
  // Blocks (a read): never on an I/O thread.
  virtual Status ready() = 0;
};

}  // namespace mamori::ports
