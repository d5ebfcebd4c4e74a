#!/usr/bin/env bash
# config-service benchmark harness: ONE command, from the repository root:
#
#     bench/run.sh                      # build, seed, HTTP scenarios x3, push with 1,000 subscribers x3, report
#     bench/run.sh --push-large 10000 --tomcat-max-connections 12000
#                                       # ... and push with 10,000 subscribers x3 (a separate service start; Tomcat's
#                                       # default of 8,192 connections caps sessions at ~8,190 without the option)
#     bench/run.sh --scenarios bare,cred --skip-phase-b --http-only
#                                       # credential retrieve only: local master key (phase A) and Vault transit
#                                       # with the data-key cache off and on (phase T), KEK calls per read
#     bench/run.sh --push-only --push-subscribers 0 --push-sustained 10000 --tomcat-max-connections 12000
#                                       # push only: 10,000 subscribers, a write every 50 ms for 60 s (issue 19 item 4)
#
# It builds the jar in a copy of the work tree (or takes --jar) and the bare baseline (bench/bare, a module of
# clients/pom.xml), starts the service against the local PostgreSQL (a fresh database, default `bench`) and Redis
# (database 7), waits for /api/v1/health, seeds 200 services x 4 environments with ~2 KB configurations and 1,000
# credentials (bench/seed/seed.mjs), fetches one cached read's response body from the service and starts the bare
# baseline with it, and measures with wrk on loopback (bench/wrk/scenario.lua):
#
#   bare        the requests of `get`, answered by the bare baseline: a separate Spring Boot MVC process (its own JVM,
#               same java, same Boot and Tomcat) returning the service's cached response body, byte for byte, from
#               memory with the same content type: the 1.00x reference of every ratio
#   liveness    GET /actuator/health/liveness of the service: its own cheapest endpoint (for comparison only)
#   get         GET /api/v1/configurations/{random id}?environment=production with that service's token (cache hit),
#               spread over the 200 services and tokens
#   get-hot     the same, every connection on one service's token and one configuration (one hot token)
#   cond        `get` with If-None-Match: "1" (every answer a 304)
#   eff         GET /api/v1/configurations/{random id}/environments/production: the effective read, spread
#   eff-hot     the effective read with one hot token
#   cond-eff    `eff` with If-None-Match: "r1" (every answer a 304)
#   put         PUT /api/v1/configurations/{random id}?environment=development, full ~2 KB document, one changed
#               member, no If-Match (every 2xx is a new version)
#   cred        GET /api/v1/credentials/{random key} with the owning service's token, data-key cache off (default)
#   uncached    `get` after a restart with CONFIGSERVICE_CACHE_TTL=0s (Redis PEXPIREs every entry at once: every
#               read goes to PostgreSQL; checked through `cached:false`)
#   cred-dkc    `cred` after the same restart with CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000
#   paced-get   `get` at a fixed 70 % of the median `get` requests/s (tail latency target), and paced-bare at the
#               same rate for comparison
#   cred-transit      `cred` against a service whose key encryption key is Vault transit: the stand-in
#               (bench/transit/stand-in.sh, a process of its own adding --transit-latency-ms to every call), data-key
#               cache off; own database (<db>_transit), tokens and credentials seeded again under the transit key
#   cred-transit-dkc  the same against a second service beside it (--dkc-port, same database, same stand-in) with
#               CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000; the two are warmed up and measured interleaved.
#               Around every measured run the harness reads the stand-in's call counts (GET /stand-in/calls) and
#               writes the deltas and the KEK calls per read (decrypt + encrypt + rewrap over the run's requests) to
#               kek.jsonl; the report shows them beside req/s, and the stand-in's own CPU
#
# Every scenario, bare included, gets a warm-up, then RUNS measured runs (interleaved: run 1 of every scenario, then
# run 2, ...), and the report prints medians: requests/s, p50/p99/p99.9 and their ratios to `bare`, the answers that
# were not 2xx and the bytes per response. Every answer's status is counted; a run (or warm-up round) with an
# unexpected answer (not 2xx; for cond and cond-eff, not 304) stops the harness with exit code 1 and the first such
# answer. Before each measured run the harness waits until the audit backlog is sealed: no row of the chained audit
# tables without its seal (chain_seq) and the access log no longer growing, over two checks a second apart.
# The service starts with the per-token rate limit raised to --token-rate requests/s (default 100,000, above what
# two cores serve) so that get-hot and eff-hot measure the read rather than 429s; the limiter still runs on every
# request. The summary records this, PostgreSQL's durability settings (fsync, synchronous_commit, wal_sync_method)
# and the JVM flags of the service and the bare process (jcmd VM.flags). The push client
# (bench/push/push-client.mjs) opens N STOMP sessions on one topic from 127.0.0.2-33, makes writes, and measures
# commit -> frame latency and the heap with N sessions. With --push-sustained N a last phase (S, its own service start)
# opens N sessions and writes every --push-period-ms for --push-seconds on a fixed schedule, each write sent at its
# slot whether or not the earlier ones have answered (overlapping fan-outs), and reports deliveries, the versions
# coalesced (a session behind the fan-out is sent only the newest) and lost, whether every session got the final
# version, p50/p99/max commit -> frame latency, the live heap with N sessions and the heap after the writes, and
# the load average before and after (push-load.txt). Results go to bench/out/<UTC time>/ (summary.md, *.jsonl,
# service logs; cpu.jsonl has the 1-minute load average after each run). The service and every load generator run
# under `nice -n 10`.
#
# Options (defaults in brackets):
#   --jar PATH               use this jar instead of building
#   --java PATH              the java that runs the service [java on the PATH]; the build always uses the default
#   --build-dir DIR          where the work tree is copied for the build [/tmp/bench-ws]
#   --runs N                 measured runs per scenario [3]
#   --duration S             seconds per measured run [12]
#   --warmup S               seconds of warm-up per scenario and round [8]
#   --warmup-rounds N        at most N warm-up rounds; stops after round 2+ once requests/s moved < 10 % [6]
#   --threads N / --connections N   wrk -t / -c [2 / 32]
#   --port N                 service port [18011]
#   --bare-port N            bare baseline port [18012]
#   --token-rate N           per-token rate limit of every service start, requests/s [100000]
#   --seal-wait S            before each measured run wait up to S seconds for the audit backlog to be sealed;
#                            fails when it is not [300]
#   --db NAME                PostgreSQL database, dropped and created [bench]
#   --pg-host H / --pg-user U         [127.0.0.1 / postgres] (password: PGPASSWORD)
#   --redis-host H / --redis-db N     [127.0.0.1 / 7]
#   --push-subscribers N     push run in the main phase [1000]; 0 skips it
#   --push-large N           also a push run with N subscribers in a phase of its own (e.g. 10000, 20000)
#   --push-sustained N       also a push run with N subscribers and sustained writes in a phase of its own (e.g. 10000)
#   --push-period-ms P / --push-seconds S   its schedule: a write every P ms for S s [50 / 60]
#   --tomcat-max-connections N   start the large and sustained push phases with SERVER_TOMCAT_MAX_CONNECTIONS=N
#                            (Tomcat's default of 8,192 connections caps WebSocket sessions); off by default
#   --push-only / --http-only    run only one part
#   --scenarios LIST         comma-separated subset of phase A's HTTP scenarios
#                            [bare,liveness,get,get-hot,cond,eff,eff-hot,cond-eff,put,cred]; the fixed-rate runs
#                            need `get` and `bare` in it
#   --skip-phase-b           no restart for uncached GET and the data-key cache
#   --skip-transit           no phase T (credential retrieve with the Vault transit stand-in)
#   --only transit|sustained only phase T, or only phase S (--push-sustained): no phase A service, seed or bare
#                            baseline, so no ratios to bare
#   --start-timeout S        how long a service may take to answer after its start [240]
#   --transit-latency-ms N   latency the stand-in adds to every call [1]
#   --transit-port N / --dkc-port N   ports of the stand-in and of the second service of phase T [18013 / 18014]
#   --env VAR=VALUE          extra environment for every service start (repeatable), e.g.
#                            CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000 to measure `cred` with the data-key cache
#   --quiet-wait S           before each measured run wait up to S seconds for the machine to be idle [60]
#   --retries N / --foreign-limit C   repeat a run (up to N times) when processes other than the service, wrk,
#                            PostgreSQL, Redis and the kernel used more than C cores during it [2 / 0.25]; the
#                            discarded runs go to discarded.jsonl, the report shows the figure per scenario
#   --jfr                    after the measured runs, one extra run per scenario with a JFR recording, and a
#                            recording of every push run
#                            (bench/out/<time>/jfr/*.jfr; bench/jfr-top.sh FILE prints the hottest frames)
#   --keep-db                do not drop the database at the end
#   --out DIR                results folder [bench/out/<UTC time>]
#
# Needs: JDK 17+, Node 18+, wrk (installed with apt-get when missing and root), psql, redis-cli, curl, jcmd
# (JVM flags; live heap). Benchmarks are never part of ./mvnw verify.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")

ORIG_ARGS="$*"
JAR=""
JAVA_BIN=java
BUILD_DIR=/tmp/bench-ws
RUNS=3
DURATION=12
WARMUP=8
WARMUP_ROUNDS=6
THREADS=2
CONNECTIONS=32
PORT=18011
BARE_PORT=18012
TOKEN_RATE=100000
SEAL_WAIT=300
DB=bench
PG_HOST=127.0.0.1
PG_USER=postgres
REDIS_HOST=127.0.0.1
REDIS_DB=7
PUSH_SUBSCRIBERS=1000
PUSH_LARGE=0
PUSH_SUSTAINED=0
PUSH_PERIOD_MS=50
PUSH_SECONDS=60
TOMCAT_MAX_CONNECTIONS=""
DO_TRANSIT=1
TRANSIT_PORT=18013
DKC_PORT=18014
TRANSIT_LATENCY_MS=1
ONLY=""
START_TIMEOUT=240
DO_HTTP=1
DO_PUSH=1
PHASE_A_SCENARIOS=bare,liveness,get,get-hot,cond,eff,eff-hot,cond-eff,put,cred
DO_PHASE_B=1
SERVICE_ENV=()
QUIET_WAIT=60
RETRIES=2
FOREIGN_LIMIT=0.25
JFR=0
KEEP_DB=0
OUT=""

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift ;;
    --java) JAVA_BIN=$2; shift ;;
    --build-dir) BUILD_DIR=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --warmup-rounds) WARMUP_ROUNDS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --port) PORT=$2; shift ;;
    --bare-port) BARE_PORT=$2; shift ;;
    --token-rate) TOKEN_RATE=$2; shift ;;
    --seal-wait) SEAL_WAIT=$2; shift ;;
    --db) DB=$2; shift ;;
    --pg-host) PG_HOST=$2; shift ;;
    --pg-user) PG_USER=$2; shift ;;
    --redis-host) REDIS_HOST=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --push-subscribers) PUSH_SUBSCRIBERS=$2; shift ;;
    --push-large) PUSH_LARGE=$2; shift ;;
    --push-sustained) PUSH_SUSTAINED=$2; shift ;;
    --push-period-ms) PUSH_PERIOD_MS=$2; shift ;;
    --push-seconds) PUSH_SECONDS=$2; shift ;;
    --skip-transit) DO_TRANSIT=0 ;;
    --only) ONLY=$2; shift ;;
    --start-timeout) START_TIMEOUT=$2; shift ;;
    --transit-latency-ms) TRANSIT_LATENCY_MS=$2; shift ;;
    --transit-port) TRANSIT_PORT=$2; shift ;;
    --dkc-port) DKC_PORT=$2; shift ;;
    --tomcat-max-connections) TOMCAT_MAX_CONNECTIONS=$2; shift ;;
    --push-only) DO_HTTP=0 ;;
    --http-only) DO_PUSH=0 ;;
    --scenarios) PHASE_A_SCENARIOS=$2; shift ;;
    --skip-phase-b) DO_PHASE_B=0 ;;
    --env) SERVICE_ENV+=("$2"); shift ;;
    --quiet-wait) QUIET_WAIT=$2; shift ;;
    --retries) RETRIES=$2; shift ;;
    --foreign-limit) FOREIGN_LIMIT=$2; shift ;;
    --jfr) JFR=1 ;;
    --keep-db) KEEP_DB=1 ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

TRANSIT_DB=${DB}_transit
SERVICE_DB=$DB  # the database of the running service: $DB, or $TRANSIT_DB in the transit phase
case "$ONLY" in ""|transit|sustained) ;; *) echo "--only takes transit or sustained" >&2; exit 2 ;; esac
OUT=${OUT:-$BENCH_DIR/out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BASE=http://127.0.0.1:$PORT
BARE_BASE=http://127.0.0.1:$BARE_PORT
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
DATA_DIR=$OUT/service-data
SERVICE_PID=""
PEER_PID=""
TRANSIT_PID=""
TRANSIT_TOKEN="bench-transit-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
BARE_PID=""
CLIENT_PID=""
HZ=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- tools ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk (apt-get install -y wrk)"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
  else
    die "wrk is missing: apt-get install wrk"
  fi
fi
for tool in java "$JAVA_BIN" node psql redis-cli curl jcmd; do
  command -v $tool >/dev/null || die "$tool is missing"
done
if [ ! -d "$BENCH_DIR/push/node_modules/ws" ]; then
  log "installing the push client's dependencies (npm ci)"
  (cd "$BENCH_DIR/push" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# sockets: the service and the push client each hold one descriptor per session
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# ---- clean-up, whatever happens ------------------------------------------------------------------------------
stop_pid() {  # PID: TERM, up to 30 s for a clean stop, then KILL
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
stop_service() {
  stop_pid "$SERVICE_PID"
  SERVICE_PID=""
  stop_pid "$PEER_PID"
  PEER_PID=""
}
stop_transit() {
  stop_pid "$TRANSIT_PID"
  TRANSIT_PID=""
}
stop_bare() {
  if [ -n "$BARE_PID" ]; then kill "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true; fi
  BARE_PID=""
}
clear_redis() {  # the benchmark's keys in its own Redis database: cache entries and rate-limit buckets
  local pattern
  for pattern in 'config:bench-*' 'ratelimit:*'; do
    redis-cli -h "$REDIS_HOST" -n "$REDIS_DB" --scan --pattern "$pattern" \
      | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -n "$REDIS_DB" del >/dev/null 2>&1 || true
  done
}
cleanup() {
  local rc=$?
  if [ -n "$CLIENT_PID" ]; then kill "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; fi
  stop_service
  stop_transit
  stop_bare
  clear_redis
  if [ "$KEEP_DB" = 0 ]; then
    for db in "$DB" "$TRANSIT_DB"; do
      psql -h "$PG_HOST" -U "$PG_USER" -qtc "drop database if exists $db" postgres >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$DATA_DIR" "$DATA_DIR-peer"
  [ $rc = 0 ] || log "stopped with exit code $rc; logs in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- machine -------------------------------------------------------------------------------------------------
{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel: $(uname -r)"
  echo "java (service): $("$JAVA_BIN" -version 2>&1 | head -1)"
  echo "node: $(node --version)"
  echo "wrk: $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "postgresql: $(psql -h "$PG_HOST" -U "$PG_USER" -tAc 'show server_version' postgres 2>/dev/null)"
  echo "redis: $(redis-cli -h "$REDIS_HOST" info server | awk -F: '/^redis_version/ {print $2}' | tr -d '\r')"
  echo "postgresql durability: $(psql -h "$PG_HOST" -U "$PG_USER" -tAc "select string_agg(name || '=' || setting, \
    ', ' order by name) from pg_settings where name in ('fsync', 'synchronous_commit', 'wal_sync_method', \
    'full_page_writes')" postgres 2>/dev/null)"
  echo "per-token rate limit: raised to $TOKEN_RATE requests/s (CONFIGSERVICE_RATELIMIT_TOKENCAPACITY) for every" \
    "service start, so that one hot token is not answered 429; the limiter still runs on every request"
  echo "command: bench/run.sh $ORIG_ARGS"
  echo "runs: $RUNS x ${DURATION}s (warm-up ${WARMUP}s), wrk -t$THREADS -c$CONNECTIONS"
} > "$OUT/machine.txt"

# ---- the jars ------------------------------------------------------------------------------------------------
mkdir -p "$BUILD_DIR"
rsync -a --delete --exclude target --exclude bench/out --exclude bench/push/node_modules "$REPO/" "$BUILD_DIR/"
if [ -z "$ONLY" ]; then  # --only runs without the bare baseline
  log "building the bare baseline in $BUILD_DIR (copy of $REPO)"
  (cd "$BUILD_DIR" && nice -n 10 ./mvnw -q -B -o -f clients package -DskipTests -pl ../bench/bare -am) \
    > "$OUT/build-bare.log" 2>&1 || die "build of bench/bare failed, see $OUT/build-bare.log"
fi
BARE_JAR=$BUILD_DIR/bench/bare/target/bare-bench.jar
if [ -z "$JAR" ]; then
  log "building the jar in $BUILD_DIR"
  (cd "$BUILD_DIR" && nice -n 10 ./mvnw -q -B -o package -DskipTests) > "$OUT/build.log" 2>&1 \
    || die "build failed, see $OUT/build.log"
  JAR=$(ls "$BUILD_DIR"/target/config-service-*.jar | grep -v -- '-plain' | head -1)
  # the work tree changes under concurrent edits: say which sources were measured
  echo "source: sha256 of src/ and pom.xml $(cd "$BUILD_DIR" && find src pom.xml -type f | sort | xargs sha256sum \
    | sha256sum | cut -c1-16), copied $(date -u +%H:%M:%SZ)" >> "$OUT/machine.txt"
fi
[ -f "$JAR" ] || die "no jar at $JAR"
echo "jar: $JAR (sha256 $(sha256sum "$JAR" | cut -c1-16))" >> "$OUT/machine.txt"
log "jar: $JAR"

# ---- helpers -------------------------------------------------------------------------------------------------
# start_service NAME [VAR=value ...]: a fresh service process on --port (database $SERVICE_DB) with the given extra
# environment, after stopping the running one(s)
start_service() {
  local name=$1; shift
  stop_service
  clear_redis  # entries of an earlier phase would outlive a new TTL
  launch_service "$name" "$PORT" "$DATA_DIR" "$@"
  SERVICE_PID=$LAUNCHED_PID
  await_service "$name" "$SERVICE_PID" "$BASE"
}

# launch_service NAME PORT DATA_DIR [VAR=value ...]: starts a service process without waiting for it (sets
# LAUNCHED_PID); phase T runs a second one (PEER_PID) beside the first, same database and Redis
launch_service() {
  local name=$1 port=$2 dir=$3; shift 3
  mkdir -p "$dir"
  # the push client opens all its sessions (up to 20,000) with one service token: lift the cap of 100 per caller
  env SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:5432/$SERVICE_DB" SPRING_DATASOURCE_USERNAME="$PG_USER" \
      SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
      SPRING_DATA_REDIS_HOST="$REDIS_HOST" SPRING_DATA_REDIS_DATABASE="$REDIS_DB" \
      CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" SERVICE_PORT="$port" CONFIG_DATA_DIR="$dir" \
      CONFIGSERVICE_PUSH_MAXSESSIONSPERCALLER=30000 CONFIGSERVICE_RATELIMIT_TOKENCAPACITY="$TOKEN_RATE" \
      "${SERVICE_ENV[@]}" "$@" \
      nice -n 10 "$JAVA_BIN" -jar "$JAR" > "$OUT/service-$name.log" 2>&1 &
  LAUNCHED_PID=$!
  log "service ($name) pid $LAUNCHED_PID on port $port${*:+ with $(echo "$*" | sed 's/VAULT_TOKEN=[^ ]*/VAULT_TOKEN=…/')}"
}

await_service() {  # NAME PID BASE_URL
  await_answer "service ($1)" "$2" "$3/api/v1/health" "$OUT/service-$1.log"
  log "service ($1) healthy"
  record_jvm_flags "service ($1)" "$2"
}

# start_transit: the Vault transit stand-in (bench/transit/stand-in.sh, built from the copy's test sources) as a
# process of its own, adding --transit-latency-ms to every call
start_transit() {
  stop_transit
  log "starting the Vault transit stand-in on port $TRANSIT_PORT (latency $TRANSIT_LATENCY_MS ms per call)"
  (cd "$BUILD_DIR" && exec nice -n 10 bench/transit/stand-in.sh --port "$TRANSIT_PORT" --token "$TRANSIT_TOKEN" \
      --latency-ms "$TRANSIT_LATENCY_MS" --state "$OUT/transit-state.json") > "$OUT/transit.log" 2>&1 &
  TRANSIT_PID=$!
  for _ in $(seq 600); do  # the first start compiles the test sources
    curl -sf -o /dev/null "http://127.0.0.1:$TRANSIT_PORT/v1/sys/health" && break
    kill -0 "$TRANSIT_PID" 2>/dev/null || die "the transit stand-in exited, see $OUT/transit.log"
    sleep 0.5
  done
  curl -sf -o /dev/null "http://127.0.0.1:$TRANSIT_PORT/v1/sys/health" || die "the transit stand-in does not answer"
  echo "vault transit stand-in: separate process (bench/transit/stand-in.sh), $TRANSIT_LATENCY_MS ms added per call" \
    >> "$OUT/machine.txt"
}

# transit_calls: the stand-in's calls per operation so far, one line of JSON ({"decrypt":N,...})
transit_calls() {
  curl -sf -H "X-Vault-Token: $TRANSIT_TOKEN" "http://127.0.0.1:$TRANSIT_PORT/stand-in/calls" || echo '{}'
}

# await_answer WHAT PID URL LOG: waits up to --start-timeout s (starts are slow on a busy machine) until URL answers
# 2xx; stops the harness when PID exits first
await_answer() {
  for _ in $(seq $((START_TIMEOUT * 2))); do
    curl -sf -o /dev/null "$3" && return 0
    kill -0 "$2" 2>/dev/null || die "$1 exited, see $4"
    sleep 0.5
  done
  die "$1 not answering after $START_TIMEOUT s, see $4"
}

# record_jvm_flags WHAT PID: the JVM's flags (ergonomics included: heap, GC, compiler) in machine.txt
record_jvm_flags() {
  local jcmd
  jcmd=$(dirname "$(readlink -f "$(command -v "$JAVA_BIN")")")/jcmd
  [ -x "$jcmd" ] || jcmd=jcmd
  echo "jvm flags, $1: $("$jcmd" "$2" VM.flags 2>&1 | tail -n +2 | tr '\n' ' ')" >> "$OUT/machine.txt"
}

# start_bare: the bare baseline, a JVM of its own, answering the cached read's path with the body the service gave
start_bare() {
  local sid tok headers
  read -r sid tok < <(head -1 "$OUT/data/tokens.tsv")
  headers=$OUT/data/bare-headers.txt
  curl -sf -o /dev/null -H "X-Service-Token: $tok" "$BASE/api/v1/configurations/$sid?environment=production"
  curl -sf -D "$headers" -o "$OUT/data/bare-body.json" -H "X-Service-Token: $tok" \
    "$BASE/api/v1/configurations/$sid?environment=production" || die "the cached read of $sid failed"
  grep -q '"cached":true' "$OUT/data/bare-body.json" || die "the second read of $sid was not a cache hit"
  BARE_CONTENT_TYPE=$(awk -F': ' 'tolower($1) == "content-type" {print $2}' "$headers" | tr -d '\r')
  nice -n 10 "$JAVA_BIN" -jar "$BARE_JAR" --server.port="$BARE_PORT" --bare.body="$OUT/data/bare-body.json" \
    --bare.content-type="$BARE_CONTENT_TYPE" > "$OUT/bare.log" 2>&1 &
  BARE_PID=$!
  local url=$BARE_BASE/api/v1/configurations/$sid?environment=production
  await_answer "bare baseline" "$BARE_PID" "$url" "$OUT/bare.log"
  curl -sf "$url" | cmp -s "$OUT/data/bare-body.json" - || die "the bare baseline answers other bytes"
  log "bare baseline pid $BARE_PID: $(wc -c < "$OUT/data/bare-body.json") bytes of $BARE_CONTENT_TYPE"
  echo "bare baseline: $(wc -c < "$OUT/data/bare-body.json") B body of the cached read of $sid," \
    "Content-Type $BARE_CONTENT_TYPE" >> "$OUT/machine.txt"
  record_jvm_flags "bare baseline" "$BARE_PID"
}

# A key is one row of the report; it names the scenario wrk runs (bench/wrk/scenario.lua), the process that answers
# and the data folder. Keys not in these maps are scenarios of the service on --port with the data of phase A (the
# bare scenario goes to the bare baseline); the transit phase's keys go to their own service on their own port.
declare -A KEY_SCENARIO=() KEY_PORT=() KEY_PID=() KEY_DATA=() KEY_KEK=()
scenario_of() { echo "${KEY_SCENARIO[$1]:-$1}"; }
base_of() {  # KEY: the URL wrk sends the key's requests to
  if [ -n "${KEY_PORT[$1]:-}" ]; then echo "http://127.0.0.1:${KEY_PORT[$1]}"
  elif [ "$(scenario_of "$1")" = bare ]; then echo "$BARE_BASE"; else echo "$BASE"; fi
}
pid_of() {  # KEY: the process under test
  if [ -n "${KEY_PID[$1]:-}" ]; then echo "${KEY_PID[$1]}"
  elif [ "$(scenario_of "$1")" = bare ]; then echo "$BARE_PID"; else echo "$SERVICE_PID"; fi
}
data_of() { echo "${KEY_DATA[$1]:-$OUT/data}"; }

# check_answers FILE: stops the harness when the run in FILE had an unexpected answer (bench/wrk/scenario.lua)
check_answers() {
  local line
  line=$(cat "$1")
  if ! echo "$line" | grep -q '"unexpected":0,'; then
    echo "$line" >> "$OUT/failed.jsonl"
    die "unexpected answers in $(echo "$line" | sed 's/.*"label":"\([^"]*\)".*"statuses":\({[^}]*}\).*"unexpected":\([0-9]*\),"first_unexpected":\(.*\)}$/\1: \3 unexpected, by status \2, first: \4/')"
  fi
}

# "unsealed rows of the chained audit tables|last id of the access log"
audit_backlog() {
  psql -h "$PG_HOST" -U "$PG_USER" -d "$SERVICE_DB" -tAc "select (select count(*) from configuration_audit where chain_seq
    is null) + (select count(*) from credential_access_log where chain_seq is null) || '|' ||
    coalesce((select max(id) from configuration_access_log), 0)"
}

# Waits (up to --seal-wait s) until the audit backlog of earlier runs is sealed: no unsealed row (partial indexes make
# the check cheap) and the access log no longer growing, on two checks a second apart (longer than the access
# writer's flush interval). Prints "unsealed rows at the start, seconds waited".
wait_sealed() {
  local start now first second
  start=$(date +%s)
  first=$(audit_backlog)
  local initial=${first%%|*}
  while :; do
    sleep 1
    second=$(audit_backlog)
    if [ "${first%%|*}" = 0 ] && [ "$first" = "$second" ]; then
      echo "$initial $(( $(date +%s) - start ))"
      return
    fi
    now=$(date +%s)
    [ $((now - start)) -lt "$SEAL_WAIT" ] || die "audit backlog not sealed after $SEAL_WAIT s ($second)"
    first=$second
  done
}

recreate_db() {  # DB
  psql -h "$PG_HOST" -U "$PG_USER" -qtc "drop database if exists $1" postgres >/dev/null
  psql -h "$PG_HOST" -U "$PG_USER" -qtc "create database $1" postgres >/dev/null
  clear_redis
}

# cumulative busy and total jiffies of the machine
machine_ticks() { awk '/^cpu / {busy=$2+$3+$4+$7+$8+$9; print busy, busy+$5+$6}' /proc/stat; }
# utime+stime of a process, in jiffies
proc_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12+$13}'; }
# snapshot PID [HELPER_PID]: "busy total irq+softirq server postgresql redis helper" in jiffies, one line; the server
# is the process under test (the service, or the bare baseline for `bare`), the helper the transit stand-in
snapshot() {
  { grep '^cpu ' /proc/stat; cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v svc="$1" -v helper="${2:-0}" '
    /^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; total = busy + $5 + $6; irq = $7 + $8; next }
    {
      op = index($0, "("); cl = 0
      for (i = length($0); i > op; i--) if (substr($0, i, 1) == ")") { cl = i; break }
      comm = substr($0, op + 1, cl - op - 1)
      split(substr($0, cl + 2), f, " ")
      t = f[12] + f[13]
      if ($1 == svc) s += t; else if ($1 == helper) h += t; else if (comm == "postgres") pg += t
      else if (comm ~ /^redis-server/) r += t
    }
    END { printf "%d %d %d %d %d %d %d\n", busy, total, irq, s, pg, r, h }'
}

# Waits (up to --quiet-wait s) until the machine is nearly idle apart from the idle service; prints busy cores.
wait_quiet() {
  local waited=0 busy
  while :; do
    read -r b1 t1 < <(machine_ticks); sleep 1; read -r b2 t2 < <(machine_ticks)
    busy=$(awk -v b=$((b2 - b1)) -v t=$((t2 - t1)) -v n="$(nproc)" 'BEGIN {printf "%.2f", (t > 0 ? n * b / t : 0)}')
    waited=$((waited + 1))
    if awk -v b="$busy" 'BEGIN {exit !(b < 0.3)}' || [ $waited -ge "$QUIET_WAIT" ]; then
      echo "$busy"
      return
    fi
  done
}

# measure KEY SCENARIO RUN [RATE]: one measured wrk run; appends to http.jsonl and cpu.jsonl. A run during which
# other processes (not the service, wrk, PostgreSQL, Redis or the kernel's interrupt work) used more than
# --foreign-limit cores is repeated up to --retries times; the last attempt is kept whatever it shows.
measure() {
  local key=$1 scenario=$2 run=$3 rate=${4:-} attempt idle snap1 snap2 w start_ns end_ns cpu_line foreign sealed
  local server kek1 kek2 load
  KEY_SCENARIO[$key]=$scenario
  server=$(pid_of "$key")
  for attempt in $(seq $((RETRIES + 1))); do
    sealed=$(wait_sealed)
    idle=$(wait_quiet)
    rm -f "$OUT/.last.jsonl"
    [ -n "${KEY_KEK[$key]:-}" ] && kek1=$(transit_calls)
    snap1=$(snapshot "$server" "$TRANSIT_PID")
    start_ns=$(date +%s%N)
    w=$( { TIMEFORMAT='%U %S'; time BENCH_SCENARIO=$scenario BENCH_DATA=$(data_of "$key") BENCH_THREADS=$THREADS \
          BENCH_RATE=$rate BENCH_LABEL="$key#$run" BENCH_OUT=$OUT/.last.jsonl \
          nice -n 10 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
          -s "$BENCH_DIR/wrk/scenario.lua" "$(base_of "$key")" >> "$OUT/wrk.log" 2>&1; } 2>&1 )
    end_ns=$(date +%s%N)
    snap2=$(snapshot "$server" "$TRANSIT_PID")
    load=$(cut -d' ' -f1 /proc/loadavg)
    [ -n "${KEY_KEK[$key]:-}" ] && kek2=$(transit_calls)
    [ -s "$OUT/.last.jsonl" ] || die "wrk wrote no result for $key#$run, see $OUT/wrk.log"
    check_answers "$OUT/.last.jsonl"
    cpu_line=$(awk -v key="$key#$run" -v attempt="$attempt" -v idle="$idle" -v a="$snap1" -v b="$snap2" -v w="$w" \
        -v sealed="$sealed" -v load1="$load" \
        -v hz="$HZ" -v n="$(nproc)" -v ns=$((end_ns - start_ns)) 'BEGIN {
          split(a, x, " "); split(b, y, " "); split(w, wt, " "); secs = ns / 1e9
          machine = n * (y[1] - x[1]) / (y[2] - x[2]); irq = n * (y[3] - x[3]) / (y[2] - x[2])
          service = (y[4] - x[4]) / hz / secs; pg = (y[5] - x[5]) / hz / secs; redis = (y[6] - x[6]) / hz / secs
          transit = (y[7] - x[7]) / hz / secs; wrk = (wt[1] + wt[2]) / secs
          foreign = machine - irq - service - pg - redis - transit - wrk; if (foreign < 0) foreign = 0
          split(sealed, sl, " ")
          printf "{\"label\":\"%s\",\"attempt\":%d,\"unsealed_before\":%d,\"seal_wait_s\":%d,\"idle_before_cores\":%s,\"machine_cores\":%.2f,\"service_cores\":%.2f,\"wrk_cores\":%.2f,\"postgres_cores\":%.2f,\"redis_cores\":%.2f,\"transit_cores\":%.2f,\"irq_cores\":%.2f,\"foreign_cores\":%.2f,\"load1\":%s}", key, attempt, sl[1], sl[2], idle, machine, service, wrk, pg, redis, transit, irq, foreign, load1 }')
    foreign=$(echo "$cpu_line" | sed 's/.*"foreign_cores":\([0-9.]*\).*/\1/')
    if awk -v f="$foreign" -v l="$FOREIGN_LIMIT" 'BEGIN {exit !(f > l)}' && [ "$attempt" -le "$RETRIES" ]; then
      { cat "$OUT/.last.jsonl"; echo "$cpu_line"; } >> "$OUT/discarded.jsonl"
      log "  $key#$run: other processes used $foreign cores during the run, repeating"
      continue
    fi
    cat "$OUT/.last.jsonl" >> "$OUT/http.jsonl"
    echo "$cpu_line" >> "$OUT/cpu.jsonl"
    if [ -n "${KEY_KEK[$key]:-}" ]; then kek_line "$key#$run" "$kek1" "$kek2" "$OUT/.last.jsonl" >> "$OUT/kek.jsonl"; fi
    break
  done
  rm -f "$OUT/.last.jsonl"
  log "  $key#$run: $(tail -1 "$OUT/http.jsonl" | sed 's/.*"rps":\([0-9.]*\).*"p99_ms":\([0-9.]*\).*/\1 req\/s, p99 \2 ms/'), server $(echo "$cpu_line" | sed 's/.*"service_cores":\([0-9.]*\).*/\1/') cores, others $foreign cores"
}

# kek_line LABEL BEFORE AFTER WRK_RESULT: the transit stand-in's calls during one run (deltas per operation) and the
# key encryption key calls per read (every call that unwraps, wraps or rewraps a data key, over the run's requests)
kek_line() {
  node -e '
    const [label, before, after, result] = process.argv.slice(1);
    const a = JSON.parse(before), b = JSON.parse(after);
    const requests = JSON.parse(require("fs").readFileSync(result, "utf8").trim().split("\n").pop()).requests;
    const calls = Object.fromEntries(Object.keys(b).map((op) => [op, b[op] - (a[op] ?? 0)]).filter(([, n]) => n > 0));
    const kek = ["decrypt", "encrypt", "rewrap"].reduce((n, op) => n + (calls[op] ?? 0), 0);
    console.log(JSON.stringify({ label, requests, calls, kek_calls: kek, kek_calls_per_read: requests ? kek / requests : null }));
  ' "$1" "$2" "$3" "$4"
}

# jfr_start NAME [PID] / jfr_stop NAME [PID]: a JFR recording of the service (or PID) in bench/out/<time>/jfr/NAME.jfr
# with --jfr
jfr_start() {
  [ "$JFR" = 1 ] || return 0
  JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA_BIN")")")/jcmd  # the service's own JDK's jcmd
  [ -x "$JCMD" ] || JCMD=$(command -v jcmd) || { log "jcmd missing: no JFR"; JCMD=""; return 0; }
  mkdir -p "$OUT/jfr"
  "$JCMD" "${2:-$SERVICE_PID}" JFR.start name="$1" settings=profile filename="$OUT/jfr/$1.jfr" >/dev/null
}
jfr_stop() {
  [ "$JFR" = 1 ] && [ -n "${JCMD:-}" ] || return 0
  "$JCMD" "${2:-$SERVICE_PID}" JFR.stop name="$1" >/dev/null
  log "  JFR recording of $1: $OUT/jfr/$1.jfr"
}

# profile KEY SCENARIO: one extra, unrecorded run with a JFR recording of the key's service
profile() {
  [ "$JFR" = 1 ] || return 0
  KEY_SCENARIO[$1]=$2
  jfr_start "$1" "$(pid_of "$1")"
  BENCH_SCENARIO=$2 BENCH_DATA=$(data_of "$1") BENCH_THREADS=$THREADS nice -n 10 wrk -t"$THREADS" -c"$CONNECTIONS" \
    -d"${DURATION}s" --timeout 10s -s "$BENCH_DIR/wrk/scenario.lua" "$(base_of "$1")" >> "$OUT/wrk-jfr.log" 2>&1
  jfr_stop "$1" "$(pid_of "$1")"
}

# warm_up KEY...: the JIT needs minutes on two shared cores; rounds of WARMUP seconds per key, until every key's
# requests/s moved by less than 10 % from one round to the next (at least 2, at most --warmup-rounds rounds). Each
# round's figures go to warmup.jsonl.
warm_up() {
  local round s prev cur stable
  declare -A last=()
  for round in $(seq "$WARMUP_ROUNDS"); do
    stable=1
    for s in "$@"; do
      rm -f "$OUT/.warm.jsonl"
      BENCH_SCENARIO=$(scenario_of "$s") BENCH_DATA=$(data_of "$s") BENCH_THREADS=$THREADS \
        BENCH_LABEL="warmup-$s#$round" BENCH_OUT=$OUT/.warm.jsonl nice -n 10 wrk -t"$THREADS" -c"$CONNECTIONS" \
        -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/wrk/scenario.lua" "$(base_of "$s")" >> "$OUT/wrk-warmup.log" 2>&1
      cat "$OUT/.warm.jsonl" >> "$OUT/warmup.jsonl"
      check_answers "$OUT/.warm.jsonl"
      cur=$(sed 's/.*"rps":\([0-9.]*\).*/\1/' "$OUT/.warm.jsonl")
      prev=${last[$s]:-0}
      awk -v a="$prev" -v b="$cur" 'BEGIN {exit !(a > 0 && (b - a) / a < 0.10 && (a - b) / a < 0.10)}' || stable=0
      last[$s]=$cur
    done
    rm -f "$OUT/.warm.jsonl"
    log "  warm-up round $round: $(for s in "$@"; do printf '%s %.0f  ' "$s" "${last[$s]}"; done)"
    if [ "$round" -ge 2 ] && [ $stable = 1 ]; then break; fi
  done
  return 0
}

# push_client LABEL ARGS...: one run of the push client against the service (a JFR recording of it with --jfr);
# fails when the client does
push_client() {
  local label=$1 rc=0
  shift
  jfr_start "$label"
  nice -n 10 node "$BENCH_DIR/push/push-client.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --pid "$SERVICE_PID" \
    --label "$label" --out "$OUT/push.jsonl" "$@" >> "$OUT/push.log" 2>&1 &
  CLIENT_PID=$!
  wait "$CLIENT_PID" || rc=$?
  CLIENT_PID=""
  jfr_stop "$label"
  return $rc
}

push_run() {
  local label=$1 n=$2 writes interval
  # ~10-15 s of writes per run; with many subscribers, space the writes so that fan-outs do not overlap
  if [ "$n" -ge 5000 ]; then writes=8; interval=$((n / 8)); else writes=20; interval=500; fi
  wait_quiet > /dev/null
  if ! push_client "$label" --subscribers "$n" --writes "$writes" --interval-ms "$interval"; then
    log "  $label: push client failed (see $OUT/push.log)"
    return 0
  fi
  log "  $label: $(tail -1 "$OUT/push.jsonl" | sed 's/.*"connected":\([0-9]*\).*"deliveries":\([0-9]*\).*"p50_ms":\([0-9.]*\).*"p99_ms":\([0-9.]*\).*"max_ms":\([0-9.]*\).*/\1 sessions, \2 deliveries, p50 \3 ms, p99 \4 ms, max \5 ms/')"
}

# push_sustained_run LABEL N: N subscribers, one write every --push-period-ms for --push-seconds on a fixed schedule
# (overlapping fan-outs); the load average before and after goes to the log and push-load.txt
push_sustained_run() {
  local label=$1 n=$2
  wait_quiet > /dev/null
  echo "$label: load average before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/push-load.txt"
  push_client "$label" --subscribers "$n" --period-ms "$PUSH_PERIOD_MS" --duration-s "$PUSH_SECONDS" \
    || die "$label: push client failed (see $OUT/push.log)"
  echo "$label: load average after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/push-load.txt"
  log "  $label: $(tail -1 "$OUT/push.jsonl" | sed 's/.*"connected":\([0-9]*\).*"writes":\([0-9]*\).*"expectedDeliveries":\([0-9]*\),"deliveries":\([0-9]*\),"coalesced":\([0-9]*\),"lost":\([0-9]*\).*"finalVersionEverywhere":\([a-z]*\).*"p50_ms":\([0-9.]*\).*"p99_ms":\([0-9.]*\).*/\1 sessions, \2 writes, \4 delivered + \5 coalesced = \3 expected, \6 lost, final version everywhere: \7, p50 \8 ms, p99 \9 ms/'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

median_rps() { # median requests/s of a key in http.jsonl
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse)
      .filter(r => r.label.split("#")[0] === process.argv[2]).map(r => r.rps).sort((a, b) => a - b);
    console.log(rows.length ? rows[Math.floor(rows.length / 2)] : 0);' "$OUT/http.jsonl" "$1"
}

# ---- phase A: defaults (cache on, data-key cache off) ---------------------------------------------------------
HAVE_CRED=1
if [ -n "$ONLY" ]; then
  # --only: none of phase A; phase T seeds its own data, phase S needs only the database
  DO_PHASE_B=0
  PUSH_SUBSCRIBERS=0
  PUSH_LARGE=0
  [ "$ONLY" = transit ] && DO_PUSH=0
  [ "$ONLY" = sustained ] && { DO_HTTP=0; DO_TRANSIT=0; }
  recreate_db "$DB"
else
  recreate_db "$DB"
  start_service A
  log "seeding"
  nice -n 10 node "$BENCH_DIR/seed/seed.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --out "$OUT/data" \
    2>&1 | tee -a "$OUT/run.log" >&2
  [ -s "$OUT/data/credentials.tsv" ] || HAVE_CRED=0
  [ $HAVE_CRED = 1 ] || log "no credential API (POST /api/v1/credentials answered 404/405): credential scenarios skipped"
  start_bare
fi

if [ $DO_HTTP = 1 ] && [ -z "$ONLY" ]; then
  # sanity: the conditional scenarios rely on every production configuration being at version 1, revision 1
  read -r sid tok < <(head -1 "$OUT/data/tokens.tsv")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Service-Token: $tok" -H 'If-None-Match: "1"' \
    "$BASE/api/v1/configurations/$sid?environment=production")
  [ "$code" = 304 ] || die "If-None-Match \"1\" answered $code, not 304"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Service-Token: $tok" -H 'If-None-Match: "r1"' \
    "$BASE/api/v1/configurations/$sid/environments/production")
  [ "$code" = 304 ] || die "the effective read with If-None-Match \"r1\" answered $code, not 304"

  SCENARIOS=()
  for s in ${PHASE_A_SCENARIOS//,/ }; do
    [ "$s" = cred ] && [ $HAVE_CRED = 0 ] && continue
    SCENARIOS+=("$s")
  done
  log "phase A: warm-up (${WARMUP}s per scenario and round)"
  warm_up "${SCENARIOS[@]}"
  log "phase A: ${SCENARIOS[*]}, $RUNS runs of ${DURATION}s"
  for run in $(seq "$RUNS"); do
    for s in "${SCENARIOS[@]}"; do measure "$s" "$s" "$run"; done
  done
  if [[ " ${SCENARIOS[*]} " == *" get "* && " ${SCENARIOS[*]} " == *" bare "* ]]; then
    GET_RPS=$(median_rps get)
    PACED=$(awk -v r="$GET_RPS" 'BEGIN {printf "%d", r * 0.7}')
    log "phase A: fixed rate $PACED req/s (70 % of the median cached GET, $GET_RPS req/s)"
    for run in $(seq "$RUNS"); do
      measure paced-get get "$run" "$PACED"
      measure paced-bare bare "$run" "$PACED"
    done
  fi
  for s in "${SCENARIOS[@]}"; do [ "$s" = bare ] || profile "$s" "$s"; done
fi

if [ $DO_PUSH = 1 ] && [ "$PUSH_SUBSCRIBERS" -gt 0 ]; then
  log "phase A: push, $PUSH_SUBSCRIBERS subscribers, $RUNS runs"
  for run in $(seq "$RUNS"); do push_run "push-$PUSH_SUBSCRIBERS#$run" "$PUSH_SUBSCRIBERS"; done
fi

# ---- phase B: cache TTL 0 (uncached reads), data-key cache on --------------------------------------------------
if [ $DO_HTTP = 1 ] && [ $DO_PHASE_B = 1 ]; then
  start_service B CONFIGSERVICE_CACHE_TTL=0s CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000
  read -r sid tok < <(head -1 "$OUT/data/tokens.tsv")
  curl -s -o /dev/null -H "X-Service-Token: $tok" "$BASE/api/v1/configurations/$sid?environment=production"
  if ! curl -s -H "X-Service-Token: $tok" "$BASE/api/v1/configurations/$sid?environment=production" \
      | grep -q '"cached":false'; then
    die "CONFIGSERVICE_CACHE_TTL=0s did not disable the cache (a second read answered cached:true)"
  fi
  grep -q 'Data key cache: in-process' "$OUT/service-B.log" || log "WARNING: the data-key cache did not switch on"
  SCENARIOS=(bare get)
  KEYS=(bare-B uncached)
  if [ $HAVE_CRED = 1 ]; then SCENARIOS+=(cred); KEYS+=(cred-dkc); fi
  log "phase B (cache TTL 0 s, data-key cache on): warm-up"
  warm_up "${SCENARIOS[@]}"
  log "phase B: ${KEYS[*]}, $RUNS runs of ${DURATION}s"
  for run in $(seq "$RUNS"); do
    for i in "${!SCENARIOS[@]}"; do measure "${KEYS[$i]}" "${SCENARIOS[$i]}" "$run"; done
  done
  for i in "${!SCENARIOS[@]}"; do [ "${KEYS[$i]}" = bare-B ] || profile "${KEYS[$i]}" "${SCENARIOS[$i]}"; done
fi

# ---- phase T: credential retrieve with the Vault transit stand-in as key encryption key ---------------------------
# A database of its own (credentials, the audit chain key and the push signing key are sealed under the key
# encryption key, and phase A's are under the local master key), two services side by side on it, one with the
# data-key cache off and one with it on (CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000), measured interleaved;
# kek.jsonl has the stand-in's calls during each run.
if [ $DO_HTTP = 1 ] && [ $DO_TRANSIT = 1 ] && [ $HAVE_CRED = 1 ]; then
  start_transit
  SERVICE_DB=$TRANSIT_DB
  recreate_db "$SERVICE_DB"
  VAULT_ENV=(VAULT_URI="http://127.0.0.1:$TRANSIT_PORT" VAULT_TOKEN="$TRANSIT_TOKEN" VAULT_TRANSIT_KEY=bench)
  start_service T "${VAULT_ENV[@]}" CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=0
  grep -q 'Key encryption key: Vault transit' "$OUT/service-T.log" || die "service T does not use Vault transit"
  # the second service starts while the first one seeds (the schema is in place)
  launch_service T-dkc "$DKC_PORT" "$DATA_DIR-peer" "${VAULT_ENV[@]}" CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=10000
  PEER_PID=$LAUNCHED_PID
  log "phase T: seeding tokens and credentials under the transit key"
  nice -n 10 node "$BENCH_DIR/seed/seed.mjs" --base "$BASE" --admin-token "$ADMIN_TOKEN" --out "$OUT/data-transit" \
    --skip-configurations 2>&1 | tee -a "$OUT/run.log" >&2
  [ -s "$OUT/data-transit/credentials.tsv" ] || die "no credentials seeded under the transit key"
  await_service T-dkc "$PEER_PID" "http://127.0.0.1:$DKC_PORT"
  grep -q 'Data key cache: in-process' "$OUT/service-T-dkc.log" || die "the data-key cache did not switch on (T-dkc)"
  for key in cred-transit cred-transit-dkc; do
    KEY_SCENARIO[$key]=cred
    KEY_DATA[$key]=$OUT/data-transit
    KEY_KEK[$key]=1
  done
  KEY_PORT[cred-transit]=$PORT
  KEY_PID[cred-transit]=$SERVICE_PID
  KEY_PORT[cred-transit-dkc]=$DKC_PORT
  KEY_PID[cred-transit-dkc]=$PEER_PID
  log "phase T (Vault transit stand-in, $TRANSIT_LATENCY_MS ms per call): warm-up"
  warm_up cred-transit cred-transit-dkc
  log "phase T: cred-transit, cred-transit-dkc, $RUNS runs of ${DURATION}s"
  for run in $(seq "$RUNS"); do
    for key in cred-transit cred-transit-dkc; do measure "$key" cred "$run"; done
  done
  for key in cred-transit cred-transit-dkc; do profile "$key" cred; done
  stop_service
  stop_transit
  SERVICE_DB=$DB
fi

# ---- phase C: many subscribers ---------------------------------------------------------------------------------
if [ $DO_PUSH = 1 ] && [ "$PUSH_LARGE" -gt 0 ]; then
  EXTRA=()
  [ -n "$TOMCAT_MAX_CONNECTIONS" ] && EXTRA+=(SERVER_TOMCAT_MAX_CONNECTIONS="$TOMCAT_MAX_CONNECTIONS")
  start_service C "${EXTRA[@]}"
  log "phase C: push, $PUSH_LARGE subscribers, $RUNS runs${EXTRA:+ (${EXTRA[*]})}"
  for run in $(seq "$RUNS"); do push_run "push-$PUSH_LARGE#$run" "$PUSH_LARGE"; done
fi

# ---- phase S: sustained writes to many subscribers ------------------------------------------------------------
if [ $DO_PUSH = 1 ] && [ "$PUSH_SUSTAINED" -gt 0 ]; then
  EXTRA=()
  [ -n "$TOMCAT_MAX_CONNECTIONS" ] && EXTRA+=(SERVER_TOMCAT_MAX_CONNECTIONS="$TOMCAT_MAX_CONNECTIONS")
  start_service S "${EXTRA[@]}"
  log "phase S: push, $PUSH_SUSTAINED subscribers, a write every $PUSH_PERIOD_MS ms for $PUSH_SECONDS s${EXTRA:+ (${EXTRA[*]})}"
  push_sustained_run "push-sustained-$PUSH_SUSTAINED" "$PUSH_SUSTAINED"
fi

stop_service
stop_bare
echo "tomcat_max_connections_override: ${TOMCAT_MAX_CONNECTIONS:-none}" >> "$OUT/machine.txt"
node "$BENCH_DIR/report.mjs" "$OUT" | tee "$OUT/summary.md"
log "results in $OUT (summary.md)"
