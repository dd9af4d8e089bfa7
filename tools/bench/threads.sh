#!/usr/bin/env bash
# What a second thread buys the engine: interleaved rounds of the engine (Java 25, lanes) on 1
# thread, on 2 threads, and as two independent 1-thread processes started together. Prints wall
# ns per layer evaluation per line and round, then the medians and the ratios
#   threads = 1 thread / 2 threads                       (the issue's "2 threads >= 1.8x")
#   pair    = 2 x (1 thread alone / 1 thread beside another process)
# The pair is what two cores give two programs that share only the machine; each process holds
# its own copy of the workload's columns, so together they need twice the cache of one process
# with two threads, and the pair can come out below the threads.
#
#   tools/bench/threads.sh [STACKS] [ROUNDS] [SECONDS]      (defaults 16384 5 2; 16 layers)
# RFSWEEP_BENCH_JAR picks another build's benchmarks.jar (default: this one's).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STACKS=${1:-16384}
ROUNDS=${2:-5}
SECONDS_PER_RUN=${3:-2}
JAR=${RFSWEEP_BENCH_JAR:-$ROOT/bench/target/benchmarks.jar}
J25=${RFSWEEP_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
F=$ROOT/bench/target/peers/workload-${STACKS}x16.bin
mkdir -p "$(dirname "$F")"
[ -f "$F" ] || java -cp "$JAR" org.rfsweep.bench.peers.GenerateWorkload "$F" "$STACKS" 16
LAYER_EVALS=$((STACKS * 16))
engine() {
  "$J25" --add-modules jdk.incubator.vector -cp "$JAR" org.rfsweep.bench.peers.EngineRun "$F" --threads "$1" \
    --seconds "$SECONDS_PER_RUN" 2>/dev/null | grep -o 'median_pass_ns=[0-9]*' | cut -d= -f2 \
    | awk -v n="$LAYER_EVALS" '{printf "%.3f", $1 / n}'
}
OUT=$(mktemp)
trap 'rm -f "$OUT" "$OUT".a "$OUT".b' EXIT
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "$STACKS stacks x 16 layers; wall ns per layer evaluation"
for r in $(seq 1 "$ROUNDS"); do
  one=$(engine 1)
  two=$(engine 2)
  engine 1 > "$OUT".a &
  engine 1 > "$OUT".b
  wait
  pair=$(awk '{s += $1} END {printf "%.3f", s / NR}' "$OUT".a "$OUT".b)
  echo "round $r (load $(uptime | sed 's/.*average: //')): 1 thread $one, 2 threads $two, 1 thread beside another $pair"
  echo "$one $two $pair" >> "$OUT"
done
awk '
  function median(col,   n, i, j, x, v) {
    n = 0
    for (i = 1; i <= NR; i++) v[++n] = val[i, col]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { val[NR, 1] = $1; val[NR, 2] = $2; val[NR, 3] = $3 }
  END {
    one = median(1); two = median(2); pair = median(3)
    printf "medians: 1 thread %.3f, 2 threads %.3f, 1 thread beside another %.3f\n", one, two, pair
    printf "threads = %.2fx, pair = %.2fx\n", one / two, 2 * one / pair
  }' "$OUT"
