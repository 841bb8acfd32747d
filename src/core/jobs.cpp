#include "core/jobs.h"

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

int64_t JobRegistry::start(std::string kind, int64_t user_id,
                           std::function<Status(const std::function<void(int64_t, int64_t)>&)> work,
                           JobResult result) {
  std::lock_guard lock(mu_);
  int64_t id = next_++;
  JobInfo info;
  info.id = id;
  info.kind = std::move(kind);
  info.started_by = user_id;
  info.result = std::move(result);
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

int JobRegistry::running(std::string_view kind, int64_t user_id) const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& [id, job] : jobs_)
    if (job.state == "running" && job.kind == kind && (user_id == 0 || job.started_by == user_id)) ++n;
  return n;
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
