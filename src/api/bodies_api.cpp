// Bodies: list (filtered by what the user may see), one body, its users, and
// the national administrator's create/update (一部事務組合・広域連合, 地方独立行政法人,
// 中核市 flag, network model, population band).
#include <algorithm>

#include "api/api.h"
#include "api/json_views.h"
#include "services/bodies/body_import.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

Response list(Services& s, const Request& req, const Context& ctx) {
  ports::BodyFilter f;
  f.prefecture_code = req.query("prefecture").value_or("");
  f.type = req.query("type").value_or("");
  f.search = req.query("q").value_or("");
  if (!f.type.empty() && !parse_body_type(f.type))
    return http::error_response(Status::InvalidArgument("invalid_filter", {{"value", f.type}}).with_message("invalid_filter.body_type"));
  const User& u = *ctx.user;
  // Non-national users only ever see their own prefecture or body.
  if (!u.has(Role::kNationalAdmin)) {
    std::string own_pref = u.body_code.substr(0, std::min<size_t>(2, u.body_code.size()));
    if (!u.has(Role::kPrefectureSupporter)) f.search.clear();
    if (f.prefecture_code.empty()) f.prefecture_code = own_pref;
  }
  auto bodies = s.store.bodies().list_bodies(f);
  if (!bodies.ok()) return http::error_response(bodies.status());
  json::array out;
  for (const auto& b : *bodies)
    if (auth::can_read_body(u, auth::BodyRef{b.code, b.prefecture_code})) out.push_back(body_json(b));
  return http::json_response(json::object{{"bodies", std::move(out)}});
}

Response get(Services&, const Request&, const Context& ctx) { return http::json_response(body_json(*ctx.body)); }

Response users(Services& s, const Request& req, const Context& ctx) {
  auto us = s.store.users().list_users(req.param("code"));
  if (!us.ok()) return http::error_response(us.status());
  const bool logins = auth::user_list_shows_logins(*ctx.user, auth::BodyRef{ctx.body->code, ctx.body->prefecture_code});
  json::array out;
  for (const auto& u : *us) {
    json::object o = user_json(u);
    if (!logins) o.erase("login");
    out.push_back(std::move(o));
  }
  return http::json_response(json::object{{"users", std::move(out)}});
}

Response put(Services& s, const Request& req, const Context&) {
  const std::string& code = req.param("code");
  if (Status v = validate_body_code(code); !v.ok()) return http::error_response(v);
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj,
                      {"name_ja", "name_kana", "type", "core_city", "network_model", "population_band", "members"});
  auto existing = s.store.bodies().get_body(code);
  // Not found is a new body; any other failure is an error, not a new body.
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return http::error_response(existing.status());
  bool is_new = !existing.ok();
  Body b = is_new ? Body{.code = code, .prefecture_code = code.substr(0, 2)} : *existing;
  if (auto v = f.string("name_ja", is_new, 200)) b.name_ja = *v;
  if (auto v = f.string("name_kana", false, 200)) b.name_kana = *v;
  if (auto v = f.string("type", is_new, 40)) {
    auto t = parse_body_type(*v);
    if (!t)
      f.fail("type", "field.body_type");
    else if (is_new && *t != BodyType::kUnion && *t != BodyType::kIndependentAgency)
      f.fail("type", "field.new_body_type");
    else if (!is_new && *t != b.type)  // the same rule as the CSV import
      f.fail("type", "field.body_type_change");
    else
      b.type = *t;
  }
  if (auto v = f.boolean("core_city", false)) b.core_city = *v;
  if (auto v = f.string("network_model", false, 20)) {
    if (!v->empty() && !is_valid_network_model(*v))
      f.fail("network_model", "field.network_model");
    else
      b.network_model = *v;
  }
  if (auto v = f.string("population_band", false, 20)) {
    if (!v->empty() && !is_valid_population_band(*v))
      f.fail("population_band", "field.population_band");
    else
      b.population_band = *v;
  }
  if (const json::value* m = f.raw("members"); m && !m->is_null()) {
    if (!m->is_array())
      f.fail("members", "field.body_code_array");
    else if (b.type != BodyType::kUnion && !m->as_array().empty())
      f.fail("members", "field.members_not_union");
    else {
      b.members.clear();
      for (const auto& e : m->as_array()) {
        if (!e.is_string() || !validate_body_code(e.as_string()).ok()) {
          f.fail("members", "field.unregistered_member");
          break;
        }
        auto member = s.store.bodies().get_body(std::string(e.as_string()));
        if (!member.ok() && member.status().code() != StatusCode::kNotFound)
          return http::error_response(member.status());
        if (!member.ok()) {
          f.fail("members", "field.unregistered_member");
          break;
        }
        std::string code(e.as_string());
        if (std::find(b.members.begin(), b.members.end(), code) != b.members.end()) {
          f.fail("members", "field.member_twice");
          break;
        }
        b.members.push_back(std::move(code));
      }
    }
  }
  if (!f.status().ok()) return http::error_response(f.status());
  Status st = s.store.bodies().upsert_bodies({b});
  if (!st.ok()) return http::error_response(st);
  auto saved = s.store.bodies().get_body(code);
  if (!saved.ok()) return http::error_response(saved.status());
  return http::json_response(body_json(*saved), is_new ? 201 : 200);
}

Response import_csv(Services& s, const Request& req, const Context&) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"csv"});
  auto csv = f.string("csv", true, size_t{900} * 1024);
  if (!f.status().ok()) return http::error_response(f.status());
  auto n = import_bodies_csv(s.store.bodies(), *csv);
  if (!n.ok()) return http::error_response(n.status());
  return http::json_response(json::object{{"imported", *n}});
}

}  // namespace

void register_body_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/bodies", std::string(auth::kSession), Target::kNone,
         [&s](const Request& q, const Context& c) { return list(s, q, c); }});
  r.add({"GET", "/api/bodies/{code}", std::string(auth::kBodyRead), Target::kBodyParam,
         [&s](const Request& q, const Context& c) { return get(s, q, c); }});
  r.add({"GET", "/api/bodies/{code}/users", std::string(auth::kBodyUsers), Target::kBodyParam,
         [&s](const Request& q, const Context& c) { return users(s, q, c); }});
  r.add({"PUT", "/api/bodies/{code}", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) { return put(s, q, c); }});
  r.add({"POST", "/api/bodies/import", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context& c) { return import_csv(s, q, c); }});
}

}  // namespace mamori::api
