#include "services/jobs/job_registry.h"

#include <cstdio>

namespace mamori {

void JobRegistry::stop() {
  stopping_ = true;
  join_all();
}

JobRegistry::~JobRegistry() {
  stop();
  for (const auto& [id, job] : jobs_)
    if (!job.result.file.empty()) std::remove(job.result.file.c_str());
}

int64_t JobRegistry::start(std::string kind, int64_t user_id, Work work, JobResult result) {
  Refusal refused;
  return try_start(std::move(kind), user_id, 0, 0, std::move(work), std::move(result), refused);
}

int64_t JobRegistry::try_start(std::string kind, int64_t user_id, int per_user, int total, Work work,
                               JobResult result, Refusal& refused) {
  std::lock_guard lock(mu_);
  refused = Refusal::kNone;
  int mine = 0, all = 0;
  for (const auto& [other_id, job] : jobs_)
    if (job.state == "running" && job.kind == kind) {
      ++all;
      if (job.started_by == user_id) ++mine;
    }
  if (per_user > 0 && mine >= per_user) refused = Refusal::kUserBusy;
  else if (total > 0 && all >= total) refused = Refusal::kAllBusy;
  if (refused != Refusal::kNone) return 0;
  if (!result.file.empty())
    for (auto& [other_id, job] : jobs_)
      if (job.kind == kind && job.started_by == user_id && job.state != "running" && !job.result.file.empty()) {
        std::remove(job.result.file.c_str());
        job.result = {};
      }
  int64_t id = next_++;
  JobInfo info;
  info.id = id;
  info.kind = std::move(kind);
  info.started_by = user_id;
  info.result = std::move(result);
  if (stopping_) {
    info.state = "failed";
    info.error = Status::Unavailable("job_cancelled").with_message("job_cancelled.not_run");
    info.result = {};
    jobs_[id] = info;
    return id;
  }
  jobs_[id] = info;
  // Started under the lock, so join_all() always sees the thread.
  threads_.emplace_back([this, id, work = std::move(work)] {
    auto progress = [this, id](int64_t done, int64_t total) {
      std::lock_guard l(mu_);
      jobs_[id].done = done;
      jobs_[id].total = total;
    };
    Status s;
    try {
      s = work(progress);
    } catch (const std::exception& e) {
      s = Status::Internal(std::string("job failed: ") + e.what());
    }
    if (s.code() == StatusCode::kInternal)
      std::fprintf(stderr, "job %lld failed: %s\n", static_cast<long long>(id), s.internal_detail().c_str());
    std::lock_guard l(mu_);
    jobs_[id].state = s.ok() ? "done" : "failed";
    jobs_[id].error = s;
  });
  return id;
}

std::optional<JobInfo> JobRegistry::get(int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

void JobRegistry::join_all() {
  std::vector<std::thread> ts;
  {
    std::lock_guard lock(mu_);
    ts.swap(threads_);
  }
  for (auto& t : ts)
    if (t.joinable()) t.join();
}

}  // namespace mamori
