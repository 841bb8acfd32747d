// The audit trail: MIC searches and exports it; a body's approver reads the entries about
// the body. Never shown to anyone else (domain/access_policy.h kBodyAudit).
#include <filesystem>

#include "api/api.h"
#include "api/json_views.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

json::object entry_json(const AuditEntry& e) {
  return json::object{{"seq", e.seq},
                      {"at", e.at},
                      {"actor", e.actor},
                      {"roles", e.roles},
                      {"body_code", e.body_code},
                      {"action", e.action},
                      {"target", e.target},
                      {"request_id", e.request_id},
                      {"address", e.address},
                      {"outcome", e.outcome},
                      {"detail", e.detail}};
}

Status bad(const std::string& field, const std::string& message) { return Status::InvalidField(field, message); }

// The criteria of a search from the query string; `body` forces the body (an approver's).
Result<AuditFilter> filter_of(const Request& req, const std::string& body, int max_limit) {
  AuditFilter f;
  f.actor = req.query("actor").value_or("");
  f.body_code = body.empty() ? req.query("body").value_or("") : body;
  f.action = req.query("action").value_or("");
  f.from_date = req.query("from").value_or("");
  f.to_date = req.query("to").value_or("");
  if (f.actor.size() > 200) return bad("actor", "too_long");
  if (f.action.size() > 100) return bad("action", "too_long");
  if (!f.body_code.empty() && !validate_body_code(f.body_code).ok()) return bad("body", "invalid_body_code");
  if (!f.from_date.empty() && !is_iso_date(f.from_date)) return bad("from", "invalid_date");
  if (!f.to_date.empty() && !is_iso_date(f.to_date)) return bad("to", "invalid_date");
  for (auto [name, out] : {std::pair<const char*, int64_t*>{"before", &f.before_seq}}) {
    const std::string v = req.query(name).value_or("");
    if (v.empty()) continue;
    if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return bad(name, "invalid_number");
    *out = std::stoll(v);
  }
  const std::string limit = req.query("limit").value_or("");
  f.limit = max_limit;
  if (!limit.empty()) {
    if (limit.size() > 5 || limit.find_first_not_of("0123456789") != std::string::npos) return bad("limit", "invalid_number");
    f.limit = std::clamp(std::stoi(limit), 1, max_limit);
  }
  return f;
}

Response search(Services& s, const Request& req, const std::string& body) {
  auto f = filter_of(req, body, 200);
  if (!f.ok()) return http::error_response(f.status());
  auto entries = s.audit.search(*f);
  if (!entries.ok()) return http::error_response(entries.status());
  json::array out;
  for (const auto& e : *entries) out.push_back(entry_json(e));
  json::object o{{"entries", std::move(out)}};
  if (static_cast<int>(entries->size()) == f->limit && !entries->empty()) o["next_before"] = entries->back().seq;
  return http::json_response(std::move(o));
}

// Every entry matching the criteria (newest first, at most 100,000) as CSV (UTF-8 with BOM).
Response export_csv(Services& s, const Request& req) {
  auto f = filter_of(req, "", 1000);
  if (!f.ok()) return http::error_response(f.status());
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-audit-" + auth::random_token(8) + ".csv")).string();
  auto sink = s.documents.csv_table(path, ports::CsvEncoding::kUtf8Bom,
                                    {"seq", "at", "actor", "roles", "body_code", "action", "target", "request_id",
                                     "address", "outcome", "detail", "hash"});
  if (!sink.ok()) return http::error_response(sink.status());
  AuditFilter page = *f;
  page.limit = 1000;
  Status st = Status::Ok();
  for (int rows = 0; rows < 100000;) {
    auto entries = s.audit.search(page);
    if (!entries.ok()) {
      st = entries.status();
      break;
    }
    for (const auto& e : *entries)
      (*sink)->row({std::to_string(e.seq), e.at, e.actor, e.roles, e.body_code, e.action, e.target, e.request_id,
                    e.address, e.outcome, e.detail, e.hash});
    rows += static_cast<int>(entries->size());
    if (static_cast<int>(entries->size()) < page.limit) break;
    page.before_seq = entries->back().seq;
  }
  Status finished = (*sink)->finish();
  if (st.ok()) st = finished;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return http::error_response(st);
  }
  Response out;
  out.content_type = "text/csv; charset=utf-8";
  out.temp_file = path;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"mamori-audit.csv\"");
  return out;
}

}  // namespace

void register_audit_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/admin/audit", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context&) { return search(s, q, ""); }});
  r.add({"GET", "/api/admin/audit.csv", std::string(auth::kNationalManage), Target::kNone,
         [&s](const Request& q, const Context&) { return export_csv(s, q); }});
  r.add({"GET", "/api/bodies/{code}/audit", std::string(auth::kBodyAudit), Target::kBodyParam,
         [&s](const Request& q, const Context& c) { return search(s, q, c.body->code); }});
}

}  // namespace mamori::api
