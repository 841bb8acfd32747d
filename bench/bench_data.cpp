#include "bench_data.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "app/demo.h"
#include "io/body_list.h"

namespace mamori::bench {

namespace {
[[noreturn]] void die(const Status& s) {
  std::cerr << "bench set-up failed: " << s.message_en() << "\n";
  std::exit(1);
}
}  // namespace

std::vector<std::string> load_bench_bodies(App& app, const std::string& source_dir, int total_bodies) {
  auto real = io::load_official_body_list(source_dir + "/../shared/data/localgov/000925835.xlsx");
  if (!real.ok()) die(real.status());
  std::vector<Body> bodies = *real;
  std::set<std::string> used;
  for (const auto& b : bodies) used.insert(b.code);
  // Synthetic special-purpose bodies: codes PP8NNC / PP9NNC with a real check digit.
  for (int n = 0; static_cast<int>(bodies.size()) < total_bodies; ++n) {
    int pref = 1 + n % 47;
    int serial = n / 47;
    char first5[6];
    std::snprintf(first5, sizeof first5, "%02d%d%02d", pref, 8 + serial / 100 % 2, serial % 100);
    std::string code = std::string(first5) + std::to_string(body_code_check_digit(first5));
    if (!used.insert(code).second) continue;
    Body b;
    b.code = code;
    b.prefecture_code = code.substr(0, 2);
    b.type = n % 10 == 0 ? BodyType::kIndependentAgency : BodyType::kUnion;
    b.name_ja =
        "（ベンチマーク用）" + std::string(n % 10 == 0 ? "地方独立行政法人" : "一部事務組合") + std::to_string(n);
    b.network_model = n % 4 == 0 ? "beta_prime" : "alpha";
    b.population_band = "lt10k";
    bodies.push_back(std::move(b));
  }
  if (Status s = app.store().bodies().upsert_bodies(bodies); !s.ok()) die(s);
  std::vector<std::string> codes;
  for (const auto& b : bodies) codes.push_back(b.code);
  return codes;
}

int64_t load_fy2025_history(App& app, const std::vector<std::string>& targets) {
  auto admin = app.store().users().create_user(
      User{.login = "bench-admin", .display_name = "bench", .roles = {Role::kNationalAdmin}}, "x");
  if (!admin.ok()) die(admin.status());
  auto id = load_sample_campaign(app, "fy2025", "FY2025 (bench)", targets, *admin);
  if (!id.ok()) die(id.status());
  return *id;
}

}  // namespace mamori::bench
