#!/usr/bin/env bash
# README command 2: install, build and run every test: C++ (unit, API against a
# real server on loopback, access-policy matrix, crash consistency) with ctest, the unit
# tests again under ASan+UBSan, each libFuzzer target for 60 s, then the front end's
# Vitest components and the Playwright journey in Debian chromium with axe.
# .ci/run calls exactly this. The last line is the front end's `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser

# A throwaway PostgreSQL cluster on a free loopback port for the tests on PostgreSQL; stopped
# and removed when this script ends, whatever the outcome.
PGTMP=$(mktemp -d /tmp/mamori-pg-XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$PGTMP"' EXIT
port=${MAMORI_PG_PORT:-55432}
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
echo "==> PostgreSQL 15 for the tests (127.0.0.1:$port, $PGTMP)"
MAMORI_TEST_POSTGRES=$(bash scripts/pg-cluster.sh start "$PGTMP" "$port")
export MAMORI_TEST_POSTGRES

echo "==> C++ tests (ctest; the store's contract suite on SQLite, PostgreSQL and the in-memory fake)"
(cd build && ctest --output-on-failure -j2)

# The unit tests once more under ASan+UBSan, then each fuzz target for 60 s (issue 12 §7).
bash scripts/sanitize.sh
bash scripts/fuzz.sh "${MAMORI_FUZZ_SECONDS:-60}"

tally() { sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$1" | tail -1; }
status=0
echo "==> front-end component tests (Vitest)"
(cd web && node scripts/run-unit.mjs) 2>&1 | tee build-vitest.log || status=1
echo "==> browser journey (Playwright + axe, Debian chromium)"
(cd web && node e2e/run.mjs) 2>&1 | tee build-e2e.log || status=1
read -r up uf <<< "$(tally build-vitest.log)"
read -r ep ef <<< "$(tally build-e2e.log)"
echo "==> front end: Vitest ${up:-0} passed, ${uf:-1} failed; browser ${ep:-0} passed, ${ef:-1} failed"
echo "$(( ${up:-0} + ${ep:-0} )) passed, $(( ${uf:-1} + ${ef:-1} )) failed"
exit $status
