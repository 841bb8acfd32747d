#pragma once
// ports::ReuseRepository over store/sql.h (sql/reuse.sql).

#include "base/clock.h"
#include "ports/reuse.h"
#include "store/sql.h"

namespace mamori::store {

class SqlReuseRepository final : public ports::ReuseRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlReuseRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::map<std::string, ports::ItemReuse>> reuse_of(int64_t response_id) override;
  Result<std::map<std::string, std::map<std::string, ports::MeasureAnswer>>> measure_answers(int fiscal_year) override;
  Result<AnswerRecord> decide(const ports::ReuseDecisionRequest& request) override;
  Result<std::map<int64_t, ports::ReuseCounts>> counts(int64_t campaign_id) override;
  Result<int64_t> entries_saved() override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
