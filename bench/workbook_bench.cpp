// The Excel round trip of the largest response (every category of the FY2026 survey, carried
// over from FY2025): the workbook's download, the preview of an upload with 20 answers
// changed, and its apply (preview again + one all-or-nothing write), each timed in-process
// through the workbook service (no HTTP); then the peak memory of previewing a 10 MB workbook.
//
//   ./build/bench_workbook [runs=9]
//
// Needs /usr/bin/python3 with openpyxl (python3-openpyxl) to edit the workbooks, as the tests do.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "bench_data.h"

using namespace mamori;
namespace fs = std::filesystem;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}
int python(const std::string& script, const std::string& args) {
  return std::system(("/usr/bin/python3 -c \"" + script + "\" " + args).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  const fs::path dir = fs::temp_directory_path() / "mamori-bench-workbook";
  fs::remove_all(dir);
  fs::create_directories(dir);
  AppOptions o{.database = (dir / "bench.db").string(), .catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog"};
  auto app = App::Create(o);
  if (!app.ok()) {
    std::cerr << app.status().message_en() << "\n";
    return 1;
  }
  App& a = **app;
  auto targets = bench::load_bench_bodies(a, MAMORI_SOURCE_DIR, 20);
  bench::load_fy2025_history(a, targets);
  NewCampaign c{.title = "FY2026 (bench)", .fiscal_year = 2026, .catalog_id = "fy2026",
                .opens_at = "2026-10-01", .closes_at = "2027-01-29", .targets = targets};
  auto cid = a.campaigns().create(c);
  if (!cid.ok() || !a.campaigns().open(*cid).ok()) return 1;
  User u{.login = "bench", .display_name = "bench", .body_code = targets[0], .roles = {Role::kBodyRespondent}};
  auto uid = a.store().users().create_user(u, "x");
  if (!uid.ok()) return 1;
  u.id = *uid;
  auto rid = a.store().responses().find_response(*cid, targets[0]);
  if (!rid.ok()) return 1;
  const Catalog* cat = a.catalogs().find("fy2026");
  std::printf("response of %s: %zu questions in %zu categories\n", targets[0].c_str(), cat->questions.size(),
              cat->categories.size());

  // The 20 number/percent questions to change, as a person's edits in openpyxl.
  std::string edits = "[";
  int n = 0;
  for (const auto& q : cat->questions)
    if ((q.type == QuestionType::kNumber || q.type == QuestionType::kPercent) && n < 20)
      edits += std::string(n++ ? "," : "") + "{\"question\":\"" + q.id + "\",\"column\":\"F\",\"value\":" +
               std::to_string(q.min ? static_cast<int>(*q.min) + 1 : 1) + "}";
  for (const auto& q : cat->questions)
    if (q.type == QuestionType::kText && n < 20) edits += ",{\"question\":\"" + q.id + "\",\"column\":\"F\",\"value\":\"bench\"}", ++n;
  edits += "]";
  std::ofstream(dir / "edits.json") << edits;
  const std::string tool = std::string(MAMORI_SOURCE_DIR) + "/tests/tools/edit_workbook.py";
  auto edited_download = [&](const std::string& name) -> std::string {
    auto ctx = a.responses().load(rid->id);
    const fs::path raw = dir / (name + ".xlsx"), out = dir / (name + "-edited.xlsx");
    fs::remove(raw);
    if (!ctx.ok() || !a.workbooks().download(u, *ctx, raw.string()).ok()) return {};
    if (std::system(("/usr/bin/python3 " + tool + " " + raw.string() + " " + out.string() + " " + (dir / "edits.json").string()).c_str()) != 0)
      return {};
    return slurp(out);
  };

  std::vector<double> down, preview, apply;
  size_t bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto ctx = a.responses().load(rid->id);
    const fs::path p = dir / ("d" + std::to_string(i) + ".xlsx");
    auto t0 = std::chrono::steady_clock::now();
    auto name = a.workbooks().download(u, *ctx, p.string());
    down.push_back(ms_since(t0));
    if (!name.ok()) return 1;
    bytes = fs::file_size(p);
  }
  const std::string file = edited_download("p");
  if (file.empty()) {
    std::cerr << "editing with openpyxl failed (python3-openpyxl installed?)\n";
    return 1;
  }
  size_t changes = 0;
  for (int i = 0; i < runs; ++i) {
    auto ctx = a.responses().load(rid->id);
    auto t0 = std::chrono::steady_clock::now();
    auto pv = a.workbooks().preview(u, *ctx, file, "bench.xlsx");
    preview.push_back(ms_since(t0));
    if (!pv.ok() || !pv->errors.empty()) {
      std::cerr << (pv.ok() ? pv->errors[0].message : pv.status().message_en()) << "\n";
      return 1;
    }
    changes = pv->changes.size();
  }
  for (int i = 0; i < std::min(runs, 5); ++i) {
    // Each apply on a fresh download (the one before moved the versions on).
    const std::string f = edited_download("a" + std::to_string(i));
    auto ctx = a.responses().load(rid->id);
    auto pv = a.workbooks().preview(u, *ctx, f, "bench.xlsx");
    if (!pv.ok()) return 1;
    auto t0 = std::chrono::steady_clock::now();
    auto done = a.workbooks().apply(u, *ctx, f, "bench.xlsx", false, pv->fingerprint, {}, nullptr);
    apply.push_back(ms_since(t0));
    if (!done.ok()) {
      std::cerr << done.status().message_en() << "\n";
      return 1;
    }
  }
  std::printf("download: %zu bytes, median %.1f ms (min %.1f, max %.1f) over %d runs\n", bytes, median(down),
              *std::min_element(down.begin(), down.end()), *std::max_element(down.begin(), down.end()), runs);
  std::printf("preview of an upload with %zu changes: median %.1f ms (min %.1f, max %.1f) over %d runs\n", changes,
              median(preview), *std::min_element(preview.begin(), preview.end()),
              *std::max_element(preview.begin(), preview.end()), runs);
  std::printf("apply (preview again + one write): median %.1f ms (min %.1f, max %.1f) over %zu runs\n", median(apply),
              *std::min_element(apply.begin(), apply.end()), *std::max_element(apply.begin(), apply.end()),
              apply.size());

  // A 10 MB upload: the workbook plus a sheet of 75,000 random 170-character texts (which
  // do not compress), previewed once; the growth of the process's peak resident memory.
  const fs::path big = dir / "big.xlsx";
  std::ofstream(dir / "p-edited-copy.xlsx", std::ios::binary) << file;
  if (python("import openpyxl,random,string,sys\n"
             "wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.create_sheet('資料')\n"
             "r=random.Random(1); a=string.ascii_letters+string.digits\n"
             "[ws.append([''.join(r.choice(a) for _ in range(170)) for _ in range(6)]) for _ in range(12500)]\n"
             "wb.save(sys.argv[2])",
             (dir / "p-edited-copy.xlsx").string() + " " + big.string()) != 0)
    return 1;
  const std::string big_bytes = slurp(big);
  const long before = peak_rss_kb();
  auto ctx = a.responses().load(rid->id);
  auto t0 = std::chrono::steady_clock::now();
  auto pv = a.workbooks().preview(u, *ctx, big_bytes, "big.xlsx");
  const double big_ms = ms_since(t0);
  const long after = peak_rss_kb();
  std::printf("10 MB upload: %.1f MB file, preview %s in %.0f ms; peak resident memory %ld MB before, %ld MB after "
              "(+%ld MB)\n",
              big_bytes.size() / 1e6, pv.ok() ? "ok" : pv.status().error_code().c_str(), big_ms, before / 1024,
              after / 1024, (after - before) / 1024);
  fs::remove_all(dir);
  return 0;
}
