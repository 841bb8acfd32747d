#pragma once
// The embedded store: the SQL repositories on SQLite (sqlite_database.*).

#include <memory>
#include <string>

#include "base/clock.h"
#include "store/sql_store.h"

namespace mamori::store::sqlite {

// Opens (creating) the SQLite file at `path`, bringing its schema up to date; `readers`
// connections serve reads beside the one writer. `clock` outlives the store.
Result<std::unique_ptr<SqlStore>> open_store(const std::string& path, int readers, const Clock& clock);

}  // namespace mamori::store::sqlite
