#include "app/app.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "api/api.h"
#include "base/log.h"
#include "crypto/password.h"
#include "http/client_address.h"
#include "http/json_body.h"
#include "io/catalog_loader.h"
#include "io/measure_loader.h"
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
  {
    const bool named = !opts.measures_dir.empty();
    auto catalogs = std::filesystem::path(opts.catalog_dir).lexically_normal();
    if (!catalogs.has_filename()) catalogs = catalogs.parent_path();  // "catalog/"
    const std::string dir = named ? opts.measures_dir : (catalogs.parent_path() / "measures").string();
    MAMORI_ASSIGN_OR_RETURN(app->crosswalk_, io::load_crosswalk(dir, app->catalogs_, /*optional=*/!named));
    MAMORI_ASSIGN_OR_RETURN(app->csf_, io::load_csf_view((std::filesystem::path(dir) / "csf").string(), app->catalogs_,
                                                         /*optional=*/true));
  }
  MAMORI_ASSIGN_OR_RETURN(store::StoreLocation where, store::parse_store_location(opts.database));
  MAMORI_ASSIGN_OR_RETURN(app->store_, store::open_store(where,
                                                         {.sqlite_readers = opts.readers,
                                                          .pg_pool = opts.pg_pool,
                                                          .pg_search_path = opts.pg_search_path},
                                                         clock));
  ports::Store& st = *app->store_;
  app->reuse_ = std::make_unique<ReuseService>(st.reuse(), app->catalogs_, app->crosswalk_);
  app->api_tokens_ = std::make_unique<partners::ApiTokenService>(st.api_tokens());
  app->campaigns_ =
      std::make_unique<CampaignService>(st.campaigns(), st.bodies(), st.responses(), app->catalogs_, app->reuse_.get());
  app->responses_ = std::make_unique<ResponseService>(st.responses(), st.campaigns(), st.bodies(), st.users(),
                                                      app->catalogs_, app->reuse_.get());
  app->analytics_ = std::make_unique<analytics::AnalyticsService>(st, app->catalogs_);
  app->jobs_ = std::make_unique<JobRunner>(st.jobs(), opts.node.empty() ? host_name() : opts.node);
  MAMORI_ASSIGN_OR_RETURN(app->key_, auth::SealingKey::from_hex(opts.secret_key_hex.empty()
                                                                   ? auth::SealingKey::generate_hex()
                                                                   : opts.secret_key_hex));
  app->audit_ = std::make_unique<AuditTrail>(st.audit());
  app->factors_ = std::make_unique<SecondFactors>(st.users(), clock, *app->key_);
  SessionOptions session_options;
  session_options.idle_timeout = opts.idle_timeout;
  app->sessions_ =
      std::make_unique<SessionService>(st.users(), st.sign_in_attempts(), *app->audit_, *app->factors_, clock, session_options);
  app->documents_ = std::make_unique<io::FileDocuments>();
  app->mailer_ = std::make_unique<io::SmtpMailer>(opts.smtp);
  app->accounts_ = std::make_unique<AccountService>(
      st.users(), st.bodies(), *app->factors_, *app->audit_, *app->mailer_, clock,
      AccountOptions{.public_url = opts.public_url, .hash_cost = opts.hash_cost});
  app->catalog_documents_ = std::make_unique<api::CatalogDocuments>(app->catalogs_);
  app->workbooks_ = std::make_unique<WorkbookService>(*app->responses_, *app->documents_, *app->key_, clock);
  app->body_exports_ = std::make_unique<BodyExportService>(st, *app->documents_, app->catalogs_, clock);
  app->policies_ = std::make_unique<PolicyService>(st, clock, opts.publication.allowed_private);
  app->page_fetcher_ = std::make_unique<io::UrlFetcher>(opts.publication);
  app->publication_checks_ =
      std::make_unique<PublicationChecks>(st, *app->page_fetcher_, clock, opts.publication_check_every,
                                          opts.publication_check_again_after);
  app->services_.reset(new api::Services{st, app->catalogs_, app->csf_, *app->catalog_documents_, *app->campaigns_, *app->responses_, *app->workbooks_, *app->body_exports_, *app->policies_, *app->publication_checks_, *app->reuse_, *app->api_tokens_, *app->jobs_,
                                         *app->sessions_, *app->audit_, *app->accounts_, *app->analytics_, *app->documents_, *app->mailer_, clock,
                                         opts.secure_cookies,
                                         opts.job_files_dir.empty() ? std::filesystem::temp_directory_path().string()
                                                                    : opts.job_files_dir});
  app->static_files_ = std::make_unique<http::StaticFiles>(opts.web_root);
  app->access_log_ = opts.access_log;
  app->publication_check_every_ = opts.publication_check_every;
  app->hsts_ = opts.secure_cookies;
  app->trusted_proxies_ = opts.trusted_proxies;
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
  api::register_account_routes(app->routes_, s);
  api::register_audit_routes(app->routes_, s);
  api::register_reuse_routes(app->routes_, s);
  api::register_partner_routes(app->routes_, s);
  api::register_workbook_routes(app->routes_, s);
  api::register_body_export_routes(app->routes_, s);
  api::register_policy_routes(app->routes_, s);
  app->pipeline_ = std::make_unique<api::Pipeline>(s, app->routes_);
  return app;
}

size_t App::body_limit_for(std::string_view method, std::string_view target, size_t fallback) const {
  http::Request probe;
  probe.method = std::string(method);
  probe.path = std::string(target.substr(0, target.find('?')));
  const api::Route* route = routes_.match(probe, nullptr);
  return route && route->upload_limit > 0 ? route->upload_limit : fallback;
}

size_t App::largest_upload_limit() const {
  size_t most = 0;
  for (const auto& r : routes_.routes()) most = std::max(most, r.upload_limit);
  return most;
}

void App::start_maintenance() {
  if (!maintenance_) maintenance_ = std::make_unique<Maintenance>(*analytics_, store_->events(), *clock_);
  if (!publication_schedule_ && publication_check_every_.count() > 0)
    publication_schedule_ = std::make_unique<PublicationSchedule>(*publication_checks_);
}

App::~App() {
  publication_schedule_.reset();
  maintenance_.reset();
  if (jobs_) jobs_->stop();
}

namespace {

// The headers of every answer; behind TLS, Strict-Transport-Security too.
Response finished(Response res, bool hsts) {
  if (hsts) res.headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  bool has_cache_control = false;
  for (const auto& [k, v] : res.headers) has_cache_control |= k == "Cache-Control";
  if (!has_cache_control) res.headers.emplace_back("Cache-Control", "no-store");  // every /api/ answer
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  return res;
}

bool is_api(const Request& req) { return req.path.rfind("/api/", 0) == 0 || req.path == "/api"; }

// The proxy's X-Request-Id when it is a plausible id (1–64 of A–Z a–z 0–9 . _ -), else a new
// one: the id of the request in every log line about it, and in its answer.
std::string request_id_of(const Request& req) {
  if (auto h = req.header("x-request-id"); h && !h->empty() && h->size() <= 64 &&
                                           h->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                                "0123456789._-") == std::string::npos)
    return *h;
  return auth::random_token(8);
}

}  // namespace

// Logs what the answer to `req` calls for (an internal error; every request with
// --access-log), and names the request in the answer.
Response App::answered(const RequestLog& req, Response res) const {
  if (!res.incident.empty())
    log_json("error", "internal_error",
             {{"request_id", req.id}, {"method", req.method}, {"path", req.path}, {"incident", res.incident},
              {"detail", res.log_detail}});
  if (access_log_) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - req.start);
    log_json("info", "request",
             {{"request_id", req.id},
              {"method", req.method},
              {"path", req.path},
              {"status", std::to_string(res.status), true},
              {"ms", std::to_string(us.count() / 1000) + "." + std::to_string(us.count() % 1000 / 100), true}});
  }
  res.headers.emplace_back("X-Request-Id", req.id);
  return res;
}

Response App::dispatch(Request& req) {
  if (req.request_id.empty()) req.request_id = request_id_of(req);
  if (req.client.empty()) req.client = http::client_address(req, trusted_proxies_);
  const RequestLog log{req.request_id, req.method, req.path, std::chrono::steady_clock::now()};
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
  return answered(log, finished(std::move(res), hsts_));
}

void App::dispatch_async(Request& req, http::Responder respond, http::Defer defer) {
  req.request_id = request_id_of(req);
  req.client = http::client_address(req, trusted_proxies_);
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
  auto done = std::make_shared<std::atomic<bool>>(false);
  auto once = [this, done, log = RequestLog{req.request_id, req.method, req.path, std::chrono::steady_clock::now()},
               respond = std::move(respond)](Response r) {
    if (!done->exchange(true)) respond(answered(log, finished(std::move(r), hsts_)));
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
