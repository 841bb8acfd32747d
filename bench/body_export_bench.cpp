// A body's whole data (docs/BODY_EXPORT.md) on the full demo (FY2021–FY2025 accepted, FY2026
// open; SQLite): the JSON document and the workbook of 札幌市 (011002) timed in-process
// through the service (no HTTP), then the restore of that document into an empty database.
//
//   ./build/bench_body_export [runs=9]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "app/demo.h"

using namespace mamori;
namespace fs = std::filesystem;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
void report(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::printf("%s: median %.1f ms (min %.1f, max %.1f) over %zu runs\n", what, v[v.size() / 2], v.front(), v.back(),
              v.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  const fs::path dir = fs::temp_directory_path() / "mamori-bench-body-export";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string catalog = std::string(MAMORI_SOURCE_DIR) + "/catalog";
  AppOptions o{.database = (dir / "demo.db").string(), .catalog_dir = catalog};
  auto app = App::Create(o);
  if (!app.ok()) {
    std::cerr << app.status().message_en() << "\n";
    return 1;
  }
  std::ostringstream log;
  auto demo = load_demo(**app, std::string(MAMORI_SOURCE_DIR) + "/../shared/data/localgov/000925835.xlsx", log, true);
  if (!demo.ok()) {
    std::cerr << demo.status().message_en() << "\n";
    return 1;
  }
  BodyExportService& exports = (*app)->body_exports();
  std::vector<double> json_ms, xlsx_ms;
  std::string doc;
  size_t xlsx_bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto d = exports.json_document("011002", "bench");
    json_ms.push_back(ms_since(t0));
    if (!d.ok()) return 1;
    doc = std::move(*d);
    const fs::path p = dir / ("x" + std::to_string(i) + ".xlsx");
    t0 = std::chrono::steady_clock::now();
    if (!exports.workbook("011002", "bench", p.string()).ok()) return 1;
    xlsx_ms.push_back(ms_since(t0));
    xlsx_bytes = fs::file_size(p);
  }
  std::vector<double> restore_ms;
  ports::RestoredBody restored;
  for (int i = 0; i < std::min(runs, 5); ++i) {
    AppOptions e{.database = (dir / ("empty" + std::to_string(i) + ".db")).string(), .catalog_dir = catalog};
    auto empty = App::Create(e);
    if (!empty.ok()) return 1;
    auto t0 = std::chrono::steady_clock::now();
    auto r = (*empty)->body_exports().restore(doc);
    restore_ms.push_back(ms_since(t0));
    if (!r.ok()) {
      std::cerr << r.status().error_code() << "\n";
      return 1;
    }
    restored = *r;
  }
  std::printf("札幌市 (011002): %d responses, %d answers, %d history rows, %d workflow events; JSON %zu bytes, "
              "workbook %zu bytes\n",
              restored.responses, restored.answers, restored.history_rows, restored.events, doc.size(), xlsx_bytes);
  report("JSON document", json_ms);
  report("workbook", xlsx_ms);
  report("restore into an empty SQLite database (one transaction)", restore_ms);
  fs::remove_all(dir);
  return 0;
}
