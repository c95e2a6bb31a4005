#!/usr/bin/env bash
# The main job: install what is missing, build gtest_fx from scratch, and run
# the example suite, whose generated cases (op x mode x data) print as they
# run. Extra arguments go to the test binary, e.g. --gtest_filter='*_fake_*'.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build"
"$root/scripts/setup.sh"
"$root/scripts/configure.sh" "$build_dir"
cmake --build "$build_dir" -j2 --target gtest_fx_examples
"$build_dir/gtest_fx/examples/gtest_fx_examples" "$@"
