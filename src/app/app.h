// The application: store, catalogues, services and the route table, with the
// request pipeline (session → CSRF → access policy → handler) in dispatch().
#pragma once

#include "io/smtp_client.h"
#include <memory>
#include <string>

#include "api/services.h"
#include "http/router.h"
#include "http/static_files.h"

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

  // Handles one request completely; never throws.
  http::Response dispatch(http::Request& req);

  store::Store& store() { return *store_; }
  const CatalogSet& catalogs() const { return catalogs_; }
  CampaignService& campaigns() { return *campaigns_; }
  ResponseService& responses() { return *responses_; }
  analytics::AnalyticsService& analytics() { return *analytics_; }
  JobRegistry& jobs() { return jobs_; }
  const http::Router& router() const { return router_; }

 private:
  App() = default;
  http::Response handle(http::Request& req);

  std::unique_ptr<store::Store> store_;
  CatalogSet catalogs_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ResponseService> responses_;
  std::unique_ptr<analytics::AnalyticsService> analytics_;
  JobRegistry jobs_;
  auth::SignInThrottle sign_in_throttle_;
  std::unique_ptr<api::Services> services_;
  http::Router router_;
  std::unique_ptr<http::StaticFiles> static_files_;
};

}  // namespace mamori
