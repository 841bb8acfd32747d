#pragma once
// The feedback reports of many bodies at once (issue 4 §5): one PDF per response, written
// one after another into a ZIP file, so memory holds one report at a time whatever the
// number of bodies.

#include <functional>
#include <string>
#include <vector>

#include "services/analytics/analytics_service.h"
#include "domain/disclosure.h"
#include "base/clock.h"
#include "ports/documents.h"
#include "ports/store.h"

namespace mamori::analytics {

struct FeedbackBatchItem {
  int64_t response_id = 0;
  std::string body_code;
  std::string body_name;
};

// The entry name of a body's report: "011002_札幌市.pdf".
std::string feedback_entry_name(const FeedbackBatchItem& item);

// Writes every item's PDF into a new ZIP at `zip_path`, calling progress(done, total) after
// each. All or nothing: on any error, or when `cancelled()` turns true (Unavailable
// "job_cancelled"), the file is removed and the error names the body it stopped at.
Status write_feedback_batch(AnalyticsService& analytics, ports::Store& store, ports::Documents& documents, const std::vector<FeedbackBatchItem>& items,
                            const Viewer& viewer, const Clock& clock, const std::string& zip_path, const std::function<void(int64_t, int64_t)>& progress,
                            const std::function<bool()>& cancelled);

}  // namespace mamori::analytics
