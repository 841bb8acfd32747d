#!/usr/bin/env bash
# Autosave under load: wrk on loopback, 256 connections of signed-in
# respondents (4 bodies), each save validated, versioned and written with a
# history row, acknowledged only after commit. Two phases against the same
# server: (1) paced — every connection waits between saves so the offered
# load is RATE saves/s, which shows the latency at that rate; (2) saturated —
# no pause, which shows the most the server sustains. Prints saves/s, latency
# percentiles, the bare single-row durable commit rate of this disk measured
# in the same run, the ratio, and the server's RSS with the demo data.
#
#   bash bench/autosave.sh [seconds=10] [connections=256] [rate=6000]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
CONNS=${2:-256}
RATE_TARGET=${3:-6000}
PORT=18181
TMP=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
[ -x build/mamori ] || bash scripts/setup.sh

./build/mamori --db "$TMP/bench.db" demo --no-serve --fast-hash > "$TMP/demo.log"
# Two sets of 4 respondents (one per body): one for each phase, so the second
# phase starts from answers whose versions its script knows (0).
BODIES=(012025 022012 131016 271004 012033 032018 141003 401005)
for i in 0 1 2 3 4 5 6 7; do
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
def login(i):
    global cat
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
    return '  {cookie="%s", csrf="%s", rid=%d, qids={%s}},' % (cookie, csrf, rid, ",".join('"%s"' % q for q in qids))
for phase, users in (("paced", range(0, 4)), ("saturated", range(4, 8))):
    lines = ["SESSIONS = {"] + [login(i) for i in users] + ["}"]
    open(f"{tmp}/sessions-{phase}.lua", "w").write("\n".join(lines) + "\n")
PY

BARE=$(./build/bench_sqlite_commit 5 "$TMP" | sed -E 's/.*= ([0-9]+) commits\/s/\1/')
[ -n "${PERF:-}" ] && (perf record -g -o /tmp/perf-server.data -p $SERVER -- sleep 5 > /dev/null 2>&1 &)
run_wrk() {  # $1 label, $2 pacing rate (0 = none)
  wrk -t4 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -s bench/autosave.lua "http://127.0.0.1:$PORT" -- \
    "$TMP/sessions-$1.lua" "$CONNS" "$2" > "$TMP/wrk-$1.txt"
  local rate p50 p99 non2xx
  rate=$(awk '/Requests\/sec/{print $2}' "$TMP/wrk-$1.txt")
  p50=$(awk '$1=="50%"{print $2}' "$TMP/wrk-$1.txt")
  p99=$(awk '$1=="99%"{print $2}' "$TMP/wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/{print $5}' "$TMP/wrk-$1.txt"); non2xx=${non2xx:-0}
  printf "%-10s %10s saves/s  p50 %-9s p99 %-9s non-2xx %s  ratio to bare commits %s\n" "$1" "$rate" "$p50" "$p99" "$non2xx" \
    "$(python3 -c "print('%.2f' % (float('$rate') / float('$BARE')))")"
}
echo "bare single-row durable SQLite commits (same run, same disk): ${BARE}/s"
run_wrk paced "$RATE_TARGET"
run_wrk saturated 0
echo "history rows written: $(sqlite3 "$TMP/bench.db" "select count(*) from answer_history")"
echo "server RSS after start with the demo data (1,788 bodies, 2 campaigns): $((RSS_KB / 1024)) MiB"
echo "server RSS after the load: $(( $(awk '/VmRSS/{print $2}' /proc/$SERVER/status) / 1024 )) MiB"
