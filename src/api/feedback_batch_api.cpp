// The feedback reports of a campaign's bodies as one ZIP (issue 4 §5): a job with progress,
// then a download of its result. Each user gets the reports of the bodies it may read
// (readable_responses): MIC all, a prefecture supporter its prefecture, a body itself.
#include <filesystem>

#include "services/analytics/feedback_batch.h"
#include "api/api.h"
#include "api/json_views.h"
#include "crypto/password.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

namespace {

constexpr std::string_view kBatchJob = "feedback_batch";
constexpr int kMaxBatchJobs = 2;  // at once, over all users: each takes one core
// A batch running longer is cancelled, so no one holds a batch place indefinitely. A
// national batch (3,300 bodies) takes about 9 minutes on one core (docs/OPERATIONS.md).
constexpr std::chrono::seconds kBatchTimeLimit = std::chrono::hours(1);

Response start_batch(Services& s, const Request& req, const Context& ctx) {
  auto id = id_param(req, "id");
  if (!id.ok()) return http::error_response(id.status());
  auto cam = s.store.campaigns().get_campaign(*id);
  if (!cam.ok()) return http::error_response(cam.status());
  ports::ResponseFilter filter;
  if (!req.body.empty()) {
    auto obj = http::parse_object(req.body);
    if (!obj.ok()) return http::error_response(obj.status());
    http::FieldReader f(*obj, {"prefecture"});
    std::string pref = f.string("prefecture", false, 2).value_or("");
    if (!pref.empty() && !is_prefecture_number(pref)) f.fail("prefecture", "field.prefecture");
    if (!f.status().ok()) return http::error_response(f.status());
    filter.prefecture_code = pref;
  }
  auto list = readable_responses(s, *ctx.user, *id, filter);
  if (!list.ok()) return http::error_response(list.status());
  // readable_responses keeps others to their own prefecture; another one asked for is empty.
  if (!filter.prefecture_code.empty())
    std::erase_if(*list, [&](const ports::ResponseSummary& r) {
      return r.response.body_code.substr(0, 2) != filter.prefecture_code;
    });
  if (list->empty())
    return http::error_response(Status::FailedPrecondition("nothing_to_report"));
  std::vector<analytics::FeedbackBatchItem> items;
  for (const auto& r : *list) items.push_back({r.response.id, r.response.body_code, r.body_name});
  std::string path =
      (std::filesystem::path(s.job_files_dir) / ("mamori-feedback-batch-" + auth::random_token(8) + ".zip")).string();
  std::string name = "feedback-FY" + std::to_string(cam->fiscal_year) +
                     (filter.prefecture_code.empty() ? "" : "-pref" + filter.prefecture_code) + ".zip";
  auto job = s.jobs.start(
      std::string(kBatchJob), ctx.user->id,
      [&s, items = std::move(items), path, viewer = viewer_of(*ctx.user)](const JobRunner::Progress& progress) {
        Status st = analytics::write_feedback_batch(s.analytics, s.store, s.documents, items, viewer, s.clock, path,
                                                    progress, [&progress] { return progress.cancelled(); });
        if (st.error_code() == "job_cancelled" && progress.timed_out())
          return Status::Unavailable("job_cancelled", {{"minutes", std::to_string(kBatchTimeLimit.count() / 60)}})
              .with_message("job_cancelled.time_limit");
        return st;
      },
      ports::JobResult{path, name, "application/zip"}, ports::JobLimits{.per_user = 1, .total = kMaxBatchJobs},
      kBatchTimeLimit);
  if (!job.ok()) return http::error_response(job.status());
  if (job->refused == ports::JobRefusal::kUserBusy) return http::error_response(Status::AlreadyExists("job_running"));
  if (job->refused == ports::JobRefusal::kAllBusy) return http::error_response(Status::Unavailable("busy"));
  return job_started(s, job->id);
}

}  // namespace

void register_feedback_batch_routes(RouteTable& r, Services& s) {
  r.add({"POST", "/api/campaigns/{id}/feedback-reports", std::string(auth::kSessionAct), Target::kNone,
         [&s](const Request& q, const Context& c) { return start_batch(s, q, c); }});
}

}  // namespace mamori::api
