#pragma once
// ports::JobStore over store/sql.h (sql/jobs.sql).

#include "base/clock.h"
#include "ports/jobs.h"
#include "store/sql.h"

namespace mamori::store {

class SqlJobStore final : public ports::JobStore {
 public:
  // `db` and `clock` outlive this object.
  SqlJobStore(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<ports::NewJob> create_job(const std::string& kind, int64_t owner, const ports::JobLimits& limits,
                                   const ports::JobResult& result, const std::string& node) override;
  Status update_job_progress(int64_t id, int64_t done, int64_t total) override;
  Status finish_job(int64_t id, const Status& outcome) override;
  Result<ports::JobRecord> get_job(int64_t id) override;
  Result<std::vector<std::string>> abandon_jobs(const std::string& node, const Status& why) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
