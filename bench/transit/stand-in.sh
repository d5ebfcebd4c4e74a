#!/usr/bin/env bash
# Runs the Vault transit stand-in of the server's test sources (src/test/java/io/configservice/support/
# VaultTransitStandIn.java) as a process of its own, for bench/ and reliability/:
#
#     bench/transit/stand-in.sh --port 18200 --token s.bench [--latency-ms 1] [--state /tmp/transit.json]
#
# --latency-ms is added before every call but /v1/sys/health (default 1 ms, a Vault on the same network); --state
# keeps the keys across a restart, as Vault's storage does. GET /stand-in/calls (with X-Vault-Token) answers the
# number of calls per operation (encrypt, decrypt, rewrap, ...). Compiles the test sources first when needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
classpath_file=target/stand-in.classpath
if [ ! -f target/test-classes/io/configservice/support/VaultTransitStandIn.class ] \
    || [ src/test/java/io/configservice/support/VaultTransitStandIn.java -nt \
        target/test-classes/io/configservice/support/VaultTransitStandIn.class ] \
    || [ ! -f "$classpath_file" ]; then
  ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile="$classpath_file" \
    -Dmdep.includeScope=test >&2
fi
exec java -cp "target/test-classes:$(cat "$classpath_file")" io.configservice.support.VaultTransitStandIn "$@"
