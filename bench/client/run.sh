#!/usr/bin/env bash
# Client benchmark (issue 15): time from a committed write to the application's bean holding the new value, p50/p99,
# with 1 and with 100 application instances. One command from the repository root:
#
#     bench/client/run.sh [--jar PATH] [--instances 1,100] [--writes 200] [--warmup 20]
#
# Builds the benchmark (bench/client, a module of clients/pom.xml) against this checkout's starter, starts the
# server's built jar (default target/config-service-*.jar; build it with ./mvnw -DskipTests package) on a fresh
# PostgreSQL database `bench_client` and Redis database 9 on this machine, port 18014, in-process STOMP broker, then
# runs the benchmark in a second JVM: for each instance count, that many Spring Boot application contexts (each with
# its own client, token, STOMP session and snapshot) import one service's configuration, and writes are made one at a
# time. Results (JSON lines, with the load average) are appended to bench/out/client-<UTC time>.jsonl and printed.
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

./mvnw -q -o -f clients package -DskipTests -pl ../bench/client -am

PORT=18014
DB=bench_client
TOKEN="bench-client-admin-$(openssl rand -hex 16)"
OUT="bench/out"
mkdir -p "$OUT"
RESULT="$OUT/client-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
DATA=$(mktemp -d)

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -qc "CREATE DATABASE $DB"
redis-cli -h 127.0.0.1 -n 9 FLUSHDB >/dev/null

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE=9 CONFIG_ADMIN_TOKEN="$TOKEN" CONFIG_DATA_DIR="$DATA" \
SERVICE_PORT=$PORT java -jar "$JAR" >"$OUT/client-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "service did not start" >&2; exit 1; }

echo "{\"jvm\":\"$(java -version 2>&1 | head -n 1 | tr -d '"')\",\"cpus\":$(nproc),\"loadAverage\":\"$(cat /proc/loadavg)\"}" \
  | tee -a "$RESULT"
java -Xmx2g -jar bench/client/target/client-bench.jar --url "http://127.0.0.1:$PORT" --admin-token "$TOKEN" \
  --out "$RESULT" "${PASSTHROUGH[@]}"
