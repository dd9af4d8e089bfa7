#!/usr/bin/env sh
# Reads a SparkSweep Parquet folder with DuckDB and compares it with the sweep's CSV:
#
#   tools/spark/check-parquet.sh PARQUET_DIR SWEEP.csv
#
# SWEEP.csv is the local `rfsweep sweep` file, or `cat DIR/part-*` of a CSV job with the same options.
# Installs DuckDB's Node API (@duckdb/node-api, with its platform binary) with npm on first use into
# RFSWEEP_DUCKDB_DIR (default ~/.cache/rfsweep-duckdb), outside the repository; needs node 18+ and npm.
# The Maven tests do not use it (they read the Parquet back with Spark).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cache="${RFSWEEP_DUCKDB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rfsweep-duckdb}"
if [ ! -d "$cache/node_modules/@duckdb/node-api" ]; then
  echo "check-parquet: installing @duckdb/node-api into $cache (first use)..." >&2
  mkdir -p "$cache"
  (cd "$cache" && npm install --silent --no-audit --no-fund @duckdb/node-api >&2)
fi
# Node resolves the package from the script's folder, so the script runs from the cache.
cp "$here/check-parquet.mjs" "$cache/check-parquet.mjs"
exec node "$cache/check-parquet.mjs" "$@"
