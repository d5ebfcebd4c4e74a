# Shared by bench/scale/run.sh, bench/scale/put-ab.sh and bench/startup.sh (sourced). Expects OUT, PORT, REDIS_DB, ADMIN_TOKEN and a
# log function. start_service NAME JAR DATABASE [VAR=value ...] starts the jar on an existing PostgreSQL database,
# waits until /actuator/health/readiness is UP and sets SERVICE_PID and STARTUP_MS (process start to ready);
# stop_service stops it (also on exit). await_ready NAME STARTED_NS TIMEOUT_S waits for the process SERVICE_PID started at
# STARTED_NS (date +%s%N) to be ready and sets STARTUP_MS; it exits the script when the process dies or the time is up.
SERVICE_PID=""
STARTUP_MS=""

stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}
trap stop_service EXIT

start_service() {
  local name=$1 jar=$2 database=$3 started; shift 3
  stop_service
  mkdir -p "$OUT/service-data"
  started=$(date +%s%N)
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$database" SPRING_DATASOURCE_USERNAME=postgres \
      SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" SPRING_DATA_REDIS_HOST=127.0.0.1 \
      SPRING_DATA_REDIS_DATABASE="$REDIS_DB" CONFIG_ADMIN_TOKEN="$ADMIN_TOKEN" SERVICE_PORT="$PORT" \
      CONFIG_DATA_DIR="$OUT/service-data" CONFIGSERVICE_RATELIMIT_TOKENCAPACITY=100000 "$@" \
      java -jar "$jar" >> "$OUT/service-$name.log" 2>&1 &
  SERVICE_PID=$!
  await_ready "$name" "$started" 900
  log "service $name on $database ready after $STARTUP_MS ms"
}

await_ready() {
  local name=$1 started=$2 timeout_s=$3
  for _ in $(seq $((timeout_s * 10))); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "service $name exited, see $OUT/service-$name.log"; exit 1; }
    sleep 0.1
  done
  log "service $name not ready after $timeout_s s"
  exit 1
}

# table_counters DATABASE: "table scans inserts updates deletes" per user table (PostgreSQL's cumulative statistics)
table_counters() {
  psql -h 127.0.0.1 -U postgres -d "$1" -qAt -F ' ' -c "SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0),
      n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY relname COLLATE \"C\""
}
