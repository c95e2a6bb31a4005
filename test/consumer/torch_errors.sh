#!/usr/bin/env bash
# A consumer of the installed gtest_fx (build in $1, work in $2, the consumer
# project in $3) that CMake cannot point at a usable LibTorch must stop at
# configure time with gtest_fx's message, naming what to set:
#  1. no LibTorch on the search path at all;
#  2. a LibTorch older than gtest_fx supports (a stand-in package that says
#     it is 1.13.1);
#  3. a LibTorch built with the pre-C++11 string ABI (a stand-in 2.13.0
#     whose TORCH_CXX_FLAGS say so).
set -euo pipefail
build_dir=$1
work_dir=$2
project_dir=$3
rm -rf "$work_dir"
cmake --install "$build_dir" --prefix "$work_dir/prefix" > /dev/null

expect_failure() {  # name, expected text, cmake arguments...
  local name=$1 expected=$2
  shift 2
  local log="$work_dir/$name.log"
  if cmake -S "$project_dir" -B "$work_dir/build_$name" -G Ninja "$@" > "$log" 2>&1; then
    echo "FAIL ($name): configuration succeeded"; cat "$log"; exit 1
  fi
  if ! tr -s ' \n' ' ' < "$log" | grep -qF "$expected"; then
    echo "FAIL ($name): the message lacks: $expected"; cat "$log"; exit 1
  fi
  echo "$name: stopped with: $(grep -m1 -o '\[gtest_fx\].\{0,90\}' "$log")"
}

# Only the system's own packages besides gtest_fx: no LibTorch anywhere.
mkdir -p "$work_dir/empty"
expect_failure no_torch \
  "[gtest_fx] LibTorch not found. Point CMake at it with -DCMAKE_PREFIX_PATH=" \
  "-DCMAKE_PREFIX_PATH=$work_dir/prefix;$work_dir/empty" \
  -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF

mkdir -p "$work_dir/old_torch/share/cmake/Torch"
cat > "$work_dir/old_torch/share/cmake/Torch/TorchConfig.cmake" <<'CMAKE'
set(Torch_FOUND TRUE)
CMAKE
cat > "$work_dir/old_torch/share/cmake/Torch/TorchConfigVersion.cmake" <<'CMAKE'
set(PACKAGE_VERSION "1.13.1")
set(PACKAGE_VERSION_COMPATIBLE TRUE)
CMAKE
expect_failure old_torch \
  "[gtest_fx] LibTorch 1.13.1 at $work_dir/old_torch/share/cmake/Torch is too old: gtest_fx needs LibTorch 2.13 or newer" \
  "-DCMAKE_PREFIX_PATH=$work_dir/prefix;$work_dir/old_torch" \
  -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF
mkdir -p "$work_dir/old_abi/share/cmake/Torch"
cat > "$work_dir/old_abi/share/cmake/Torch/TorchConfig.cmake" <<'CMAKE'
set(Torch_FOUND TRUE)
set(TORCH_CXX_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=0")
CMAKE
cat > "$work_dir/old_abi/share/cmake/Torch/TorchConfigVersion.cmake" <<'CMAKE'
set(PACKAGE_VERSION "2.13.0")
set(PACKAGE_VERSION_COMPATIBLE TRUE)
CMAKE
expect_failure old_abi \
  "was built with the pre-C++11 ABI (-D_GLIBCXX_USE_CXX11_ABI=0)" \
  "-DCMAKE_PREFIX_PATH=$work_dir/prefix;$work_dir/old_abi" \
  -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF
echo "torch errors: all three configurations stopped with gtest_fx's message"
