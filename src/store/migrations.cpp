#include "store/migrations.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace mamori::store {

Result<std::vector<Migration>> migrations_from_files(const std::vector<std::string_view>& files,
                                                     std::string_view (*text_of)(std::string_view)) {
  std::vector<Migration> out;
  for (std::string_view f : files) {
    size_t bar = f.find('_');
    int version = 0;
    auto [end, ec] = std::from_chars(f.data(), f.data() + std::min(bar, f.size()), version);
    if (bar != 4 || ec != std::errc() || end != f.data() + 4 || version <= 0 || bar + 1 >= f.size())
      return Status::Internal("bad migration file name: " + std::string(f));
    out.push_back({version, std::string(f.substr(bar + 1)), text_of(f)});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].version != static_cast<int>(i) + 1)
      return Status::Internal("migrations must be numbered 1, 2, 3 … without gaps or repeats; found " +
                              std::to_string(out[i].version) + " at place " + std::to_string(i + 1));
  if (out.empty()) return Status::Internal("no migrations");
  return out;
}

Result<MigrationReport> migrate(const std::vector<Migration>& all, const MigrationTarget& target) {
  MAMORI_ASSIGN_OR_RETURN(int current, target.current_version());
  const int newest = all.empty() ? 0 : all.back().version;
  MigrationReport report{current, current};
  if (current > newest)
    return Status::FailedPrecondition("schema_newer", {{"found", std::to_string(current)}, {"known", std::to_string(newest)}});
  if (current < 0) {
    MAMORI_RETURN_IF_ERROR(target.baseline_legacy());
    current = 1;
  }
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    Status s = target.apply(m);
    if (!s.ok() && s.code() == StatusCode::kInternal)
      return Status::Internal("migration " + std::to_string(m.version) + " (" + m.name + "): " + s.internal_detail());
    if (!s.ok()) return s;
    current = m.version;
  }
  report.to = current;
  return report;
}

std::vector<Migration> embedded_migrations(const std::vector<std::string_view>& files,
                                           std::string_view (*text_of)(std::string_view)) {
  auto m = migrations_from_files(files, text_of);
  if (!m.ok()) {
    std::fprintf(stderr, "%s\n", m.status().internal_detail().c_str());
    std::abort();
  }
  return std::move(m).value();
}

}  // namespace mamori::store
