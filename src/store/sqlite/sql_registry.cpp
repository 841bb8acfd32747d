#include "store/sqlite/sql_registry.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

namespace mamori::sql {

std::string_view query(std::string_view file_name, std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::string_view, std::less<>> cache;
  std::string key = std::string(file_name) + "/" + std::string(name);
  std::lock_guard lock(mu);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::string_view text = file(file_name);
  std::string marker = "-- name: " + std::string(name) + "\n";
  size_t start = text.find(marker);
  if (start == std::string_view::npos) {
    std::fprintf(stderr, "missing SQL statement %s\n", key.c_str());
    std::abort();
  }
  start += marker.size();
  size_t end = text.find("-- name: ", start);
  std::string_view q = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  cache.emplace(key, q);
  return q;
}

}  // namespace mamori::sql
