// A body's own data, complete (services/body_export, docs/BODY_EXPORT.md): the JSON
// document and the workbook to read, for the body's approver and MIC (body.export).
#include <filesystem>

#include "api/api.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

Response attachment(Response out, const std::string& name) {
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

Response export_json(Services& s, const Request&, const Context& ctx) {
  auto doc = s.body_exports.json_document(ctx.body->code, ctx.user->display_name);
  if (!doc.ok()) return http::error_response(doc.status());
  Response out;
  out.content_type = "application/json; charset=utf-8";
  out.body = std::move(*doc);
  return attachment(std::move(out), s.body_exports.file_name(ctx.body->code, "json"));
}

Response export_xlsx(Services& s, const Request&, const Context& ctx) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-body-export-" + auth::random_token(8) + ".xlsx")).string();
  Status st = s.body_exports.workbook(ctx.body->code, ctx.user->display_name, path);
  if (!st.ok()) {
    std::filesystem::remove(path);
    return http::error_response(st);
  }
  Response out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.temp_file = path;
  return attachment(std::move(out), s.body_exports.file_name(ctx.body->code, "xlsx"));
}

}  // namespace

void register_body_export_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/bodies/{code}/export.json", std::string(auth::kBodyExport), Target::kBodyParam,
         [&s](const Request& q, const Context& c) { return export_json(s, q, c); }});
  r.add({"GET", "/api/bodies/{code}/export.xlsx", std::string(auth::kBodyExport), Target::kBodyParam,
         [&s](const Request& q, const Context& c) { return export_xlsx(s, q, c); }});
}

}  // namespace mamori::api
