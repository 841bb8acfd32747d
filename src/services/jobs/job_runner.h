#pragma once
// Runs long work (opening a campaign, batches of reports, reminder mail) on threads of this
// application node, with the job's record in the store (ports/jobs.h) so that any node can
// answer GET /api/jobs/{id}.
//
// Progress is kept in memory as the work reports it and written to the store at most every
// half second by one flusher thread (the work may report progress from inside a store
// write — opening a campaign does — so it never writes itself). get() gives the stored
// record with this node's live progress over it when the job runs here; another node sees
// the progress at most about a second late.
//
// Thread-safe.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "ports/jobs.h"

namespace mamori {

// What a job's work is given: a way to report progress, and whether to stop early (the
// node is stopping, or the job has run past its time limit). Valid while the work runs.
class JobProgress {
 public:
  JobProgress(std::function<void(int64_t, int64_t)> report, std::function<bool()> stopping,
              std::chrono::steady_clock::time_point deadline)
      : report_(std::move(report)), stopping_(std::move(stopping)), deadline_(deadline) {}
  void operator()(int64_t done, int64_t total) const { report_(done, total); }
  // Work that can end early polls this and ends with job_cancelled when it is true.
  bool cancelled() const { return stopping_() || timed_out(); }
  bool timed_out() const { return std::chrono::steady_clock::now() > deadline_; }

 private:
  std::function<void(int64_t, int64_t)> report_;
  std::function<bool()> stopping_;
  std::chrono::steady_clock::time_point deadline_;
};

class JobRunner {
 public:
  using Progress = JobProgress;
  using Work = std::function<Status(const Progress&)>;

  // `jobs` outlives the runner. `node` names this application node in the store; jobs this
  // node left running when it last stopped are failed now (job_abandoned).
  JobRunner(ports::JobStore& jobs, std::string node);
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;
  ~JobRunner();  // stop()

  struct Started {
    int64_t id = 0;  // 0 when refused
    ports::JobRefusal refused = ports::JobRefusal::kNone;
  };
  // Records the job — unless `limits` refuse it, checked in the store — and runs
  // `work(progress)` on a thread of its own, joined soon after it ends. With a
  // `time_limit`, progress.cancelled() turns true once it has passed (work that polls it
  // ends early; other work runs to its end). A job that writes `result.file` must leave it
  // complete when it returns Ok, and remove it otherwise; the owner's earlier result of the
  // same kind is deleted. Once stopping, the job is recorded as failed (job_cancelled) and
  // `work` never runs.
  Result<Started> start(std::string kind, int64_t owner, Work work, ports::JobResult result = {},
                        ports::JobLimits limits = {}, std::chrono::seconds time_limit = std::chrono::seconds(0));
  // NotFound "job_not_found".
  Result<ports::JobRecord> get(int64_t id);

  bool stopping() const { return stopping_; }
  // Threads of jobs held now: running, or ended and not yet joined (tests).
  size_t threads_held();
  // Waits for every job started so far, and for a progress write of theirs in flight (tests:
  // after it, no job of this runner writes).
  void join_all();
  // Asks long jobs to stop early (they poll stopping()) and waits for them; then fails what
  // is still recorded as running on this node and deletes this node's result files.
  void stop();

 private:
  struct Live {
    int64_t done = 0;
    int64_t total = 0;
    bool dirty = false;
  };
  void flusher_loop();
  void flush();
  // Joins the threads of jobs that have ended. Not under mu_.
  void reap();

  ports::JobStore& jobs_;
  const std::string node_;
  std::mutex mu_;
  std::map<int64_t, Live> live_;  // this node's running jobs
  std::map<int64_t, std::thread> threads_;  // by job id, until joined
  std::vector<int64_t> ended_;               // jobs whose thread is ending, to join
  std::atomic<bool> stopping_ = false;
  bool stopped_ = false;
  std::condition_variable flusher_cv_;
  bool flusher_done_ = false;
  // True while flush() writes progress it took from live_ (outside the lock); join_all()
  // waits for it, so that nothing of a joined job is written after join_all() returns.
  bool flushing_ = false;
  std::condition_variable flushed_cv_;
  std::thread flusher_;
};

}  // namespace mamori
