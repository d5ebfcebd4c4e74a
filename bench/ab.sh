#!/usr/bin/env bash
# Same-run A/B of service jars on one machine, ONE command from the repository root:
#
#     bench/ab.sh --jar base=/tmp/base.jar --jar new=target/config-service-0.1.0-SNAPSHOT.jar
#
# For comparing two builds (or one build with and without a setting, --jar NAME=PATH:VAR=VALUE,...) while the
# machine is shared: every jar runs at the same time as its own replica of one service (same PostgreSQL database,
# same Redis database), beside the bare baseline (bench/bare, built by bench/run.sh or here), and the wrk runs
# alternate between them, round after round, so a change of the machine's load touches every jar alike. Besides
# requests/s (which follows the load of the machine) each run records the CPU the measured process used per
# request (utime + stime from /proc over the run), which depends far less on what else runs, and the machine's CPU
# steal over the run (vmstat's st: on a shared host the hypervisor's share, which no figure survives). The report prints
# per scenario and jar the medians over the rounds and their ratio to the first jar and to bare, with the load
# average of each round (results in bench/out/ab-<UTC time>/: runs.jsonl, summary.md, service logs).
#
# Scenarios (bench/wrk/scenario.lua): liveness, get, get-hot, cond, eff, eff-hot, cond-eff; `bare` is measured in
# every round as the reference.
#
# Options (defaults in brackets):
#   --jar NAME=PATH[:VAR=VALUE,...]   a jar to compare, with optional extra environment (repeatable; 1 or more)
#   --scenarios LIST      [get-hot,get,eff-hot,cond,liveness]
#   --rounds N            [5]
#   --duration S          seconds per run [10]
#   --warmup S            seconds of warm-up per scenario and jar before the first round [20]
#   --threads N / --connections N   wrk -t / -c [2 / 32]
#   --port N              first service port; the jars take N, N+1, ...; bare N+20 [18111]
#   --db NAME             PostgreSQL database, dropped and created [bench_ab]
#   --redis-db N          Redis database [7]
#   --token-rate N        per-token rate limit, requests/s [100000]
#   --jfr                 record the last round of every jar with JFR (default settings: the profile settings cost
#                         the service half its rate) into the results folder. The JVMs start with an in-memory
#                         recording of the same settings, so JFR's instrumentation is in place before the JIT
#                         compiles: started only for the last round it deoptimizes the compiled code, and the
#                         round measures the recompilation (a fifth of the rate, seen 2026-12-06)
#   --out DIR             results folder [bench/out/ab-<UTC time>]
# Environment: BARE_JAR  the bare baseline jar [bench/bare/target/bare-bench.jar, built when missing]
#              JFR_SETTINGS  the JFR settings of --jfr, a name or a .jfc file [default]; JFR samples at most a few
#                            threads per 20 ms period, so a busy service gives ~10 samples a second: a copy of
#                            default.jfc with `method-sampling-java-interval` at 2 ms gives about ten times as many
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
JARS=()
SCENARIOS=get-hot,get,eff-hot,cond,liveness
ROUNDS=5
DURATION=10
WARMUP=20
THREADS=2
CONNECTIONS=32
PORT=18111
DB=bench_ab
REDIS_DB=7
TOKEN_RATE=100000
JFR=0
JFR_SETTINGS=${JFR_SETTINGS:-default}
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JARS+=("$2"); shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --port) PORT=$2; shift ;;
    --db) DB=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --token-rate) TOKEN_RATE=$2; shift ;;
    --jfr) JFR=1 ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#JARS[@]} -ge 1 ] || { echo "at least one --jar NAME=PATH" >&2; exit 2; }
OUT=${OUT:-$BENCH_DIR/out/ab-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/data"
# shellcheck source=lib/processes.sh
. "$BENCH_DIR/lib/processes.sh"

BARE_JAR=${BARE_JAR:-$BENCH_DIR/bare/target/bare-bench.jar}
if [ ! -f "$BARE_JAR" ]; then
  log "building the bare baseline"
  (cd "$REPO" && ./mvnw -q -B -o -f clients package -DskipTests -pl ../bench/bare -am) > "$OUT/build-bare.log" 2>&1 \
    || die "build of bench/bare failed, see $OUT/build-bare.log"
fi
[ -d "$BENCH_DIR/push/node_modules" ] || (cd "$BENCH_DIR/push" && npm ci --silent >/dev/null 2>&1) || true

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
for pattern in 'config:bench-*' 'ratelimit:*'; do
  redis-cli -n "$REDIS_DB" --scan --pattern "$pattern" | xargs -r -n 500 redis-cli -n "$REDIS_DB" del >/dev/null
done
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"

NAMES=()
declare -A PID_OF BASE_OF
i=0
for spec in "${JARS[@]}"; do
  name=${spec%%=*}
  rest=${spec#*=}
  jar=${rest%%:*}
  extra=()
  jvm=()
  if [ "$JFR" = 1 ]; then jvm=(-XX:StartFlightRecording:name=instrument,settings=$JFR_SETTINGS,maxsize=8m); fi
  if [ "$rest" != "$jar" ]; then IFS=, read -r -a extra <<< "${rest#*:}"; fi
  port=$((PORT + i))
  [ -f "$jar" ] || die "no jar $jar"
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
      SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE="$REDIS_DB" CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" \
      SERVICE_PORT="$port" CONFIG_DATA_DIR="$OUT/data-$name" CONFIGSERVICE_RATELIMIT_TOKENCAPACITY="$TOKEN_RATE" \
      "${extra[@]}" nice -n 10 java "${jvm[@]}" -jar "$jar" > "$OUT/service-$name.log" 2>&1 &
  PID_OF[$name]=$!
  PIDS+=("$!")
  BASE_OF[$name]=http://127.0.0.1:$port
  NAMES+=("$name")
  log "$name: $jar ${extra[*]:-} pid ${PID_OF[$name]} port $port (sha256 $(sha256sum "$jar" | cut -c1-16))"
  # the first one migrates the database before the others start
  [ $i -eq 0 ] && await "${BASE_OF[$name]}/api/v1/health" "${PID_OF[$name]}" "$OUT/service-$name.log"
  i=$((i + 1))
done
for name in "${NAMES[@]}"; do await "${BASE_OF[$name]}/api/v1/health" "${PID_OF[$name]}" "$OUT/service-$name.log"; done

FIRST=${NAMES[0]}
log "seeding through $FIRST"
node "$BENCH_DIR/seed/seed.mjs" --base "${BASE_OF[$FIRST]}" --admin-token "$ADMIN_TOKEN" --out "$OUT/data" \
  > "$OUT/seed.log" 2>&1 || die "seeding failed, see $OUT/seed.log"

read -r sid tok < <(head -1 "$OUT/data/tokens.tsv")
curl -sf -o /dev/null -H "X-Service-Token: $tok" "${BASE_OF[$FIRST]}/api/v1/configurations/$sid?environment=production"
curl -sf -o "$OUT/data/bare-body.json" -H "X-Service-Token: $tok" \
  "${BASE_OF[$FIRST]}/api/v1/configurations/$sid?environment=production"
BARE_PORT=$((PORT + 20))
nice -n 10 java -jar "$BARE_JAR" --server.port="$BARE_PORT" --bare.body="$OUT/data/bare-body.json" \
  --bare.content-type=application/json > "$OUT/bare.log" 2>&1 &
PID_OF[bare]=$!
PIDS+=("$!")
BASE_OF[bare]=http://127.0.0.1:$BARE_PORT
await "${BASE_OF[bare]}/api/v1/configurations/$sid" "${PID_OF[bare]}" "$OUT/bare.log"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# run TARGET SCENARIO ROUND SECONDS [record]: one wrk run; appends a line to runs.jsonl unless ROUND is "warm"
run() {
  local target=$1 scenario=$2 round=$3 seconds=$4 pid before after load line vmstat_pid
  pid=${PID_OF[$target]}
  [ "$target" = bare ] && scenario=bare
  load=$(cut -d' ' -f1 /proc/loadavg)
  vmstat "$seconds" 2 > "$OUT/vmstat.txt" &
  vmstat_pid=$!
  before=$(cpu_ticks "$pid")
  line=$(BENCH_SCENARIO=$scenario BENCH_DATA=$OUT/data BENCH_THREADS=$THREADS BENCH_LABEL="$target" \
    nice -n 10 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/wrk/scenario.lua" \
    "${BASE_OF[$target]}" 2>>"$OUT/wrk.log" | tail -1)
  after=$(cpu_ticks "$pid")
  wait "$vmstat_pid"
  echo "$line" | grep -q '"unexpected":0,' || die "unexpected answers from $target in $scenario: $line"
  [ "$round" = warm ] && return 0
  echo "$line" | jq -c --arg t "$target" --arg s "$2" --arg r "$round" --arg l "$load" \
    --argjson vm "$(vmstat_split "$OUT/vmstat.txt")" \
    --argjson cpu "$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}')" \
    '{target: $t, scenario: $s, round: ($r | tonumber), load1: ($l | tonumber), rps, p99_ms, non_2xx,
      bytes_per_response, cpu_s: $cpu, cpu_us_per_req: ($cpu * 1e6 / .requests), steal: $vm.st}' >> "$OUT/runs.jsonl"
  log "  round $round $2 $target: $(echo "$line" | jq -r '.rps') req/s, p99 $(echo "$line" | jq -r '.p99_ms') ms," \
    "$(jq -rs 'last | .cpu_us_per_req | floor' "$OUT/runs.jsonl") µs CPU/req, load $load, steal $(jq -rs 'last | .steal' "$OUT/runs.jsonl") %"
}

IFS=, read -r -a SCEN <<< "$SCENARIOS"
log "warm-up: ${WARMUP}s per scenario and jar"
for s in "${SCEN[@]}"; do
  for t in bare "${NAMES[@]}"; do
    [ "$t" = bare ] && [ "$s" != get-hot ] && continue
    run "$t" "$s" warm "$WARMUP"
  done
done
for r in $(seq "$ROUNDS"); do
  # alternate the order of the jars from round to round
  order=("${NAMES[@]}")
  if [ $((r % 2)) -eq 0 ]; then order=(); for ((k = ${#NAMES[@]} - 1; k >= 0; k--)); do order+=("${NAMES[$k]}"); done; fi
  if [ "$JFR" = 1 ] && [ "$r" = "$ROUNDS" ]; then
    for t in "${NAMES[@]}"; do
      jcmd "${PID_OF[$t]}" JFR.start name=ab settings="$JFR_SETTINGS" filename="$OUT/$t.jfr" >/dev/null
    done
  fi
  run bare get "$r" "$DURATION"
  for s in "${SCEN[@]}"; do
    for t in "${order[@]}"; do run "$t" "$s" "$r" "$DURATION"; done
  done
done
if [ "$JFR" = 1 ]; then
  for t in "${NAMES[@]}"; do jcmd "${PID_OF[$t]}" JFR.stop name=ab >/dev/null; done
fi

{
  echo "# bench/ab.sh $(date -u +%Y-%m-%dT%H:%MZ), ${ROUNDS} rounds x ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS"
  echo
  for t in "${NAMES[@]}"; do grep "^.*$t: " "$OUT/log.txt" | head -1 | cut -d' ' -f2-; done
  echo
  echo "load average (1 min) over the runs: $(jq -s '[.[].load1] | "\(min)–\(max), median \(sort | .[length / 2 | floor])"' -r "$OUT/runs.jsonl")"
  echo
  echo "CPU steal (vmstat st) over the runs: $(jq -rs '[.[].steal] | "\(min)–\(max) %"' "$OUT/runs.jsonl") (above a few per cent, rates are the hypervisor's)"
  echo
  echo "| scenario | jar | req/s (median) | × bare | × $FIRST | µs CPU/request | CPU × $FIRST | p99 ms |"
  echo "| --- | --- | --: | --: | --: | --: | --: | --: |"
  jq -rs --arg first "$FIRST" '
    def median: sort | if length == 0 then null else .[length / 2 | floor] end;
    def med(f): map(f) | median;
    (map(select(.target == "bare")) | med(.rps)) as $bare
    | (map(select(.target == "bare")) | med(.cpu_us_per_req)) as $barecpu
    | "| bare | bare | \($bare | floor) | 1.00 | | \($barecpu | floor) | | \(map(select(.target == "bare")) | med(.p99_ms)) |",
      (group_by(.scenario)[] | select(.[0].scenario != "get" or true) | . as $runs
        | (map(select(.target == $first)) | {rps: med(.rps), cpu: med(.cpu_us_per_req)}) as $f
        | (group_by(.target)[] | select(.[0].target != "bare")
          | "| \(.[0].scenario) | \(.[0].target) | \(med(.rps) | floor) | \((med(.rps) / $bare * 100 | floor) / 100) | \((med(.rps) / $f.rps * 100 | floor) / 100) | \(med(.cpu_us_per_req) | floor) | \((med(.cpu_us_per_req) / $f.cpu * 100 | floor) / 100) | \(med(.p99_ms)) |"))
  ' "$OUT/runs.jsonl"
} > "$OUT/summary.md"
cat "$OUT/summary.md"
