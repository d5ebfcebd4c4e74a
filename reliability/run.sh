#!/usr/bin/env bash
# The reliability suite (issue 17), ONE command from the repository root:
#
#     reliability/run.sh                      # full profile, real restarts of the local services, writes RESULTS.md
#     reliability/run.sh --profile short      # the CI profile: small sizes, outages made by TCP proxies
#     reliability/run.sh --only R2,R3         # some scenarios
#
# It builds the server jar and the suite, then runs every scenario against the server jar started as separate JVMs
# (clients/test-server) on the local PostgreSQL (a fresh database `<TEST_DATABASE_URL's>_clients`, default
# reliability_clients), Redis (database TEST_REDIS_DATABASE, default 2) and RabbitMQ (STOMP 61613, AMQP 5672).
# The full profile stops and starts the local PostgreSQL, Redis and RabbitMQ themselves (the commands of
# /work/.library/env: pg_ctlcluster, redis-server, rabbitmq-server): run it on a machine where nothing else uses them.
# The table goes to the console and, for the full profile, to reliability/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

profile=full
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

export CI="${CI:-true}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/reliability}"
export TEST_DATABASE_USERNAME="${TEST_DATABASE_USERNAME:-postgres}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-}"
export TEST_REDIS_HOST="${TEST_REDIS_HOST:-127.0.0.1}"
export TEST_REDIS_PORT="${TEST_REDIS_PORT:-6379}"
export TEST_REDIS_DATABASE="${TEST_REDIS_DATABASE:-2}"
export TEST_RABBITMQ_HOST="${TEST_RABBITMQ_HOST:-127.0.0.1}"
export TEST_RABBITMQ_STOMP_PORT="${TEST_RABBITMQ_STOMP_PORT:-61613}"

./mvnw -q -DskipTests package
./mvnw -q -f clients -DskipTests install -pl ../reliability -am

results=()
if [ "$profile" = full ]; then
  results=(--results reliability/RESULTS.md)
fi
java -jar reliability/target/reliability-suite.jar --commit "$(git rev-parse --short HEAD)" \
  "${results[@]}" "${args[@]}"
