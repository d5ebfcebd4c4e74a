#!/usr/bin/env bash
# Prints where a JFR recording's allocations went, from its jdk.ObjectAllocationSample events (on in JFR's default
# settings, which `bench/ab.sh --jfr` and `bench/run.sh --jfr` record with):
#   bench/jfr-alloc.sh bench/out/ab-<time>/new.jfr [N] [REQUESTS]
# The samples' weights add up to what the JVM allocated while recording, so the total divided by the requests the
# process answered meanwhile (REQUESTS; for `bench/ab.sh --jfr`, the jar's requests in the last round's runs.jsonl
# lines: the recording spans that whole round) is the allocation per request, background work included, which sets
# how often the young collections pause the service. "by thread" and "by site" split the total; a site is the first frame
# outside the JDK, with the class allocated.
set -euo pipefail
FILE=$1
N=${2:-30}
REQUESTS=${3:-0}
jfr print --stack-depth 30 --events jdk.ObjectAllocationSample "$FILE" | awk -v n="$N" -v requests="$REQUESTS" '
  /jdk.ObjectAllocationSample/ { w = 0; cls = ""; site = "" }
  /objectClass = / { cls = $0; sub(/.*objectClass = /, "", cls); sub(/ \(classLoader.*/, "", cls) }
  /eventThread = / { thread = $0; sub(/.*eventThread = "/, "", thread); sub(/".*/, "", thread); gsub(/[0-9]+/, "N", thread) }
  /weight = / {
    s = $0; sub(/.*weight = /, "", s); w = s + 0
    if (s ~ /kB/) w *= 1024; else if (s ~ /MB/) w *= 1048576; else if (s ~ /GB/) w *= 1073741824
    total += w; by_thread[thread] += w
  }
  /stackTrace = \[/ { inside = 1; next }
  inside && /^[[:space:]]*\]/ { inside = 0; by_site[site == "" ? "?" : site] += w; next }
  inside {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/\(.*/, "", f)
    if (site == "" && f !~ /^(java\.|jdk\.|sun\.|\.\.\.)/) site = f " [" cls "]"
  }
  END {
    printf "allocated while recording: %.1f MB", total / 1048576
    if (requests > 0) printf ", %.1f KB per request (%d requests)", total / 1024 / requests, requests
    printf "\n\nby thread\n"
    for (t in by_thread) printf "%6.1f%%  %s\n", 100 * by_thread[t] / total, t | "sort -rn | head -10"
    close("sort -rn | head -10")
    printf "\nby site\n"
    for (f in by_site) printf "%6.1f%%  %s\n", 100 * by_site[f] / total, f | "sort -rn | head -" n
  }'
