#!/usr/bin/env bash
# Configures, builds and tests the consumer project of test/consumer/subproject
# in $1, with gtest_fx's source tree $2 included the way $3 says
# (add_subdirectory or FetchContent). LibTorch is found through
# GTEST_FX_TORCH_PREFIX, as a user points CMAKE_PREFIX_PATH at theirs. The
# consumer builds gtest_fx itself, without optimization (the quickest build on
# 2 cores; the cases are small).
set -euo pipefail
work_dir=$1
source_dir=$2
how=$3
rm -rf "$work_dir"
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$source_dir/test/consumer/subproject" -B "$work_dir" -G Ninja \
  "-DGTEST_FX_HOW=$how" "-DGTEST_FX_SOURCE_DIR=$source_dir" \
  "-DCMAKE_PREFIX_PATH=${GTEST_FX_TORCH_PREFIX:?}" "${launcher[@]}" > /dev/null
cmake --build "$work_dir" -j2
ctest --test-dir "$work_dir" -j2 --output-on-failure
# Every generated case was registered with ctest: 2 ops x (6 tracing cases,
# 6 gradient cases and GradCheck), and the hand-written test.
ctest --test-dir "$work_dir" -N | grep -q "Total Tests: 27"
echo "consumer through $how: built gtest_fx from source and passed"
