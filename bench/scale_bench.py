#!/usr/bin/env python3
"""Measures how gtest_fx scales (bench/SCALE.md); bench/scale_all.sh runs it.

  scale_bench.py list BUILD_DIR     start-to-exit time of --gtest_list_tests
                                    with 10, 1,000 and 10,000 registered ops
  scale_bench.py memory BUILD_DIR   resident memory over 1,000 cases, run once
                                    and ten times (--gtest_repeat)
  scale_bench.py compile BUILD_DIR  compile time of ten registrations against
                                    ten plain TEST()s calling the same ops

The binaries and objects are those of bench/CMakeLists.txt (not built by
default: scale_all.sh builds them first). The machine these figures come from
is a shared, noisy 2-core VM, so every figure is the median of several runs,
printed with its range.
"""

import argparse
import json
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def median_and_range(values):
    return statistics.median(values), min(values), max(values)


def fmt_seconds(values):
    med, lo, hi = median_and_range(values)
    return f"{med:.3f} s (range {lo:.3f}-{hi:.3f}, n={len(values)})"


def timed_run(command, env_extra=None):
    """Runs command; returns (seconds from launch to exit, output, phases)."""
    env = dict(os.environ, **(env_extra or {}))
    start_ns = time.monotonic_ns()
    env["GTEST_FX_BENCH_T0"] = str(start_ns)
    run = subprocess.run(command, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=env, check=False)
    elapsed = (time.monotonic_ns() - start_ns) * 1e-9
    out = run.stdout.decode(errors="replace")
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {run.returncode}:\n"
                 f"{out[-2000:]}")
    match = re.search(r"\[phases\] to main ([0-9.]+) s, InitGoogleTest "
                      r"([0-9.]+) s, RUN_ALL_TESTS ([0-9.]+) s", out)
    phases = tuple(float(x) for x in match.groups()) if match else None
    return elapsed, out, phases


def cmd_list(args):
    """Times process start to exit of --gtest_list_tests."""
    sizes = [10, 1000, 10000]
    listing = {}
    phases = {}
    for n in sizes:
        binary = os.path.join(args.build_dir, "bench", f"gtest_fx_many_ops_{n}")
        _, out, _ = timed_run([binary, "--gtest_list_tests"])  # warm caches
        cases = sum(1 for line in out.splitlines() if line.startswith("  "))
        if cases != 6 * n:
            sys.exit(f"{binary} lists {cases} cases, expected {6 * n}")
        listing[n] = []
        phases[n] = []
        for _ in range(args.repeat):
            elapsed, _, p = timed_run([binary, "--gtest_list_tests"])
            listing[n].append(elapsed)
            phases[n].append(p)
        med_phases = [statistics.median(p[i] for p in phases[n])
                      for i in range(3)]
        print(f"{n:>6} ops, {6 * n:>6} cases: --gtest_list_tests "
              f"{fmt_seconds(listing[n])}\n"
              f"      medians of the phases: launch to main() "
              f"{med_phases[0]:.3f} s, InitGoogleTest {med_phases[1]:.3f} s, "
              f"RUN_ALL_TESTS (filter and list) {med_phases[2]:.3f} s",
              flush=True)
    med = {n: statistics.median(listing[n]) for n in sizes}
    print(f"ratio 10,000 / 1,000 ops (whole process): "
          f"{med[10000] / med[1000]:.2f}")
    above = {n: med[n] - med[10] for n in (1000, 10000)}
    print(f"above the 10-op process ({med[10]:.3f} s, mostly LibTorch's "
          f"start-up): 1,000 ops {above[1000]:+.3f} s, 10,000 ops "
          f"{above[10000]:+.3f} s; {above[10000] / 60000 * 1e6:.1f} us per "
          f"case at 10,000 ops")
    verdict = "met" if med[10000] < 1.0 else "missed"
    print(f"target: 10,000 ops listed in under 1 s: {verdict} "
          f"({med[10000]:.3f} s)")


def status_kib(text, label):
    """Returns (cases, VmRSS, VmHWM, RssAnon, RssFile) of a [memory] line."""
    match = re.search(rf"\[memory\] {label}: (\d+) cases run, VmRSS (\d+) "
                      r"KiB, VmHWM (\d+) KiB, RssAnon (\d+) KiB, RssFile (\d+) "
                      r"KiB", text)
    if not match:
        sys.exit(f"no [memory] line for '{label}' in:\n{text[-2000:]}")
    return tuple(int(x) for x in match.groups())


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def cmd_memory(args):
    """Resident memory of 1,000 cases, run once and ten times."""
    binary = os.path.join(args.build_dir, "bench", "gtest_fx_many_ops_memory")
    # 167 ops make 1,002 cases; leaving out two makes 1,000. One op's six
    # cases show what is a one-time cost of the first cases.
    selections = {
        1000: "--gtest_filter=-MakeFx/OpTest.Trace/op_166_symbolic_*",
        6: "--gtest_filter=MakeFx/OpTest.Trace/op_000_*",
    }
    runs = [(1000, 1), (1000, 10), (6, 1)]
    rows = {run: [] for run in runs}
    for _ in range(args.repeat):
        for cases, repeat in runs:
            _, out, _ = timed_run(
                ["/usr/bin/time", "-v", binary, selections[cases],
                 "--gtest_brief=1", "--gtest_fx_matrix=off",
                 f"--gtest_repeat={repeat}"], {"GTEST_FX_BENCH_MEMORY": "1"})
            max_rss = int(re.search(r"Maximum resident set size \(kbytes\): "
                                    r"(\d+)", out).group(1))
            start = status_kib(out, "cases generated, none run")
            first = status_kib(out, "after iteration 0")
            last = status_kib(out, f"after iteration {repeat - 1}")
            if first[0] != cases or last[0] != cases * repeat:
                sys.exit(f"expected {cases} cases per iteration, got "
                         f"{first[0]} and {last[0]} in total")
            rows[(cases, repeat)].append((start, first, last, max_rss))

    def med(run, which, field):  # which: 0 start, 1 first, 2 last
        return statistics.median(r[which][field] for r in rows[run])

    def med_max(run):
        return statistics.median(r[3] for r in rows[run])

    print(f"resident memory (median of {args.repeat} runs each; VmRSS = "
          f"RssAnon + RssFile + RssShmem):")
    for cases, repeat in runs:
        run = (cases, repeat)
        print(f"  {cases:>5} cases, --gtest_repeat={repeat:<2}: VmRSS "
              f"{mib(med(run, 0, 1))} when generated, {mib(med(run, 1, 1))} "
              f"after iteration 1 (RssAnon {mib(med(run, 0, 3))} -> "
              f"{mib(med(run, 1, 3))}, RssFile {mib(med(run, 0, 4))} -> "
              f"{mib(med(run, 1, 4))}), {mib(med(run, 2, 1))} after "
              f"{cases * repeat:,} cases; max RSS (/usr/bin/time -v) "
              f"{mib(med_max(run))}")
    grow = med((1000, 1), 1, 1) - med((1000, 1), 0, 1)
    grow_anon = med((1000, 1), 1, 3) - med((1000, 1), 0, 3)
    grow6 = med((6, 1), 1, 1) - med((6, 1), 0, 1)
    later = med((1000, 10), 2, 1) - med((1000, 10), 1, 1)
    print(f"growth over the first 1,000 cases: {grow / 1024:+.1f} MiB, of which "
          f"allocated (RssAnon) {grow_anon / 1024:+.1f} MiB; over the first 6 "
          f"cases alone: {grow6 / 1024:+.1f} MiB")
    print(f"target growth < 10 MiB over 1,000 cases: VmRSS "
          f"{'met' if grow < 10 * 1024 else 'missed'}, allocated memory "
          f"{'met' if grow_anon < 10 * 1024 else 'missed'}")
    print(f"growth over the 9,000 cases of iterations 2-10: "
          f"{later / 1024:+.2f} MiB, {later * 1024 / 9000:+.0f} bytes per case")
    print(f"max RSS, repeat=10 minus repeat=1: "
          f"{(med_max((1000, 10)) - med_max((1000, 1))) / 1024:+.2f} MiB")


def compile_command(build_dir, source_suffix, out_path):
    with open(os.path.join(build_dir, "compile_commands.json"),
              encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        if entry["file"].endswith(source_suffix):
            break
    else:
        sys.exit(f"{source_suffix} is not in compile_commands.json")
    words = shlex.split(entry["command"])
    if os.path.basename(words[0]) == "ccache":
        words = words[1:]
    command = []
    words = iter(words)
    for word in words:
        if word == "-o":  # write elsewhere than the build's object
            next(words)
            command += ["-o", out_path]
        elif word in ("-MF", "-MT", "-MQ"):  # no dependency file
            next(words)
        elif word not in ("-MD", "-MMD"):
            command.append(word)
    return command, entry["directory"]


def time_compile(command, directory):
    """Returns the compiler's CPU time (user + system) in seconds: on a shared
    machine it varies much less than wall time, which waits for the cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=directory, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cmd_compile(args):
    """Compile time of ten registrations against ten plain TEST()s."""
    env_note = ("CPU time of the compiler, user + system; ccache is not used: "
                "the compiler is called directly")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.o")
        files = {
            "10 registrations (bench/compile/registrations_10.cc)":
                compile_command(args.build_dir,
                                "bench/compile/registrations_10.cc", out),
            "10 plain TEST()s (bench/compile/plain_tests_10.cc)":
                compile_command(args.build_dir,
                                "bench/compile/plain_tests_10.cc", out),
        }
        times = {name: [] for name in files}
        for _ in range(args.repeat):  # interleaved, so noise hits both alike
            for name, (command, directory) in files.items():
                times[name].append(time_compile(command, directory))
        print(f"compile time, median of {args.repeat} ({env_note}):")
        for name, values in times.items():
            print(f"  {name}: {fmt_seconds(values)}")
        reg, plain = (statistics.median(v) for v in times.values())
        print(f"ratio registrations / plain: {reg / plain:.2f} "
              f"(target at most 1.3: {'met' if reg / plain <= 1.3 else 'missed'})")
        if args.breakdown:
            breakdown(args, files, tmp)


# Files of headers only, compiled with the flags of registrations_10.cc: what
# each public header adds to <ATen/ATen.h> and <gtest/gtest.h>.
HEADER_SETS = [
    ("ATen/ATen.h + gtest/gtest.h (the plain file's headers)",
     ["ATen/ATen.h", "gtest/gtest.h"]),
    ("  + gmock/gmock.h", ["ATen/ATen.h", "gtest/gtest.h", "gmock/gmock.h"]),
    ("  + gtest_fx/register.h", ["ATen/ATen.h", "gtest/gtest.h",
                                 "gtest_fx/register.h"]),
    ("  + gtest_fx/matchers.h", ["ATen/ATen.h", "gtest/gtest.h",
                                 "gtest_fx/matchers.h"]),
    ("  + gtest_fx/gtest_fx.h (all)", ["ATen/ATen.h", "gtest/gtest.h",
                                       "gtest_fx/gtest_fx.h"]),
]


def breakdown(args, files, tmp):
    command, directory = next(iter(files.values()))
    source = next(w for w in command if w.endswith("registrations_10.cc"))
    print(f"headers alone, CPU time, median of {args.repeat}:")
    for name, headers in HEADER_SETS:
        path = os.path.join(tmp, "headers.cc")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(f"#include <{h}>\n" for h in headers))
        cmd = [path if w == source else w for w in command]
        values = [time_compile(cmd, directory) for _ in range(args.repeat)]
        print(f"  {name}: {fmt_seconds(values)}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["list", "memory", "compile"])
    parser.add_argument("build_dir")
    parser.add_argument("--breakdown", action="store_true",
                        help="compile: also time the headers alone")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per figure (list 7, memory 3, compile 5)")
    args = parser.parse_args()
    defaults = {"list": 7, "memory": 3, "compile": 5}
    if args.repeat is None:
        args.repeat = defaults[args.what]
    {"list": cmd_list, "memory": cmd_memory, "compile": cmd_compile}[
        args.what](args)


if __name__ == "__main__":
    main()
