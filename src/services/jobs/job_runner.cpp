#include "services/jobs/job_runner.h"

#include "base/log.h"

#include <cstdio>

namespace mamori {

namespace {
void remove_files(const std::vector<std::string>& files) {
  for (const auto& f : files) std::remove(f.c_str());
}
void log_failure(const char* what, int64_t id, const Status& s) {
  log_json("error", "job_failed",
           {{"job", std::to_string(id), true}, {"what", what}, {"code", s.error_code()}, {"message", s.message_en()},
            {"detail", s.internal_detail()}});
}
}  // namespace

JobRunner::JobRunner(ports::JobStore& jobs, std::string node) : jobs_(jobs), node_(std::move(node)) {
  auto left = jobs_.abandon_jobs(node_, Status::Unavailable("job_abandoned"));
  if (left.ok())
    remove_files(*left);
  else
    log_failure("abandoning the jobs of an earlier run", 0, left.status());
  flusher_ = std::thread([this] { flusher_loop(); });
}

JobRunner::~JobRunner() { stop(); }

Result<JobRunner::Started> JobRunner::start(std::string kind, int64_t owner, Work work, ports::JobResult result,
                                            ports::JobLimits limits, std::chrono::seconds time_limit) {
  reap();
  // No lock around store calls: work may report progress (taking mu_) from inside a store
  // write that this call would queue behind.
  MAMORI_ASSIGN_OR_RETURN(ports::NewJob created, jobs_.create_job(kind, owner, limits, result, node_));
  remove_files(created.forgotten_files);
  if (created.refused != ports::JobRefusal::kNone) return Started{0, created.refused};
  const int64_t id = created.id;
  std::unique_lock lock(mu_);
  if (stopping_) {
    lock.unlock();
    if (Status s = jobs_.finish_job(id, Status::Unavailable("job_cancelled").with_message("job_cancelled.not_run"));
        !s.ok())
      log_failure("recording the cancellation", id, s);
    return Started{id, ports::JobRefusal::kNone};
  }
  live_[id] = Live{};
  const auto deadline = time_limit.count() > 0 ? std::chrono::steady_clock::now() + time_limit
                                               : std::chrono::steady_clock::time_point::max();
  // Started under the lock, so join_all() always sees the thread.
  threads_[id] = std::thread([this, id, deadline, work = std::move(work)] {
    JobProgress progress(
        [this, id](int64_t done, int64_t total) {
          std::lock_guard l(mu_);
          Live& live = live_[id];
          live.done = done;
          live.total = total;
          live.dirty = true;
        },
        [this] { return stopping_.load(); }, deadline);
    Status s;
    try {
      s = work(progress);
    } catch (const std::exception& e) {
      s = Status::Internal(std::string("job failed: ") + e.what());
    }
    if (s.code() == StatusCode::kInternal) log_failure("failed", id, s);
    Live last;
    {
      std::lock_guard l(mu_);
      last = live_[id];
    }
    if (last.dirty)
      if (Status p = jobs_.update_job_progress(id, last.done, last.total); !p.ok()) log_failure("progress", id, p);
    if (Status f = jobs_.finish_job(id, s); !f.ok()) log_failure("recording the outcome", id, f);
    std::lock_guard l(mu_);
    live_.erase(id);
    ended_.push_back(id);  // joined by the next reap()
  });
  return Started{id, ports::JobRefusal::kNone};
}

void JobRunner::reap() {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(mu_);
    for (int64_t id : ended_)
      if (auto it = threads_.find(id); it != threads_.end()) {
        done.push_back(std::move(it->second));
        threads_.erase(it);
      }
    ended_.clear();
  }
  for (auto& t : done)
    if (t.joinable()) t.join();  // the thread has pushed its id as its last step: this returns at once
}

size_t JobRunner::threads_held() {
  std::lock_guard lock(mu_);
  return threads_.size();
}

Result<ports::JobRecord> JobRunner::get(int64_t id) {
  MAMORI_ASSIGN_OR_RETURN(ports::JobRecord job, jobs_.get_job(id));
  if (job.state == ports::JobState::kRunning && job.node == node_) {
    std::lock_guard lock(mu_);
    if (auto it = live_.find(id); it != live_.end()) {
      job.done = it->second.done;
      job.total = it->second.total;
    }
  }
  return job;
}

void JobRunner::flush() {
  std::vector<std::pair<int64_t, Live>> dirty;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, live] : live_)
      if (live.dirty) {
        dirty.emplace_back(id, live);
        live.dirty = false;
      }
    if (dirty.empty()) return;
    flushing_ = true;
  }
  for (const auto& [id, live] : dirty)
    if (Status s = jobs_.update_job_progress(id, live.done, live.total); !s.ok()) log_failure("progress", id, s);
  std::lock_guard lock(mu_);
  flushing_ = false;
  flushed_cv_.notify_all();
}

void JobRunner::flusher_loop() {
  std::unique_lock lock(mu_);
  while (!flusher_done_) {
    flusher_cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return flusher_done_; });
    if (flusher_done_) break;
    lock.unlock();
    flush();
    reap();
    lock.lock();
  }
}

void JobRunner::join_all() {
  std::map<int64_t, std::thread> ts;
  {
    std::lock_guard lock(mu_);
    ts.swap(threads_);
    ended_.clear();
  }
  for (auto& [id, t] : ts)
    if (t.joinable()) t.join();
  std::unique_lock lock(mu_);
  flushed_cv_.wait(lock, [this] { return !flushing_; });
}

void JobRunner::stop() {
  stopping_ = true;
  join_all();
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    flusher_done_ = true;
  }
  flusher_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  auto files = jobs_.abandon_jobs(node_, Status::Unavailable("job_cancelled").with_message("job_cancelled.not_run"));
  if (files.ok())
    remove_files(*files);
  else
    log_failure("cleaning up at stop", 0, files.status());
}

}  // namespace mamori
