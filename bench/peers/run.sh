#!/usr/bin/env bash
# Runs the engine and every peer on the same reference workload file, checks that all checksums
# agree, and prints a Markdown table (see bench/peers/README.md).
#
#   bench/peers/run.sh [--stacks N] [--layers L] [--runs R] [--quick]
#
# --stacks/--layers: the workload (default 16384 x 16); --runs: runs of every implementation,
# interleaved, the table shows the median over runs of their median pass times (wall clock) and
# of their mean CPU time of the process per pass (steadier on a shared machine; for the 2-thread
# line it is the CPU of both threads); --quick: one run with short timing (a smoke test, not for the README). Missing
# tools skip their peer.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS="$ROOT/bench/peers"
WORK="${RFSWEEP_PEERS_WORK:-$ROOT/bench/target/peers}"
JAR="$ROOT/bench/target/benchmarks.jar"
STACKS=16384
LAYERS=16
RUNS=3
TIMING=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stacks) STACKS="$2"; shift 2 ;;
    --layers) LAYERS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --quick) RUNS=1; TIMING=(--warmup 0.3 --passes 3 --seconds 0.3); shift ;;
    *) echo "run.sh: unknown argument $1 (usage: run.sh [--stacks N] [--layers L] [--runs R] [--quick])" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"

note() { echo "# $*" >&2; }

if ! command -v java >/dev/null; then
  echo "run.sh: java not found; the engine line is required" >&2; exit 1
fi
if [ ! -f "$JAR" ]; then
  note "building $JAR"
  (cd "$ROOT" && mvn -q -B -pl bench -am package -DskipTests)
fi

FILE="$WORK/workload-${STACKS}x${LAYERS}.bin"
java -cp "$JAR" org.rfsweep.bench.peers.GenerateWorkload "$FILE" "$STACKS" "$LAYERS"

# The newest JDK: $JAVA_HOME first, then the JDKs under /usr/lib/jvm, then java on the PATH; the
# engine takes its SIMD path there (Java 25+), and its scalar path on the default java beside it.
java_feature() { "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'; }
NEWEST=$(command -v java)
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_feature "$candidate")" -gt "$(java_feature "$NEWEST")" ]; then
    NEWEST=$candidate
  fi
done
DEFAULT=$(command -v java)
V_NEW=$(java_feature "$NEWEST")
V_DEF=$(java_feature "$DEFAULT")
VEC="--add-modules jdk.incubator.vector"

# name|threads|command...   (one implementation per line)
IMPLS=()
IMPLS+=("engine java$V_NEW|1|$NEWEST $VEC -cp $JAR org.rfsweep.bench.peers.EngineRun $FILE --threads 1")
IMPLS+=("engine java$V_NEW|2|$NEWEST $VEC -cp $JAR org.rfsweep.bench.peers.EngineRun $FILE --threads 2")
if [ "$V_DEF" != "$V_NEW" ]; then
  IMPLS+=("engine java$V_DEF|1|$DEFAULT $VEC -cp $JAR org.rfsweep.bench.peers.EngineRun $FILE --threads 1")
fi
IMPLS+=("java-plain java$V_NEW|1|$NEWEST -cp $JAR org.rfsweep.bench.peers.JavaPlainRun $FILE")
if [ "$V_DEF" != "$V_NEW" ]; then
  IMPLS+=("java-plain java$V_DEF|1|$DEFAULT -cp $JAR org.rfsweep.bench.peers.JavaPlainRun $FILE")
fi
IMPLS+=("java-naive java$V_NEW|1|$NEWEST -cp $JAR org.rfsweep.bench.peers.NaiveJavaRun $FILE")
if command -v gcc >/dev/null; then
  gcc -O3 -march=native -std=c11 -Wall -Wextra -pthread -o "$WORK/rfpeer" "$PEERS/c/rfpeer.c"
  gcc -O3 -march=native -mprefer-vector-width=512 -std=c11 -Wall -Wextra -pthread -o "$WORK/rfpeer512" "$PEERS/c/rfpeer.c"
  IMPLS+=("c-simd|1|$WORK/rfpeer $FILE")
  IMPLS+=("c-simd|2|$WORK/rfpeer $FILE --threads 2")
  IMPLS+=("c-simd512|1|$WORK/rfpeer512 $FILE")
else
  note "skipped the C peer: gcc not found"
fi
PY=/usr/bin/python3
if [ -x "$PY" ]; then
  if "$PY" -c 'import numpy' 2>/dev/null; then
    IMPLS+=("numpy|1|$PY $PEERS/python/rfpeer_numpy.py $FILE")
  else
    note "skipped the NumPy peer: numpy not importable by $PY (apt-get install python3-numpy)"
  fi
  IMPLS+=("python|1|$PY $PEERS/python/rfpeer_python.py $FILE")
else
  note "skipped the NumPy and Python peers: $PY not found"
fi

RESULTS="$WORK/results.txt"
: > "$RESULTS"
: > "$WORK/stderr.log"
for run in $(seq 1 "$RUNS"); do
  for impl in "${IMPLS[@]}"; do
    IFS='|' read -r name threads cmd <<< "$impl"
    label="$name"; [ "$threads" != 1 ] && label="$name ($threads threads)"
    note "run $run/$RUNS: $label"
    # shellcheck disable=SC2086
    if ! line=$($cmd "${TIMING[@]}" 2>>"$WORK/stderr.log" | grep '^RESULT '); then
      echo "run.sh: $label failed" >&2; exit 1
    fi
    echo "$label|$threads|$line" >> "$RESULTS"
  done
done

awk -F'|' -v runs="$RUNS" '
  function field(line, key,   n, parts, i, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == key) return kv[2] }
    return ""
  }
  function median(key, l,   m, a, b, x, v) {
    m = n[l]
    for (a = 1; a <= m; a++) v[a] = key[l, a]
    for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
    return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  {
    label = $1; threads[label] = $2; line = $3
    if (!(label in seen)) { order[++count] = label; seen[label] = 1 }
    sum[label] = field(line, "checksum")
    stacks = field(line, "stacks"); layers = field(line, "layers")
    t[label, ++n[label]] = field(line, "median_pass_ns") + 0
    c[label, n[label]] = field(line, "mean_cpu_ns") + 0
  }
  END {
    ref = sum[order[1]]
    bad = 0
    for (i = 1; i <= count; i++) if (sum[order[i]] != ref) {
      printf "CHECKSUM MISMATCH: %s gives %s, %s gives %s\n", order[i], sum[order[i]], order[1], ref > "/dev/stderr"
      bad = 1
    }
    if (bad) exit 1
    for (i = 1; i <= count; i++) { l = order[i]; med[l] = median(t, l); cmed[l] = median(c, l) }
    layerEvals = stacks * layers
    eng = med[order[1]] / layerEvals
    ceng = cmed[order[1]] / layerEvals
    printf "Workload: %d stacks x %d layers (%d layer evaluations per pass), checksum %s, all implementations agree.\n\n", stacks, layers, layerEvals, ref
    printf "| implementation | threads | ns per layer evaluation (wall) | stacks/s | wall time vs engine (1 thread) | CPU ns per layer evaluation | CPU time vs engine (1 thread) |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= count; i++) {
      l = order[i]; ns = med[l] / layerEvals; cns = cmed[l] / layerEvals
      printf "| %s | %d | %.2f | %.0f | %.2fx | %.2f | %.2fx |\n", l, threads[l], ns, stacks / (med[l] * 1e-9), ns / eng, cns, cns / ceng
    }
    # Each multi-threaded line against its own 1-thread line: the engine beside the C peer, whose
    # threads share nothing but the machine (the yardstick of what the machine gives in this run).
    line = ""
    for (i = 1; i <= count; i++) {
      l = order[i]
      if (threads[l] == 1) continue
      base = l; sub(/ \([0-9]+ threads\)$/, "", base)
      if (base in med) line = line sprintf("%s%s %.2fx", line == "" ? "" : ", ", base, med[base] / med[l])
    }
    if (line != "") printf "\nMore threads over 1 (medians): %s.\n", line
  }' "$RESULTS" > "$WORK/table.md"

{
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Java: java$V_NEW = $NEWEST ($("$NEWEST" -version 2>&1 | head -1)); java$V_DEF = $DEFAULT ($(java -version 2>&1 | head -1)); gcc: $(gcc --version 2>/dev/null | head -1 || echo none);" \
    "NumPy: $("$PY" -c 'import numpy; print(numpy.__version__)' 2>/dev/null || echo none);" \
    "median of $RUNS run(s), each the median pass time (bench/peers/README.md)."
  sort -u "$WORK/stderr.log" | sed -n 's/^engine path: /Engine path: /p'
  echo
  cat "$WORK/table.md"
}
