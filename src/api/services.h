// What API handlers depend on, resolved once at start-up.
#pragma once

#include "services/analytics/analytics_service.h"
#include "services/session/sign_in_throttle.h"
#include "services/campaigns/campaign_service.h"
#include "domain/catalog.h"
#include "services/jobs/job_registry.h"
#include "services/responses/response_service.h"
#include "ports/documents.h"
#include "ports/mailer.h"
#include "ports/repositories.h"

namespace mamori::api {

struct Services {
  store::Store& store;
  const CatalogSet& catalogs;
  CampaignService& campaigns;
  ResponseService& responses;
  JobRegistry& jobs;
  auth::SignInThrottle& sign_in_throttle;
  analytics::AnalyticsService& analytics;
  ports::Documents& documents;
  ports::Mailer& mailer;  // reminders are also e-mailed when enabled()
  bool secure_cookies = false;  // set the Secure flag (behind TLS)
  long session_seconds = 8 * 3600;
};

}  // namespace mamori::api
