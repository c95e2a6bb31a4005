#!/usr/bin/env bash
# Prints the CMake prefix of the LibTorch in the checkout's virtual
# environment (scripts/setup.sh makes it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/.venv/bin/python" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)' 2> /dev/null
