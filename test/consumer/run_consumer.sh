#!/usr/bin/env bash
# Installs the gtest_fx build in $1 to a fresh prefix under $2, builds the
# consumer project against it with find_package, and runs its cases with
# ctest (all of them, then by label).
set -euo pipefail
build_dir=$1
work_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work_dir"
cmake --install "$build_dir" --prefix "$work_dir/prefix" > /dev/null
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$here" -B "$work_dir/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work_dir/prefix" "${launcher[@]}" > /dev/null
cmake --build "$work_dir/build"
ctest --test-dir "$work_dir/build" --output-on-failure
# 2 ops x 2 data variants in fake mode.
ctest --test-dir "$work_dir/build" -N -L '^fake$' | grep -q 'Total Tests: 4'
echo "consumer project: built against the installed package and passed"
