// Long-running work (opening a campaign, imports) reports progress here; the
// API polls it. In memory: a job belongs to the server process that runs it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"

namespace mamori {

struct JobInfo {
  int64_t id = 0;
  std::string kind;
  std::string state = "running";  // running, done, failed
  int64_t done = 0;
  int64_t total = 0;
  Status error;
  int64_t started_by = 0;
};

class JobRegistry {
 public:
  JobRegistry() = default;
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;
  ~JobRegistry();

  // Runs `work(progress)` on a background thread; returns the job id at once.
  int64_t start(std::string kind, int64_t user_id,
                std::function<Status(const std::function<void(int64_t, int64_t)>&)> work);
  std::optional<JobInfo> get(int64_t id) const;
  // Waits for every job to finish (shutdown, tests).
  void join_all();

 private:
  mutable std::mutex mu_;
  std::map<int64_t, JobInfo> jobs_;
  std::vector<std::thread> threads_;
  int64_t next_ = 1;
};

}  // namespace mamori
