// The application: wiring only. Opens the store, loads the catalogues, builds the services
// and the route table, and answers every request (static files, or the API pipeline).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/pipeline.h"
#include "api/routes.h"
#include "api/services.h"
#include "app/maintenance.h"
#include "app/publication_schedule.h"
#include "base/clock.h"
#include "crypto/password.h"
#include "crypto/sealed.h"
#include "http/server.h"
#include "http/static_files.h"
#include "io/documents.h"
#include "domain/csf.h"
#include "domain/survey_mapping.h"
#include "io/smtp_client.h"
#include "io/url_fetcher.h"
#include "ports/store.h"

namespace mamori {

struct AppOptions {
  // Where the data lives (store/store_location.h): a SQLite file ("mamori.db", "sqlite:PATH")
  // or PostgreSQL ("postgres:CONNINFO", "postgresql://…").
  std::string database = "mamori.db";
  int pg_pool = 16;            // PostgreSQL connections of this process
  std::string pg_search_path;  // PostgreSQL schema to work in ("" = the default; tests)
  std::string catalog_dir = "catalog";
  // The measure bank and the survey mappings (docs/MEASURES.md). "" = the folder `measures`
  // beside catalog_dir when it exists, else none (no reuse between surveys).
  std::string measures_dir;
  bool secure_cookies = false;
  int readers = 8;
  std::string web_root = "web/dist";  // the built front end
  io::SmtpConfig smtp;                // e-mail reminders; off unless a host is set
  // The publication check of the 方針 (docs/POLICIES.md): how it fetches, and how often each
  // published page is fetched again (0: never on a schedule, only when a body asks).
  io::FetchLimits publication;
  std::chrono::hours publication_check_every{0};
  // How soon a body may ask for another check of one policy (tests: 0).
  std::chrono::seconds publication_check_again_after = PublicationChecks::kAgainAfter;
  std::string node;                   // this node's name for its jobs; "" = the host name
  std::string job_files_dir;          // where job results are written; "" = the temporary folder
  bool access_log = false;            // a JSON log line for every request (base/log.h)
  // Proxies (as the peer address shows them) whose X-Forwarded-For names the client, for the
  // limits per client address (http/client_address.h). Empty: the peer is the client.
  std::vector<std::string> trusted_proxies;
  const Clock* clock = nullptr;       // nullptr = the wall clock
  // The key sealing second-factor secrets at rest (64 hex characters; docs/OPERATIONS.md:
  // --secret-key-file). "" = a new random key for this process only (tests): secrets
  // enrolled with it cannot be read after a restart.
  std::string secret_key_hex;
  std::chrono::seconds idle_timeout = std::chrono::minutes(30);
  // Where people open mamori, for the links of invitations and resets.
  std::string public_url = "http://127.0.0.1:8080";
  // Argon2id limits of passwords set through the server (kMinimum: tests and the fast demo).
  auth::HashCost hash_cost = auth::HashCost::kInteractive;
};

class App {
 public:
  // Opens the store (creating the schema) and loads and validates catalogues.
  static Result<std::unique_ptr<App>> Create(const AppOptions& opts);
  ~App();

  // Starts the node's periodic work (app/maintenance.h) — once, before serving.
  void start_maintenance();

  // Handles one request completely; never throws. Thread-safe.
  http::Response dispatch(http::Request& req);
  // The same for the server: the answer goes to `respond` (once, from any thread) — for
  // an autosave, from the store's writer once the save is committed. Never throws.
  void dispatch_async(http::Request& req, http::Responder respond, http::Defer defer);
  // The body limit of a request (http::ServerOptions::body_limit_for): a route's
  // upload_limit when it takes a file, else `fallback`. Thread-safe.
  size_t body_limit_for(std::string_view method, std::string_view target, size_t fallback) const;
  // The largest upload_limit of any route.
  size_t largest_upload_limit() const;

  ports::Store& store() { return *store_; }
  const CatalogSet& catalogs() const { return catalogs_; }
  const Crosswalk& crosswalk() const { return crosswalk_; }
  CampaignService& campaigns() { return *campaigns_; }
  ResponseService& responses() { return *responses_; }
  WorkbookService& workbooks() { return *workbooks_; }
  BodyExportService& body_exports() { return *body_exports_; }
  PolicyService& policies() { return *policies_; }
  analytics::AnalyticsService& analytics() { return *analytics_; }
  JobRunner& jobs() { return *jobs_; }
  SessionService& sessions() { return *sessions_; }
  AuditTrail& audit() { return *audit_; }
  SecondFactors& second_factors() { return *factors_; }
  AccountService& accounts() { return *accounts_; }
  ports::Documents& documents() { return *documents_; }
  const Clock& clock() const { return *clock_; }
  const api::RouteTable& routes() const { return routes_; }

 private:
  App() = default;
  // What the log says of a request, kept from its arrival to its answer.
  struct RequestLog {
    std::string id, method, path;
    std::chrono::steady_clock::time_point start;
  };
  http::Response answered(const RequestLog& req, http::Response res) const;

  const Clock* clock_ = nullptr;
  bool access_log_ = false;
  bool hsts_ = false;
  std::vector<std::string> trusted_proxies_;
  std::unique_ptr<ports::Store> store_;
  CatalogSet catalogs_;
  Crosswalk crosswalk_;
  CsfView csf_;  // the NIST CSF 2.0 view (measures/csf), empty without one
  std::unique_ptr<ReuseService> reuse_;
  std::unique_ptr<partners::ApiTokenService> api_tokens_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ResponseService> responses_;
  std::unique_ptr<analytics::AnalyticsService> analytics_;
  std::unique_ptr<JobRunner> jobs_;
  std::optional<auth::SealingKey> key_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<SecondFactors> factors_;
  std::unique_ptr<SessionService> sessions_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<io::FileDocuments> documents_;
  std::unique_ptr<io::SmtpMailer> mailer_;
  std::unique_ptr<api::CatalogDocuments> catalog_documents_;
  std::unique_ptr<WorkbookService> workbooks_;
  std::unique_ptr<BodyExportService> body_exports_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<io::UrlFetcher> page_fetcher_;
  std::unique_ptr<PublicationChecks> publication_checks_;
  std::unique_ptr<PublicationSchedule> publication_schedule_;
  std::chrono::hours publication_check_every_{0};
  std::unique_ptr<api::Services> services_;
  api::RouteTable routes_;
  std::unique_ptr<api::Pipeline> pipeline_;
  std::unique_ptr<http::StaticFiles> static_files_;
  std::unique_ptr<Maintenance> maintenance_;  // last: stopped first
};

}  // namespace mamori
