#!/usr/bin/env bash
# Fan-out cost of one write (issue 14, item 6), one command from the repository root:
#
#     bench/fanout/run.sh [--jar PATH] [--children 50] [--keys 2000] [--writes 200] [--warmup-seconds 60]
#
# Starts the built jar (default target/config-service-*.jar; build it with ./mvnw -DskipTests package) on a fresh
# PostgreSQL database `bench_fanout` and Redis database 8 on this machine, port 18013, then runs
# bench/fanout/fanout.mjs twice (without and with a JSON Schema): a parent environment with N children and a K-key
# document, each write interleaved with the same write to an environment without children. The figures are
# appended to bench/out/fanout-<UTC time>.jsonl and printed. FANOUT_JAVA_OPTIONS adds JVM options, for example a
# JFR recording: FANOUT_JAVA_OPTIONS=-XX:StartFlightRecording=filename=bench/out/fanout.jfr (then bench/jfr-top.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib/service.sh
parse_jar_argument "$@"

PORT=18013
DB=bench_fanout
OUT="bench/out"
mkdir -p "$OUT"
RESULT="$OUT/fanout-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
start_service $PORT $DB 8 "$OUT/fanout-service.log" "${FANOUT_JAVA_OPTIONS:-}"

echo "JVM: $(java -version 2>&1 | head -n 1); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc \
  "SELECT current_setting('synchronous_commit') || ' synchronous_commit, fsync ' || current_setting('fsync')")" \
  | tee -a "$RESULT"
for schema in "" "--schema"; do
  node bench/fanout/fanout.mjs --url "http://127.0.0.1:$PORT" --token "$TOKEN" "${PASSTHROUGH[@]}" $schema \
    | tee -a "$RESULT"
done
