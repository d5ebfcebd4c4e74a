#!/usr/bin/env bash
# Versioned PUT of a ~2 KB document, two jars interleaved in one session (A, B, A, B, ...), from the repository root:
#
#     bench/scale/put-ab.sh --jar-a OLD.jar --jar-b NEW.jar [--rounds 2] [--duration 20] [--connections 8]
#                           [--rate 500] [--port 18031] [--db-prefix put_ab] [--redis-db 7] [--jfr]
#
# Each jar gets its own database (<db-prefix>_a, _b, dropped and created, migrated by that jar) seeded through the
# API with 50 services x 4 environments (bench/seed/seed.mjs). Per round and jar: a fresh service process, 30 s of
# writes as warm-up, then a closed-loop run (--connections writers, each sending its next PUT on the previous answer:
# writes/s) and a paced run at --rate writes/s (latency from each write's intended send time: p99 without coordinated
# omission), both with bench/scale/load.mjs. Every PUT writes to development (no descendants), replaces the whole
# document with one member changed and so makes a new version. With --jfr the closed-loop run of the last round is
# recorded (bench/jfr-top.sh prints it). Results: bench/out/put-ab-<UTC time>/results.jsonl and the load average
# beside each run.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR_A="" JAR_B="" ROUNDS=2 DURATION=20 CONNECTIONS=8 RATE=500 PORT=18031 DB_PREFIX=put_ab REDIS_DB=7 JFR=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar-a) JAR_A=$2; shift ;;
    --jar-b) JAR_B=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --port) PORT=$2; shift ;;
    --db-prefix) DB_PREFIX=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --jfr) JFR=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR_A" ] && [ -f "$JAR_B" ] || { echo "--jar-a and --jar-b must name jars" >&2; exit 2; }
OUT=$BENCH_DIR/out/put-ab-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
BASE=http://127.0.0.1:$PORT
SERVICE_PID=""
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$OUT/run.log"; }
stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}
trap stop_service EXIT

# start_service SIDE: the jar of SIDE (a or b) against its own database
start_service() {
  local side=$1 jar
  jar=$([ "$side" = a ] && echo "$JAR_A" || echo "$JAR_B")
  mkdir -p "$OUT/data-$side"
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/${DB_PREFIX}_$side" SPRING_DATASOURCE_USERNAME=postgres \
      SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE="$REDIS_DB" \
      CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" SERVICE_PORT="$PORT" CONFIG_DATA_DIR="$OUT/data-$side" \
      CONFIGSERVICE_RATELIMIT_TOKENCAPACITY=100000 \
      java -jar "$jar" >> "$OUT/service-$side.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 480); do
    curl -sf -o /dev/null "$BASE/actuator/health/readiness" && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "service $side exited, see $OUT/service-$side.log"; exit 1; }
    sleep 0.5
  done
  log "service $side not ready after 240 s"; exit 1
}

# requests SIDE: one PUT line per seeded service for load.mjs, the document's "revision" member made unique
requests() {
  awk -F'\t' -v token_file="$OUT/seed-$1/tokens.tsv" '
    BEGIN { while ((getline line < token_file) > 0) { split(line, t, "\t"); tokens[t[1]] = t[2] } }
    { doc = $2; sub(/"revision":"r0"/, "\"revision\":\"@SEQ@\"", doc)
      printf "PUT\t/api/v1/configurations/%s?environment=development\t%s\t{\"changeReason\":\"benchmark\",\"configuration\":%s}\n", $1, tokens[$1], doc }
  ' "$OUT/seed-$1/documents.tsv" > "$OUT/put-$1.tsv"
}

load() {  # load SIDE ROUND KIND ARGS...: one load.mjs run, its JSON line with the load average appended to results
  local side=$1 round=$2 kind=$3; shift 3
  local result
  result=$(node "$BENCH_DIR/scale/load.mjs" --base "$BASE" --requests "$OUT/put-$side.tsv" --label "$side-$kind" "$@")
  echo "{\"jar\":\"$side\",\"round\":$round,\"kind\":\"$kind\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$result}" \
    | tee -a "$OUT/results.jsonl"
}

for side in a b; do
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB_PREFIX}_$side" -c "CREATE DATABASE ${DB_PREFIX}_$side"
  start_service "$side"
  node "$BENCH_DIR/seed/seed.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --out "$OUT/seed-$side" \
    --services 50 --credentials 0 --prefix "put-ab-$side" >> "$OUT/run.log"
  requests "$side"
  stop_service
done
for round in $(seq "$ROUNDS"); do
  for side in a b; do
    start_service "$side"
    log "round $round, jar $side: warm-up"
    load "$side" "$round" warmup --mode closed --connections "$CONNECTIONS" --duration 30 > /dev/null
    if [ "$JFR" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      jcmd "$SERVICE_PID" JFR.start name=put settings=profile filename="$OUT/put-$side.jfr" > /dev/null
    fi
    load "$side" "$round" closed --mode closed --connections "$CONNECTIONS" --duration "$DURATION"
    if [ "$JFR" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      jcmd "$SERVICE_PID" JFR.stop name=put > /dev/null
    fi
    load "$side" "$round" paced --mode paced --rate "$RATE" --connections 64 --duration "$DURATION"
    stop_service
  done
done
log "results: $OUT/results.jsonl"
