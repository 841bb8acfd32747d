// Sign-in, sign-out, the current user, health.
#include <future>

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

// A refusal; one that asks to wait says how long in Retry-After too.
Response refused(const Status& st) {
  Response res = http::error_response(st);
  if (st.code() == StatusCode::kResourceExhausted)
    for (const auto& [k, v] : st.args())
      if (k == "seconds") res.headers.emplace_back("Retry-After", v);
  return res;
}

// Never blocks: the attempt is counted and the password checked on the sign-in check queue
// (services/session/check_queue.h), which answers; a full queue is answered at once.
void sign_in(Services& s, std::shared_ptr<const Request> req, Responder respond) {
  auto obj = http::parse_object(req->body);
  if (!obj.ok()) return respond(http::error_response(obj.status()));
  http::FieldReader f(*obj, {"login", "password"});
  auto login = f.string("login", true, 200);
  auto password = f.string("password", true, 1000);
  if (!f.status().ok()) return respond(http::error_response(f.status()));
  const bool secure = s.secure_cookies || req->secure;
  s.sessions.sign_in_async(*login, *password, req->client,
                           [&s, secure, respond = std::move(respond)](Result<SignedIn> signed_in) {
                             if (!signed_in.ok()) return respond(refused(signed_in.status()));
                             const long seconds = static_cast<long>(s.sessions.options().session_length.count());
                             Response res = with_csrf_token(signed_in->user, signed_in->csrf_token);
                             res.headers.emplace_back("Set-Cookie", session_cookie(signed_in->token, seconds, secure));
                             respond(std::move(res));
                           });
}

json::object block_json(const SignInBlock& b) {
  const char* kind = b.what.kind == SignInKeyKind::kLoginAndAddress ? "login_and_address"
                     : b.what.kind == SignInKeyKind::kAddress       ? "address"
                                                                    : "login";
  return json::object{{"key", b.key},         {"kind", kind},           {"login", b.what.login},
                      {"address", b.what.address}, {"attempts", b.attempts}, {"last_at", b.last_at},
                      {"until", b.until}};
}

Response sign_in_blocks(Services& s) {
  auto blocks = s.sessions.blocks();
  if (!blocks.ok()) return http::error_response(blocks.status());
  json::array out;
  for (const auto& b : *blocks) out.push_back(block_json(b));
  return http::json_response(json::object{{"blocks", std::move(out)}});
}

Response lift_sign_in_block(Services& s, const Request& req) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"key"});
  auto key = f.string("key", true, 600);
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.sessions.lift_block(*key);
  if (!st.ok()) return http::error_response(st);
  return http::json_response(json::object{{"lifted", true}});
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
         [&s](const Request& req, const Context&) {
           // Answers on the calling thread (tests dispatching without a server).
           std::promise<Response> answer;
           sign_in(s, std::make_shared<const Request>(req), [&](Response res) { answer.set_value(std::move(res)); });
           return answer.get_future().get();
         },
         [&s](std::shared_ptr<const Request> req, Context, Responder respond, Defer) {
           sign_in(s, std::move(req), std::move(respond));
         }});
  r.add({"GET", "/api/admin/sign-in-blocks", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request&, const Context&) { return sign_in_blocks(s); }});
  r.add({"POST", "/api/admin/sign-in-blocks/lift", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& req, const Context&) { return lift_sign_in_block(s, req); }});
  r.add({"DELETE", "/api/session", std::string(auth::kSession), Target::kNone,
         [&s](const Request& req, const Context& ctx) { return sign_out(s, req, ctx); }});
  r.add({"GET", "/api/session", std::string(auth::kSession), Target::kNone,
         [](const Request&, const Context& ctx) { return with_csrf_token(*ctx.user, ctx.csrf_token); }});
}

}  // namespace mamori::api
