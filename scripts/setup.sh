#!/usr/bin/env bash
# Installs what gtest_fx needs, once (a second run installs nothing):
#  - from Debian's archive: the compiler, CMake, Ninja, ccache, GoogleTest,
#    GoogleMock, abseil, Google Benchmark, nlohmann-json, clang-format and
#    Chromium (the report page's browser test);
#  - LibTorch 2.13.0, from the CPU build of the torch wheel, in a virtual
#    environment at .venv/ in the checkout (ignored by git). The same
#    environment runs the Python reference (make_fx_check, opcheck).
# A user who brings their own LibTorch sets GTEST_FX_TORCH_PREFIX (or passes
# -DCMAKE_PREFIX_PATH / -DTorch_DIR to CMake) and gets no torch from here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(g++ cmake ninja-build ccache libgtest-dev libgmock-dev libabsl-dev
          libbenchmark-dev nlohmann-json3-dev clang-format python3-venv
          chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
# A machine whose python3 is not Debian's (pyenv) has venv without the
# python3-venv package.
if [[ " ${missing[*]} " == *" python3-venv "* ]] && python3 -m venv --help > /dev/null 2>&1; then
  missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "[setup] installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" > /dev/null
fi

if [[ -n "${GTEST_FX_TORCH_PREFIX:-}" ]]; then
  exit 0  # the user's own LibTorch
fi
# Pinned exactly: an unpinned torch is a CUDA build of several GB.
torch_version=2.13.0
venv="$root/.venv"
if ! "$venv/bin/python" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$torch_version')" 2> /dev/null; then
  echo "[setup] installing torch==$torch_version (CPU) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "torch==$torch_version" numpy
fi
