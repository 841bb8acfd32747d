#pragma once
// Long-running work (opening a campaign, batches of reports, reminder mail) as records in
// the store, so any application node can answer GET /api/jobs/{id}. The work itself runs
// on the node that started it (services/jobs/job_runner.*), which writes its progress here.

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

enum class JobState { kRunning, kDone, kFailed };
inline std::string_view to_string(JobState s) {
  return s == JobState::kRunning ? "running" : s == JobState::kDone ? "done" : "failed";
}

// A file a job leaves for its starter to download (GET /api/jobs/{id}/result).
struct JobResult {
  std::string file;  // path on disk; "" when the job leaves none (or it was forgotten)
  std::string name;  // file name offered to the browser
  std::string content_type;
  bool operator==(const JobResult&) const = default;
};

struct JobRecord {
  int64_t id = 0;
  std::string kind;
  JobState state = JobState::kRunning;
  int64_t done = 0;
  int64_t total = 0;
  int64_t started_by = 0;
  Status error;      // when failed
  JobResult result;  // meaningful once done
  std::string node;  // the application node that runs it
  std::string created_at;
  std::string updated_at;  // last progress (a heartbeat while running)
};

// At most `per_user` running jobs of a kind per user and `total` for everyone (0: no limit).
struct JobLimits {
  int per_user = 0;
  int total = 0;
};

enum class JobRefusal { kNone, kUserBusy, kAllBusy };

struct NewJob {
  int64_t id = 0;                            // 0 when refused
  JobRefusal refused = JobRefusal::kNone;
  std::vector<std::string> forgotten_files;  // earlier results to delete (see create_job)
};

// Thread-safe. A write that returns an error has changed nothing.
class JobStore {
 public:
  virtual ~JobStore() = default;
  // Records a running job unless `limits` refuse it, checked and recorded in one write so
  // two starts at once cannot both pass. When `result.file` is set, the owner's finished
  // jobs of the same kind forget their files (one result per user and kind is kept): the
  // paths are returned for the caller to delete.
  virtual Result<NewJob> create_job(const std::string& kind, int64_t owner, const JobLimits& limits,
                                    const JobResult& result, const std::string& node) = 0;
  virtual Status update_job_progress(int64_t id, int64_t done, int64_t total) = 0;
  // Done when `outcome` is ok, else failed with it. A job already finished stays as it was.
  virtual Status finish_job(int64_t id, const Status& outcome) = 0;
  // NotFound "job_not_found".
  virtual Result<JobRecord> get_job(int64_t id) = 0;
  // Fails every job of `node` still running with `why` (the node stopped), and forgets the
  // result files of all of the node's jobs; returns those paths for the caller to delete.
  virtual Result<std::vector<std::string>> abandon_jobs(const std::string& node, const Status& why) = 0;
};

}  // namespace mamori::ports
