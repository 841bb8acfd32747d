#!/usr/bin/env bash
# gzip levels on real API answers: starts a demo server on loopback, fetches a few typical
# answers as MIC (the FY2026 catalogue, one body's response, the list of bodies, the
# progress board, the national question table) and runs bench_compression on them.
#
#   bash bench/compression.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18183
TMP=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
[ -x build/mamori ] && [ -x build/bench_compression ] || bash scripts/setup.sh
./build/mamori --db "$TMP/c.db" demo --no-serve --fast-hash > "$TMP/demo.txt"
PW=$(awk '$1=="demo-admin"{print $3}' "$TMP/demo.txt")
./build/mamori --db "$TMP/c.db" serve --port $PORT > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null && break; sleep 0.1; done
B="http://127.0.0.1:$PORT"
curl -sf -c "$TMP/jar" -H 'Content-Type: application/json' -d "{\"login\":\"demo-admin\",\"password\":\"$PW\"}" "$B/api/session" > /dev/null
CID=$(curl -sf -b "$TMP/jar" "$B/api/campaigns" | python3 -c "import json,sys; print([c['id'] for c in json.load(sys.stdin)['campaigns'] if c['fiscal_year']==2026][0])")
RID=$(curl -sf -b "$TMP/jar" "$B/api/campaigns/$CID/responses" | python3 -c "import json,sys; print(json.load(sys.stdin)['responses'][0]['id'])")
curl -sf -b "$TMP/jar" "$B/api/catalogs/fy2026" > "$TMP/catalog-fy2026.json"
curl -sf -b "$TMP/jar" "$B/api/responses/$RID" > "$TMP/response-view.json"
curl -sf -b "$TMP/jar" "$B/api/bodies" > "$TMP/bodies-list.json"
curl -sf -b "$TMP/jar" "$B/api/campaigns/$CID/progress" > "$TMP/progress-board.json"
PREV=$(curl -sf -b "$TMP/jar" "$B/api/campaigns" | python3 -c "import json,sys; print([c['id'] for c in json.load(sys.stdin)['campaigns'] if c['fiscal_year']==2025][0])")
curl -sf -b "$TMP/jar" "$B/api/analytics/campaigns/$PREV/questions" > "$TMP/national-questions.json"
./build/bench_compression "$TMP"/*.json
