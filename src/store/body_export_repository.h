#pragma once
// ports::BodyExportRepository over store/sql.h (sql/body_export.sql, with the history,
// event and submission inserts of sql/responses.sql).

#include "base/clock.h"
#include "ports/body_export.h"
#include "store/sql.h"

namespace mamori::store {

class SqlBodyExportRepository final : public ports::BodyExportRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlBodyExportRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<body_export::BodyData> read_body_data(const std::string& body_code) override;
  Result<ports::RestoredBody> restore_body_data(const body_export::BodyData& data) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
