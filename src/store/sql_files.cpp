#include "store/sql_files.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace mamori::store {

std::string_view named_statement(const void* backend, std::string_view (*file_of)(std::string_view),
                                 std::string_view area, std::string_view name) {
  static std::mutex mu;
  static std::map<std::tuple<const void*, std::string, std::string>, std::string_view> cache;
  auto key = std::make_tuple(backend, std::string(area), std::string(name));
  std::lock_guard lock(mu);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::string_view text = file_of(area);
  std::string marker = "-- name: " + std::string(name) + "\n";
  size_t start = text.find(marker);
  if (start == std::string_view::npos) {
    std::fprintf(stderr, "missing SQL statement %.*s/%.*s\n", static_cast<int>(area.size()), area.data(),
                 static_cast<int>(name.size()), name.data());
    std::abort();
  }
  start += marker.size();
  size_t end = text.find("-- name: ", start);
  std::string_view q = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  cache.emplace(std::move(key), q);
  return q;
}

bool has_named_statement(std::string_view (*file_of)(std::string_view), std::string_view area,
                         std::string_view name) {
  return file_of(area).find("-- name: " + std::string(name) + "\n") != std::string_view::npos;
}

}  // namespace mamori::store
