// The national board of the policy obligation (docs/POLICIES.md) over 3,300 bodies: the demo
// (1,788 bodies and its 100 sample unions, FY2025 history only) plus 1,412 more sample unions
// with their organs and 方針, so that the board counts as many bodies as Japan's local public
// bodies with their unions. Timed in-process through the service (no HTTP) as MIC reads it,
// and as 北海道's supporter, warm (after one untimed read).
//
//   ./build/bench_policy_board [runs=50] [store=sqlite temp file | postgres:CONNINFO]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "app/app.h"
#include "app/demo.h"
#include "app/demo_policies.h"

using namespace mamori;
namespace fs = std::filesystem;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void report(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t p95 = std::min(v.size() - 1, (v.size() * 95 + 99) / 100 - 1);
  std::printf("%s: median %.1f ms, p95 %.1f ms (min %.1f, max %.1f) over %zu runs\n", what, v[v.size() / 2], v[p95],
              v.front(), v.back(), v.size());
}

// More sample unions, PP9NN: each municipality in turn founds one (of itself alone), while its
// prefecture has codes left.
std::vector<Body> more_unions(const std::vector<Body>& bodies, size_t n) {
  std::vector<Body> out;
  std::map<std::string, int> next;  // per prefecture
  for (const auto& m : bodies) {
    if (out.size() == n) break;
    if (m.type == BodyType::kPrefecture || m.type == BodyType::kUnion) continue;
    int& k = next[m.prefecture_code];
    if (k > 99) continue;
    char five[16];
    std::snprintf(five, sizeof five, "%s9%02d", m.prefecture_code.c_str(), k++ % 100);
    out.push_back(Body{.code = five + std::to_string(body_code_check_digit(five)),
                       .name_ja = m.name_ja + "一部事務組合（ベンチマーク）", .type = BodyType::kUnion,
                       .prefecture_code = m.prefecture_code, .members = {m.code}});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  const fs::path dir = fs::temp_directory_path() / "mamori-bench-policy-board";
  fs::remove_all(dir);
  fs::create_directories(dir);
  AppOptions o{.database = argc > 2 ? argv[2] : (dir / "demo.db").string(),
               .catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog"};
  auto app = App::Create(o);
  if (!app.ok()) {
    std::cerr << app.status().message_en() << "\n";
    return 1;
  }
  std::ostringstream log;
  auto demo = load_demo(**app, std::string(MAMORI_SOURCE_DIR) + "/../shared/data/localgov/000925835.xlsx", log, true, 2025);
  if (!demo.ok()) {
    std::cerr << demo.status().message_en() << "\n";
    return 1;
  }
  auto& store = (*app)->store();
  auto bodies = store.bodies().list_bodies(ports::BodyFilter{.limit = 100000});
  if (!bodies.ok()) return 1;
  auto extra = more_unions(*bodies, 3300 - bodies->size());
  if (!store.bodies().upsert_bodies(extra).ok() || !load_sample_policies(**app, extra).ok()) {
    std::cerr << "could not add the sample unions\n";
    return 1;
  }
  const User mic{.id = 1, .login = "bench", .roles = {Role::kNationalAdmin}};
  const User pref{.id = 2, .login = "bench-pref", .body_code = "010006", .roles = {Role::kPrefectureSupporter}};
  auto& service = (*app)->policies();
  for (const User* who : {&mic, &pref}) {
    auto first = service.board(*who);  // warms the caches
    if (!first.ok()) {
      std::cerr << first.status().message_en() << "\n";
      return 1;
    }
    int bodies_counted = 0, organs = 0;
    for (const auto& g : first->groups) bodies_counted += g.bodies, organs += g.organs.required;
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto b = service.board(*who);
      ms.push_back(ms_since(t0));
      if (!b.ok()) return 1;
    }
    std::printf("%s: %d bodies, %d counted organs, %zu months\n", who == &mic ? "MIC" : "北海道's supporter",
                bodies_counted, organs, first->trend.size());
    report(who == &mic ? "national board" : "prefecture board", ms);
  }
  // Where the time goes: the two reads the board makes.
  std::vector<double> list_ms, rows_ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (!store.bodies().list_bodies(ports::BodyFilter{.limit = 100000}).ok()) return 1;
    list_ms.push_back(ms_since(t0));
    t0 = std::chrono::steady_clock::now();
    if (!store.policies().board_rows().ok()) return 1;
    rows_ms.push_back(ms_since(t0));
  }
  report("  of which: the list of bodies", list_ms);
  report("  of which: the organ and policy rows", rows_ms);
  fs::remove_all(dir);
  return 0;
}
