#!/usr/bin/env bash
# Sign-in time with Argon2id (libsodium's interactive limits, as in production) and a TOTP
# second factor, at 20 concurrent sign-ins, on loopback: USERS approvers (default 100), each
# set up as a person would (the initial password changed, a second factor enrolled with a
# first code), then each signs in once — password, then code — from 20 threads at once.
# Prints p50/p99 of the password step, the code step and the whole sign-in. A code is
# accepted once, so each user signs in once per run; the run waits for a new 30-second step
# after the set-up so that no code of the enrolment is reused. Each user comes from an address
# of its own (X-Forwarded-For through --trusted-proxy), as people behind a proxy do.
#
#   bash bench/signin_2fa.sh [users=100] [concurrency=20]
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${1:-100}
CONC=${2:-20}
PORT=18183
TMP=$(mktemp -d)
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
[ -x build/mamori ] || bash scripts/setup.sh
MAMORI=${MAMORI:-./build/mamori}
export MAMORI_STORE="sqlite:$TMP/bench.db"
export MAMORI_SECRET_KEY_FILE="$TMP/secret-key"
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$MAMORI_SECRET_KEY_FILE"
"$MAMORI" demo --no-serve --fast-hash > "$TMP/demo.log"
for i in $(seq 0 $((USERS - 1))); do
  echo "bench-password-$i" | "$MAMORI" user add --login "bench-a$i" --name "bench $i" --role body_approver \
    --body 011002 --password-stdin > /dev/null
done
# As behind the nginx of OPERATIONS.md: each person comes from an address of their own (the
# X-Forwarded-For the client sends), so the per-address limits count each one apart.
"$MAMORI" --node bench --trusted-proxy 127.0.0.1 serve --port $PORT > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/api/ready" > /dev/null && break; sleep 0.1; done
python3 bench/signin_2fa.py "http://127.0.0.1:$PORT" "$USERS" "$CONC"
