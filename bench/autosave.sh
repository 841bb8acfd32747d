#!/usr/bin/env bash
# Autosave under load: wrk on loopback, 256 connections of signed-in
# respondents (4 bodies), each save validated, versioned and written with a
# history row, acknowledged only after commit. Prints saves/s, latency
# percentiles, the bare single-row durable commit rate of this disk measured
# in the same run, their ratio, and the server's RSS with the demo data.
#
#   bash bench/autosave.sh [seconds=10] [connections=256]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
CONNS=${2:-256}
PORT=18181
TMP=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
[ -x build/mamori ] || bash scripts/setup.sh

./build/mamori --db "$TMP/bench.db" demo --no-serve --fast-hash > "$TMP/demo.log"
BODIES=(012025 022012 131016 271004)
for i in 0 1 2 3; do
  echo "bench-password-$i" | ./build/mamori --db "$TMP/bench.db" user add --login "bench-r$i" --name "bench $i" \
    --role body_respondent --body "${BODIES[$i]}" --password-stdin > /dev/null
done
./build/mamori --db "$TMP/bench.db" serve --port $PORT --workers "${WORKERS:-256}" > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null && break; sleep 0.1; done
RSS_KB=$(awk '/VmRSS/{print $2}' /proc/$SERVER/status)

python3 - "$PORT" "$TMP" <<'PY'
import json, sys, urllib.request, http.cookiejar
port, tmp = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
cat = None
lines = ["SESSIONS = {"]
for i in range(4):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(base + "/api/session", json.dumps({"login": f"bench-r{i}", "password": f"bench-password-{i}"}).encode(),
                                 {"Content-Type": "application/json"})
    csrf = json.load(op.open(req))["csrf_token"]
    cookie = next(c.value for c in jar if c.name == "mamori_session")
    rid = next(r["id"] for r in json.load(op.open(base + "/api/me/responses"))["responses"] if r["state"] == "draft")
    if cat is None:
        cat = json.load(op.open(base + "/api/catalogs/fy2026"))
    qids = [q["id"] for q in cat["questions"] if q["type"] == "yes_no"]
    lines.append('  {cookie="%s", csrf="%s", rid=%d, qids={%s}},' % (cookie, csrf, rid, ",".join('"%s"' % q for q in qids)))
lines.append("}")
open(f"{tmp}/sessions.lua", "w").write("\n".join(lines) + "\n")
PY

BARE=$(./build/bench_sqlite_commit 5 "$TMP" | sed -E 's/.*= ([0-9]+) commits\/s/\1/')
[ -n "${PERF:-}" ] && (perf record -g -o /tmp/perf-server.data -p $SERVER -- sleep 5 > /dev/null 2>&1 &)
wrk -t4 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -s bench/autosave.lua "http://127.0.0.1:$PORT" -- "$TMP/sessions.lua" | tee "$TMP/wrk.txt"
RATE=$(awk '/Requests\/sec/{print $2}' "$TMP/wrk.txt")
P99=$(awk '$1=="99%"{print $2}' "$TMP/wrk.txt")
NON2XX=$(awk '/Non-2xx/{print $5}' "$TMP/wrk.txt"); NON2XX=${NON2XX:-0}
HIST=$(sqlite3 "$TMP/bench.db" "select count(*) from answer_history")
echo
echo "autosave: ${RATE} saves/s, p99 ${P99}, non-2xx ${NON2XX}, history rows written ${HIST}"
echo "bare single-row durable SQLite commits (same run, same disk): ${BARE}/s"
python3 -c "print('ratio autosave / bare commits: %.2f' % (float('$RATE') / float('$BARE')))"
echo "server RSS after start with the demo data (1,788 bodies, 2 campaigns): $((RSS_KB / 1024)) MiB"
RSS2=$(awk '/VmRSS/{print $2}' /proc/$SERVER/status)
echo "server RSS after the load: $((RSS2 / 1024)) MiB"
