// Accounts: one's own password and second factor, invitations and resets by token, and MIC's
// administration of users. The services record each action in the audit trail
// (services/accounts/account_service.h).
#include "api/api.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"
#include "http/qr_svg.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

Actor actor_of(const Request& req, const Context& ctx) { return Actor{ctx.user, "", req.client, req.request_id}; }

Response done(const Status& st, json::object ok) {
  if (!st.ok()) return http::error_response(st);
  return http::json_response(std::move(ok));
}

Result<json::object> body_of(const Request& req) { return http::parse_object(req.body); }

Response change_password(Services& s, const Request& req, const Context& ctx) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"old_password", "new_password", "code"});
  auto old_pw = f.string("old_password", true, 1000);
  auto new_pw = f.string("new_password", true, 1000);
  auto code = f.string("code", false, 100);
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.accounts.change_password(actor_of(req, ctx), ctx.session_token_hash, *old_pw, *new_pw, code.value_or(""));
  return done(st, {{"changed", true}});
}

Response begin_enrolment(Services& s, const Request& req, const Context& ctx) {
  auto e = s.accounts.begin_enrolment(actor_of(req, ctx));
  if (!e.ok()) return http::error_response(e.status());
  auto svg = http::qr_svg(e->uri, "二要素認証の登録用QRコード / QR code to enrol the second factor");
  if (!svg.ok()) return http::error_response(svg.status());
  Response res = http::json_response(json::object{{"secret", e->secret}, {"uri", e->uri}, {"qr_svg", *svg}});
  res.no_compress = true;  // a secret: never beside attacker-chosen text in one compressed body
  return res;
}

Response confirm_enrolment(Services& s, const Request& req, const Context& ctx) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"code"});
  auto code = f.string("code", true, 100);
  if (!f.status().ok()) return http::error_response(f.status());
  auto codes = s.accounts.confirm_enrolment(actor_of(req, ctx), *code);
  if (!codes.ok()) return http::error_response(codes.status());
  json::array out;
  for (const auto& c : *codes) out.push_back(json::value(c));
  Response res = http::json_response(json::object{{"recovery_codes", std::move(out)}});
  res.no_compress = true;
  return res;
}

Result<std::string> purpose_of(http::FieldReader& f) {
  auto p = f.string("purpose", true, 20);
  if (!f.status().ok()) return f.status();
  if (*p != ports::kTokenInvitation && *p != ports::kTokenReset)
    return Status::InvalidField("purpose", "invalid_choice", {{"allowed", "invitation, reset"}});
  return *p;
}

Response request_reset(Services& s, const Request& req, const Context& ctx) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"email"});
  auto email = f.string("email", true, 320);
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.accounts.request_reset(actor_of(req, ctx), *email);
  // The same answer whether or not the address is known.
  return done(st, {{"accepted", true}});
}

Response token_owner(Services& s, const Request& req) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"token", "purpose"});
  auto token = f.string("token", true, 200);
  auto purpose = purpose_of(f);
  if (!purpose.ok()) return http::error_response(purpose.status());
  auto user = s.accounts.token_owner(*token, *purpose);
  if (!user.ok()) return http::error_response(user.status());
  return http::json_response(json::object{{"login", user->login}, {"display_name", user->display_name}});
}

Response redeem(Services& s, const Request& req, const Context& ctx) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"token", "purpose", "password"});
  auto token = f.string("token", true, 200);
  auto password = f.string("password", true, 1000);
  auto purpose = purpose_of(f);
  if (!purpose.ok()) return http::error_response(purpose.status());
  return done(s.accounts.redeem(actor_of(req, ctx), *token, *purpose, *password), {{"password_set", true}});
}

json::object account_json(const User& u) {
  json::object o = user_json(u);
  o["email"] = u.email;
  o["disabled"] = u.disabled;
  o["second_factor"] = u.second_factor;
  o["must_change_password"] = u.must_change_password;
  o["needs_second_factor"] = u.needs_second_factor();
  return o;
}

Response list_accounts(Services& s, const Request& req) {
  const std::string body = req.query("body").value_or("");
  if (!body.empty())
    if (Status v = validate_body_code(body); !v.ok()) return http::error_response(v);
  auto users = s.store.users().list_users(body);
  if (!users.ok()) return http::error_response(users.status());
  json::array out;
  for (const auto& u : *users) out.push_back(account_json(u));
  return http::json_response(json::object{{"users", std::move(out)}});
}

Result<std::vector<Role>> roles_of(const json::value* v) {
  if (!v || !v->is_array() || v->as_array().empty() || v->as_array().size() > 6)
    return Status::InvalidField("roles", "invalid_roles");
  std::vector<Role> out;
  for (const auto& r : v->as_array()) {
    auto role = r.is_string() ? parse_role(std::string(r.as_string())) : std::nullopt;
    if (!role) return Status::InvalidField("roles", "invalid_roles");
    out.push_back(*role);
  }
  return out;
}

Result<std::optional<std::string>> expiry_of(const json::value* v) {
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string() || !parse_iso(std::string(v->as_string())))
    return Status::InvalidField("expires_at", "invalid_time");
  return std::optional<std::string>(std::string(v->as_string()));
}

json::object delivery_json(const TokenDelivery& d) {
  json::object o{{"user_id", d.user_id}, {"mailed", d.mailed}};
  if (!d.link.empty()) o["link"] = d.link;
  return o;
}

Response delivered(const Result<TokenDelivery>& d) {
  if (!d.ok()) return http::error_response(d.status());
  Response res = http::json_response(delivery_json(*d));
  res.no_compress = true;
  return res;
}

Response invite(Services& s, const Request& req, const Context& ctx) {
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"login", "display_name", "body_code", "roles", "email", "expires_at", "ministry"});
  NewAccount a;
  a.login = f.string("login", true, 100).value_or("");
  a.display_name = f.string("display_name", true, 200).value_or("");
  a.body_code = f.string("body_code", false, 6).value_or("");
  a.email = f.string("email", false, 320).value_or("");
  a.ministry = f.string("ministry", false, 10).value_or("");
  auto roles = roles_of(f.raw("roles"));
  auto expiry = expiry_of(f.raw("expires_at"));
  if (!f.status().ok()) return http::error_response(f.status());
  if (!roles.ok()) return http::error_response(roles.status());
  if (!expiry.ok()) return http::error_response(expiry.status());
  a.roles = *roles;
  a.expires_at = *expiry;
  return delivered(s.accounts.invite(actor_of(req, ctx), a));
}

Response change_account(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto obj = body_of(req);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"disabled", "roles", "expires_at"});
  ports::AccountChange ch;
  ch.disabled = f.boolean("disabled", false);
  if (f.raw("roles")) {
    auto roles = roles_of(f.raw("roles"));
    if (!roles.ok()) return http::error_response(roles.status());
    ch.roles = *roles;
  }
  if (obj->contains("expires_at")) {
    auto expiry = expiry_of(f.raw("expires_at"));
    if (!expiry.ok()) return http::error_response(expiry.status());
    ch.expires_at = *expiry;
  }
  if (!f.status().ok()) return http::error_response(f.status());
  if (!ch.disabled && !ch.roles && !ch.expires_at) return http::error_response(Status::InvalidArgument("nothing_to_change"));
  if (ch.disabled && *ch.disabled && *id == ctx.user->id)
    return http::error_response(Status::FailedPrecondition("cannot_disable_self"));
  return done(s.accounts.change_account(actor_of(req, ctx), *id, ch), {{"changed", true}});
}

}  // namespace

void register_account_routes(RouteTable& r, Services& s) {
  r.add({"POST", "/api/me/password", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request& q, const Context& c) { return change_password(s, q, c); }});
  r.add({"POST", "/api/me/second-factor", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request& q, const Context& c) { return begin_enrolment(s, q, c); }});
  r.add({"POST", "/api/me/second-factor/confirm", std::string(auth::kSessionSetup), Target::kNone,
         [&s](const Request& q, const Context& c) { return confirm_enrolment(s, q, c); }});
  r.add({"POST", "/api/account/reset-request", std::string(auth::kPublic), Target::kNone,
         [&s](const Request& q, const Context& c) { return request_reset(s, q, c); }});
  r.add({"POST", "/api/account/token", std::string(auth::kPublic), Target::kNone,
         [&s](const Request& q, const Context&) { return token_owner(s, q); }});
  r.add({"POST", "/api/account/password", std::string(auth::kPublic), Target::kNone,
         [&s](const Request& q, const Context& c) { return redeem(s, q, c); }});
  r.add({"GET", "/api/admin/users", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context&) { return list_accounts(s, q); }});
  r.add({"POST", "/api/admin/users", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) { return invite(s, q, c); }});
  r.add({"PATCH", "/api/admin/users/{id}", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) { return change_account(s, q, c); }});
  r.add({"POST", "/api/admin/users/{id}/reset-password", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) {
           auto id = id_param(q, "id");
           if (!id.ok()) return http::error_response(id.status());
           return delivered(s.accounts.send_reset(actor_of(q, c), *id));
         }});
  r.add({"POST", "/api/admin/users/{id}/reset-second-factor", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) {
           auto id = id_param(q, "id");
           if (!id.ok()) return http::error_response(id.status());
           return done(s.accounts.reset_second_factor(actor_of(q, c), *id), {{"reset", true}});
         }});
}

}  // namespace mamori::api
