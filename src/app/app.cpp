#include "app/app.h"

#include "api/api.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "core/clock.h"
#include "http/json_body.h"
#include "io/catalog_loader.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori {

using http::Request;
using http::Response;

Result<std::unique_ptr<App>> App::Create(const AppOptions& opts) {
  MAMORI_RETURN_IF_ERROR(auth::init_crypto());
  std::unique_ptr<App> app(new App());
  auto cats = io::load_catalogs(opts.catalog_dir);
  if (!cats.ok()) return cats.status();
  app->catalogs_ = std::move(*cats);
  auto st = store::SqliteStore::Open(opts.database, opts.readers);
  if (!st.ok()) return st.status();
  app->store_ = std::move(*st);
  app->campaigns_ = std::make_unique<CampaignService>(*app->store_, app->catalogs_);
  app->responses_ = std::make_unique<ResponseService>(*app->store_, app->catalogs_);
  app->analytics_ = std::make_unique<analytics::AnalyticsService>(*app->store_, app->catalogs_);
  app->services_.reset(new api::Services{*app->store_, app->catalogs_, *app->campaigns_, *app->responses_, app->jobs_,
                                         app->sign_in_throttle_, *app->analytics_, opts.secure_cookies});
  app->services_->smtp = opts.smtp;
  app->static_files_ = std::make_unique<http::StaticFiles>(opts.web_root);
  api::register_session_routes(app->router_, *app->services_);
  api::register_body_routes(app->router_, *app->services_);
  api::register_catalog_routes(app->router_, *app->services_);
  api::register_campaign_routes(app->router_, *app->services_);
  api::register_response_routes(app->router_, *app->services_);
  api::register_analytics_routes(app->router_, *app->services_);
  api::register_export_routes(app->router_, *app->services_);
  api::register_progress_routes(app->router_, *app->services_);
  api::register_feedback_batch_routes(app->router_, *app->services_);
  return app;
}

App::~App() { jobs_.stop(); }

namespace {

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

Status not_found() { return Status::NotFound(); }

}  // namespace

Response App::dispatch(Request& req) {
  Response res;
  try {
    res = handle(req);
  } catch (const std::exception& e) {
    res = http::error_response(Status::Internal(e.what()));
  }
  bool has_cache_control = false;
  for (const auto& [k, v] : res.headers) has_cache_control |= k == "Cache-Control";
  if (!has_cache_control) res.headers.emplace_back("Cache-Control", "no-store");  // every /api/ answer
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  return res;
}

Response App::handle(Request& req) {
  if (req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    if (req.method == "GET" || req.method == "HEAD") return static_files_->serve(req);
    return http::error_response(Status::NotFound("ページが見つかりません。", "Page not found."));
  }
  std::vector<std::string> allowed;
  const http::Route* route = router_.match(req, &allowed);
  if (!route) {
    if (allowed.empty()) return http::error_response(Status::NotFound("APIが見つかりません。", "No such API."));
    Response r = http::error_response(Status::Make(StatusCode::kMethodNotAllowed, "method_not_allowed",
                                                   "このURLでは " + req.method + " は使えません。",
                                                   "Method " + req.method + " is not allowed here."));
    std::string list;
    for (const auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
    r.headers.emplace_back("Allow", list);
    return r;
  }
  if (!req.query_string.empty() && !http::query_is_valid(req.query_string))
    return http::error_response(Status::InvalidArgument(
        "malformed_query", "URLのクエリ文字列が正しくありません（日本語などはURLエンコードしてください）。",
        "The URL query string is malformed (percent-encode non-ASCII characters)."));

  // State-changing requests carry JSON (a cross-site form cannot send it).
  if (changes_state(req.method) && !req.body.empty()) {
    auto ct = req.header("content-type").value_or("");
    if (ct.rfind("application/json", 0) != 0)
      return http::error_response(Status::InvalidArgument("unsupported_media_type",
                                                          "本文は application/json で送信してください。",
                                                          "Send the body as application/json."));
  }

  // Session.
  if (auto token = req.cookie("mamori_session"); token && !token->empty()) {
    std::string hash = auth::sha256_hex(*token);
    auto s = store_->find_session(hash, now_iso());
    if (s.ok()) {
      req.user = s->user;
      req.csrf_token = s->csrf_token;
      req.session_token_hash = hash;
    }
  }
  if (route->action != auth::kPublic && changes_state(req.method) && req.user) {
    auto sent = req.header("x-csrf-token").value_or("");
    if (!auth::equal_constant_time(sent, req.csrf_token))
      return http::error_response(
          Status::Make(StatusCode::kPermissionDenied, "csrf_failed",
                       "画面の有効期限が切れました。ページを再読み込みしてから、もう一度操作してください。",
                       "The page has expired (CSRF check failed). Reload and try again."));
  }

  // Access policy, with the body the route concerns.
  std::optional<auth::BodyRef> target;
  if (route->target == http::Target::kBodyParam) {
    const std::string& code = req.param("code");
    if (Status v = validate_body_code(code); !v.ok()) return http::error_response(v);
    if (req.user) {
      auto b = store_->get_body(code);
      if (!b.ok()) return http::error_response(not_found());
      target = auth::BodyRef{b->code, b->prefecture_code};
    }
  } else if (route->target == http::Target::kResponseParam) {
    auto id = api::id_param(req, "id");
    if (!id.ok()) return http::error_response(id.status());
    if (req.user) {
      auto r = store_->get_response(*id);
      if (!r.ok()) return http::error_response(not_found());
      // A body code starts with its prefecture code (validated when stored).
      target = auth::BodyRef{r->body_code, r->body_code.substr(0, 2)};
    }
  }
  switch (auth::decide(req.user, route->action, target ? &*target : nullptr)) {
    case auth::Decision::kAllow:
      break;
    case auth::Decision::kUnauthenticated:
      return http::error_response(Status::Unauthenticated());
    case auth::Decision::kForbidden:
      return http::error_response(Status::PermissionDenied());
    case auth::Decision::kHidden:
      return http::error_response(not_found());
  }
  return route->handler(req);
}

}  // namespace mamori
