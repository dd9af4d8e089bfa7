#!/usr/bin/env bash
# Side by side, interleaved: the local `rfsweep sweep` against the Spark job in local mode on the same
# machine and the same work (README "On a Spark cluster", speed). Each round runs every variant once, in
# order; every Spark output is compared byte for byte with the local file of the round.
#
#   tools/spark/compare-local.sh [ROUNDS] [SAMPLES] [VARIANTS...]
#
# Variants: `local` (java -jar cli/target/rfsweep.jar sweep --threads 2), `spark` (run-local.sh with
# SPARK_MASTER=local[2] at the default partitions, class-data sharing on), `nocds` (the same without the
# class-data-sharing archive), or a number P (spark with --partitions P). Defaults: 3 rounds of
# 20,000,000 samples of bench16.json with --where 'macs <= 28M', variants local spark nocds.
#
# Prints one line per run (variant, wall seconds and CPU seconds of the whole process, JVM and Spark
# start included, and the sweep's own summary line), then per variant the medians and, against
# `local`, the median of the rounds' ratios. Needs cli/target/rfsweep.jar and spark/target/rfsweep-spark.jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
samples=${2:-20000000}
shift $(( $# > 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(local spark nocds)
space="$root/data/spaces/bench16.json"
args=(--samples "$samples" --seed 1 --where 'macs <= 28M')
work=$(mktemp -d "${TMPDIR:-/tmp}/rfsweep-spark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The first Spark run makes the class-data-sharing archive; make it before the rounds.
SPARK_MASTER='local[2]' "$root/tools/spark/run-local.sh" "$space" --samples 10 --out "$work/warm" 2>/dev/null
rm -rf "$work/warm"
timed() {  # timed FILE COMMAND...: runs the command, writes "wall cpu" to FILE
  local out=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$@"
  t1=$(date +%s.%N)
  echo "$(echo "$t1 - $t0" | bc) $(awk '{print $1 + $2}' "$work/cpu")" > "$out"
}
run() {
  local v=$1 extra=() cds=on
  case "$v" in
    local)
      rm -f "$work/local.csv"
      timed "$work/t" java -jar "$root/cli/target/rfsweep.jar" sweep "$space" "${args[@]}" --threads 2 \
        --progress none --out "$work/local.csv" 2>"$work/err"
      echo "local $(cat "$work/t") - $(grep 'evaluated' "$work/err")"
      return ;;
    spark) ;;
    nocds) cds=off ;;
    *) extra=(--partitions "$v") ;;
  esac
  rm -rf "$work/parts"
  SPARK_MASTER='local[2]' RFSWEEP_CDS=$cds timed "$work/t" "$root/tools/spark/run-local.sh" "$space" "${args[@]}" \
    "${extra[@]}" --out "$work/parts" 2>"$work/err"
  local same=-
  if [ -f "$work/local.csv" ]; then
    cat "$work"/parts/part-* | cmp -s - "$work/local.csv" && same=identical || same=DIFFERENT
  fi
  echo "$v $(cat "$work/t") $same $(grep -E 'evaluated|tasks:' "$work/err" | tr '\n' ' ')"
}
for r in $(seq 1 "$rounds"); do
  echo "# round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for v in "${variants[@]}"; do
    run "$v"
  done
done | tee "$work/runs"
echo "# medians: variant, wall s, cpu s; against local: median of the rounds' wall ratios, of the cpu ratios"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  /^# round/ { round++ ; next }
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; w[$1, round] = $2; c[$1, round] = $3; seen[$1] = 1 }
  END {
    for (v in seen) {
      rw = ""; rc = ""
      for (i = 1; i <= round; i++) if ((v, i) in w && ("local", i) in w) {
        rw = rw " " w[v, i] / w["local", i]; rc = rc " " c[v, i] / c["local", i]
      }
      printf "%s %.1f %.1f", v, median(wall[v]), median(cpu[v])
      if (rw != "" && v != "local") printf " %.2fx %.2fx", median(rw), median(rc)
      printf "\n"
    }
  }' "$work/runs"
