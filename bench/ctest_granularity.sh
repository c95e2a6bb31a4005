#!/usr/bin/env bash
# Wall time of `ctest -j2` over the built-in aten suite (gtest_fx_aten: 685
# ops, 4,110 cases) at each granularity of gtest_fx_discover_tests: the whole
# suite in one process (AtenSuiteInOneProcess), 2 and 8 shards (labels
# aten_shard2, aten_shard8), one test per op (aten_op) and one per case
# (aten_case). Slow: 20-30 minutes on 2 cores, most of it per case. Figures
# in bench/SCALE.md.
#
# Usage: bench/ctest_granularity.sh [build_dir]   (default: build)
#   JOBS=<n> sets ctest's -j (default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
jobs=${JOBS:-2}
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /dev/null
fi
cmake --build "$build_dir" -j2 --target gtest_fx_aten
log_dir=$(mktemp -d)
printf '%-28s %12s %12s  %s\n' granularity "ctest tests" "wall time" result
# Runs ctest with the selection "$@" and prints one row.
measure() {
  local name=$1
  shift
  local log="$log_dir/${name// /_}.log"
  local start end
  start=$(date +%s.%N)
  ctest --test-dir "$build_dir" -j"$jobs" "$@" > "$log" 2>&1 || true
  end=$(date +%s.%N)
  local summary total
  summary=$(grep -E '% tests passed' "$log" || echo "no summary (see $log)")
  total=$(grep -oE 'out of [0-9]+' <<< "$summary" | grep -oE '[0-9]+' || echo '?')
  printf '%-28s %12s %11.1fs  %s\n' "$name" "$total" \
    "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$summary"
}
measure "one process" -R '^AtenSuiteInOneProcess$'
measure "SHARDS 2" -L '^aten_shard2$'
measure "SHARDS 8" -L '^aten_shard8$'
measure "OP" -L '^aten_op$'
measure "CASE" -L '^aten_case$'
echo "ctest logs: $log_dir"
