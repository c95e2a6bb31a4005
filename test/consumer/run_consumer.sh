#!/usr/bin/env bash
# Installs the gtest_fx build in $1 to a fresh prefix under $2, builds the
# project in $3 against it with find_package, and runs its tests with ctest.
# $4, if given, is how many ctest tests the label `fake` must select.
# LibTorch is found through GTEST_FX_TORCH_PREFIX (its CMake prefix), as a
# user points CMAKE_PREFIX_PATH at theirs.
set -euo pipefail
build_dir=$1
work_dir=$2
project_dir=$3
expected_fake=${4:-}
rm -rf "$work_dir"
cmake --install "$build_dir" --prefix "$work_dir/prefix" > /dev/null
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$project_dir" -B "$work_dir/build" -G Ninja \
  "-DCMAKE_PREFIX_PATH=$work_dir/prefix;${GTEST_FX_TORCH_PREFIX:?}" \
  "${launcher[@]}" > /dev/null
cmake --build "$work_dir/build"
ctest --test-dir "$work_dir/build" -j2 --output-on-failure
if [[ -n "$expected_fake" ]]; then
  ctest --test-dir "$work_dir/build" -N -L '^fake$' |
    grep -q "Total Tests: $expected_fake"
fi
echo "$(basename "$project_dir"): built against the installed package and passed"
