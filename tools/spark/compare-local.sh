#!/usr/bin/env bash
# Side by side, interleaved: the local `rfsweep sweep` against the Spark job in local mode on the same
# machine and the same work (README "Running on Spark", speed). Each round runs the local command, then the
# Spark job at the default partitions, then at 2 and at 128 partitions (the difference gives the
# per-task overhead); every Spark output is compared byte for byte with the local file.
#
#   tools/spark/compare-local.sh [ROUNDS] [SAMPLES] [PARTITIONS...]
#
# defaults: 3 rounds of 20,000,000 samples, Spark at the default partitions, 2 and 128; the word
# "none" instead of PARTITIONS leaves out the local command (for the per-task overhead alone).
#
# Prints one line per run: what, wall seconds of the whole process (JVM and Spark start included), and
# the sweep's own summary line. Needs cli/target/rfsweep.jar and spark/target/rfsweep-spark.jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
samples=${2:-20000000}
shift $(( $# > 2 ? 2 : $# ))
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(default 2 128)
space="$root/data/spaces/bench16.json"
args=(--samples "$samples" --seed 1 --where 'macs <= 28M')
work=$(mktemp -d "${TMPDIR:-/tmp}/rfsweep-spark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
seconds() { date +%s.%N; }
run_local() {
  local t0 t1
  t0=$(seconds)
  java -jar "$root/cli/target/rfsweep.jar" sweep "$space" "${args[@]}" --threads 2 --progress none \
    --out "$work/local.csv" 2>"$work/local.err"
  t1=$(seconds)
  echo "local   $(echo "$t1 - $t0" | bc) $(grep 'evaluated' "$work/local.err")"
}
run_spark() {
  local parts=$1 t0 t1 extra=()
  [ "$parts" != default ] && extra=(--partitions "$parts")
  rm -rf "$work/parts"
  t0=$(seconds)
  SPARK_MASTER='local[2]' "$root/tools/spark/run-local.sh" "$space" "${args[@]}" "${extra[@]}" \
    --out "$work/parts" 2>"$work/spark.err"
  t1=$(seconds)
  same=""
  if [ -f "$work/local.csv" ]; then
    cat "$work"/parts/part-* | cmp -s - "$work/local.csv" && same=identical || same=DIFFERENT
  fi
  echo "spark-$parts $(echo "$t1 - $t0" | bc) $same $(grep -E 'evaluated|tasks:' "$work/spark.err" | tr '\n' ' ')"
}
for r in $(seq 1 "$rounds"); do
  echo "# round $r"
  [ "${parts[0]}" != none ] && run_local
  for p in "${parts[@]}"; do
    [ "$p" != none ] && run_spark "$p"
  done
done
