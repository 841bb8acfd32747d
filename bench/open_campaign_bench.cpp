// Opening a campaign for ~3,300 bodies × the FY2026 catalogue with carry-over
// from accepted FY2025 answers. Prints the time of each run and the median.
//
//   ./build/bench_open_campaign [bodies=3300] [runs=3] [catalogue=fy2026]
//
// With another catalogue (ppc-fy2026, nco-fy2026): MIC's FY2026 survey is opened first and
// every body's FY2026 measure answers are given from its MIC answers (the items MIC maps
// `equal`, as a person's save or confirmation would give them), then the partner survey's
// openings are timed: each fills its equal items and proposes the partial ones (SQLite only).
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
#include "store/sqlite/sqlite_db.h"

using namespace mamori;

int main(int argc, char** argv) {
  int total = argc > 1 ? std::atoi(argv[1]) : 3300;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const std::string catalog_id = argc > 3 ? argv[3] : "fy2026";
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
  const Catalog* cat = (*app)->catalogs().find(catalog_id);
  if (!cat) {
    std::cerr << "no catalogue " << catalog_id << "\n";
    return 1;
  }
  if (catalog_id != "fy2026") {
    if (store && *store) {
      std::cerr << "a partner survey's opening is measured on SQLite only\n";
      return 1;
    }
    // MIC's FY2026 survey, then the bodies' measure answers from it.
    NewCampaign mic{.title = "FY2026 MIC (bench)", .fiscal_year = 2026, .catalog_id = "fy2026",
                    .opens_at = "2026-10-01", .closes_at = "2027-01-29", .targets = targets};
    auto mic_id = (*app)->campaigns().create(mic);
    if (!mic_id.ok() || !(*app)->campaigns().open(*mic_id).ok()) return 1;
    auto db = store::sqlite::Db::Open(dir + "/bench.db");
    if (!db.ok()) return 1;
    Status made = db->Exec("CREATE TEMP TABLE bench_map (question_id TEXT PRIMARY KEY, measure_id TEXT NOT NULL)");
    for (const auto& m : (*app)->crosswalk().mapping_of("fy2026")->items) {
      if (m.relation != Relation::kEqual || m.transform.kind != Transform::Kind::kNone) continue;
      store::sqlite::Stmt ins(*db, "INSERT INTO bench_map VALUES (?1, ?2)");
      ins.bind(1, std::string_view(m.question_id)).bind(2, std::string_view(m.measure_id));
      if (made.ok()) made = ins.run();
    }
    if (made.ok())
      made = db->Exec("INSERT INTO measure_answers (body_code, measure_id, fiscal_year, value, revision, source_response_id, "
                      "source_question_id, given_at) SELECT r.body_code, m.measure_id, 2026, a.value, 1, r.id, a.question_id, "
                      "'2026-11-01T00:00:00.000Z' FROM answers a JOIN responses r ON r.id = a.response_id "
                      "JOIN bench_map m ON m.question_id = a.question_id WHERE r.campaign_id = " +
                      std::to_string(*mic_id) + " AND a.value IS NOT NULL");
    if (!made.ok()) {
      std::cerr << made.message_en() << "\n";
      return 1;
    }
    std::printf("measure answers given from MIC's FY2026 survey: %d rows\n", db->changes());
  }
  std::printf("bodies: %zu, %s questions: %zu, answer rows per opening: %zu\n", targets.size(), catalog_id.c_str(),
              cat->questions.size(), targets.size() * cat->questions.size());
  std::vector<double> secs;
  for (int r = 0; r < runs; ++r) {
    NewCampaign c{.title = "FY2026 (bench)",
                  .fiscal_year = 2026,
                  .catalog_id = catalog_id,
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
    std::printf("run %d: opened in %.3f s (%.0f answer rows/s)", r + 1, dt,
                static_cast<double>(targets.size() * cat->questions.size()) / dt);
    if (catalog_id != "fy2026") {
      int64_t filled = 0, waiting = 0;
      if (auto counts = (*app)->store().reuse().counts(*id); counts.ok())
        for (const auto& [response, n] : *counts) {
          filled += n.filled;
          waiting += n.waiting;
        }
      std::printf(", %lld items filled from MIC's answers, %lld proposed", static_cast<long long>(filled),
                  static_cast<long long>(waiting));
    }
    std::printf("\n");
  }
  std::sort(secs.begin(), secs.end());
  std::printf("median: %.3f s over %d runs\n", secs[secs.size() / 2], runs);
  app->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
