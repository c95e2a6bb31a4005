#!/usr/bin/env bash
# The main job: install what is missing, build gtest_fx from scratch, and run
# the built-in suite over LibTorch's own operators (gtest_fx_aten), which ends
# with the result matrix. Extra arguments go to the suite, e.g.
#   scripts/run.sh --gtest_filter='*/conv2d_*'
#   scripts/run.sh --gtest_fx_report=aten.html
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build"
"$root/scripts/setup.sh"
"$root/scripts/configure.sh" "$build_dir"
cmake --build "$build_dir" -j2 --target gtest_fx_aten gtest_fx_examples
"$build_dir/gtest_fx/aten/gtest_fx_aten" "$@"
