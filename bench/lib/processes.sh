# shellcheck shell=bash
# Shared by bench/ab.sh and bench/peers/run.sh; source it once OUT (the results folder) exists. log and die write to
# the terminal and OUT/log.txt; every process whose pid is added to PIDS is ended when the script exits; await waits
# for a URL to answer while the process serving it lives; vmstat_split reads the machine's CPU split over a run.

log() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$OUT/log.txt"; }
die() { log "FAILED: $*"; exit 1; }

PIDS=()
cleanup() {  # a JVM still starting may not end on SIGTERM: SIGKILL what is left after 20 s
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 20); do
    alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

await() {  # await URL PID LOG [curl options]: up to 15 minutes (several starts at once on a busy machine are slow)
  local url=$1 pid=$2 file=$3
  shift 3
  for _ in $(seq 1800); do
    curl -sf -o /dev/null "$@" "$url" && return 0
    kill -0 "$pid" 2>/dev/null || die "process $pid exited, see $file"
    sleep 0.5
  done
  die "$url not answering after 15 minutes"
}

# vmstat_split FILE: {"us":..,"sy":..,"st":..} from the output of `vmstat SECONDS 2` (its second line of figures
# averages the run; the columns by their header's names). st is the CPU the hypervisor gave to others: steal.
vmstat_split() {
  awk 'NR == 2 { for (i = 1; i <= NF; i++) col[$i] = i } NR == 4 {
    printf "{\"us\":%d,\"sy\":%d,\"st\":%d}", $col["us"], $col["sy"], $col["st"] }' "$1"
}
