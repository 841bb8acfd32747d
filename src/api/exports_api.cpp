// Exports of a campaign, for MIC and for the analysts of the campaign's ministry: all answers,
// the survey's own layout (one row per body, one column per item) or the rate tables, as CSV
// (UTF-8 with BOM, or CP932 on request) or xlsx. The file is written to a temporary file row by row and
// streamed from disk, so a campaign of any size never sits in memory.
#include "services/analytics/exports.h"
#include "api/api.h"
#include "api/table_download.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

// The tables (layouts) an export can take.
constexpr std::string_view kLayouts = "answers, survey, rates";

Response export_campaign(Services& s, const Request& req, const Context& ctx) {
  const int64_t campaign_id = ctx.campaign->id;
  const Campaign* cam = &*ctx.campaign;
  std::string table = req.query("table").value_or("answers");
  if (table != "answers" && table != "rates" && table != "survey")
    return http::error_response(
        Status::InvalidArgument("export_layout_unknown", {{"value", table}, {"allowed", std::string(kLayouts)}}));
  auto d = table_download_of(req);
  if (!d.ok()) return http::error_response(d.status());
  const Catalog* cat = s.catalogs.find(cam->catalog_id);
  if (!cat) return http::error_response(Status::Internal("catalogue " + cam->catalog_id + " is not loaded"));
  d->header = table == "answers"  ? analytics::answers_header()
              : table == "survey" ? analytics::survey_header(*cat)
                                  : analytics::rates_header(*cat);
  d->sheet = table == "rates" ? "実施率" : "回答";
  d->file_stem = "campaign-" + std::to_string(campaign_id) + "-" + table;
  return send_table(s, *d, [&](ports::TableSink& sink) {
    return table == "answers"  ? analytics::export_answers(s.store, s.catalogs, campaign_id, sink)
           : table == "survey" ? analytics::export_survey_layout(s.store, s.catalogs, campaign_id, sink)
                               : analytics::export_rates(s.analytics, s.store, campaign_id, sink);
  });
}

}  // namespace

void register_export_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/campaigns/{id}/export", std::string(auth::kFamilyRead), Target::kCampaignParam,
         [&s](const Request& q, const Context& c) { return export_campaign(s, q, c); }});
}

}  // namespace mamori::api
