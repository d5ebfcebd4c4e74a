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

. bench/lib/service.sh
parse_jar_argument "$@"
./mvnw -q -o -f clients package -DskipTests -pl ../bench/client -am

PORT=18014
OUT="bench/out"
mkdir -p "$OUT"
RESULT="$OUT/client-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
start_service $PORT bench_client 9 "$OUT/client-service.log"

echo "{\"jvm\":\"$(java -version 2>&1 | head -n 1 | tr -d '"')\",\"cpus\":$(nproc),\"loadAverage\":\"$(cat /proc/loadavg)\"}" \
  | tee -a "$RESULT"
java -Xmx2g -jar bench/client/target/client-bench.jar --url "http://127.0.0.1:$PORT" --admin-token "$TOKEN" \
  --out "$RESULT" "${PASSTHROUGH[@]}"
