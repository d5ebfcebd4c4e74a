#!/usr/bin/env bash
# Scale benchmark (issue 19 item 4, first half). ONE command, from the repository root:
#
#     bench/scale/run.sh --jar target/config-service-0.1.0-SNAPSHOT.jar
#
# 1. Seeds database --db (dropped and created) with --services services x 4 environments (100,000 configurations at
#    the default 25,000) and --versions versions each (1,000,000 versions, history rows, configuration audit rows and
#    effective change-log rows at the default 10): the service itself writes one template service through the API
#    (bench/scale/template.mjs: POST, then PUTs; ~300-byte documents growing to ~2 KB at the last version), then
#    bench/scale/clone.sql copies every row of it to scale-00001 ... with generate_series, the id replaced and each
#    checksum recomputed. The service seals the copied audit rows into its chain on the next start (timed).
#    Seeds database --small-db with 200 services x 4 environments of ~2 KB (bench/seed/seed.mjs, as bench/run.sh).
# 2. Starts the service on the large database: start-up to ready (process start -> /actuator/health/readiness UP),
#    waits until the audit backlog is sealed, issues 200 service tokens for random services (bench/scale/tokens.mjs)
#    and checks a sample through the API (bench/scale/verify.mjs: ETag, revision, checksum, history, change feed,
#    /api/v1/audit/verify valid); right after the sealing it runs VACUUM ANALYZE on both databases (autovacuum may
#    be off).
# 3. Measures, interleaved large/small in the same run: cached own read (`get`) and effective read (`eff`) with wrk
#    (bench/wrk/scenario.lua, 200 tokens, -t2 -c32, --runs runs of --duration s after a warm-up), writes at a paced
#    --write-rate writes/s (bench/scale/load.mjs: latency from each write's intended send time, no coordinated
#    omission), then the uncached read (service restarted with CONFIGSERVICE_CACHE_TTL=0s) on both.
#    On the large database once: a read sweep of every configuration's effective read (admin token), a full GC and
#    `jcmd GC.heap_info` (the heap after the sweep).
# Results: bench/out/scale-<UTC time>/results.jsonl and summary.md (with the load average beside every figure).
#
# Options [defaults]: --jar PATH (required) --port N [18041] --db NAME [scale] --small-db NAME [scale_small]
#   --redis-db N [7] --services N [25000] --versions N [10] --runs N [2] --duration S [20] --warmup S [30]
#   --write-rate N [500] --reuse-db EARLIER_OUT (skip seeding: the two databases as an earlier run left them, with
#   that run's seed files and service data folder, whose master.key wraps the audit chain key) --out DIR
# Needs: JDK 17+ (java, jcmd), Node 18+, wrk, psql, curl. PostgreSQL on 127.0.0.1:5432 as postgres (PGPASSWORD).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=$BENCH_DIR/scale
JAR="" PORT=18041 DB=scale SMALL_DB=scale_small REDIS_DB=7 SERVICES=25000 VERSIONS=10 RUNS=2 DURATION=20 WARMUP=30
WRITE_RATE=500 REUSE="" OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift ;;
    --port) PORT=$2; shift ;;
    --db) DB=$2; shift ;;
    --small-db) SMALL_DB=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --services) SERVICES=$2; shift ;;
    --versions) VERSIONS=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --write-rate) WRITE_RATE=$2; shift ;;
    --reuse-db) REUSE=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR" ] || { echo "--jar must name the service's jar" >&2; exit 2; }
JAR=$(realpath "$JAR")
OUT=${OUT:-$BENCH_DIR/out/scale-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
BASE=http://127.0.0.1:$PORT
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)

log() { echo "$(date -u +%H:%M:%S) [load $(cut -d' ' -f1-3 /proc/loadavg)] $*" | tee -a "$OUT/run.log"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
record() {  # record JSON: one line of results, with the load average
  echo "{\"loadavg\":\"$(loadavg)\",$1}" >> "$RESULTS"
}
# shellcheck source=service.sh
source "$SCALE/service.sh"

# start NAME JAR DATABASE [VAR=value ...]: the service on DATABASE, its start-up to ready recorded
start() {
  start_service "$@"
  record "\"kind\":\"startup\",\"name\":\"$1\",\"db\":\"$3\",\"ms\":$STARTUP_MS"
}

clear_redis() {  # this benchmark's cache entries and rate-limit buckets in its own Redis database
  local pattern
  for pattern in 'config:scale-*' 'config:bench-*' 'ratelimit:*'; do
    redis-cli -n "$REDIS_DB" --scan --pattern "$pattern" | xargs -r -n 500 redis-cli -n "$REDIS_DB" del > /dev/null
  done
}

wait_sealed() {  # waits until no configuration audit row is left outside the chain; records how long it took
  local database=$1 started unsealed
  started=$(date +%s)
  while unsealed=$("${PSQL[@]}" -d "$database" -c "SELECT count(*) FROM configuration_audit WHERE chain_seq IS NULL") \
      && [ "$unsealed" != 0 ]; do
    sleep 2
  done
  log "audit backlog of $database sealed after $(( $(date +%s) - started )) s"
  record "\"kind\":\"sealed\",\"db\":\"$database\",\"seconds\":$(( $(date +%s) - started ))"
}

# wrk_run DATA SCENARIO LABEL SECONDS: one wrk run of bench/wrk/scenario.lua, its JSON line appended to results
wrk_run() {
  local line
  BENCH_SCENARIO=$2 BENCH_DATA=$1 BENCH_THREADS=2 BENCH_LABEL=$3 BENCH_OUT=$OUT/wrk.jsonl \
    wrk -t2 -c32 -d"$4s" --timeout 10s -s "$BENCH_DIR/wrk/scenario.lua" "$BASE" >> "$OUT/wrk.log" 2>&1
  line=$(tail -1 "$OUT/wrk.jsonl")
  record "\"kind\":\"wrk\",\"label\":\"$3\",\"result\":$line"
  log "$3: $(echo "$line" | grep -o '"rps":[0-9.]*'), $(echo "$line" | grep -o '"p99_ms":[0-9.]*')"
}

# paced_writes LABEL REQUESTS: --write-rate PUTs/s for --duration s (after 10 s at the same rate as warm-up)
paced_writes() {
  local result
  node "$SCALE/load.mjs" --base "$BASE" --requests "$2" --mode paced --rate "$WRITE_RATE" --connections 64 \
    --duration 10 > /dev/null
  result=$(node "$SCALE/load.mjs" --base "$BASE" --requests "$2" --mode paced --rate "$WRITE_RATE" \
    --connections 64 --duration "$DURATION" --label "$1")
  record "\"kind\":\"writes\",\"label\":\"$1\",\"result\":$result"
  log "$1: $result"
}

reads() {  # reads NAME DATA: warm-up, then --runs runs each of the cached own and effective read
  local run
  wrk_run "$2" get "warmup" "$WARMUP" > /dev/null
  wrk_run "$2" eff "warmup" "$WARMUP" > /dev/null
  for run in $(seq "$RUNS"); do
    wrk_run "$2" get "$1 get #$run" "$DURATION"
    wrk_run "$2" eff "$1 eff #$run" "$DURATION"
  done
}

LARGE=$OUT/large SMALL=$OUT/small
mkdir -p "$LARGE" "$SMALL"
if [ -z "$REUSE" ]; then
  log "seeding $DB: template service through the API"
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  clear_redis
  start seed "$JAR" "$DB"
  node "$SCALE/template.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --service scale-tmpl \
    --versions "$VERSIONS" --out "$LARGE" | tee -a "$OUT/run.log"
  wait_sealed "$DB"
  stop_service
  log "seeding $DB: cloning to $((SERVICES - 1)) services with SQL"
  seeded=$(date +%s)
  "${PSQL[@]}" -d "$DB" -c "CREATE TABLE scale_seed_canonical (environment TEXT, version INT, canonical TEXT)" \
    -c "\\copy scale_seed_canonical FROM '$LARGE/canonical.tsv'"
  "${PSQL[@]}" -d "$DB" -v tmpl=scale-tmpl -v clones=$((SERVICES - 1)) -f "$SCALE/clone.sql"
  record "\"kind\":\"seed\",\"db\":\"$DB\",\"seconds\":$(( $(date +%s) - seeded )),\"counts\":\"$("${PSQL[@]}" -d "$DB" \
    -c "SELECT (SELECT count(DISTINCT (service_id, environment)) FROM service_configurations) || ' configurations, '
        || (SELECT count(*) FROM service_configurations) || ' versions, '
        || (SELECT count(*) FROM configuration_history) || ' history rows, '
        || (SELECT count(*) FROM configuration_audit) || ' audit rows, '
        || pg_size_pretty(pg_database_size(current_database()))")\""
  log "seeded $DB: $(tail -1 "$RESULTS")"
  log "seeding $SMALL_DB: 200 services x 4 environments through the API"
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $SMALL_DB" -c "CREATE DATABASE $SMALL_DB"
  start seed-small "$JAR" "$SMALL_DB"
  node "$BENCH_DIR/seed/seed.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --out "$SMALL" --services 200 \
    --credentials 0 --concurrency 4 --prefix bench-svc | tee -a "$OUT/run.log"
  stop_service
else
  cp "$REUSE"/large/canonical.tsv "$LARGE/" && cp "$REUSE"/small/{tokens,documents}.tsv "$SMALL/"
  cp -r "$REUSE"/service-data "$OUT/"
fi

# PUT lines for load.mjs: every service with a token, development, its document with the revision member unique
awk -F'\t' 'NR == FNR { doc[$1] = $2; next }
  { d = doc[$1]; sub(/"revision":"r0"/, "\"revision\":\"@SEQ@\"", d)
    printf "PUT\t/api/v1/configurations/%s?environment=development\t%s\t{\"changeReason\":\"benchmark\",\"configuration\":%s}\n", $1, $2, d }' \
  "$SMALL/documents.tsv" "$SMALL/tokens.tsv" > "$SMALL/put.tsv"

clear_redis
start large "$JAR" "$DB"
wait_sealed "$DB"
# What autovacuum (off on some CI machines: `SHOW autovacuum`) would do after a bulk load: without statistics the
# planner keeps treating the copied audit rows as unsealed and the sealer's check for unsealed rows scans the whole
# audit table, live and dead rows, on every tick (on 2026-12-05 that cost the cached reads a third of their rate).
autovacuum=$("${PSQL[@]}" -c "SHOW autovacuum")
log "VACUUM ANALYZE of $DB and $SMALL_DB (autovacuum: $autovacuum)"
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" && "${PSQL[@]}" -d "$SMALL_DB" -c "VACUUM ANALYZE"
record "\"kind\":\"postgres\",\"autovacuum\":\"$autovacuum\",\"vacuum_analyze\":\"after sealing, before measuring\""
node "$SCALE/tokens.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --services "$SERVICES" --count 200 \
  --out "$LARGE/tokens.tsv"
DEV_DOC=$(awk -F'\t' -v v="$VERSIONS" '$1 == "development" && $2 == v { print $3 }' "$LARGE/canonical.tsv")
awk -F'\t' -v doc="$DEV_DOC" -v v="$VERSIONS" '{ d = doc; gsub(/scale-tmpl/, $1, d); sub("\"revision\":\"v" v "\"", "\"revision\":\"@SEQ@\"", d)
    printf "PUT\t/api/v1/configurations/%s?environment=development\t%s\t{\"changeReason\":\"benchmark\",\"configuration\":%s}\n", $1, $2, d }' \
  "$LARGE/tokens.tsv" > "$LARGE/put.tsv"
if [ -z "$REUSE" ]; then  # an earlier run's writes moved the services it wrote past the seeded versions
  log "checking a sample of the seeded data through the API"
  verified=$(node "$SCALE/verify.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --canonical "$LARGE/canonical.tsv" \
    --services "$SERVICES")
  record "\"kind\":\"verify\",\"result\":$verified"
  log "verified: $verified"
fi

log "read sweep: the effective read of every configuration once"
for i in $(seq 0 $((SERVICES - 1))); do
  id=$([ "$i" = 0 ] && echo scale-tmpl || printf 'scale-%05d' "$i")
  for environment in development production staging testing; do
    printf 'GET\t/api/v1/configurations/%s/environments/%s\t%s\t-\n' "$id" "$environment" "$ADMIN_TOKEN"
  done
done > "$LARGE/sweep.tsv"
sweep=$(node "$SCALE/load.mjs" --base "$BASE" --requests "$LARGE/sweep.tsv" --mode closed --connections 16 --once \
  --label sweep)
record "\"kind\":\"sweep\",\"result\":$sweep"
log "sweep: $sweep"
jcmd "$SERVICE_PID" GC.run > /dev/null
heap=$(jcmd "$SERVICE_PID" GC.heap_info | tr '\n' ' ' | sed 's/"/\\"/g; s/  */ /g')
record "\"kind\":\"heap\",\"after\":\"full read sweep, full GC\",\"heap_info\":\"$heap\""
log "heap after the sweep and a full GC: $heap"

reads large "$LARGE"
paced_writes "large writes at $WRITE_RATE/s" "$LARGE/put.tsv"
start small "$JAR" "$SMALL_DB"
reads small "$SMALL"
paced_writes "small writes at $WRITE_RATE/s" "$SMALL/put.tsv"
clear_redis
start large-uncached "$JAR" "$DB" CONFIGSERVICE_CACHE_TTL=0s
wrk_run "$LARGE" get "warmup" "$WARMUP" > /dev/null
for run in $(seq "$RUNS"); do wrk_run "$LARGE" get "large uncached get #$run" "$DURATION"; done
start small-uncached "$JAR" "$SMALL_DB" CONFIGSERVICE_CACHE_TTL=0s
wrk_run "$SMALL" get "warmup" "$WARMUP" > /dev/null
for run in $(seq "$RUNS"); do wrk_run "$SMALL" get "small uncached get #$run" "$DURATION"; done
stop_service
node "$SCALE/summary.mjs" "$RESULTS" > "$OUT/summary.md"
cat "$OUT/summary.md"
