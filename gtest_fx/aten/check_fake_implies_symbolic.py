#!/usr/bin/env python3
"""Checks that symbolic mode fails wherever fake mode fails, in the aten suite.

Runs the suite with a JSON report and checks, for every registration, that a
failing fake case (FAIL or xfail) has a failing symbolic case of the same data
variant: symbolic mode traces on meta tensors as fake mode does, so it must
fail wherever fake mode fails. The same holds for the gradient cases
(grad_fake_<data> and grad_symbolic_<data>).

Usage: check_fake_implies_symbolic.py <gtest_fx_aten> <report.json>
"""
import json
import subprocess
import sys


def main(suite, report):
    run = subprocess.run([suite, "--gtest_brief=1", f"--gtest_fx_report={report}"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if run.returncode != 0:
        failed = sorted({line.split(" (")[0] for line in run.stdout.splitlines()
                         if line.startswith("[  FAILED  ]")})
        sys.exit(f"the aten suite failed (exit status {run.returncode}):\n"
                 + "\n".join(failed))
    with open(report) as f:
        ops = json.load(f)["ops"]
    failing = ("FAIL", "xfail")
    fake_failures = 0
    violations = []
    for op in ops:
        cases = op["cases"]
        for kind in ("", "grad_"):
            for data in ("original", "randomized"):
                fake = cases.get(f"{kind}fake_{data}", {}).get("verdict")
                if fake not in failing:
                    continue
                fake_failures += 1
                symbolic = cases.get(f"{kind}symbolic_{data}", {}).get("verdict")
                if symbolic not in failing:
                    violations.append(f"  {op['op']}: {kind}fake_{data} {fake}, "
                                      f"{kind}symbolic_{data} {symbolic}")
    if violations:
        sys.exit("fake failures that symbolic mode passes:\n" + "\n".join(violations))
    print(f"{len(ops)} registrations: all {fake_failures} failing fake cases "
          "fail symbolic mode too")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
