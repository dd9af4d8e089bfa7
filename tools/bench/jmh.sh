#!/usr/bin/env bash
# Runs the JMH suite of bench/ in quick or full mode, with the GC profiler, and keeps the JSON.
#
#   tools/bench/jmh.sh quick [REGEX] [JMH OPTIONS...]   # whole suite in about 3.5 minutes
#   tools/bench/jmh.sh full  [REGEX] [JMH OPTIONS...]   # the annotated defaults: 3 forks, 5 x 2 s warm-up
#                                                       # and 5 x 2 s measurement; about 45 minutes
#
# REGEX selects benchmarks as JMH does (e.g. BatchBench, 'StackBench.engine'). Results go to
# bench/target/jmh-MODE.json. Builds bench/target/benchmarks.jar when it is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/bench/target/benchmarks.jar"
MODE="${1:-}"
shift || true
case "$MODE" in
  quick) TIMING=(-f 1 -wi 2 -w 500ms -i 3 -r 1s) ;;
  full) TIMING=() ;;
  *) echo "jmh.sh: first argument must be quick or full, got '${MODE}'" >&2; exit 2 ;;
esac
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -q -B -pl bench -am package -DskipTests)
fi
exec java -jar "$JAR" "${TIMING[@]}" -prof gc -rf json -rff "$ROOT/bench/target/jmh-$MODE.json" "$@"
