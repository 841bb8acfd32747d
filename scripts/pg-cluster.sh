#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (no systemd; initdb refuses root, so the
# cluster runs as the postgres user), listening on 127.0.0.1 only.
#   bash scripts/pg-cluster.sh start DIR [PORT]   initdb + start; prints the conninfo
#   bash scripts/pg-cluster.sh stop DIR           stop and remove DIR
# The cluster trades durability for speed (fsync=off): it holds test data only. With
# PG_DURABLE=1 it keeps PostgreSQL's durable defaults (fsync, synchronous_commit): for
# benchmarks (bench/autosave.sh STORE=postgres).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?start|stop}; dir=${2:?DIR}; port=${3:-55432}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-}" = 1 ] && speed="-c shared_buffers=512MB"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_pg "$PGBIN/initdb" -D "$dir/data" -U mamori --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $speed -c max_connections=300" \
      start > /dev/null || { cat "$dir/pg.log" >&2; exit 1; }
    "$PGBIN/psql" -q -h 127.0.0.1 -p "$port" -U mamori -d postgres -c "create database mamori_test" > /dev/null
    echo "host=127.0.0.1 port=$port user=mamori dbname=mamori_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
