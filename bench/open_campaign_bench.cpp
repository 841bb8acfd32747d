// Opening a campaign for ~3,300 bodies × the FY2026 catalogue with carry-over
// from accepted FY2025 answers. Prints the time of each run and the median.
//
//   ./build/bench_open_campaign [bodies=3300] [runs=3]
//   MAMORI_BENCH_STORE=postgres:CONNINFO ./build/bench_open_campaign …   (an empty PostgreSQL
//   database instead of a new SQLite file)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "bench_data.h"

using namespace mamori;

int main(int argc, char** argv) {
  int total = argc > 1 ? std::atoi(argv[1]) : 3300;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  std::string dir = std::filesystem::temp_directory_path() / "mamori-bench-open";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const char* store = std::getenv("MAMORI_BENCH_STORE");
  AppOptions o{.database = store && *store ? std::string(store) : dir + "/bench.db",
               .catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog"};
  auto app = App::Create(o);
  if (!app.ok()) {
    std::cerr << app.status().message_en() << "\n";
    return 1;
  }
  auto targets = bench::load_bench_bodies(**app, MAMORI_SOURCE_DIR, total);
  bench::load_fy2025_history(**app, targets);
  const Catalog* cat = (*app)->catalogs().find("fy2026");
  std::printf("bodies: %zu, FY2026 questions: %zu, answer rows per opening: %zu\n", targets.size(),
              cat->questions.size(), targets.size() * cat->questions.size());
  std::vector<double> secs;
  for (int r = 0; r < runs; ++r) {
    NewCampaign c{.title = "FY2026 (bench)",
                  .fiscal_year = 2026,
                  .catalog_id = "fy2026",
                  .opens_at = "2026-10-01",
                  .closes_at = "2027-01-29",
                  .targets = targets};
    auto id = (*app)->campaigns().create(c);
    if (!id.ok()) return 1;
    auto t0 = std::chrono::steady_clock::now();
    Status s = (*app)->campaigns().open(*id);
    double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s.ok()) {
      std::cerr << s.message_en() << "\n";
      return 1;
    }
    secs.push_back(dt);
    std::printf("run %d: opened in %.3f s (%.0f answer rows/s)\n", r + 1, dt,
                static_cast<double>(targets.size() * cat->questions.size()) / dt);
  }
  std::sort(secs.begin(), secs.end());
  std::printf("median: %.3f s over %d runs\n", secs[secs.size() / 2], runs);
  app->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
