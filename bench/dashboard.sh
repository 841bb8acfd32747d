#!/usr/bin/env bash
# Builds and runs bench_dashboard with the DuckDB side of the recompute comparison
# installed (bench/duckdb, pinned in its package-lock.json). See docs/PERFORMANCE.md.
#   bash bench/dashboard.sh [bodies=3300] [warm_calls=200]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target bench_dashboard
# `npm install`, not `npm ci`: the registry here lacks the other platforms' optional DuckDB
# bindings, so the lock file cannot list them and `npm ci` refuses it (as with Tailwind).
(cd bench/duckdb && npm install --no-audit --no-fund --loglevel=error)
exec ./build/bench_dashboard "$@"
