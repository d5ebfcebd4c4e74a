#!/usr/bin/env bash
# Prints the hottest frames of a JFR recording made by `bench/run.sh --jfr`:
#   bench/jfr-top.sh bench/out/<time>/jfr/get.jfr [N]
# "self" counts the top frame of each execution sample; "inclusive" counts every method on the sampled stacks
# (once per sample), restricted to frames that say where the time goes (the service's own code, Spring, Tomcat,
# Jackson, Hibernate, JDBC, Lettuce, the JDK's crypto), the rest is left out to keep the list short.
set -euo pipefail
FILE=$1
N=${2:-25}
jfr print --stack-depth 96 --events jdk.ExecutionSample "$FILE" | awk -v n="$N" '
  /stackTrace = \[/ { inside = 1; first = 1; samples++; delete seen; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*$/, "", frame)
    if (frame == "...") next
    if (first) { self[frame]++; first = 0 }
    if (!(frame in seen)) { seen[frame] = 1; incl[frame]++ }
  }
  END {
    printf "%d samples\n\nself (top frame)\n", samples
    for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    printf "\ninclusive\n"
    for (f in incl) if (f ~ /^(io\.configservice|org\.springframework|org\.apache\.(catalina|coyote|tomcat)|tools\.jackson|com\.fasterxml|org\.hibernate|org\.postgresql|com\.zaxxer|io\.lettuce|javax\.crypto|com\.sun\.crypto|java\.security|sun\.security|io\.micrometer|ch\.qos|org\.slf4j)/)
      printf "%6.1f%%  %s\n", 100 * incl[f] / samples, f | "sort -rn | head -" (2 * n)
  }'
