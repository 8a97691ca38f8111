#!/usr/bin/env bash
# The HTTP ingest benchmark on PostgreSQL (docs/performance.md, "Ingest on PostgreSQL: one and three
# servers"): a throwaway PostgreSQL 15 cluster on 127.0.0.1:5433, N Pulse servers on that one database
# (same context key, ports 18090..), the Java load generator spread over them, then everything stopped.
#
#   bench/postgres/ingest.sh [servers=1] [connections=64] [seconds=20]
#
# Run from the repository root as root (PostgreSQL runs as the user "postgres"), after
#   mvn -B -q -DskipTests install
#   mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=/tmp/pgbench-cp.txt
# If a cluster already runs in $PGDATA it is reused and left running; one started here is stopped.
set -euo pipefail

SERVERS=${1:-1}
CONNECTIONS=${2:-64}
SECONDS_PER_RUN=${3:-20}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGROOT=${PGROOT:-/tmp/pg-bench}
PGDATA=$PGROOT/data
PGPORT=5433
STORE="postgresql://127.0.0.1:$PGPORT/pulse?user=pulse&password=pulse-bench"
export PULSE_CONTEXT_KEY=${PULSE_CONTEXT_KEY:-bench-context-key-shared-by-all-servers}
export PULSE_ADMIN_TOKEN=${PULSE_ADMIN_TOKEN:-bench-admin-token-0123456789}
as_pg() { su postgres -s /bin/bash -c "$*"; }

started_cluster=false
if ! [ -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGROOT" && chown postgres:postgres "$PGROOT"
  echo pgbench-admin > "$PGROOT/pwfile" && chown postgres "$PGROOT/pwfile"
  as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=scram-sha-256 --pwfile=$PGROOT/pwfile -E UTF8" >/dev/null
  cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGROOT'
max_connections = 100
shared_buffers = 1GB
fsync = on
synchronous_commit = on
max_wal_size = 8GB
maintenance_work_mem = 512MB
CONF
fi
if ! as_pg "$PGBIN/pg_ctl -D $PGDATA status" >/dev/null; then
  as_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGROOT/log -w start" >/dev/null
  started_cluster=true
fi
psql_admin() { PGPASSWORD=pgbench-admin psql -h 127.0.0.1 -p $PGPORT -U postgres -qAt "$@"; }
psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'pulse'" | grep -q 1 \
  || psql_admin -c "CREATE ROLE pulse LOGIN PASSWORD 'pulse-bench'"
# A fresh database each time, so that every run starts from the same empty tables.
psql_admin -c "DROP DATABASE IF EXISTS pulse" -c "CREATE DATABASE pulse OWNER pulse"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $started_cluster; then as_pg "$PGBIN/pg_ctl -D $PGDATA -w stop" >/dev/null; fi
}
trap stop_all EXIT

urls=()
for i in $(seq 0 $((SERVERS - 1))); do
  port=$((18090 + i))
  rm -rf "/tmp/pg-bench-server-$i" && mkdir -p "/tmp/pg-bench-server-$i"
  java -jar cli/target/pulse.jar serve --port $port --host 127.0.0.1 --data-dir "/tmp/pg-bench-server-$i" \
    --store "$STORE" --bench-noop-endpoint > "/tmp/pg-bench-server-$i/server.log" 2>&1 &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
done
for url in "${urls[@]}"; do # wait until each server answers (bounded: 60 s)
  for _ in $(seq 1 120); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.5; done
  curl -sf "$url/readyz" >/dev/null || { echo "server at $url did not start" >&2; exit 1; }
done

echo "servers=$SERVERS connections=$CONNECTIONS seconds=$SECONDS_PER_RUN"
echo "loadavg before: $(cat /proc/loadavg)"
java -cp "bench/target/classes:$(cat /tmp/pgbench-cp.txt)" dev.pulse.bench.ingest.IngestBenchmark \
  "base-url=$(IFS=,; echo "${urls[*]}")" connections=$CONNECTIONS seconds=$SECONDS_PER_RUN
echo "loadavg after: $(cat /proc/loadavg)"
