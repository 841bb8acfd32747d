// A response in Excel, both ways (services/workbook, docs/WORKBOOK.md): the workbook to fill
// offline, and an uploaded workbook or legacy answer sheet previewed, then applied all
// together. Uploads are the file itself as the body (application/octet-stream or the xlsx
// type), with the file's name and the person's choices in the query.
#include <boost/json.hpp>

#include <filesystem>

#include "api/api.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "domain/answer_json.h"
#include "api/json_views.h"
#include "base/messages.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

// The largest upload taken (docs/WORKBOOK.md): a survey's workbook is about 100 KB; room for
// pictures or notes someone pasted in. The reader's own limits (io/xlsx_reader.h) apply too.
constexpr size_t kUploadLimit = 16u << 20;

// A workbook value as the preview shows it: the cell's text.
json::value shown_value(const Question& q, const std::optional<json::value>& value) {
  const workbook::CellValue c = workbook::value_cell(q, value);
  switch (c.kind) {
    case workbook::CellValue::Kind::kEmpty: return nullptr;
    case workbook::CellValue::Kind::kNumber: return c.number;
    default: return json::value(c.text);
  }
}

json::object content_json(const Question& q, const std::optional<json::value>& value, bool na,
                          const std::string& na_reason, const std::string& comment, const std::string& evidence) {
  return json::object{{"value", value ? *value : json::value(nullptr)},
                      {"shown", shown_value(q, value)},
                      {"not_applicable", na},
                      {"na_reason", na_reason},
                      {"comment", comment},
                      {"evidence_url", evidence}};
}

json::object problem_json(const WorkbookProblem& p) {
  const Message what = render(p.message, p.args);
  Message where;
  if (p.row > 0 && !p.column.empty())
    where = render("workbook_at.cell", {{"sheet", p.sheet}, {"row", std::to_string(p.row)}, {"column", p.column}});
  else if (p.row > 0)
    where = render("workbook_at.row", {{"sheet", p.sheet}, {"row", std::to_string(p.row)}});
  else if (!p.sheet.empty())
    where = render("workbook_at.sheet", {{"sheet", p.sheet}});
  return json::object{{"sheet", p.sheet},
                      {"row", p.row},
                      {"column", p.column},
                      {"message", p.message},
                      {"message_ja", where.ja + what.ja},
                      {"message_en", where.en + what.en}};
}

json::object preview_json(const WorkbookPreview& p) {
  json::array changes, errors, notes, unmatched;
  for (const auto& c : p.changes) {
    const Question& q = *c.question;
    const AnswerRecord& s = c.server;
    changes.push_back(json::object{
        {"question_id", q.id},
        {"number", q.number},
        {"text", q.text.ja},
        {"text_en", q.text.en},
        {"category", q.category},
        {"sheet", c.sheet},
        {"row", c.row},
        {"conflict", c.conflict},
        {"normalised", c.normalised},
        {"server", content_json(q, parse_json(s.value_json), s.not_applicable, s.na_reason, s.comment, s.evidence_url)},
        {"server_version", s.version},
        {"server_updated_by", s.updated_by_name},
        {"server_updated_at", s.updated_at},
        {"mine", content_json(q, c.input.value, c.input.not_applicable, c.input.na_reason, c.input.comment,
                              c.input.evidence_url)}});
  }
  for (const auto& e : p.errors) errors.push_back(problem_json(e));
  for (const auto& n : p.notes) notes.push_back(problem_json(n));
  for (const auto& u : p.unmatched) {
    const Message m = render("workbook_note.unmatched", {{"sheet", u.sheet}, {"row", std::to_string(u.row)}, {"key", u.key}});
    unmatched.push_back(json::object{{"sheet", u.sheet}, {"row", u.row}, {"key", u.key}, {"message_ja", m.ja},
                                     {"message_en", m.en}});
  }
  return json::object{{"file_name", p.file_name},
                      {"legacy", p.legacy},
                      {"downloaded_at", p.downloaded_at},
                      {"downloaded_by", p.downloaded_by_name},
                      {"fingerprint", p.fingerprint},
                      {"changes", std::move(changes)},
                      {"unchanged", p.unchanged},
                      {"errors", std::move(errors)},
                      {"notes", std::move(notes)},
                      {"unmatched", std::move(unmatched)}};
}

// ?name= : the uploaded file's name (for the history notes); "" when not given.
std::string file_name_of(const Request& req) { return req.query("name").value_or(""); }

Result<std::string> upload_of(const Request& req) {
  if (req.body.empty()) return Status::InvalidArgument("upload_empty");
  return req.body;
}

Response download(Services& s, const Request&, const Context& ctx) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-workbook-" + auth::random_token(8) + ".xlsx")).string();
  auto name = s.workbooks.download(*ctx.user, *ctx.response, path);
  if (!name.ok()) {
    std::filesystem::remove(path);
    return http::error_response(name.status());
  }
  Response out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.temp_file = path;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + *name + "\"");
  return out;
}

// The same rows as CSV: ?encoding=utf8 (UTF-8 with a BOM, the default) or cp932.
Response download_csv(Services& s, const Request& req, const Context& ctx) {
  const std::string encoding = req.query("encoding").value_or("utf8");
  if (encoding != "utf8" && encoding != "cp932")
    return http::error_response(
        Status::InvalidArgument("invalid_filter", {{"name", "encoding"}, {"value", encoding}, {"allowed", "utf8, cp932"}}));
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mamori-workbook-" + auth::random_token(8) + ".csv")).string();
  auto name = s.workbooks.download_csv(*ctx.user, *ctx.response, path,
                                       encoding == "cp932" ? ports::CsvEncoding::kCp932 : ports::CsvEncoding::kUtf8Bom);
  if (!name.ok()) {
    std::filesystem::remove(path);
    return http::error_response(name.status());
  }
  Response out;
  out.content_type = encoding == "cp932" ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8";
  out.temp_file = path;
  std::string file = *name;
  if (encoding == "cp932") file.insert(file.size() - 4, "_cp932");
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  return out;
}

Response preview(Services& s, const Request& req, const Context& ctx, bool legacy) {
  auto bytes = upload_of(req);
  if (!bytes.ok()) return http::error_response(bytes.status());
  auto p = legacy ? s.workbooks.legacy_preview(*ctx.user, *ctx.response, *bytes, file_name_of(req))
                  : s.workbooks.preview(*ctx.user, *ctx.response, *bytes, file_name_of(req));
  if (!p.ok()) return http::error_response(p.status());
  return http::json_response(preview_json(*p));
}

// ?mine=<ids>&theirs=<ids>: the conflicts resolved, as comma-separated question ids.
Result<Resolutions> resolutions_of(const Request& req) {
  Resolutions out;
  for (const auto& [param, keep_mine] : {std::pair{"mine", true}, std::pair{"theirs", false}}) {
    const std::string list = req.query(param).value_or("");
    size_t start = 0;
    while (start < list.size()) {
      size_t end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      std::string id = list.substr(start, end - start);
      if (!id.empty() && !out.emplace(id, keep_mine).second)
        return Status::InvalidArgument("workbook_resolution_twice", {{"id", id}});
      start = end + 1;
    }
  }
  return out;
}

Response apply(Services& s, const Request& req, const Context& ctx, bool legacy) {
  auto bytes = upload_of(req);
  if (!bytes.ok()) return http::error_response(bytes.status());
  auto resolutions = resolutions_of(req);
  if (!resolutions.ok()) return http::error_response(resolutions.status());
  WorkbookPreview seen;
  auto done = s.workbooks.apply(*ctx.user, *ctx.response, *bytes, file_name_of(req), legacy,
                                req.query("fingerprint").value_or(""), *resolutions, &seen);
  if (!done.ok()) {
    json::object extra;
    if (done.status().error_code() == "workbook_invalid" || done.status().error_code() == "workbook_preview_stale")
      extra["preview"] = preview_json(seen);
    return http::error_response(done.status(), std::move(extra));
  }
  json::array written;
  for (const auto& a : done->written) written.push_back(answer_json(a));
  return http::json_response(
      json::object{{"written", done->written.size()}, {"kept_server", done->kept_server}, {"answers", std::move(written)}});
}

}  // namespace

void register_workbook_routes(RouteTable& r, Services& s) {
  const std::string read(auth::kBodyRead), edit(auth::kResponseEdit);
  r.add({"GET", "/api/responses/{id}/workbook.xlsx", read, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return download(s, q, c); }});
  r.add({"GET", "/api/responses/{id}/workbook.csv", read, Target::kResponseParam,
         [&s](const Request& q, const Context& c) { return download_csv(s, q, c); }});
  for (bool legacy : {false, true}) {
    const std::string base = std::string("/api/responses/{id}/") + (legacy ? "legacy" : "workbook");
    Route preview_route{"POST", base + "/preview", edit, Target::kResponseParam,
                        [&s, legacy](const Request& q, const Context& c) { return preview(s, q, c, legacy); }};
    preview_route.upload_limit = kUploadLimit;
    r.add(std::move(preview_route));
    Route apply_route{"POST", base + "/apply", edit, Target::kResponseParam,
                      [&s, legacy](const Request& q, const Context& c) { return apply(s, q, c, legacy); }};
    apply_route.upload_limit = kUploadLimit;
    r.add(std::move(apply_route));
  }
}

}  // namespace mamori::api
