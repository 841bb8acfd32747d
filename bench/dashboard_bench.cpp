// The figures at the size of the issue: 6 fiscal years (FY2021–FY2026, all accepted) of
// ~3,300 bodies. Prints the load, the full recompute of every aggregate (what `mamori
// serve` does at start-up), the process's peak memory, and the server time of each
// dashboard route: the first call (cold) and p50/p95/max of 200 warm calls. Server time is
// App::dispatch — routing, session, access policy, handler, JSON — without the network.
// The recompute is compared, in the same run, with SQLite and DuckDB (recompute_compare.h).
//
// With "batch", it then makes the feedback PDFs of every body of the last year as one ZIP
// (the batch of POST /api/campaigns/{id}/feedback-reports) and prints its time and memory.
//
//   bash bench/dashboard.sh [bodies=3300] [warm_calls=200] [batch]   (builds, installs DuckDB, runs)
#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "services/analytics/feedback_batch.h"
#include "app/app.h"
#include "app/demo.h"
#include "crypto/password.h"
#include "bench_data.h"
#include "recompute_compare.h"

using namespace mamori;

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// VmHWM (peak) or VmRSS (now) of this process, in KiB.
long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  return 0;
}
long peak_rss_kib() { return status_kib("VmHWM:"); }

[[noreturn]] void die(const Status& s) {
  std::cerr << s.message_en() << " " << s.internal_detail() << "\n";
  std::exit(1);
}

// Signs `login` in through the pipeline and returns its session cookie.
std::string sign_in(App& app, const std::string& login) {
  http::Request r{.method = "POST", .path = "/api/session", .headers = {{"content-type", "application/json"}},
                  .body = R"({"login":")" + login + R"(","password":"bench-password"})"};
  http::Response res = app.dispatch(r);
  for (const auto& [k, v] : res.headers)
    if (k == "Set-Cookie") return v.substr(0, v.find(';'));
  std::cerr << "sign-in failed: " << res.body << "\n";
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  int total = argc > 1 ? std::atoi(argv[1]) : 3300;
  int warm = argc > 2 ? std::atoi(argv[2]) : 200;
  std::string dir = std::filesystem::temp_directory_path() / "mamori-bench-dashboard";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  AppOptions o{.database = dir + "/bench.db", .catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog"};
  auto app = App::Create(o);
  if (!app.ok()) die(app.status());
  App& a = **app;

  double t0 = now_ms();
  auto targets = bench::load_bench_bodies(a, MAMORI_SOURCE_DIR, total);
  auto hash = auth::hash_password("bench-password", auth::HashCost::kMinimum);
  if (!hash.ok()) die(hash.status());
  auto admin = a.store().users().create_user(User{.login = "dash-admin", .display_name = "admin", .roles = {Role::kNationalAdmin}}, *hash);
  auto body = a.store().users().create_user(
      User{.login = "dash-body", .display_name = "body", .body_code = "011002", .roles = {Role::kBodyRespondent}}, *hash);
  auto pref = a.store().users().create_user(
      User{.login = "dash-pref", .display_name = "pref", .body_code = "010006", .roles = {Role::kPrefectureSupporter}}, *hash);
  if (!admin.ok() || !body.ok() || !pref.ok()) die(Status::Internal("users"));
  std::vector<int64_t> campaigns;
  int64_t answers = 0;
  for (int year = 2021; year <= 2026; ++year) {
    auto id = load_sample_campaign(a, "fy" + std::to_string(year), "FY" + std::to_string(year) + " (bench)", targets, *admin);
    if (!id.ok()) die(id.status());
    campaigns.push_back(*id);
    answers += static_cast<int64_t>(targets.size() * a.catalogs().find("fy" + std::to_string(year))->questions.size());
  }
  std::printf("data: %zu bodies × 6 fiscal years, %lld answers, loaded in %.1f s\n", targets.size(),
              static_cast<long long>(answers), (now_ms() - t0) / 1000.0);

  if (!bench::compare_recompute(a, o.database, campaigns, dir, MAMORI_SOURCE_DIR)) {
    std::cerr << "the recompute comparison failed\n";
    return 1;
  }
  std::printf("peak RSS so far: %.0f MiB\n", peak_rss_kib() / 1024.0);

  auto c = [&](int64_t id) { return std::to_string(id); };
  const int64_t fy25 = campaigns[4], fy26 = campaigns[5];
  auto r25 = a.store().responses().find_response(fy25, "011002");
  if (!r25.ok()) die(r25.status());
  const std::string cookie_admin = sign_in(a, "dash-admin"), cookie_body = sign_in(a, "dash-body"),
                    cookie_pref = sign_in(a, "dash-pref");
  struct Route {
    const char* name;
    std::string path;
    std::string query;
    const std::string* cookie;
  };
  const std::vector<Route> routes = {
      {"body: benchmark", "/api/responses/" + c(r25->id) + "/benchmark", "", &cookie_body},
      {"body: trend (6 years)", "/api/responses/" + c(r25->id) + "/trend", "", &cookie_body},
      {"prefecture: bodies side by side", "/api/analytics/campaigns/" + c(fy26) + "/bodies", "", &cookie_pref},
      {"national: groups", "/api/analytics/campaigns/" + c(fy26) + "/groups", "", &cookie_admin},
      {"national: questions of a group", "/api/analytics/campaigns/" + c(fy26) + "/questions", "group=type%3Acity", &cookie_admin},
      {"national: weak spots over years", "/api/analytics/reference-trend", "", &cookie_admin},
      {"national: progress board", "/api/campaigns/" + c(fy26) + "/progress", "", &cookie_admin},
  };
  std::printf("\n%-34s %9s %9s %9s %9s\n", "route (server time, ms)", "cold", "p50", "p95", "max");
  for (const auto& r : routes) {
    std::vector<double> times;
    double cold = 0;
    for (int i = 0; i <= warm; ++i) {
      http::Request q{.method = "GET", .path = r.path, .query_string = r.query, .headers = {{"cookie", *r.cookie}}};
      double q0 = now_ms();
      http::Response res = a.dispatch(q);
      double dt = now_ms() - q0;
      if (res.status != 200) {
        std::cerr << r.name << ": " << res.status << " " << res.body.substr(0, 200) << "\n";
        return 1;
      }
      if (i == 0) cold = dt;
      else times.push_back(dt);
    }
    std::sort(times.begin(), times.end());
    std::printf("%-34s %9.2f %9.2f %9.2f %9.2f\n", r.name, cold, times[times.size() / 2],
                times[static_cast<size_t>(static_cast<double>(times.size()) * 0.95)], times.back());
  }
  std::printf("\npeak RSS: %.0f MiB\n", peak_rss_kib() / 1024.0);

  if (argc > 3 && std::string(argv[3]) == "batch") {
    auto list = a.store().responses().list_responses(fy26, {});
    if (!list.ok()) die(list.status());
    std::vector<analytics::FeedbackBatchItem> items;
    for (const auto& r : *list) items.push_back({r.response.id, r.response.body_code, r.body_name});
    std::ofstream("/proc/self/clear_refs") << "5";  // resets the peak (VmHWM) to the current RSS
    long rss_before = peak_rss_kib();
    std::string zip = dir + "/feedback-batch.zip";
    double b0 = now_ms();
    Status st = analytics::write_feedback_batch(
        a.analytics(), a.store(), a.documents(), items, analytics::Viewer{.sees_everything = true}, a.clock(), zip,
        [&](int64_t done, int64_t total) {
          if (done % 500 == 0 || done == total)
            std::printf("  batch: %lld / %lld after %.0f s, RSS %.0f MiB\n", static_cast<long long>(done),
                        static_cast<long long>(total), (now_ms() - b0) / 1000.0, status_kib("VmRSS:") / 1024.0);
          std::fflush(stdout);
        },
        [] { return false; });
    if (!st.ok()) die(st);
    double ms = now_ms() - b0;
    std::printf("feedback batch: %zu PDFs in %.1f s (%.0f ms each), ZIP %.0f MiB; RSS before %.0f MiB, peak during %.0f MiB\n",
                items.size(), ms / 1000.0, ms / static_cast<double>(items.size()),
                static_cast<double>(std::filesystem::file_size(zip)) / 1048576.0, rss_before / 1024.0,
                peak_rss_kib() / 1024.0);
  }
  app->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
