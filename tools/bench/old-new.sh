#!/usr/bin/env bash
# Interleaved rounds of the engine of an older build against this one, with c-simd (1 and 2 threads) and java-plain
# in the same rounds (docs/SPEED.md: "Before and after"). Prints wall and CPU ns per layer
# evaluation for each line of each round.
#
#   tools/bench/old-new.sh OLD_BENCHMARKS_JAR [ROUNDS]
#
# Build the old jar in its own worktree first, e.g.
#   git worktree add /tmp/old c9ad3d0 && (cd /tmp/old && mvn -q -o -pl bench -am package -DskipTests)
# and run bench/peers/run.sh once here (it writes the workload file and builds the C peer).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD=${1:?usage: old-new.sh OLD_BENCHMARKS_JAR [ROUNDS]}
ROUNDS=${2:-3}
NEW=$ROOT/bench/target/benchmarks.jar
F=$ROOT/bench/target/peers/workload-16384x16.bin
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=java
VEC="--add-modules jdk.incubator.vector"
ns() { tr ' ' '\n' | grep -E "^(median_pass_ns|mean_cpu_ns)=" | cut -d= -f2 | awk '{printf "%.2f ", $1/262144}'; }
engine() { "$1" $VEC -cp "$2" org.rfsweep.bench.peers.EngineRun "$F" --threads "$3" 2>/dev/null | grep RESULT | ns; }
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r, load $(uptime | sed 's/.*average: //')   (wall, cpu ns per layer)"
  echo "  old java25 1t  $(engine $J25 "$OLD" 1)"
  echo "  new java25 1t  $(engine $J25 "$NEW" 1)"
  echo "  old java25 2t  $(engine $J25 "$OLD" 2)"
  echo "  new java25 2t  $(engine $J25 "$NEW" 2)"
  echo "  old java17 1t  $(engine $J17 "$OLD" 1)"
  echo "  new java17 1t  $(engine $J17 "$NEW" 1)"
  echo "  c-simd         $("$ROOT/bench/target/peers/rfpeer" "$F" | grep RESULT | ns)"
  echo "  c-simd 2t      $("$ROOT/bench/target/peers/rfpeer" "$F" --threads 2 | grep RESULT | ns)"
  echo "  java-plain 25  $($J25 -cp "$NEW" org.rfsweep.bench.peers.JavaPlainRun "$F" 2>/dev/null | grep RESULT | ns)"
done
