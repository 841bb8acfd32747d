#!/usr/bin/env bash
# Builds and runs bench_dashboard with the DuckDB side of the recompute comparison
# installed (bench/duckdb, pinned in its package-lock.json). See docs/PERFORMANCE.md.
#   bash bench/dashboard.sh [bodies=3300] [warm_calls=200]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target bench_dashboard
(cd bench/duckdb && npm ci --no-audit --no-fund --loglevel=error)
exec ./build/bench_dashboard "$@"
