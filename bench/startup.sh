#!/usr/bin/env bash
# Start-up to ready, four ways of starting the same jar. ONE command, from the repository root:
#
#     bench/startup.sh [--jar target/config-service-0.1.0-SNAPSHOT.jar] [--runs 5]
#
# "Ready" is what bench/scale/service.sh measures: from the process start to /actuator/health/readiness answering UP
# (polled every 0.1 s). The variants, each with the image's ENTRYPOINT flags (-XX:MaxRAMPercentage=75
# -XX:+ExitOnOutOfMemoryError):
#   a  java -jar of the fat jar
#   b  the jar extracted as docker/Dockerfile does (java -Djarmode=tools -jar app.jar extract --layers, the layers
#      copied into one directory), started with java -jar app.jar
#   c  b with the class data sharing archive of a training run (-XX:SharedArchiveFile=app.jsa)
#   d  b on the JDK 25 of --java25 with its AOT cache (-XX:AOTCache=app.aot); left out when that JDK is missing
# The training runs are the Dockerfile's (docker/Dockerfile says why each flag): the extracted application with
# -Xmx1g -Dspring.context.exit=onRefresh (it stops once every singleton is created, before the web server, the broker
# relay and the schedulers start), on the embedded PostgreSQL in a throw-away data directory, with
# SPRING_DATA_REDIS_HOST and BROKER_RELAY_HOST set so the Redis and relay configuration is trained too (neither
# connects before the refresh ends); nothing else from the environment. The context exit halts the JVM without
# running shutdown hooks, so the script stops the training's embedded PostgreSQL itself (the image build does not need
# to: its build container ends with the RUN).
#
# The measured starts run on PostgreSQL database --db of this machine (dropped and created, then migrated by one
# start that is not counted), Redis database --redis-db and the local RabbitMQ (STOMP relay and Spring Cloud Bus),
# interleaved a, b, c, d, a, b, c, d, ... so that other load on the machine falls on every variant alike.
# --jfr VARIANT adds one more start of that variant with a JFR recording (settings=profile) from the JVM's start to
# ready (bench/jfr-top.sh reads it).
# Results: bench/out/startup-<UTC time>/results.jsonl (one line per start, with the load average) and summary.md
# (median, min, max per variant, the commands, the load average over the run).
#
# Options [defaults]: --jar PATH [target/config-service-*.jar] --runs N [5] --variants LIST [a,b,c,d] --port N [18071]
#   --db NAME [startup] --redis-db N [12] --java25 JDK_HOME [/usr/lib/jvm/temurin-25-jdk-amd64] --jfr VARIANT
#   --out DIR
# Needs: JDK 17 (java, jcmd), psql, redis-cli, curl; PostgreSQL on 127.0.0.1:5432 as postgres, Redis on 6379,
# RabbitMQ with STOMP on 61613 and AMQP on 5672 (guest/guest).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=$(ls target/config-service-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
RUNS=5 VARIANTS=a,b,c,d PORT=18071 DB=startup REDIS_DB=12 JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64 JFR="" OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --variants) VARIANTS=$2; shift ;;
    --port) PORT=$2; shift ;;
    --db) DB=$2; shift ;;
    --redis-db) REDIS_DB=$2; shift ;;
    --java25) JAVA25=$2; shift ;;
    --jfr) JFR=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$JAR" ] && [ -f "$JAR" ] || { echo "no jar: build it with ./mvnw -DskipTests package or pass --jar" >&2; exit 2; }
JAR=$(realpath "$JAR")
OUT=${OUT:-$BENCH_DIR/out/startup-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
IFS=, read -r -a VARIANT_LIST <<<"$VARIANTS"
if [[ " ${VARIANT_LIST[*]} " == *" d "* ]] && [ ! -x "$JAVA25/bin/java" ]; then
  echo "no JDK at $JAVA25: variant d left out" >&2
  VARIANT_LIST=("${VARIANT_LIST[@]/d/}")
fi
JAVA17=$(command -v java)
IMAGE_FLAGS=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError)
ADMIN_TOKEN="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
RESULTS=$OUT/results.jsonl
APP=$OUT/app

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "$(date -u +%H:%M:%S) [load $(loadavg)] $*" | tee -a "$OUT/run.log"; }

# SERVICE_PID, await_ready and stop_service (also on exit); the variants start with start() below, not start_service
# shellcheck source=scale/service.sh
source "$BENCH_DIR/scale/service.sh"

# The java command line of a variant (run in $APP, except a).
command_of() {
  case "$1" in
    a) echo "$JAVA17 ${IMAGE_FLAGS[*]} -jar $OUT/app.jar" ;;
    b) echo "$JAVA17 ${IMAGE_FLAGS[*]} -jar app.jar" ;;
    c) echo "$JAVA17 -XX:SharedArchiveFile=app.jsa ${IMAGE_FLAGS[*]} -jar app.jar" ;;
    d) echo "$JAVA25/bin/java -XX:AOTCache=app.aot ${IMAGE_FLAGS[*]} -jar app.jar" ;;
  esac
}

# The image build's extraction: the layers copied into one directory in the Dockerfile's order (cp -p keeps the
# modification times, as COPY does; the archive records them and is refused by a start whose jars differ).
extract() {
  cp "$JAR" "$OUT/app.jar"
  (cd "$OUT" && "$JAVA17" -Djarmode=tools -jar app.jar extract --layers --destination layers)
  mkdir -p "$APP"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -rp "$OUT/layers/$layer/." "$APP/"
  done
}

# train NAME JAVA FLAG...: the Dockerfile's training run in $APP, timed; stops the embedded PostgreSQL it leaves.
train() {
  local name=$1 java=$2 started data=$OUT/training-$1 status=0; shift 2
  started=$(date +%s%N)
  (cd "$APP" && env -i PATH="$PATH" HOME="$HOME" CONFIG_DATA_DIR="$data" SPRING_DATA_REDIS_HOST=127.0.0.1 \
      BROKER_RELAY_HOST=127.0.0.1 "$java" "$@" -Xmx1g -Dspring.context.exit=onRefresh -jar app.jar) \
      > "$OUT/training-$name.log" 2>&1 || status=$?
  if [ -f "$data/pg/postmaster.pid" ]; then
    kill "$(head -n 1 "$data/pg/postmaster.pid")" 2>/dev/null || true
  fi
  [ "$status" = 0 ] || { log "training run $name failed ($status), see $OUT/training-$name.log"; exit 1; }
  log "training run $name: $(( ($(date +%s%N) - started) / 1000000 )) ms, $(du -h "$APP/app.$name" | cut -f1)"
  echo "{\"kind\":\"training\",\"variant\":\"$name\",\"ms\":$(( ($(date +%s%N) - started) / 1000000 ))}" >> "$RESULTS"
}

# cpu_ms PID: the CPU time the process has used (user + system), which other load on the machine inflates far less
# than the wall-clock time.
cpu_ms() {
  awk -v tick="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tick) }' "/proc/$1/stat"
}

# start VARIANT NAME [JVM FLAG...]: starts the variant on the database, sets SERVICE_PID, STARTUP_MS and STARTUP_CPU_MS.
start() {
  local variant=$1 name=$2 started dir=$APP; shift 2
  [ "$variant" = a ] && dir=$OUT
  started=$(date +%s%N)
  # shellcheck disable=SC2046 # the command line is split on purpose
  (cd "$dir" && exec env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
      SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
      SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE="$REDIS_DB" BROKER_RELAY_HOST=127.0.0.1 \
      CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" SERVICE_PORT="$PORT" CONFIG_DATA_DIR="$OUT/service-data" \
      $(command_of "$variant" | sed "s| -jar | $* -jar |")) >> "$OUT/service-$name.log" 2>&1 &
  SERVICE_PID=$!
  await_ready "$name" "$started" 300
  STARTUP_CPU_MS=$(cpu_ms "$SERVICE_PID")
}

log "jar $JAR, variants ${VARIANT_LIST[*]}, $RUNS runs, database $DB, Redis database $REDIS_DB"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -qc "CREATE DATABASE $DB"
redis-cli -h 127.0.0.1 -n "$REDIS_DB" FLUSHDB >/dev/null
extract
for variant in "${VARIANT_LIST[@]}"; do
  case "$variant" in
    c) train jsa "$JAVA17" -XX:ArchiveClassesAtExit=app.jsa ;;
    d) train aot "$JAVA25/bin/java" -XX:AOTCacheOutput=app.aot ;;
  esac
done

start a migrate
log "first start (migrations on the empty database, not counted): $STARTUP_MS ms"
stop_service

for run in $(seq 1 "$RUNS"); do
  for variant in "${VARIANT_LIST[@]}"; do
    [ -n "$variant" ] || continue
    start "$variant" "$variant"
    sentence=$(grep -o 'Started ConfigServiceApplication in [0-9.]* seconds (process running for [0-9.]*)' \
        "$OUT/service-$variant.log" | tail -n 1)
    log "run $run, $variant: ready after $STARTUP_MS ms, $STARTUP_CPU_MS ms of CPU; $sentence"
    echo "{\"kind\":\"start\",\"variant\":\"$variant\",\"run\":$run,\"ms\":$STARTUP_MS,\"cpu_ms\":$STARTUP_CPU_MS,\
\"loadavg\":\"$(loadavg)\"}" >> "$RESULTS"
    stop_service
  done
done

if [ -n "$JFR" ]; then
  start "$JFR" "jfr-$JFR" "-XX:StartFlightRecording=name=startup,settings=profile"
  jcmd=jcmd
  [ "$JFR" = d ] && jcmd=$JAVA25/bin/jcmd
  "$jcmd" "$SERVICE_PID" JFR.dump name=startup filename="$OUT/startup-$JFR.jfr" >/dev/null
  log "JFR of variant $JFR (ready after $STARTUP_MS ms with the recording): $OUT/startup-$JFR.jfr"
  stop_service
fi

# statistics VARIANT FIELD: "median | min | max" of a field of the variant's starts
statistics() {
  grep "\"kind\":\"start\",\"variant\":\"$1\"" "$RESULTS" | grep -o "\"$2\":[0-9]*" | cut -d: -f2 | sort -n \
    | awk '{ v[NR] = $1 }
        END { printf "%d | %d | %d", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
}

{
  echo "# Start-up to ready, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Jar \`$JAR\`, $RUNS starts per variant, interleaved; database \`$DB\` (migrated by a first start that is not"
  echo "counted). Load average (1, 5, 15 min) at the end: $(loadavg); over the starts (1 min):" \
    "$(grep -o '"loadavg":"[0-9.]*' "$RESULTS" | cut -d'"' -f4 | sort -n | sed -n '1p;$p' | paste -sd- -)."
  echo
  echo "| variant | ready: median ms | min ms | max ms | CPU to ready: median ms | min ms | max ms |" \
    "command (in the extracted directory, except a) |"
  echo "| --- | --: | --: | --: | --: | --: | --: | --- |"
  for variant in "${VARIANT_LIST[@]}"; do
    [ -n "$variant" ] || continue
    echo "| $variant | $(statistics "$variant" ms) | $(statistics "$variant" cpu_ms) | \`$(command_of "$variant")\` |"
  done
  echo
  echo "Training runs (ms): $(grep -o '"kind":"training","variant":"[a-z]*","ms":[0-9]*' "$RESULTS" \
      | sed 's/.*variant":"\([a-z]*\)","ms":\([0-9]*\)/\1 \2/' | paste -sd, -)."
} > "$OUT/summary.md"
cat "$OUT/summary.md"
