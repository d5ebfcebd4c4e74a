#!/usr/bin/env bash
# Versioned PUT of a ~2 KB document, two jars interleaved in one session (A, B, A, B, ...), from the repository root:
#
#     bench/scale/put-ab.sh --jar-a OLD.jar --jar-b NEW.jar [--rounds 2] [--duration 20] [--connections 8]
#                           [--rate 500] [--warmup 90] [--port 18031] [--db-prefix put_ab] [--redis-db 7] [--jfr]
#
# Each jar gets its own database (<db-prefix>_a, _b, dropped and created in round 1 and migrated by that jar), seeded
# through the API by the round's service process with 50 services x 4 environments (bench/seed/seed.mjs). Per round
# and jar: a fresh service process, --warmup s of writes as warm-up (the JIT needs about a minute of CPU), a
# closed-loop run (--connections writers, each sending its next PUT on the previous answer: writes/s) and a paced run
# at --rate writes/s (latency from each write's intended send time: p99 without coordinated omission), both with
# bench/scale/load.mjs. Every PUT writes to
# development (no descendants), replaces the whole document with one member changed and so makes a new version.
# Around the closed-loop run the harness reads PostgreSQL's table statistics and records, per write, the table
# accesses (sequential plus index scans) and rows inserted/updated/deleted per table, background work (audit sealing,
# outbox relay) included, and the CPU per write of the service process and of all PostgreSQL processes (utime +
# stime from /proc over the run). With --jfr the closed-loop run of the last round is recorded (bench/jfr-top.sh
# prints it).
# Results: bench/out/put-ab-<UTC time>/results.jsonl, with the load average beside each run.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR_A="" JAR_B="" ROUNDS=2 DURATION=20 CONNECTIONS=8 RATE=500 WARMUP=90 PORT=18031 DB_PREFIX=put_ab REDIS_DB=7 JFR=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar-a) JAR_A=$2; shift ;;
    --jar-b) JAR_B=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
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
log() { echo "$(date -u +%H:%M:%S) [load $(cut -d' ' -f1-3 /proc/loadavg)] $*" | tee -a "$OUT/run.log"; }
# shellcheck source=service.sh
source "$BENCH_DIR/scale/service.sh"

# requests SIDE: one PUT line per seeded service for load.mjs, the document's "revision" member made unique
requests() {
  awk -F'\t' 'NR == FNR { token[$1] = $2; next }
    { doc = $2; sub(/"revision":"r0"/, "\"revision\":\"@SEQ@\"", doc)
      printf "PUT\t/api/v1/configurations/%s?environment=development\t%s\t{\"changeReason\":\"benchmark\",\"configuration\":%s}\n", $1, token[$1], doc }' \
    "$OUT/seed-$1/tokens.tsv" "$OUT/seed-$1/documents.tsv" > "$OUT/put-$1.tsv"
}

load() {  # load SIDE ROUND KIND ARGS...: one load.mjs run, its JSON line with the load average appended to results
  local side=$1 round=$2 kind=$3 result; shift 3
  result=$(node "$BENCH_DIR/scale/load.mjs" --base "$BASE" --requests "$OUT/put-$side.tsv" --label "$side-$kind" "$@")
  echo "{\"jar\":\"$side\",\"round\":$round,\"kind\":\"$kind\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$result}" \
    | tee -a "$OUT/results.jsonl"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }  # utime + stime, clock ticks
postgres_ticks() {
  local pid sum=0
  for pid in $(pgrep -u postgres postgres); do sum=$((sum + $(cpu_ticks "$pid"))); done
  echo "$sum"
}
TICK_MS=$((1000 / $(getconf CLK_TCK)))

versions() { psql -h 127.0.0.1 -U postgres -d "$1" -qAt -c "SELECT count(*) FROM service_configurations"; }

for round in $(seq "$ROUNDS"); do
  for side in a b; do
    jar=$([ "$side" = a ] && echo "$JAR_A" || echo "$JAR_B")
    db=${DB_PREFIX}_$side
    if [ "$round" = 1 ]; then
      psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    fi
    start_service "$side" "$jar" "$db"
    if [ "$round" = 1 ]; then
      node "$BENCH_DIR/seed/seed.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --out "$OUT/seed-$side" \
        --services 50 --credentials 0 --concurrency 4 --prefix "put-ab-$side" >> "$OUT/run.log"
      requests "$side"
    fi
    log "round $round, jar $side: warm-up"
    load "$side" "$round" warmup --mode closed --connections "$CONNECTIONS" --duration "$WARMUP" > /dev/null
    sleep 11  # PostgreSQL flushes a backend's statistics within 10 s of its last transaction
    counters=$(table_counters "$db") before=$(versions "$db")
    if [ "$JFR" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      jcmd "$SERVICE_PID" JFR.start name=put settings=profile filename="$OUT/put-$side.jfr" > /dev/null
    fi
    service_cpu=$(cpu_ticks "$SERVICE_PID") postgres_cpu=$(postgres_ticks)
    load "$side" "$round" closed --mode closed --connections "$CONNECTIONS" --duration "$DURATION"
    service_cpu=$(( $(cpu_ticks "$SERVICE_PID") - service_cpu )) postgres_cpu=$(( $(postgres_ticks) - postgres_cpu ))
    if [ "$JFR" = 1 ] && [ "$round" = "$ROUNDS" ]; then
      jcmd "$SERVICE_PID" JFR.stop name=put > /dev/null
    fi
    sleep 11
    writes=$(( $(versions "$db") - before ))
    per_write=$(LC_ALL=C join <(echo "$counters") <(table_counters "$db") | awk -v w="$writes" '{
        s = $6 - $2; i = $7 - $3; u = $8 - $4; d = $9 - $5
        if (s + i + u + d > 0) printf "%s%s: %.2f accesses, %.2f ins, %.2f upd, %.2f del", sep, $1, s / w, i / w, u / w, d / w
        sep = "; " }')
    cpu=$(awk -v s="$service_cpu" -v p="$postgres_cpu" -v w="$writes" -v t="$TICK_MS" \
      'BEGIN { printf "\"service_cpu_ms\":%.2f,\"postgres_cpu_ms\":%.2f", s * t / w, p * t / w }')
    echo "{\"jar\":\"$side\",\"round\":$round,\"kind\":\"per-write\",\"writes\":$writes,$cpu,\"tables\":\"$per_write\"}" \
      | tee -a "$OUT/results.jsonl"
    load "$side" "$round" paced --mode paced --rate "$RATE" --connections 64 --duration "$DURATION"
    stop_service
  done
done
log "results: $OUT/results.jsonl"
