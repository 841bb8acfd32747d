#include "api/pipeline.h"

#include <cctype>

#include "api/api.h"
#include "base/no_wait.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "http/json_body.h"
#include "services/audit/audit_trail.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

Status not_found() { return Status::NotFound(); }

// The types a file upload may come as: what browsers and curl send for an .xlsx or a CSV.
bool is_file_type(std::string_view ct) {
  for (std::string_view t : {"application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             "text/csv"})
    if (ct.rfind(t, 0) == 0) return true;
  return false;
}

// "Bearer " in any case, then something.
bool is_bearer(std::string_view v) {
  constexpr std::string_view kBearer = "bearer ";
  if (v.size() <= kBearer.size()) return false;
  for (size_t i = 0; i < kBearer.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(v[i])) != kBearer[i]) return false;
  return true;
}

// An API token as issued by services/partners/api_token_service.cpp: "mamori_" and 64
// lower-case hex digits.
bool is_token_shaped(std::string_view t) {
  constexpr std::string_view kPrefix = "mamori_";
  if (t.size() != kPrefix.size() + 64 || t.substr(0, kPrefix.size()) != kPrefix) return false;
  for (char c : t.substr(kPrefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// A target that does not exist is the same 404 as one the user may not see; any other
// failure to read it is that failure (a 500 with an incident), never a 404.
Status hidden_or(const Status& s) { return s.code() == StatusCode::kNotFound ? not_found() : s; }

}  // namespace

std::variant<Response, std::pair<const Route*, Context>, Pipeline::Blocked> Pipeline::prepare(Request& req) const {
  std::vector<std::string> allowed;
  const Route* route = routes_.match(req, &allowed);
  if (!route) {
    if (allowed.empty()) return http::error_response(Status::NotFound("no_such_api"));
    Response r = http::error_response(
        Status::Error(StatusCode::kMethodNotAllowed, "method_not_allowed", {{"method", req.method}}));
    std::string list;
    for (const auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
    r.headers.emplace_back("Allow", list);
    return r;
  }
  if (!req.query_string.empty() && !http::query_is_valid(req.query_string))
    return http::error_response(Status::InvalidArgument("malformed_query"));

  // State-changing requests carry JSON, or for a route that takes a file, the file (a
  // cross-site form can send neither with its CSRF header).
  if (changes_state(req.method) && !req.body.empty()) {
    auto ct = req.header("content-type").value_or("");
    const bool json = ct.rfind("application/json", 0) == 0;
    const bool file = route->upload_limit > 0 && is_file_type(ct);
    if (!(route->upload_limit > 0 ? file : json))
      return http::error_response(Status::InvalidArgument(route->upload_limit > 0 ? "unsupported_file_type"
                                                                                 : "unsupported_media_type"));
  }

  Context ctx;
  // Session. No session (or an expired one) is an anonymous request; a store that fails
  // is an error, never an anonymous request.
  if (auto token = req.cookie(session_cookie_name(s_)); token && !token->empty()) {
    auto s = s_.sessions.find(*token);
    if (!s.ok() && is_would_block(s.status())) return Blocked{};
    if (s.ok()) {
      ctx.user = s->user;
      ctx.csrf_token = s->csrf_token;
      ctx.session_token_hash = s->token_hash;
      ctx.awaiting_code = s->stage == ports::kStageSecondFactor;
      ctx.session_user_agent = s->user_agent;
    } else if (s.status().code() != StatusCode::kNotFound) {
      return http::error_response(s.status());
    }
  }
  // No session: an API token, when one is sent. A malformed, unknown or revoked token is
  // refused as such (never treated as an anonymous request).
  if (!ctx.user && route->action != auth::kPublic) {
    // Only the Bearer scheme (any case, RFC 7235) is ours: another one (a proxy's Basic
    // sign-in) is left alone and the request is anonymous.
    if (auto authz = req.header("authorization"); authz && is_bearer(*authz)) {
      const std::string_view token = std::string_view(*authz).substr(7);
      if (!is_token_shaped(token)) return http::error_response(Status::Unauthenticated("api_token_invalid"));
      auto u = s_.store.api_tokens().user_of_token(auth::sha256_hex(std::string(token)));
      if (!u.ok() && is_would_block(u.status())) return Blocked{};
      if (!u.ok() && u.status().code() == StatusCode::kNotFound)
        return http::error_response(Status::Unauthenticated("api_token_invalid"));
      if (!u.ok()) return http::error_response(u.status());
      // A token reads as its partner analyst and nothing more, whatever else the account
      // may be; an account that is no longer a partner analyst has no token that works.
      if (!u->has(Role::kPartnerAnalyst) || u->ministry.empty())
        return http::error_response(Status::Unauthenticated("api_token_invalid"));
      u->roles = {Role::kPartnerAnalyst};
      ctx.user = std::move(*u);
      ctx.via_token = true;
      if (!auth::token_may(route->action, req.method))
        return refuse(*route, ctx, req, http::error_response(Status::PermissionDenied("api_token_read_only")));
    }
  }
  if (route->action != auth::kPublic && changes_state(req.method) && ctx.user && !ctx.via_token) {
    auto sent = req.header("x-csrf-token").value_or("");
    if (!auth::equal_constant_time(sent, ctx.csrf_token))
      return http::error_response(Status::PermissionDenied("csrf_failed"));
  }

  // Access policy, with the body the route concerns.
  std::optional<auth::BodyRef> target;
  if (route->target == Target::kBodyParam) {
    const std::string& code = req.param("code");
    if (Status v = validate_body_code(code); !v.ok()) return http::error_response(v);
    if (ctx.user) {
      auto b = s_.store.bodies().get_body(code);
      if (!b.ok() && is_would_block(b.status())) return Blocked{};
      if (!b.ok()) return http::error_response(hidden_or(b.status()));
      target = auth::BodyRef{b->code, b->prefecture_code};
      ctx.body = std::move(*b);
    }
  } else if (route->target == Target::kResponseParam) {
    auto id = id_param(req, "id");
    if (!id.ok()) return http::error_response(id.status());
    if (ctx.user) {
      auto r = s_.responses.load(*id);
      if (!r.ok() && is_would_block(r.status())) return Blocked{};
      if (!r.ok()) return http::error_response(hidden_or(r.status()));
      // A body code starts with its prefecture code (validated when stored).
      const std::string& code = r->response.body_code;
      target = auth::BodyRef{code, code.substr(0, 2)};
      ctx.response = std::move(*r);
    }
  } else if (route->target == Target::kCampaignParam) {
    auto id = id_param(req, "id");
    if (!id.ok()) return http::error_response(id.status());
    if (ctx.user) {
      auto c = s_.store.campaigns().get_campaign(*id);
      if (!c.ok() && is_would_block(c.status())) return Blocked{};
      if (!c.ok()) return http::error_response(hidden_or(c.status()));
      const Catalog* cat = s_.catalogs.find(c->catalog_id);
      if (!cat) return http::error_response(Status::Internal("catalogue " + c->catalog_id + " is not loaded"));
      ctx.family = cat->family;
      ctx.campaign = std::move(*c);
    }
  }
  switch (auth::decide(ctx.user, route->action, target ? &*target : nullptr, ctx.awaiting_code, ctx.family)) {
    case auth::Decision::kAllow:
      break;
    case auth::Decision::kUnauthenticated:
      return refuse(*route, ctx, req, http::error_response(Status::Unauthenticated()));
    case auth::Decision::kForbidden:
      return refuse(*route, ctx, req, http::error_response(Status::PermissionDenied()));
    case auth::Decision::kHidden:
      return refuse(*route, ctx, req, http::error_response(not_found()));
    case auth::Decision::kSetupRequired:
      return refuse(*route, ctx, req,
                    http::error_response(Status::PermissionDenied(
                        auth::setup_required(*ctx.user) == "change_password" ? "password_change_required"
                                                                              : "second_factor_required")));
  }
  return std::pair<const Route*, Context>(route, std::move(ctx));
}

std::string session_cookie_name(const Services& s) {
  return s.secure_cookies ? "__Host-mamori_session" : "mamori_session";
}

void Pipeline::audit(const Route& route, const Context& ctx, const Request& req, const Response& res) const {
  const bool refused = res.status >= 400;
  if (!ctx.user) return;  // anonymous refusals are not recorded (anyone can send them)
  if (route.audit.empty() && !(refused && changes_state(req.method) && route.action != auth::kPublic)) return;
  AuditEvent e;
  e.action = route.audit.empty() ? "request." + req.method : route.audit;
  e.target = req.path;
  if (ctx.body)
    e.body_code = ctx.body->code;
  else if (ctx.response)
    e.body_code = ctx.response->response.body_code;
  else if (!req.param("code").empty())
    e.body_code = req.param("code");
  e.outcome = !refused ? kAuditOk : (res.status == 401 || res.status == 403 || res.status == 404) ? kAuditDenied : kAuditFailed;
  if (refused) e.detail = std::to_string(res.status);
  (void)s_.audit.record(Actor{ctx.user, "", req.client, req.request_id}, e);
}

Response Pipeline::refuse(const Route& route, const Context& ctx, const Request& req, Response res) const {
  if (!no_wait()) audit(route, ctx, req, res);
  return res;
}

Response Pipeline::handle(Request& req) const {
  auto prepared = prepare(req);
  if (auto* refused = std::get_if<Response>(&prepared)) return std::move(*refused);
  auto& [route, ctx] = std::get<std::pair<const Route*, Context>>(prepared);
  Response res = route->handler(req, ctx);
  audit(*route, ctx, req, res);
  return res;
}

void Pipeline::handle_async(Request& req, Responder respond, Defer defer) const {
  auto prepared = prepare(req);
  if (auto* refused = std::get_if<Response>(&prepared)) return respond(std::move(*refused));
  run(std::get<std::pair<const Route*, Context>>(prepared), req, std::move(respond), std::move(defer));
}

bool Pipeline::handle_inline(Request& req, Responder respond, Defer defer) const {
  const Route* route = routes_.match(req, nullptr);
  if (!route || !route->async) return false;
  NoWaitScope no_wait;
  auto prepared = prepare(req);
  if (std::holds_alternative<Blocked>(prepared)) return false;
  if (auto* refused = std::get_if<Response>(&prepared)) {
    respond(std::move(*refused));
    return true;
  }
  run(std::get<std::pair<const Route*, Context>>(prepared), req, std::move(respond), std::move(defer));
  return true;
}

void Pipeline::run(std::pair<const Route*, Context>& prepared, Request& req, Responder respond, Defer defer) const {
  auto& [route, ctx] = prepared;
  if (!route->async) {
    Response res = route->handler(req, ctx);
    audit(*route, ctx, req, res);
    return respond(std::move(res));
  }
  route->async(std::make_shared<const Request>(std::move(req)), std::move(ctx), std::move(respond), std::move(defer));
}

}  // namespace mamori::api
