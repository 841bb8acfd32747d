// Long-running work (opening a campaign, imports) reports progress here; the
// API polls it. In memory: a job belongs to the server process that runs it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace mamori {

// A file a job leaves for its starter to download (GET /api/jobs/{id}/result), kept until
// the server stops.
struct JobResult {
  std::string file;          // path on disk; "" when the job leaves no file
  std::string name;          // file name offered to the browser
  std::string content_type;
  bool operator==(const JobResult&) const = default;
};

struct JobInfo {
  int64_t id = 0;
  std::string kind;
  std::string state = "running";  // running, done, failed
  int64_t done = 0;
  int64_t total = 0;
  Status error;
  int64_t started_by = 0;
  JobResult result;  // meaningful once state is "done"
};

class JobRegistry {
 public:
  JobRegistry() = default;
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;
  ~JobRegistry();

  using Work = std::function<Status(const std::function<void(int64_t, int64_t)>&)>;

  // Runs `work(progress)` on a background thread; returns the job id at once. A job that
  // writes `result.file` must leave it complete when it returns Ok, and remove it otherwise.
  // Once stopping, the job is recorded as failed (job_cancelled) and `work` never runs.
  int64_t start(std::string kind, int64_t user_id, Work work, JobResult result = {});

  // As start(), unless `user_id` already runs `per_user` jobs of `kind` (kUserBusy) or
  // everyone together `total` (kAllBusy); checked and started under one lock, so two
  // requests at once cannot both pass. A finished job of the same kind and user that left a
  // file is forgotten and its file removed: one result per user and kind is kept.
  enum class Refusal { kNone, kUserBusy, kAllBusy };
  int64_t try_start(std::string kind, int64_t user_id, int per_user, int total, Work work, JobResult result,
                    Refusal& refused);
  std::optional<JobInfo> get(int64_t id) const;
  // Waits for every job to finish (shutdown, tests).
  void join_all();
  // Asks long jobs to stop early (they poll stopping()) and waits for all (shutdown).
  void stop();
  bool stopping() const { return stopping_; }

 private:
  mutable std::mutex mu_;
  std::map<int64_t, JobInfo> jobs_;
  std::vector<std::thread> threads_;
  int64_t next_ = 1;
  std::atomic<bool> stopping_ = false;
};

}  // namespace mamori
