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

// The user (with what it must do first: auth::setup_required) and the session's CSRF token:
// never compressed (http/compression.h, BREACH).
Response with_csrf_token(const User& user, const std::string& csrf_token) {
  json::object u = user_json(user);
  u["second_factor"] = user.second_factor;
  u["setup_required"] = std::string(auth::setup_required(user));
  Response res = http::json_response(json::object{{"user", std::move(u)}, {"csrf_token", csrf_token}});
  res.no_compress = true;
  return res;
}

ClientInfo client_of(const Request& req) {
  return ClientInfo{req.client, req.header("user-agent").value_or(""), req.request_id};
}

// The answer to a sign-in step that opened a session: the cookie, and either the user or
// that the second factor's code is awaited.
Response signed_in_response(Services& s, const SignedIn& in, bool secure_request) {
  Response res = in.awaiting_code
                     ? http::json_response(json::object{{"second_factor_required", true}, {"csrf_token", in.csrf_token}})
                     : with_csrf_token(in.user, in.csrf_token);
  res.no_compress = true;
  res.headers.emplace_back("Set-Cookie", session_cookie(s, in.token, static_cast<long>(in.lifetime.count()), secure_request));
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
  s.sessions.sign_in_async(*login, *password, client_of(*req),
                           [&s, secure = req->secure, respond = std::move(respond)](Result<SignedIn> signed_in) {
                             if (!signed_in.ok()) return respond(refused(signed_in.status()));
                             respond(signed_in_response(s, *signed_in, secure));
                           });
}

// The second step: the code of the session awaiting it.
Response check_code(Services& s, const Request& req, const Context& ctx) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"code"});
  auto code = f.string("code", true, 100);
  if (!f.status().ok()) return http::error_response(f.status());
  ports::SessionInfo pending;
  pending.user = *ctx.user;
  pending.token_hash = ctx.session_token_hash;
  auto in = s.sessions.check_code(pending, *code, client_of(req));
  if (!in.ok()) return refused(in.status());
  return signed_in_response(s, *in, req.secure);
}

json::object session_json(const ports::SessionInfo& si, const std::string& current_hash) {
  return json::object{{"created_at", si.created_at},
                      {"last_seen_at", si.last_seen_at},
                      {"expires_at", si.expires_at},
                      {"address", si.address},
                      {"user_agent", si.user_agent},
                      {"current", si.token_hash == current_hash}};
}

Response my_sessions(Services& s, const Context& ctx) {
  auto list = s.sessions.sessions_of(ctx.user->id);
  if (!list.ok()) return http::error_response(list.status());
  json::array out;
  for (const auto& si : *list)
    if (si.stage == ports::kStageFull) out.push_back(session_json(si, ctx.session_token_hash));
  return http::json_response(json::object{{"sessions", std::move(out)}});
}

Response sign_out_others(Services& s, const Context& ctx) {
  auto ended = s.sessions.sign_out_others(ctx.user->id, ctx.session_token_hash);
  if (!ended.ok()) return http::error_response(ended.status());
  return http::json_response(json::object{{"signed_out", *ended}});
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
  res.headers.emplace_back("Set-Cookie", session_cookie(s, "", 0, req.secure));
  return res;
}

}  // namespace

std::string session_cookie(const Services& s, const std::string& token, long max_age, bool secure_request) {
  std::string c = session_cookie_name(s) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (s.secure_cookies || secure_request) c += "; Secure";
  return c;
}

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
  r.add({"POST", "/api/session/code", std::string(auth::kSecondFactor), Target::kNone,
         [&s](const Request& req, const Context& ctx) { return check_code(s, req, ctx); }});
  r.add({"DELETE", "/api/session", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request& req, const Context& ctx) { return sign_out(s, req, ctx); }});
  r.add({"GET", "/api/session", std::string(auth::kSessionSetup), Target::kNone,
         [](const Request&, const Context& ctx) { return with_csrf_token(*ctx.user, ctx.csrf_token); }});
  r.add({"GET", "/api/me/sessions", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request&, const Context& ctx) { return my_sessions(s, ctx); }});
  r.add({"POST", "/api/me/sessions/sign-out-others", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request&, const Context& ctx) { return sign_out_others(s, ctx); }});
}

}  // namespace mamori::api
