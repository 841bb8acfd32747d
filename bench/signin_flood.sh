#!/usr/bin/env bash
# The server under a sign-in flood and under idle connections, on loopback (issue 12):
#   (1) baseline: GET /api/health (wrk, 2 connections) and autosaves of a signed-in
#       respondent (bench_open_loop, 50 saves/s) for SECONDS, nothing else running;
#   (2) flood: the same two probes while 400 connections send sign-ins with wrong
#       passwords for new logins as fast as they are answered (wrk, closed loop);
#   (3) idle: the same two probes while 2,000 connections from 20 loopback addresses are
#       held open sending nothing (re-opened when the server closes them).
# Prints p50/p99 of each probe per phase, and what the flood got back (401, 429).
#
#   bash bench/signin_flood.sh [seconds=20]
# Environment: MAMORI (the server binary, default build/mamori).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-20}
PORT=18191
TMP=$(mktemp -d)
SERVER=""
HOLDER=""
cleanup() {
  [ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null || true
  [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT
# The key that seals second-factor secrets, shared by every server and command of the run.
export MAMORI_SECRET_KEY_FILE="$TMP/secret-key"
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$MAMORI_SECRET_KEY_FILE"
[ -x build/mamori ] && [ -x build/bench_open_loop ] || bash scripts/setup.sh
MAMORI=${MAMORI:-./build/mamori}
export MAMORI_STORE="sqlite:$TMP/bench.db"
# Real password hashing (no --fast-hash): each wrong sign-in that reaches the check costs
# what it costs in production.
"$MAMORI" demo --no-serve > "$TMP/demo.log"
# One respondent per phase (another body each), so each phase's saves start from the
# versions its load generator knows.
BODIES=(012025 022012 131016)
for i in 0 1 2; do
  echo "bench-password-$i" | "$MAMORI" user add --login "bench-r$i" --name "bench $i" --role body_respondent \
    --body "${BODIES[$i]}" --password-stdin > /dev/null
done
# Everything comes from 127.0.0.1 here, probes included: lift the per-address connection
# limit (256) so the flood's 400 connections are all served and the probes share its
# address; what is measured is the sign-in check queue, not the connection limit.
"$MAMORI" --node bench serve --port $PORT --max-connections-per-address 10000 > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/api/ready" > /dev/null && break; sleep 0.1; done

PYTHONPATH=bench python3 - "$PORT" "$TMP" <<'PY'
import sys
from bench_login import login
port, tmp = sys.argv[1], sys.argv[2]
for i in range(3):
    cookie, csrf, rid, qids = login(f"http://127.0.0.1:{port}", i)
    open(f"{tmp}/sessions-{i}.txt", "w").write(f"{cookie} {csrf} {rid} {','.join(qids)}\n")
PY

# The two probes, for SECONDS, the autosaves as respondent $1; prints one line.
probe() {
  wrk -t1 -c2 -d"${SECONDS_RUN}s" --latency "http://127.0.0.1:$PORT/api/health" > "$TMP/health.txt" &
  local w=$!
  ./build/bench_open_loop 127.0.0.1 $PORT 50 "$SECONDS_RUN" 4 "$TMP/sessions-$1.txt" > "$TMP/autosave.txt" 2>&1 || true
  wait $w
  printf "  health p50 %s p99 %s (%s req/s) | autosave: %s\n" \
    "$(awk '$1=="50%"{print $2}' "$TMP/health.txt")" "$(awk '$1=="99%"{print $2}' "$TMP/health.txt")" \
    "$(awk '/Requests\/sec/{print $2}' "$TMP/health.txt")" "$(tr '\n' ' ' < "$TMP/autosave.txt")"
}

echo "(1) baseline"
probe 0
echo "(2) sign-in flood: 400 connections of wrong passwords"
wrk -t2 -c400 -d"$((SECONDS_RUN + 2))s" -s bench/signin_flood.lua "http://127.0.0.1:$PORT" > "$TMP/flood.txt" &
FLOOD=$!
sleep 1
probe 1
wait $FLOOD
echo "  flood: $(awk '/Requests\/sec/{print $2}' "$TMP/flood.txt") sign-ins/s answered, non-2xx $(awk '/Non-2xx/{print $5}' "$TMP/flood.txt") (all: 401 or 429)"
echo "(3) 2,000 idle connections from 20 addresses"
python3 - "$PORT" "$((SECONDS_RUN + 3))" <<'PY' &
import socket, sys, time, selectors
port, run = int(sys.argv[1]), float(sys.argv[2])
sel = selectors.DefaultSelector()
def open_one(i):
    s = socket.socket()
    s.bind((f"127.0.0.{10 + i % 20}", 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, i)
for i in range(2000):
    open_one(i)
end = time.time() + run
while time.time() < end:
    for key, _ in sel.select(timeout=0.5):
        try:
            data = key.fileobj.recv(4096)
        except OSError:
            data = b""
        if not data:  # closed by the server's header limit: open another
            sel.unregister(key.fileobj)
            key.fileobj.close()
            open_one(key.data)
PY
HOLDER=$!
sleep 2
echo "  server descriptors open: $(ls /proc/$SERVER/fd | wc -l)"
probe 2
wait $HOLDER || true
HOLDER=""
