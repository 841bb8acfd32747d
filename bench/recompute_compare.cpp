#include "recompute_compare.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "store/sql_aggregation.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::bench {

namespace {

namespace json = boost::json;
using analytics::FiguresByGroup;

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timings {
  std::vector<double> runs;
  bool agrees = false;
  double best() const { return runs.empty() ? 0 : *std::min_element(runs.begin(), runs.end()); }
};

// CSV as DuckDB's read_csv reads it: text quoted ("" inside), NULL as an unquoted empty field.
std::string csv_text(const std::optional<std::string>& s) {
  if (!s) return "";
  std::string out = "\"";
  for (char c : *s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Copies one query's rows into `path` as CSV.
void export_csv(store::sqlite::Db& db, const std::string& sql, const std::string& header, const std::string& path,
                const std::vector<bool>& is_text) {
  std::ofstream out(path, std::ios::binary);
  out << header << "\n";
  store::sqlite::Stmt st(db, sql);
  while (st.step()) {
    for (size_t i = 0; i < is_text.size(); ++i) {
      if (i) out << ',';
      int col = static_cast<int>(i);
      if (!is_text[i]) out << st.int64(col);
      else out << csv_text(st.is_null(col) ? std::nullopt : std::optional<std::string>(st.text(col)));
    }
    out << "\n";
  }
}

bool agree(const char* who, int64_t campaign, const FiguresByGroup& engine, const FiguresByGroup& other) {
  auto diff = analytics::differences(engine, other);
  if (diff.empty()) return true;
  std::cerr << who << " disagrees with the engine on campaign " << campaign << ":\n";
  for (const auto& d : diff) std::cerr << "  " << d << "\n";
  return false;
}

void print_row(const char* name, const Timings& t) {
  std::printf("%-40s", name);
  for (double r : t.runs) std::printf(" %9.0f", r);
  std::printf(" %9.0f  %s\n", t.best(), t.agrees ? "yes" : "NO");
}

}  // namespace

bool compare_recompute(App& app, const std::string& db_path, const std::vector<int64_t>& campaigns,
                       const std::string& work_dir, const std::string& source_dir, int runs) {
  std::map<int64_t, const Catalog*> catalog_of;
  for (int64_t id : campaigns) {
    auto c = app.store().campaigns().get_campaign(id);
    if (!c.ok() || !app.catalogs().find(c->catalog_id)) return false;
    catalog_of[id] = app.catalogs().find(c->catalog_id);
  }

  // 1. The engine: what `mamori serve` does at start-up.
  Timings engine;
  for (int run = 0; run < runs; ++run) {
    double t0 = now_ms();
    auto counted = app.analytics().rebuild();
    engine.runs.push_back(now_ms() - t0);
    if (!counted.ok()) return false;
  }
  engine.agrees = true;
  std::map<int64_t, FiguresByGroup> expected;
  for (int64_t id : campaigns)
    expected[id] = analytics::engine_figures(app.analytics().aggregates(), id, *catalog_of[id]);

  // 2. SQLite: the generated GROUP BY, one query per campaign, on the stored answers.
  auto db = store::sqlite::Db::Open(db_path, true);
  if (!db.ok()) return false;
  Timings sqlite_t;
  sqlite_t.agrees = true;
  for (int run = 0; run < runs; ++run) {
    std::map<int64_t, FiguresByGroup> got;
    double t0 = now_ms();
    for (int64_t id : campaigns) {
      store::sqlite::Stmt st(*db, analytics::aggregation_sql(*catalog_of[id], id));
      while (st.step()) analytics::add_row(got[id], st.text(0), st.text(1), st.int64(2), st.int64(3));
      if (!st.status().ok()) {
        std::cerr << "SQLite: " << st.status().internal_detail() << "\n";
        return false;
      }
    }
    sqlite_t.runs.push_back(now_ms() - t0);
    if (run == 0)
      for (int64_t id : campaigns) sqlite_t.agrees = agree("SQLite", id, expected[id], got[id]) && sqlite_t.agrees;
  }

  // 3. DuckDB, through Node, on the same rows as Parquet.
  Timings duck;
  double export_ms = 0, parquet_ms = 0;
  std::string duck_version, duck_threads;
  const std::string script = source_dir + "/bench/duckdb/recompute.mjs";
  const bool have_duckdb = std::filesystem::exists(source_dir + "/bench/duckdb/node_modules/@duckdb/node-api");
  if (have_duckdb) {
    double t0 = now_ms();
    export_csv(*db, "SELECT id, campaign_id, body_code, state FROM responses", "id,campaign_id,body_code,state",
               work_dir + "/responses.csv", {false, false, true, true});
    export_csv(*db, "SELECT response_id, question_id, value FROM answers", "response_id,question_id,value",
               work_dir + "/answers.csv", {false, true, true});
    export_csv(*db, "SELECT code, type, core_city, network_model, population_band FROM bodies",
               "code,type,core_city,network_model,population_band", work_dir + "/bodies.csv",
               {true, true, false, true, true});
    export_ms = now_ms() - t0;
    json::array queries;
    for (int64_t id : campaigns)
      queries.push_back(json::object{{"campaign_id", id}, {"sql", analytics::aggregation_sql(*catalog_of[id], id)}});
    std::ofstream(work_dir + "/queries.json") << json::serialize(json::object{{"runs", runs}, {"queries", queries}});

    std::string cmd = "node '" + script + "' '" + work_dir + "'";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p)) out += buf;
    int rc = p ? pclose(p) : -1;
    if (rc != 0) {
      std::cerr << "DuckDB script failed (" << rc << "): " << out << "\n";
      return false;
    }
    json::object o = json::parse(out.substr(out.rfind('{'))).as_object();
    parquet_ms = o.at("parquetMs").to_number<double>();
    for (const auto& r : o.at("runsMs").as_array()) duck.runs.push_back(r.to_number<double>());
    duck_version = json::value_to<std::string>(o.at("duckdb"));
    duck_threads = json::serialize(o.at("threads"));
    std::map<int64_t, FiguresByGroup> got;
    std::ifstream in(work_dir + "/duckdb_results.csv");
    std::string line;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string campaign, group, question, implemented, applicable;
      std::getline(ss, campaign, ',');
      std::getline(ss, group, ',');
      std::getline(ss, question, ',');
      std::getline(ss, implemented, ',');
      std::getline(ss, applicable, ',');
      if (applicable.empty()) continue;
      analytics::add_row(got[std::stoll(campaign)], group, question, std::stoll(implemented), std::stoll(applicable));
    }
    duck.agrees = true;
    for (int64_t id : campaigns) duck.agrees = agree("DuckDB", id, expected[id], got[id]) && duck.agrees;
  }

  std::string title = "full recompute, " + std::to_string(campaigns.size()) + " campaigns (ms)";
  std::printf("\n%-40s", title.c_str());
  for (int run = 1; run <= runs; ++run) std::printf("     run %d", run);
  std::printf("      best  same figures\n");
  print_row("mamori engine (C++, 1 thread)", engine);
  print_row("SQLite GROUP BY (same file, 1 thread)", sqlite_t);
  if (have_duckdb) {
    std::string name = "DuckDB " + duck_version + " on Parquet (" + duck_threads + " threads)";
    print_row(name.c_str(), duck);
    std::printf("  (DuckDB's data, once: CSV export from SQLite %.0f ms, CSV → Parquet %.0f ms)\n", export_ms, parquet_ms);
  } else {
    std::printf("DuckDB: skipped — run `npm ci` in bench/duckdb (bench/dashboard.sh does it)\n");
  }
  return engine.agrees && sqlite_t.agrees && (!have_duckdb || duck.agrees);
}

}  // namespace mamori::bench
