# Shared by the single-purpose benchmarks (bench/fanout/run.sh, bench/client/run.sh); source it from the repository
# root. parse_jar_argument sets JAR (default target/config-service-*.jar, or --jar PATH) and PASSTHROUGH (every other
# "--name value" pair); start_service PORT DB REDIS_DB LOG [JAVA_OPTIONS] starts the jar on a fresh PostgreSQL
# database and Redis database of this machine with a random admin token (TOKEN) and a temporary data directory,
# stops it on exit, and waits until it is ready.

parse_jar_argument() {
  JAR=$(ls target/config-service-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
  PASSTHROUGH=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --jar) JAR="$2"; shift 2 ;;
      *) PASSTHROUGH+=("$1" "$2"); shift 2 ;;
    esac
  done
  [ -n "$JAR" ] && [ -f "$JAR" ] || { echo "no jar: build it with ./mvnw -DskipTests package or pass --jar" >&2; exit 1; }
}

start_service() {
  local port=$1 db=$2 redis_db=$3 log=$4 java_options=${5:-}
  TOKEN="bench-admin-$(openssl rand -hex 16)"
  DATA=$(mktemp -d)
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -qc "CREATE DATABASE $db"
  redis-cli -h 127.0.0.1 -n "$redis_db" FLUSHDB >/dev/null
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_DATABASE="$redis_db" CONFIG_ADMIN_TOKEN="$TOKEN" \
  CONFIG_DATA_DIR="$DATA" SERVICE_PORT="$port" java $java_options -jar "$JAR" >"$log" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return 0
    sleep 1
  done
  echo "service did not start" >&2
  exit 1
}
