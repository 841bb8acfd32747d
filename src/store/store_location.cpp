#include "store/store_location.h"

#include <filesystem>
#include <regex>

#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_schema.h"
#include "store/sqlite/sqlite_store.h"

namespace mamori::store {

namespace {
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
}  // namespace

Result<StoreLocation> parse_store_location(std::string_view text) {
  StoreLocation out;
  if (starts_with(text, "postgresql://") || starts_with(text, "postgres://")) {
    out.kind = StoreLocation::Kind::kPostgres;
    out.target = std::string(text);
  } else if (starts_with(text, "postgres:")) {
    out.kind = StoreLocation::Kind::kPostgres;
    out.target = std::string(text.substr(9));
  } else if (starts_with(text, "sqlite:")) {
    out.target = std::string(text.substr(7));
  } else {
    out.target = std::string(text);
  }
  if (out.target.empty()) return Status::InvalidArgument("store_location", {{"value", std::string(text)}});
  return out;
}

std::string StoreLocation::display() const {
  if (!is_postgres()) return "sqlite:" + target;
  // user:password@ in a URI, password=… in key/value form.
  std::string s = std::regex_replace(target, std::regex("(://[^:/@]*:)[^@]*@"), "$1***@");
  s = std::regex_replace(s, std::regex("(password\\s*=\\s*)('[^']*'|\\S+)"), "$1***");
  return "postgres:" + s;
}

Result<std::unique_ptr<SqlStore>> open_store(const StoreLocation& where, const StoreOptions& options,
                                             const Clock& clock) {
  if (!where.is_postgres()) return sqlite::open_store(where.target, options.sqlite_readers, clock);
  postgres::PgOptions pg;
  pg.target = {where.target, options.pg_search_path};
  pg.pool = options.pg_pool;
  pg.async_writers = std::max(1, options.pg_pool / 2);
  return postgres::open_store(pg, clock);
}

Result<int> stored_schema_version(const StoreLocation& where, const StoreOptions& options) {
  if (!where.is_postgres()) return sqlite::read_schema_version(where.target);
  auto c = postgres::PgConn::Connect({where.target, options.pg_search_path});
  if (!c.ok()) return c.status();
  return postgres::schema_version(**c);
}

Status erase_store(const StoreLocation& where, const StoreOptions& options) {
  if (!where.is_postgres()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(where.target + suffix);
    return Status::Ok();
  }
  auto c = postgres::PgConn::Connect({where.target, options.pg_search_path});
  if (!c.ok()) return c.status();
  return (*c)->exec(
      "DO $$ DECLARE t record; BEGIN "
      "FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP "
      "EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename); END LOOP; END $$");
}

}  // namespace mamori::store
