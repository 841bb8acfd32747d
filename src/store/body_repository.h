#pragma once
// ports::BodyRepository over store/sql.h (sql/bodies.sql).

#include "base/clock.h"
#include "ports/bodies.h"
#include "store/sql.h"

namespace mamori::store {

class SqlBodyRepository final : public ports::BodyRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlBodyRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status upsert_bodies(const std::vector<Body>& bodies) override;
  Result<Body> get_body(const std::string& code) override;
  Result<std::vector<Body>> list_bodies(const ports::BodyFilter& f) override;
  Result<int64_t> count_bodies() override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
