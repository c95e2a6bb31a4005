#!/usr/bin/env bash
# Wall time of `ctest -j2` over the built-in aten suite (gtest_fx_aten: 685
# ops, 4,110 cases) at each granularity of gtest_fx_discover_tests: the whole
# suite in one process (AtenSuiteInOneProcess), 2 and 8 shards (labels
# aten_shard2, aten_shard8), one test per op (aten_op) and one per case
# (aten_case). Slow: on 2 cores each ctest test costs about 0.4 s of LibTorch
# start-up on a quiet machine (1-1.5 s on a loaded one), so per op takes 4-11
# minutes and per case 15-60; CASE_STRIDE=<n> runs every n-th case test only
# and extrapolates. Figures in bench/SCALE.md.
#
# Usage: bench/ctest_granularity.sh [build_dir [granularity...]]
#   build_dir defaults to build; granularities: one shards2 shards8 op case
#   (default: all, in that order). JOBS=<n> sets ctest's -j (default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
shift || true
granularities=("$@")
if [[ ${#granularities[@]} -eq 0 ]]; then
  granularities=(one shards2 shards8 op case)
fi
jobs=${JOBS:-2}
stride=${CASE_STRIDE:-1}
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  "$root/scripts/configure.sh" "$build_dir"
fi
cmake --build "$build_dir" -j2 --target gtest_fx_aten
log_dir=$(mktemp -d)
printf '%-28s %12s %12s  %s\n' granularity "ctest tests" "wall time" result
# Runs ctest with the selection "$@" and prints one row; with a stride > 1,
# also the time extrapolated to all tests of the selection.
measure() {
  local name=$1 scale=$2
  shift 2
  local log="$log_dir/${name// /_}.log"
  local start end
  start=$(date +%s.%N)
  ctest --test-dir "$build_dir" -j"$jobs" "$@" > "$log" 2>&1 || true
  end=$(date +%s.%N)
  local summary total seconds
  summary=$(grep -E '% tests passed' "$log" || echo "no summary (see $log)")
  total=$(grep -oE 'out of [0-9]+' <<< "$summary" | grep -oE '[0-9]+' || echo '?')
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')
  printf '%-28s %12s %11.1fs  %s\n' "$name" "$total" "$seconds" "$summary"
  if [[ $scale -gt 1 ]]; then
    printf '%-28s %12s %11.1fs  (extrapolated: %s x %s)\n' "  all of them, estimated" \
      "~$((total * scale))" "$(awk -v t="$seconds" -v n="$scale" 'BEGIN { print t * n }')" \
      "$seconds s" "$scale"
  fi
}
for granularity in "${granularities[@]}"; do
  case $granularity in
    one) measure "one process" 1 -R '^AtenSuiteInOneProcess$' ;;
    shards2) measure "SHARDS 2" 1 -L '^aten_shard2$' ;;
    shards8) measure "SHARDS 8" 1 -L '^aten_shard8$' ;;
    op) measure "OP" 1 -L '^aten_op$' ;;
    case)
      if [[ $stride -gt 1 ]]; then
        measure "CASE (every ${stride}th test)" "$stride" -L '^aten_case$' \
          -I "1,,$stride"
      else
        measure "CASE" 1 -L '^aten_case$'
      fi
      ;;
    *) echo "unknown granularity '$granularity'" >&2; exit 2 ;;
  esac
done
echo "ctest logs: $log_dir"
