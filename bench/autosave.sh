#!/usr/bin/env bash
# Autosave under load, on loopback: 256 connections of signed-in respondents (4 bodies per
# phase), each save validated, versioned and written with a history row, acknowledged only
# after its commit is durable. Two phases against the same server:
#   (1) open loop — bench_open_loop sends RATE saves/s on a fixed schedule (as wrk2 does),
#       whatever the server does, and counts each latency from the request's scheduled time,
#       so queueing is in the figure; it prints the rate offered beside the rate achieved.
#   (2) saturated — wrk with no pause (a closed loop): the most the server sustains.
# Also prints the bare single-row durable commit rate of this disk measured in the same
# run, and the server's RSS.
#
#   bash bench/autosave.sh [seconds=10] [connections=256] [rate=5000]
# Environment: MEASURES=none serves without the mappings between surveys (no fan-out).
# STORE=postgres runs the server on PostgreSQL 15 (a throwaway cluster with its
# durable defaults, scripts/pg-cluster.sh with PG_DURABLE=1); NODES=2 (PostgreSQL only) runs two
# servers behind nginx and sends the load to nginx. MAMORI (the server binary, default
# build/mamori: to compare builds in one sitting), WORKERS (handler threads, default the server's), PERF=stat for `perf stat` only, PERF=1 to record a
# `perf record -g` profile of the server during phase 1 (/tmp/perf-server.data) and its
# context switches with `perf stat` (PERF_EVENTS adds events to it, e.g.
# PERF_EVENTS=syscalls:sys_enter_munmap,page-faults).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
CONNS=${2:-256}
RATE_TARGET=${3:-5000}
PORT=18181
STORE_KIND=${STORE:-sqlite}
NODE_COUNT=${NODES:-1}
TMP=$(mktemp -d)
SERVERS=()
cleanup() {
  for s in "${SERVERS[@]}"; do kill "$s" 2>/dev/null || true; wait "$s" 2>/dev/null || true; done
  [ -f "$TMP/nginx/nginx.pid" ] && kill "$(cat "$TMP/nginx/nginx.pid")" 2>/dev/null || true
  [ "$STORE_KIND" = postgres ] && bash scripts/pg-cluster.sh stop "$PGTMP"
  rm -rf "$TMP"
}
trap cleanup EXIT
# The key that seals second-factor secrets, shared by every server and command of the run.
export MAMORI_SECRET_KEY_FILE="$TMP/secret-key"
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$MAMORI_SECRET_KEY_FILE"
[ -x build/mamori ] && [ -x build/bench_open_loop ] || bash scripts/setup.sh
MAMORI=${MAMORI:-./build/mamori}
if [ "$STORE_KIND" = postgres ]; then
  PGTMP=$(mktemp -d /tmp/mamori-bench-pg-XXXXXX)  # its own folder: the cluster runs as postgres
  CONNINFO=$(PG_DURABLE=1 bash scripts/pg-cluster.sh start "$PGTMP" 55499)
  export MAMORI_STORE="postgres:$CONNINFO"
  sql() { /usr/lib/postgresql/15/bin/psql -qAt "$CONNINFO" -c "$1"; }
else
  [ "$NODE_COUNT" = 1 ] || { echo "NODES=2 needs STORE=postgres" >&2; exit 2; }
  export MAMORI_STORE="sqlite:$TMP/bench.db"
  sql() { sqlite3 "$TMP/bench.db" "$1"; }
fi

"$MAMORI" demo --no-serve --fast-hash > "$TMP/demo.log"
# Two sets of 4 respondents (one per body): one for each phase, so the second phase starts
# from answers whose versions its script knows (0).
BODIES=(012025 022012 131016 271004 012033 032018 141003 401005)
for i in 0 1 2 3 4 5 6 7; do
  echo "bench-password-$i" | "$MAMORI" user add --login "bench-r$i" --name "bench $i" \
    --role body_respondent --body "${BODIES[$i]}" --password-stdin > /dev/null
done
WORKER_ARGS=()
[ -n "${WORKERS:-}" ] && WORKER_ARGS=(--workers "$WORKERS")
# MEASURES=none serves without the mappings between surveys (the measure bank alone, no
# `.map` file): no save fans out to the other ministries' surveys — the baseline of
# docs/PERFORMANCE.md's "with mappings" comparison. MEASURES=<folder> serves another one.
MEASURE_ARGS=()
if [ "${MEASURES:-}" = none ]; then
  mkdir -p "$TMP/no-measures" && cp measures/bank.txt "$TMP/no-measures/"
  MEASURE_ARGS=(--measures "$TMP/no-measures")
elif [ -n "${MEASURES:-}" ]; then MEASURE_ARGS=(--measures "$MEASURES"); fi
for n in $(seq "$NODE_COUNT"); do
  "$MAMORI" "${MEASURE_ARGS[@]}" --node "bench-$n" serve --port $((PORT + n - 1)) "${WORKER_ARGS[@]}" > "$TMP/server-$n.log" 2>&1 &
  SERVERS+=($!)
done
for n in $(seq "$NODE_COUNT"); do
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$((PORT + n - 1))/api/ready" > /dev/null && break; sleep 0.1; done
done
rss() { for s in "${SERVERS[@]}"; do echo -n "$(( $(awk '/VmRSS/{print $2}' /proc/$s/status) / 1024 )) MiB "; done; }
RSS_START=$(rss)
if [ "$NODE_COUNT" -gt 1 ]; then
  # nginx in front of the nodes (as docs/OPERATIONS.md), the load goes to it.
  mkdir -p "$TMP/nginx"
  UPSTREAMS=""
  for n in $(seq "$NODE_COUNT"); do UPSTREAMS+="server 127.0.0.1:$((PORT + n - 1));"; done
  FRONT=$((PORT + 50))
  cat > "$TMP/nginx/nginx.conf" <<NGINX
worker_processes 1; pid $TMP/nginx/nginx.pid; error_log $TMP/nginx/error.log;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $TMP/nginx/body; proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/f; uwsgi_temp_path $TMP/nginx/u; scgi_temp_path $TMP/nginx/s;
  upstream mamori { $UPSTREAMS keepalive 256; }
  server { listen 127.0.0.1:$FRONT;
    location / { proxy_pass http://mamori; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_set_header X-Request-Id \$request_id; } } }
NGINX
  /usr/sbin/nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf"
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$FRONT/api/health" > /dev/null && break; sleep 0.1; done
  PORT=$FRONT
fi
echo "store: $STORE_KIND, nodes: $NODE_COUNT$([ "$NODE_COUNT" -gt 1 ] && echo ' behind nginx'), mappings between surveys: $([ "${MEASURES:-}" = none ] && echo off || echo on)"

PYTHONPATH=bench python3 - "$PORT" "$TMP" <<'PY'
import sys
from bench_login import login
port, tmp = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
for phase, users in (("open", range(0, 4)), ("saturated", range(4, 8))):
    rows = [login(base, i) for i in users]
    with open(f"{tmp}/sessions-{phase}.txt", "w") as f:
        for cookie, csrf, rid, qids in rows:
            f.write(f"{cookie} {csrf} {rid} {','.join(qids)}\n")
    lines = ["SESSIONS = {"] + ['  {cookie="%s", csrf="%s", rid=%d, qids={%s}},' % (c, s, r, ",".join('"%s"' % q for q in qs))
                                 for c, s, r, qs in rows] + ["}"]
    open(f"{tmp}/sessions-{phase}.lua", "w").write("\n".join(lines) + "\n")
PY

BARE=$(./build/bench_sqlite_commit 5 "$TMP" | sed -E 's/.*= ([0-9]+) commits\/s/\1/')
echo "bare single-row durable SQLite commits (same run, same disk): ${BARE}/s"
SERVER=${SERVERS[0]}
if [ -n "${PERF:-}" ]; then
  [ "$PERF" = stat ] || (perf record -g -o /tmp/perf-server.data -p $SERVER -- sleep "$SECONDS_RUN" > /dev/null 2>&1 &)
  (perf stat -e context-switches,cpu-migrations,task-clock${PERF_EVENTS:+,$PERF_EVENTS} -p $SERVER -- sleep "$SECONDS_RUN" 2> "$TMP/perf-stat.txt" &)
fi
H0=$(sql "select count(*) from answer_history")
echo -n "open loop  "
./build/bench_open_loop 127.0.0.1 $PORT "$RATE_TARGET" "$SECONDS_RUN" "$CONNS" "$TMP/sessions-open.txt"
[ -n "${PERF:-}" ] && sleep 1 && grep -E "context-switches|task-clock${PERF_EVENTS:+|${PERF_EVENTS//,/|}}" "$TMP/perf-stat.txt" | sed 's/^/  perf stat: /'
wrk -t4 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -s bench/autosave.lua "http://127.0.0.1:$PORT" -- \
  "$TMP/sessions-saturated.lua" > "$TMP/wrk-saturated.txt"
rate=$(awk '/Requests\/sec/{print $2}' "$TMP/wrk-saturated.txt")
p50=$(awk '$1=="50%"{print $2}' "$TMP/wrk-saturated.txt")
p99=$(awk '$1=="99%"{print $2}' "$TMP/wrk-saturated.txt")
non2xx=$(awk '/Non-2xx/{print $5}' "$TMP/wrk-saturated.txt"); non2xx=${non2xx:-0}
printf "saturated  %s saves/s  p50 %s  p99 %s  non-2xx %s  ratio to bare commits %s\n" "$rate" "$p50" "$p99" "$non2xx" \
  "$(python3 -c "print('%.2f' % (float('$rate') / float('$BARE')))")"
echo "history rows written: $(( $(sql "select count(*) from answer_history") - H0 )) (a fan-out writes one per item it fills)"
echo "measure answers held: $(sql "select count(*) from measure_answers"), items marked from another survey: $(sql "select count(*) from answer_reuse")"
echo "server RSS after start with the demo data (1,788 bodies, 6 campaigns), per node: $RSS_START"
echo "server RSS after the load, per node: $(rss)"
