// Shared set-up for benchmarks: a database with ~3,300 bodies (the 1,788 real
// ones plus synthetic 一部事務組合・広域連合 and 地方独立行政法人 with valid codes)
// and accepted FY2025 sample answers for all of them.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"

namespace mamori::bench {

// Fills `app` (empty database) and returns the target body codes.
std::vector<std::string> load_bench_bodies(App& app, const std::string& source_dir, int total_bodies);
// Creates and fills an accepted FY2025 campaign for `targets`; returns its id.
int64_t load_fy2025_history(App& app, const std::vector<std::string>& targets);

}  // namespace mamori::bench
