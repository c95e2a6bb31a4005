#!/usr/bin/env python3
"""Follows a Markdown page literally: writes every block marked
`<!-- doc-test: file PATH -->` to PATH and runs every block marked
`<!-- doc-test: run -->`, in page order, in one bash shell (so variables set
by one block reach the next), inside a fresh directory.

Usage: follow_doc.py PAGE WORK_DIR GTEST_FX_SOURCE

The page's readers start from an empty directory that holds their clone of
gtest_fx: WORK_DIR gets a symbolic link `gtest_fx` to GTEST_FX_SOURCE in its
place, and its own HOME. Nothing else is added: the compiler flags are the
system's defaults.
"""
import os
import re
import shutil
import subprocess
import sys

MARKER = re.compile(r"^<!-- doc-test: (run|file (\S+)) -->$")
FENCE = re.compile(r"^```")


def script_of(page):
    lines = open(page, encoding="utf-8").read().splitlines()
    parts = ["set -euxo pipefail"]
    i = 0
    blocks = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        i += 1
        if not marker:
            continue
        if i >= len(lines) or not FENCE.match(lines[i]):
            sys.exit(f"{page}:{i}: a doc-test marker must precede a fenced "
                     "block")
        body = []
        i += 1
        while i < len(lines) and not FENCE.match(lines[i]):
            body.append(lines[i])
            i += 1
        i += 1
        blocks += 1
        if marker.group(1) == "run":
            parts.extend(body)
        else:
            path = marker.group(2)
            parts.append(f"mkdir -p \"$(dirname '{path}')\"")
            parts.append(f"cat > '{path}' <<'DOC_TEST_EOF'")
            parts.extend(body)
            parts.append("DOC_TEST_EOF")
    if blocks == 0:
        sys.exit(f"{page}: no doc-test block")
    return "\n".join(parts) + "\n"


def main():
    page, work_dir, source = sys.argv[1:4]
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(os.path.join(work_dir, "home"))
    os.symlink(os.path.abspath(source), os.path.join(work_dir, "gtest_fx"))
    script = script_of(page)
    with open(os.path.join(work_dir, "steps.sh"), "w", encoding="utf-8") as f:
        f.write(script)
    env = dict(os.environ, HOME=os.path.join(work_dir, "home"))
    # The page's own commands, nothing of this build's configuration.
    for name in ("CXXFLAGS", "CFLAGS", "LDFLAGS", "CMAKE_PREFIX_PATH"):
        env.pop(name, None)
    result = subprocess.run(["bash", "steps.sh"], cwd=work_dir, env=env)
    if result.returncode != 0:
        sys.exit(f"following {page} failed (exit {result.returncode}); the "
                 f"steps are in {work_dir}/steps.sh")
    print(f"followed {page}: every doc-test block ran")


if __name__ == "__main__":
    main()
