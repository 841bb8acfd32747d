#pragma once
// The full recompute of every aggregate, three ways in the same run, on the same data:
// the engine (AnalyticsService::rebuild), SQLite running the generated GROUP BY query
// (analytics/sql_aggregation.h) on the stored answers, and DuckDB running the same query
// text on those rows exported to Parquet (bench/duckdb/recompute.mjs). Each result is checked
// against the engine's figures before its time is printed.

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"

namespace mamori::bench {

// Prints the comparison table. `work_dir` holds the CSV/Parquet files; `source_dir` is the
// repository (for bench/duckdb). Returns false when a result disagrees with the engine.
bool compare_recompute(App& app, const std::string& db_path, const std::vector<int64_t>& campaigns,
                       const std::string& work_dir, const std::string& source_dir, int runs = 3);

}  // namespace mamori::bench
