// What API handlers depend on, resolved once at start-up.
#pragma once

#include "analytics/analytics_service.h"
#include "auth/sign_in_throttle.h"
#include "core/campaign_service.h"
#include "core/catalog.h"
#include "core/jobs.h"
#include "core/response_service.h"
#include "io/smtp_client.h"
#include "store/repositories.h"

namespace mamori::api {

struct Services {
  store::Store& store;
  const CatalogSet& catalogs;
  CampaignService& campaigns;
  ResponseService& responses;
  JobRegistry& jobs;
  auth::SignInThrottle& sign_in_throttle;
  analytics::AnalyticsService& analytics;
  bool secure_cookies = false;  // set the Secure flag (behind TLS)
  long session_seconds = 8 * 3600;
  io::SmtpConfig smtp;  // reminders are also e-mailed when enabled()
};

}  // namespace mamori::api
