#include "store/sql_store.h"

#include "base/log.h"

#include <cstdio>
#include <string>

namespace mamori::store {

Status SqlStore::ready() {
  int64_t found = -1;
  Status read = db_->read([&](Connection& c) -> Status {
    Statement& st = c.statement("schema", "version");
    if (!st.next()) return st.status().ok() ? Status::Internal("schema/version returned no row") : st.status();
    found = st.int64(0);
    return Status::Ok();
  });
  if (!read.ok()) {
    // For the operator: why (the client only learns that the database did not answer).
    log_json("error", "not_ready",
             {{"code", read.error_code()}, {"detail", read.internal_detail()}});
    return Status::Unavailable("database_unavailable");
  }
  if (found != schema_version_)
    return Status::Unavailable("schema_not_current",
                               {{"found", std::to_string(found)}, {"expected", std::to_string(schema_version_)}});
  return Status::Ok();
}

}  // namespace mamori::store
