// Exports of a campaign, for MIC and for the analysts of the campaign's ministry: all answers,
// the survey's own layout (one row per body, one column per item) or the rate tables, as CSV
// (UTF-8 with BOM, or CP932 on request) or xlsx. The file is written to a temporary file row by row and
// streamed from disk, so a campaign of any size never sits in memory.
#include <filesystem>

#include "services/analytics/exports.h"
#include "api/api.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

Status bad_filter(const std::string& name, const std::string& value, const std::string& allowed) {
  return Status::InvalidArgument("invalid_filter", {{"name", name}, {"value", value}, {"allowed", allowed}});
}

// Removes a temporary file on every way out unless it was handed over for sending.
struct TempFile {
  std::string path;
  bool handed_over = false;
  ~TempFile() {
    if (!handed_over) std::filesystem::remove(path);
  }
};

// The tables (layouts) an export can take.
constexpr std::string_view kLayouts = "answers, survey, rates";

Response export_campaign(Services& s, const Request& req, const Context& ctx) {
  const int64_t campaign_id = ctx.campaign->id;
  const Campaign* cam = &*ctx.campaign;
  std::string table = req.query("table").value_or("answers");
  std::string format = req.query("format").value_or("csv");
  std::string encoding = req.query("encoding").value_or("utf8");
  if (table != "answers" && table != "rates" && table != "survey")
    return http::error_response(
        Status::InvalidArgument("export_layout_unknown", {{"value", table}, {"allowed", std::string(kLayouts)}}));
  if (format != "csv" && format != "xlsx") return http::error_response(bad_filter("format", format, "csv, xlsx"));
  if (encoding != "utf8" && encoding != "cp932") return http::error_response(bad_filter("encoding", encoding, "utf8, cp932"));
  if (format == "xlsx" && encoding != "utf8")
    return http::error_response(bad_filter("encoding", encoding, "utf8"));

  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  const auto header = table == "answers"  ? analytics::answers_header()
                      : table == "survey" ? analytics::survey_header(*cat)
                                          : analytics::rates_header(*cat);
  TempFile file{(std::filesystem::temp_directory_path() / ("mamori-export-" + auth::random_token(8) + "." + format)).string()};
  const std::string& path = file.path;
  auto sink = format == "xlsx" ? s.documents.xlsx_table(path, table == "rates" ? "実施率" : "回答", header)
                               : s.documents.csv_table(path, encoding == "cp932" ? ports::CsvEncoding::kCp932 : ports::CsvEncoding::kUtf8Bom,
                                              header);
  if (!sink.ok()) return http::error_response(sink.status());
  Status st = table == "answers"  ? analytics::export_answers(s.store, s.catalogs, campaign_id, **sink)
              : table == "survey" ? analytics::export_survey_layout(s.store, s.catalogs, campaign_id, **sink)
                                  : analytics::export_rates(s.analytics, s.store, campaign_id, **sink);
  Status done = (*sink)->finish();
  if (st.ok()) st = done;
  if (!st.ok()) return http::error_response(st);
  Response out;
  out.content_type = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                     : encoding == "cp932" ? "text/csv; charset=Shift_JIS"
                                           : "text/csv; charset=utf-8";
  out.temp_file = path;
  file.handed_over = true;
  std::string name = "campaign-" + std::to_string(campaign_id) + "-" + table + (encoding == "cp932" ? "-cp932" : "") + "." + format;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

}  // namespace

void register_export_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/campaigns/{id}/export", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return export_campaign(s, q, c); }});
}

}  // namespace mamori::api
