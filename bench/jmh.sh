#!/usr/bin/env bash
# Micro-benchmarks with JMH: envelope cipher (seal, open with and without the data-key cache) and the document work
# of a write (diff, JSON Patch, merge patch, canonical form + checksum). The benchmark classes live in the test
# sources (*Benchmark, never run by Surefire); this compiles them and runs JMH on the test classpath.
#   bench/jmh.sh                      # every benchmark, 3 forks × 5 × 2 s measurement (about 6 minutes)
#   bench/jmh.sh -f 1 -wi 2 -i 3 Diff # any JMH option and benchmark filter
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/jmh.classpath)"
if [ "$#" -eq 0 ]; then
  set -- -f 3 -wi 3 -w 2s -i 5 -r 2s 'io.configservice.*Benchmark'
fi
exec java -cp "$CP" org.openjdk.jmh.Main -rf json -rff target/jmh-result.json "$@"
