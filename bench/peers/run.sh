#!/usr/bin/env bash
# Same-run comparison with a peer, a stock Spring Cloud Config Server, ONE command from the repository root:
#
#     bench/peers/run.sh --jar target/config-service-0.1.0-SNAPSHOT.jar
#
# Starts the service jar on a fresh PostgreSQL database and a Redis database of its own, seeds it with
# bench/seed/seed.mjs, takes every service's effective production document from the service's answers
# (GET /api/v1/configurations/{id}/environments/production, .data.configuration) and writes it as
# {id}-production.yml (JSON, which is YAML) into the native folder of the peer (bench/peers/scc-server:
# @EnableConfigServer, the native profile, Spring Security's HTTP Basic, nothing tuned). Before measuring it checks one service: the property sources of both answers, flattened,
# must hold the same keys and values. The bare baseline (bench/bare, as bench/ab.sh starts it) is the reference.
#
# Scenarios (bench/wrk/scenario.lua, every request for a service picked at random, wrk -t2 -c32), each warmed up
# once, then measured in --rounds interleaved rounds (the order reversed every other round):
#   ours-scc   GET /config-server/{id}/production, X-Service-Token of that service, Accept: application/json
#   peer-scc   GET /{id}/production on the peer, Authorization: Basic, Accept: application/json
#   ours-eff   GET /api/v1/configurations/{id}/environments/production on the service (its own effective read)
#   bare       the bare process, as in bench/ab.sh
# Each run records req/s, p50/p99, the non-2xx answers (any stops the harness), bytes per response, the CPU the
# measured process used per request (utime + stime from /proc), the load average and vmstat's us/sy/st (CPU steal)
# over the run. Results in bench/out/peers-<UTC time>/: runs.jsonl, summary.md, the processes' logs.
#
# Options (defaults in brackets):
#   --jar PATH            the service jar (required)
#   --rounds N            [3]
#   --duration S          seconds per run [10]
#   --warmup S            seconds of warm-up per scenario before the first round [30]
#   --services N          services seeded, 4 environments each [200]
#   --threads N / --connections N   wrk -t / -c [2 / 32]
#   --port N              the service's port; the peer takes N+1, bare N+2 [19610]
#   --db NAME             PostgreSQL database, dropped and created [peers_bench]
#   --redis-db N          Redis database [11]
#   --token-rate N        per-token rate limit of the service, requests/s [100000]
#   --out DIR             results folder [bench/out/peers-<UTC time>]
# Environment: BARE_JAR  the bare baseline jar [bench/bare/target/bare-bench.jar, built when missing]
#              SCC_JAR   the peer's jar [bench/peers/scc-server/target/scc-server.jar, built when missing]
set -euo pipefail

PEERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_DIR=$(dirname "$PEERS_DIR")
REPO=$(dirname "$BENCH_DIR")
JAR=""
ROUNDS=3
DURATION=10
WARMUP=30
SERVICES=200
THREADS=2
CONNECTIONS=32
PORT=19610
DB=peers_bench
REDIS_DB=11
TOKEN_RATE=100000
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --services) SERVICES=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --port) PORT=$2; shift ;;
    --db) DB=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --token-rate) TOKEN_RATE=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$JAR" ] || { echo "--jar PATH of the service jar is required" >&2; exit 2; }
[ -f "$JAR" ] || { echo "no jar $JAR" >&2; exit 2; }
OUT=${OUT:-$BENCH_DIR/out/peers-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/data" "$OUT/native"
# shellcheck source=../lib/processes.sh
. "$BENCH_DIR/lib/processes.sh"

# build MODULE JAR: package a module of clients/pom.xml when its jar is missing
build() {
  [ -f "$2" ] && return 0
  log "building $1"
  (cd "$REPO" && ./mvnw -q -B -f clients package -DskipTests -pl "../$1" -am) > "$OUT/build-$(basename "$1").log" 2>&1 \
    || die "build of $1 failed, see $OUT/build-$(basename "$1").log"
}
BARE_JAR=${BARE_JAR:-$BENCH_DIR/bare/target/bare-bench.jar}
SCC_JAR=${SCC_JAR:-$PEERS_DIR/scc-server/target/scc-server.jar}
build bench/bare "$BARE_JAR"
build bench/peers/scc-server "$SCC_JAR"

PGOPTIONS=--client-min-messages=warning psql -q -h 127.0.0.1 -U postgres \
  -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
for pattern in 'config:bench-*' 'ratelimit:*'; do
  redis-cli -n "$REDIS_DB" --scan --pattern "$pattern" | xargs -r -n 500 redis-cli -n "$REDIS_DB" del >/dev/null
done
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
PEER_USER=bench
PEER_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
BASIC="Basic $(printf '%s:%s' "$PEER_USER" "$PEER_PASSWORD" | base64 -w0)"

declare -A PID_OF BASE_OF
BASE_OF[ours]=http://127.0.0.1:$PORT
BASE_OF[peer]=http://127.0.0.1:$((PORT + 1))
BASE_OF[bare]=http://127.0.0.1:$((PORT + 2))

env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE="$REDIS_DB" CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" \
    SERVICE_PORT="$PORT" CONFIG_DATA_DIR="$OUT/data-ours" CONFIGSERVICE_RATELIMIT_TOKENCAPACITY="$TOKEN_RATE" \
    nice -n 10 java -jar "$JAR" > "$OUT/service-ours.log" 2>&1 &
PID_OF[ours]=$!
PIDS+=("$!")
log "ours: $JAR pid ${PID_OF[ours]} port $PORT (sha256 $(sha256sum "$JAR" | cut -c1-16))"
await "${BASE_OF[ours]}/api/v1/health" "${PID_OF[ours]}" "$OUT/service-ours.log"

log "seeding $SERVICES services"
node "$BENCH_DIR/seed/seed.mjs" --base "${BASE_OF[ours]}" --admin-token "$ADMIN_TOKEN" --out "$OUT/data" \
  --services "$SERVICES" --credentials 0 > "$OUT/seed.log" 2>&1 || die "seeding failed, see $OUT/seed.log"

log "writing the services' effective production documents into the peer's native folder"
while read -r sid tok; do
  curl -sf -H "X-Service-Token: $tok" "${BASE_OF[ours]}/api/v1/configurations/$sid/environments/production" \
    | jq '.data.configuration' > "$OUT/native/$sid-production.yml" || die "no effective production document of $sid"
  [ "$(jq -r type "$OUT/native/$sid-production.yml")" = object ] || die "the effective document of $sid is no object"
done < "$OUT/data/tokens.tsv"

nice -n 10 java -jar "$SCC_JAR" --server.port="$((PORT + 1))" --spring.profiles.active=native \
  --spring.cloud.config.server.native.search-locations="file:$OUT/native/" \
  --spring.security.user.name="$PEER_USER" --spring.security.user.password="$PEER_PASSWORD" > "$OUT/peer.log" 2>&1 &
PID_OF[peer]=$!
PIDS+=("$!")
SCC_VERSION=$(unzip -l "$SCC_JAR" | grep -o 'spring-cloud-config-server-[^/]*\.jar' | sed 's/^spring-cloud-config-server-//; s/\.jar$//')
log "peer: Spring Cloud Config Server $SCC_VERSION pid ${PID_OF[peer]} port $((PORT + 1))"

read -r sid tok < <(head -1 "$OUT/data/tokens.tsv")
curl -sf -o "$OUT/data/bare-body.json" -H "X-Service-Token: $tok" \
  "${BASE_OF[ours]}/api/v1/configurations/$sid?environment=production" || die "no document of $sid for bare"
nice -n 10 java -jar "$BARE_JAR" --server.port="$((PORT + 2))" --bare.body="$OUT/data/bare-body.json" \
  --bare.content-type=application/json > "$OUT/bare.log" 2>&1 &
PID_OF[bare]=$!
PIDS+=("$!")
await "${BASE_OF[peer]}/$sid/production" "${PID_OF[peer]}" "$OUT/peer.log" -H "Authorization: $BASIC"
await "${BASE_OF[bare]}/api/v1/configurations/$sid" "${PID_OF[bare]}" "$OUT/bare.log"

# The sample check: the same properties from both servers (name, label, version and state differ by design).
curl -sf -H "X-Service-Token: $tok" -H 'Accept: application/json' "${BASE_OF[ours]}/config-server/$sid/production" \
  > "$OUT/data/check-ours.json" || die "GET /config-server/$sid/production failed on the service"
curl -sf -H "Authorization: $BASIC" -H 'Accept: application/json' "${BASE_OF[peer]}/$sid/production" \
  > "$OUT/data/check-peer.json" || die "GET /$sid/production failed on the peer"
flatten() { jq -S '[.propertySources | reverse[] | .source] | add // {}' "$1"; }
flatten "$OUT/data/check-ours.json" > "$OUT/data/check-ours.properties.json"
flatten "$OUT/data/check-peer.json" > "$OUT/data/check-peer.properties.json"
if ! cmp -s "$OUT/data/check-ours.properties.json" "$OUT/data/check-peer.properties.json"; then
  diff "$OUT/data/check-ours.properties.json" "$OUT/data/check-peer.properties.json" > "$OUT/data/check.diff" || true
  head -20 "$OUT/data/check.diff" | tee -a "$OUT/log.txt"
  die "the service and the peer give $sid/production different properties (< service, > peer; $OUT/data/check.diff)"
fi
[ "$(jq length "$OUT/data/check-ours.properties.json")" -gt 0 ] || die "no properties for $sid/production"
log "check: $sid/production has the same $(jq length "$OUT/data/check-ours.properties.json") properties on both"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# run NAME ROUND SECONDS: one wrk run of scenario NAME; appends a line to runs.jsonl unless ROUND is "warm"
run() {
  local name=$1 round=$2 seconds=$3 target scenario pid before after load line vmstat_pid
  case "$name" in
    ours-scc) target=ours scenario=scc ;;
    peer-scc) target=peer scenario=scc-peer ;;
    ours-eff) target=ours scenario=eff ;;
    bare) target=bare scenario=bare ;;
  esac
  pid=${PID_OF[$target]}
  load=$(cut -d' ' -f1 /proc/loadavg)
  vmstat "$seconds" 2 > "$OUT/vmstat.txt" &
  vmstat_pid=$!
  before=$(cpu_ticks "$pid")
  line=$(BENCH_SCENARIO=$scenario BENCH_DATA=$OUT/data BENCH_THREADS=$THREADS BENCH_LABEL="$name" BENCH_BASIC="$BASIC" \
    nice -n 10 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/wrk/scenario.lua" \
    "${BASE_OF[$target]}" 2>>"$OUT/wrk.log" | tail -1)
  after=$(cpu_ticks "$pid")
  wait "$vmstat_pid"
  echo "$line" | grep -q '"unexpected":0,' || die "unexpected answers in $name: $line"
  [ "$round" = warm ] && return 0
  echo "$line" | jq -c --arg r "$round" --arg l "$load" --argjson vm "$(vmstat_split "$OUT/vmstat.txt")" \
    --argjson cpu "$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}')" \
    '{scenario: .label, round: ($r | tonumber), load1: ($l | tonumber), rps, p50_ms, p99_ms, non_2xx,
      socket_errors: (.errors.connect + .errors.read + .errors.write + .errors.timeout), bytes_per_response,
      cpu_s: $cpu, cpu_us_per_req: ($cpu * 1e6 / .requests), us: $vm.us, sy: $vm.sy, steal: $vm.st}' >> "$OUT/runs.jsonl"
  log "  round $round $name: $(jq -rs 'last | "\(.rps | floor) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms,
    \(.cpu_us_per_req | floor) µs CPU/req, \(.bytes_per_response | floor) B/resp, load \(.load1), st \(.steal) %"
    | gsub("\\s+"; " ")' "$OUT/runs.jsonl")"
}

NAMES=(bare ours-scc peer-scc ours-eff)
log "warm-up: ${WARMUP}s per scenario"
for name in "${NAMES[@]}"; do run "$name" warm "$WARMUP"; done
for r in $(seq "$ROUNDS"); do
  order=("${NAMES[@]}")
  if [ $((r % 2)) -eq 0 ]; then order=(); for ((k = ${#NAMES[@]} - 1; k >= 0; k--)); do order+=("${NAMES[$k]}"); done; fi
  for name in "${order[@]}"; do run "$name" "$r" "$DURATION"; done
done

COMMIT=$(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo "+changes")
{
  echo "# bench/peers/run.sh $(date -u +%Y-%m-%dT%H:%MZ), ${ROUNDS} rounds x ${DURATION}s (warm-up ${WARMUP}s)," \
    "wrk -t$THREADS -c$CONNECTIONS, $SERVICES services"
  echo
  echo "- ours: $(basename "$JAR") (sha256 $(sha256sum "$JAR" | cut -c1-16)), checkout $COMMIT"
  echo "- peer: stock Spring Cloud Config Server $SCC_VERSION (native profile, HTTP Basic), bench/peers/scc-server"
  echo "- $(nproc) CPUs; load average (1 min) over the runs: $(jq -rs '[.[].load1] | "\(min)–\(max)"' "$OUT/runs.jsonl");" \
    "CPU steal (vmstat st) over the runs: $(jq -rs '[.[].steal] | "\(min)–\(max) %"' "$OUT/runs.jsonl")"
  echo
  echo "Medians over the rounds (socket errors: wrk's connect, read, write and timeout errors, summed). µs CPU/req: the"
  echo "measured process's utime + stime per request."
  echo
  echo "| scenario | req/s | × bare | p50 ms | p99 ms | µs CPU/req | CPU × bare | B/resp | socket errors | load | st % |"
  echo "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |"
  jq -rs '
    def median: sort | .[length / 2 | floor];
    def r2: (. * 100 | round) as $n | "\($n / 100 | floor).\($n % 100 | tostring | if length < 2 then "0" + . else . end)";
    def rate: if . < 100 then (. * 10 | round) / 10 else floor end;
    def stats($s): map(select(.scenario == $s)) | {rps: (map(.rps) | median), p50: (map(.p50_ms) | median),
      p99: (map(.p99_ms) | median), cpu: (map(.cpu_us_per_req) | median), bytes: (map(.bytes_per_response) | median),
      errors: (map(.socket_errors) | add), load: (map(.load1) | median), steal: (map(.steal) | median)};
    stats("bare") as $bare | stats("ours-scc") as $o | stats("peer-scc") as $p
    | (["bare", "ours-scc", "peer-scc", "ours-eff"][] as $s | stats($s)
        | "| \($s) | \(.rps | rate) | \(.rps / $bare.rps | r2) | \(.p50) | \(.p99) | \(.cpu | floor)"
          + " | \(.cpu / $bare.cpu | r2) | \(.bytes | floor) | \(.errors) | \(.load) | \(.steal) |"),
      "",
      "ours-scc / peer-scc: \($o.rps | rate) / \($p.rps | rate) req/s = **\($o.rps / $p.rps | r2)×**; CPU per request"
        + " \($o.cpu | floor) / \($p.cpu | floor) µs (the peer \($p.cpu / $o.cpu | r2)× ours); p99 \($o.p99) / \($p.p99) ms"
  ' "$OUT/runs.jsonl"
} > "$OUT/summary.md"
cat "$OUT/summary.md"
