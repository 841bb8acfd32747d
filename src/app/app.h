// The application: wiring only. Opens the store, loads the catalogues, builds the services
// and the route table, and answers every request (static files, or the API pipeline).
#pragma once

#include <memory>
#include <string>

#include "api/pipeline.h"
#include "api/routes.h"
#include "api/services.h"
#include "http/static_files.h"
#include "io/documents.h"
#include "io/smtp_client.h"

namespace mamori {

struct AppOptions {
  std::string database = "mamori.db";  // SQLite file
  std::string catalog_dir = "catalog";
  bool secure_cookies = false;
  int readers = 8;
  std::string web_root = "web/dist";  // the built front end
  io::SmtpConfig smtp;                // e-mail reminders; off unless a host is set
};

class App {
 public:
  // Opens the store (creating the schema) and loads and validates catalogues.
  static Result<std::unique_ptr<App>> Create(const AppOptions& opts);
  ~App();

  // Handles one request completely; never throws. Thread-safe.
  http::Response dispatch(http::Request& req);

  store::Store& store() { return *store_; }
  const CatalogSet& catalogs() const { return catalogs_; }
  CampaignService& campaigns() { return *campaigns_; }
  ResponseService& responses() { return *responses_; }
  analytics::AnalyticsService& analytics() { return *analytics_; }
  JobRegistry& jobs() { return jobs_; }
  ports::Documents& documents() { return *documents_; }
  const api::RouteTable& routes() const { return routes_; }

 private:
  App() = default;

  std::unique_ptr<store::Store> store_;
  CatalogSet catalogs_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ResponseService> responses_;
  std::unique_ptr<analytics::AnalyticsService> analytics_;
  JobRegistry jobs_;
  auth::SignInThrottle sign_in_throttle_;
  std::unique_ptr<io::FileDocuments> documents_;
  std::unique_ptr<io::SmtpMailer> mailer_;
  std::unique_ptr<api::Services> services_;
  api::RouteTable routes_;
  std::unique_ptr<api::Pipeline> pipeline_;
  std::unique_ptr<http::StaticFiles> static_files_;
};

}  // namespace mamori
