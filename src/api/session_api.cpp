// Sign-in, sign-out, the current user, health.
#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

std::string session_cookie(const std::string& token, long max_age, bool secure) {
  std::string c = "mamori_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

// The user and the session's CSRF token: never compressed (http/compression.h, BREACH).
Response with_csrf_token(const User& user, const std::string& csrf_token) {
  Response res = http::json_response(json::object{{"user", user_json(user)}, {"csrf_token", csrf_token}});
  res.no_compress = true;
  return res;
}

Response sign_in(Services& s, const Request& req, const Context&) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"login", "password"});
  auto login = f.string("login", true, 200);
  auto password = f.string("password", true, 1000);
  if (!f.status().ok()) return http::error_response(f.status());
  auto signed_in = s.sessions.sign_in(*login, *password);
  if (!signed_in.ok()) return http::error_response(signed_in.status());
  const long seconds = static_cast<long>(s.sessions.options().session_length.count());
  Response res = with_csrf_token(signed_in->user, signed_in->csrf_token);
  res.headers.emplace_back("Set-Cookie", session_cookie(signed_in->token, seconds, s.secure_cookies || req.secure));
  return res;
}

Response sign_out(Services& s, const Request& req, const Context& ctx) {
  Status st = s.sessions.sign_out(ctx.session_token_hash);
  if (!st.ok()) return http::error_response(st);
  Response res = http::json_response(json::object{{"signed_out", true}});
  res.headers.emplace_back("Set-Cookie", session_cookie("", 0, s.secure_cookies || req.secure));
  return res;
}

}  // namespace

Result<int64_t> id_param(const Request& req, const std::string& name) {
  const std::string& s = req.param(name);
  int64_t v = 0;
  bool ok = !s.empty() && s.size() <= 18;
  for (char c : s) {
    if (c < '0' || c > '9')
      ok = false;
    else
      v = v * 10 + (c - '0');
  }
  if (!ok || v <= 0)
    return Status::InvalidArgument("invalid_id", {{"name", name}});
  return v;
}

void register_session_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/health", std::string(auth::kPublic), Target::kNone, [](const Request&, const Context&) {
           return http::json_response(json::object{{"status", "ok"}});
         }});
  // For a load balancer: this node can serve (the database answers, its schema is current).
  r.add({"GET", "/api/ready", std::string(auth::kPublic), Target::kNone, [&s](const Request&, const Context&) {
           Status ready = s.store.ready();
           if (!ready.ok()) return http::error_response(ready);
           return http::json_response(json::object{{"status", "ready"}});
         }});
  r.add({"POST", "/api/session", std::string(auth::kPublic), Target::kNone,
         [&s](const Request& req, const Context& ctx) { return sign_in(s, req, ctx); }});
  r.add({"DELETE", "/api/session", std::string(auth::kSession), Target::kNone,
         [&s](const Request& req, const Context& ctx) { return sign_out(s, req, ctx); }});
  r.add({"GET", "/api/session", std::string(auth::kSession), Target::kNone,
         [](const Request&, const Context& ctx) { return with_csrf_token(*ctx.user, ctx.csrf_token); }});
}

}  // namespace mamori::api
