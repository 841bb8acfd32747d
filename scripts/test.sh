#!/usr/bin/env bash
# README command 2: install, build and run every test (unit, API against a
# real server on loopback, access-policy matrix). .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> C++ tests (ctest)"
cd build
ctest --output-on-failure -j2
