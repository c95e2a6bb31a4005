#!/usr/bin/env bash
# The project's tests: install what is missing, build everything from scratch
# (library, examples, tests, benchmarks) and run every test with ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build-test"
"$root/scripts/setup.sh"
"$root/scripts/configure.sh" "$build_dir"
cmake --build "$build_dir" -j2
# The aten suite's 4,000 cases run in one process (AtenSuiteInOneProcess);
# one process per case would cost about 0.4 s of LibTorch loading each. Its
# registrations per case, per op and in shards (labels aten_case, aten_op,
# aten_shard) are for bench/ctest_granularity.sh.
ctest --test-dir "$build_dir" -j2 --output-on-failure -LE '^aten_(case|op|shard)$'
