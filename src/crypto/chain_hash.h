// The hash of one link of a hash chain (the audit trail, domain/audit.h).
#pragma once

#include <string>
#include <vector>

namespace mamori::auth {

// SHA-256, as lower-case hex, over `prev_hash` and `fields`, each prefixed by its length so
// that no two different lists hash the same text ("ab","c" vs "a","bc").
std::string chain_hash(const std::string& prev_hash, const std::vector<std::string>& fields);

}  // namespace mamori::auth
