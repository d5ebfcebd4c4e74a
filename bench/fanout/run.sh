#!/usr/bin/env bash
# Fan-out cost of one write (issue 14, item 6), one command from the repository root:
#
#     bench/fanout/run.sh [--jar PATH] [--children 50] [--keys 2000] [--writes 200] [--warmup-seconds 60]
#
# Starts the built jar (default target/config-service-*.jar; build it with ./mvnw -DskipTests package) on a fresh
# PostgreSQL database `bench_fanout` and Redis database 8 on this machine, port 18012, then runs
# bench/fanout/fanout.mjs twice (without and with a JSON Schema): a parent environment with N children and a K-key
# document, each write interleaved with the same write to an environment without children. The figures are
# appended to bench/out/fanout-<UTC time>.jsonl and printed. FANOUT_JAVA_OPTIONS adds JVM options, for example a
# JFR recording: FANOUT_JAVA_OPTIONS=-XX:StartFlightRecording=filename=bench/out/fanout.jfr (then bench/jfr-top.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=$(ls target/config-service-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
PASSTHROUGH=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    *) PASSTHROUGH+=("$1" "$2"); shift 2 ;;
  esac
done
[ -n "$JAR" ] && [ -f "$JAR" ] || { echo "no jar: build it with ./mvnw -DskipTests package or pass --jar" >&2; exit 1; }

PORT=18012
DB=bench_fanout
TOKEN="bench-fanout-admin-$(openssl rand -hex 16)"
OUT="bench/out"
mkdir -p "$OUT"
RESULT="$OUT/fanout-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
DATA=$(mktemp -d)

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -qc "CREATE DATABASE $DB"
redis-cli -h 127.0.0.1 -n 8 FLUSHDB >/dev/null

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE=8 CONFIG_ADMIN_TOKEN="$TOKEN" CONFIG_DATA_DIR="$DATA" \
SERVICE_PORT=$PORT java ${FANOUT_JAVA_OPTIONS:-} -jar "$JAR" >"$OUT/fanout-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "service did not start" >&2; exit 1; }

echo "JVM: $(java -version 2>&1 | head -n 1); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc \
  "SELECT current_setting('synchronous_commit') || ' synchronous_commit, fsync ' || current_setting('fsync')")" \
  | tee -a "$RESULT"
for schema in "" "--schema"; do
  node bench/fanout/fanout.mjs --url "http://127.0.0.1:$PORT" --token "$TOKEN" "${PASSTHROUGH[@]}" $schema \
    | tee -a "$RESULT"
done
