#!/usr/bin/env bash
# README command 1: install, build, load the demo data into a new mamori.db
# (real bodies, FY2025 sample answers, FY2026 opened with carry-over, one
# account per role) and serve it on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec ./build/mamori --db mamori.db demo --reset --port "${PORT:-8080}"
