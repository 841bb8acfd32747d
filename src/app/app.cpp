#include "app/app.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "api/api.h"
#include "crypto/password.h"
#include "http/json_body.h"
#include "io/catalog_loader.h"
#include "store/store_location.h"

namespace mamori {

using http::Request;
using http::Response;

namespace {
std::string host_name() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "mamori";
  return buf;
}
}  // namespace

Result<std::unique_ptr<App>> App::Create(const AppOptions& opts) {
  MAMORI_RETURN_IF_ERROR(auth::init_crypto());
  std::unique_ptr<App> app(new App());
  app->clock_ = opts.clock ? opts.clock : &system_clock();
  const Clock& clock = *app->clock_;
  MAMORI_ASSIGN_OR_RETURN(app->catalogs_, io::load_catalogs(opts.catalog_dir));
  MAMORI_ASSIGN_OR_RETURN(store::StoreLocation where, store::parse_store_location(opts.database));
  MAMORI_ASSIGN_OR_RETURN(app->store_, store::open_store(where,
                                                         {.sqlite_readers = opts.readers,
                                                          .pg_pool = opts.pg_pool,
                                                          .pg_search_path = opts.pg_search_path},
                                                         clock));
  ports::Store& st = *app->store_;
  app->campaigns_ = std::make_unique<CampaignService>(st.campaigns(), st.bodies(), st.responses(), app->catalogs_);
  app->responses_ =
      std::make_unique<ResponseService>(st.responses(), st.campaigns(), st.bodies(), st.users(), app->catalogs_);
  app->analytics_ = std::make_unique<analytics::AnalyticsService>(st, app->catalogs_);
  app->jobs_ = std::make_unique<JobRunner>(st.jobs(), opts.node.empty() ? host_name() : opts.node);
  app->sessions_ = std::make_unique<SessionService>(st.users(), st.sign_in_attempts(), clock);
  app->documents_ = std::make_unique<io::FileDocuments>();
  app->mailer_ = std::make_unique<io::SmtpMailer>(opts.smtp);
  app->catalog_documents_ = std::make_unique<api::CatalogDocuments>(app->catalogs_);
  app->services_.reset(new api::Services{st, app->catalogs_, *app->catalog_documents_, *app->campaigns_, *app->responses_, *app->jobs_,
                                         *app->sessions_, *app->analytics_, *app->documents_, *app->mailer_, clock,
                                         opts.secure_cookies,
                                         opts.job_files_dir.empty() ? std::filesystem::temp_directory_path().string()
                                                                    : opts.job_files_dir});
  app->static_files_ = std::make_unique<http::StaticFiles>(opts.web_root);
  api::Services& s = *app->services_;
  api::register_session_routes(app->routes_, s);
  api::register_body_routes(app->routes_, s);
  api::register_catalog_routes(app->routes_, s);
  api::register_campaign_routes(app->routes_, s);
  api::register_response_routes(app->routes_, s);
  api::register_analytics_routes(app->routes_, s);
  api::register_export_routes(app->routes_, s);
  api::register_progress_routes(app->routes_, s);
  api::register_feedback_batch_routes(app->routes_, s);
  app->pipeline_ = std::make_unique<api::Pipeline>(s, app->routes_);
  return app;
}

void App::start_maintenance() {
  if (!maintenance_) maintenance_ = std::make_unique<Maintenance>(*analytics_, store_->events(), *clock_);
}

App::~App() {
  maintenance_.reset();
  if (jobs_) jobs_->stop();
}

namespace {

// The headers of every answer.
Response finished(Response res) {
  bool has_cache_control = false;
  for (const auto& [k, v] : res.headers) has_cache_control |= k == "Cache-Control";
  if (!has_cache_control) res.headers.emplace_back("Cache-Control", "no-store");  // every /api/ answer
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  return res;
}

bool is_api(const Request& req) { return req.path.rfind("/api/", 0) == 0 || req.path == "/api"; }

}  // namespace

Response App::dispatch(Request& req) {
  Response res;
  try {
    if (is_api(req))
      res = pipeline_->handle(req);
    else if (req.method == "GET" || req.method == "HEAD")
      res = static_files_->serve(req);
    else
      res = http::error_response(Status::NotFound("page_not_found"));
  } catch (const std::exception& e) {
    res = http::error_response(Status::Internal(e.what()));
  }
  return finished(std::move(res));
}

void App::dispatch_async(Request& req, http::Responder respond, http::Defer defer) {
  // On an I/O thread: only an API route with an async handler may run here, and only while
  // nothing it reads would wait (Pipeline::handle_inline); everything else goes to a worker.
  if (!is_api(req)) {
    defer([this, shared = std::make_shared<Request>(std::move(req)), respond = std::move(respond)] {
      respond(dispatch(*shared));
    });
    return;
  }
  // Answered once: by the handler (maybe later, from another thread), or here when it threw
  // before answering.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  auto once = [answered, respond = std::move(respond)](Response r) {
    if (!answered->exchange(true)) respond(finished(std::move(r)));
  };
  try {
    if (pipeline_->handle_inline(req, once, defer)) return;
  } catch (const std::exception& e) {
    return once(http::error_response(Status::Internal(e.what())));
  }
  defer([this, shared = std::make_shared<Request>(std::move(req)), once, defer] {
    try {
      pipeline_->handle_async(*shared, once, defer);
    } catch (const std::exception& e) {
      once(http::error_response(Status::Internal(e.what())));
    }
  });
}

}  // namespace mamori
