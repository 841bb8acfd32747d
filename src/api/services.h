// What API handlers depend on, resolved once at start-up.
#pragma once

#include "api/catalog_documents.h"
#include "base/clock.h"
#include "domain/catalog.h"
#include "domain/csf.h"
#include "ports/documents.h"
#include "ports/mailer.h"
#include "ports/store.h"
#include "services/accounts/account_service.h"
#include "services/analytics/analytics_service.h"
#include "services/body_export/body_export_service.h"
#include "services/audit/audit_trail.h"
#include "services/campaigns/campaign_service.h"
#include "services/jobs/job_runner.h"
#include "services/partners/api_token_service.h"
#include "services/policies/policy_service.h"
#include "services/policies/publication_checks.h"
#include "services/responses/response_service.h"
#include "services/reuse/reuse_service.h"
#include "services/session/session_service.h"
#include "services/workbook/workbook_service.h"

namespace mamori::api {

// Everything here outlives the handlers; all of it is thread-safe.
struct Services {
  ports::Store& store;
  const CatalogSet& catalogs;
  const CsfView& csf;  // the NIST CSF 2.0 view of MIC's survey
  CatalogDocuments& catalog_documents;  // the catalogues' JSON, versions, compressed forms
  CampaignService& campaigns;
  ResponseService& responses;
  WorkbookService& workbooks;  // a response in Excel, both ways
  BodyExportService& body_exports;  // a body's own data, complete
  PolicyService& policies;  // the policy obligation of each body
  PublicationChecks& publication_checks;  // the 方針's publication pages fetched again
  ReuseService& reuse;  // answers shared between the ministries' surveys
  partners::ApiTokenService& api_tokens;  // partner analysts' read-only tokens
  JobRunner& jobs;
  SessionService& sessions;
  AuditTrail& audit;
  AccountService& accounts;
  analytics::AnalyticsService& analytics;
  ports::Documents& documents;
  ports::Mailer& mailer;  // reminders are also e-mailed when enabled()
  const Clock& clock;
  // Behind TLS: the session cookie is "__Host-mamori_session" with Secure, and every answer
  // carries Strict-Transport-Security.
  bool secure_cookies = false;
  // Where jobs write their results (a batch ZIP): a folder every node can read when several
  // serve one database (OPERATIONS: --job-files); the temporary folder by default.
  std::string job_files_dir;
};

}  // namespace mamori::api
