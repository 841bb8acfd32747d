#include "services/analytics/feedback_batch.h"

#include <filesystem>

#include "services/analytics/feedback.h"

namespace mamori::analytics {

std::string feedback_entry_name(const FeedbackBatchItem& item) {
  std::string name = item.body_code + "_";
  for (char c : item.body_name) name += (c == '/' || c == '\\') ? '_' : c;  // never a folder
  return name + ".pdf";
}

namespace {

Status write_all(AnalyticsService& analytics, ports::Store& store, ports::Documents& documents, const std::vector<FeedbackBatchItem>& items,
                 const Viewer& viewer, const Clock& clock, const std::string& zip_path, const std::function<void(int64_t, int64_t)>& progress,
                 const std::function<bool()>& cancelled) {
  MAMORI_ASSIGN_OR_RETURN(auto zip, documents.zip(zip_path));
  const auto total = static_cast<int64_t>(items.size());
  progress(0, total);
  for (int64_t i = 0; i < total; ++i) {
    const FeedbackBatchItem& item = items[static_cast<size_t>(i)];
    if (cancelled())
      return Status::Unavailable("job_cancelled").with_message("job_cancelled.batch");
    auto report = feedback_report(analytics, store, item.response_id, viewer, clock);
    Result<std::string> pdf = report.ok() ? documents.pdf(*report) : Result<std::string>(report.status());
    if (!pdf.ok())
      return Status::Internal("feedback report of " + item.body_code + " (response " + std::to_string(item.response_id) +
                              "): " + pdf.status().internal_detail() + " " + pdf.status().message_en());
    MAMORI_RETURN_IF_ERROR((zip)->add(feedback_entry_name(item), *pdf));
    progress(i + 1, total);
  }
  return (zip)->finish();
}

}  // namespace

Status write_feedback_batch(AnalyticsService& analytics, ports::Store& store, ports::Documents& documents, const std::vector<FeedbackBatchItem>& items,
                            const Viewer& viewer, const Clock& clock, const std::string& zip_path, const std::function<void(int64_t, int64_t)>& progress,
                            const std::function<bool()>& cancelled) {
  Status st = write_all(analytics, store, documents, items, viewer, clock, zip_path, progress, cancelled);
  if (!st.ok()) {
    std::error_code ec;
    std::filesystem::remove(zip_path, ec);
  }
  return st;
}

}  // namespace mamori::analytics
