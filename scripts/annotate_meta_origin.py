#!/usr/bin/env python3
"""Says, in an expectations file's reasons, where the Meta kernels that a C++
process lacks come from.

gtest_fx runs without Python, so LibTorch's Meta implementations that are
registered from Python (torch/_meta_registrations.py, decompositions) are
missing there. For every reason of the form "no Meta kernel for aten::X in
LibTorch C++" this script imports the same torch and appends what Python
has: "(Python registers one)" or "(none in Python either)". Reasons that
already carry a note are left alone, so it can be run after every
--gtest_fx_update_expectations.

Usage: .venv/bin/python scripts/annotate_meta_origin.py gtest_fx/aten/expectations.json
"""

import json
import re
import sys

import torch
import torch._decomp
import torch._meta_registrations  # noqa: F401  (registers Python's Meta kernels)

PATTERN = re.compile(r"no Meta kernel for aten::(\w+) in LibTorch C\+\+$")


def python_has_meta(name):
    packet = getattr(torch.ops.aten, name, None)
    if packet is None:
        return False
    for overload in packet.overloads():
        op = getattr(packet, overload)
        if op in torch._decomp.meta_table:
            return True
        if torch._C._dispatch_has_kernel_for_dispatch_key(op.name(), "Meta"):
            return True
    return False


def main(path):
    with open(path) as f:
        text = f.read()
    data = json.loads(text)
    changed = 0
    for entry in data["expectations"]:
        match = PATTERN.search(entry["reason"])
        if not match:
            continue
        note = ("(Python registers one)" if python_has_meta(match.group(1))
                else "(none in Python either)")
        entry["reason"] += " " + note
        changed += 1
    lines = ["{", '  "about": ' + json.dumps(data["about"]) + ",",
             '  "expectations": [']
    entries = [json.dumps(e, separators=(",", ":")) for e in data["expectations"]]
    lines += ["    " + e + ("," if i + 1 < len(entries) else "")
              for i, e in enumerate(entries)]
    lines += ["  ]", "}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"annotated {changed} reasons in {path}")


if __name__ == "__main__":
    main(sys.argv[1])
