#include "store/body_repository.h"

#include "store/event_repository.h"
#include "store/rows.h"

namespace mamori::store {

Status SqlBodyRepository::upsert_bodies(const std::vector<Body>& bodies) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    for (const auto& b : bodies) {
      MAMORI_RETURN_IF_ERROR(c.statement("bodies", "upsert")
                                 .bind(1, b.code)
                                 .bind(2, b.name_ja)
                                 .bind(3, b.name_kana)
                                 .bind(4, to_string(b.type))
                                 .bind(5, b.prefecture_code)
                                 .bind(6, b.core_city)
                                 .bind(7, b.network_model)
                                 .bind(8, b.population_band)
                                 .run()
                                 .status());
      if (b.type == BodyType::kUnion || !b.members.empty()) {
        MAMORI_RETURN_IF_ERROR(c.statement("bodies", "delete_members").bind(1, b.code).run().status());
        for (const auto& m : b.members) {
          auto added = c.statement("bodies", "insert_member").bind(1, b.code).bind(2, m).run();
          if (!added.ok() && added.status().error_code() == "constraint_foreign_key")
            return Status::InvalidArgument("unknown_body", {{"code", m}});
          MAMORI_RETURN_IF_ERROR(added.status());
        }
      }
      MAMORI_RETURN_IF_ERROR(record_event(c, "body_changed", 0, 0, b.code, now));
    }
    return Status::Ok();
  });
}

Result<Body> SqlBodyRepository::get_body(const std::string& code) {
  return read_value<Body>(db_, [&](Connection& c) -> Result<Body> {
    Statement& st = c.statement("bodies", "get").bind(1, code);
    if (!st.next()) return no_row(st, "body_not_found");
    MAMORI_ASSIGN_OR_RETURN(Body b, read_body(st));
    Statement& m = c.statement("bodies", "members").bind(1, code);
    while (m.next()) b.members.push_back(m.text(0));
    MAMORI_RETURN_IF_ERROR(m.status());
    return b;
  });
}

Result<std::vector<Body>> SqlBodyRepository::list_bodies(const ports::BodyFilter& f) {
  return read_value<std::vector<Body>>(db_, [&](Connection& c) {
    Statement& st = c.statement("bodies", "list")
                        .bind(1, f.prefecture_code)
                        .bind(2, f.type)
                        .bind(3, f.search)
                        .bind(4, f.limit)
                        .bind(5, f.offset);
    return collect<Body>(st, [](const Statement& s) { return read_body(s); });
  });
}

Result<int64_t> SqlBodyRepository::count_bodies() {
  return read_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& st = c.statement("bodies", "count");
    if (!st.next()) return no_row(st, "not_found");
    return st.int64(0);
  });
}

}  // namespace mamori::store
