#!/usr/bin/env python3
"""Runs gtest_fx's benchmarks beside the Python reference and prints every
figure of bench/README.md, as Markdown tables.

It builds nothing: build the benchmark targets first (bench/README.md says
how), then, from the repository root:

  .venv/bin/python bench/compare_python.py [--build build-bench]

In one run it
  1. runs build/bench/gtest_fx_case_bench (JSON, median of repetitions) and
     bench/python_reference.py on the same ops and samples, and prints per
     op x size x mode x data the C++ eager time, the C++ case time, the
     overhead factor (case / eager), the Python case time and the ratio
     Python / C++; then the medians per mode, and the per-case target;
  2. times the whole matrix in fresh processes, alternating:
     build/bench/gtest_fx_reference_ops vs python_reference.py --matrix;
  3. runs build/gtest_fx/aten/gtest_fx_aten with --gtest_output=json and
     reports the per-case median from GoogleTest's times and total / count;
  4. runs build/bench/gtest_fx_stage_bench: where the elementwise case's time
     goes, per stage.

Every process runs with OMP_NUM_THREADS=1 (--threads to change it): on a
shared 2-core machine a second intra-op thread mostly adds noise. It takes
about 3.5 minutes on a 2-core machine. The script itself needs only the
standard library; it runs python_reference.py with the checkout's virtual
environment, .venv/bin/python (torch 2.13.0, made by scripts/setup.sh).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The Python reference needs torch 2.13 (its make_fx_check): the venv of
# scripts/setup.sh, whichever python runs this script.
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
MODES = ("real", "fake", "symbolic")
DATA = ("original", "randomized")
PER_CASE_TARGET = 20.0
MATRIX_TARGET = 4.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, env, **kwargs):
    """Runs `command`; returns (completed process, wall s, CPU s of it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=False, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime)
           + (after.ru_stime - before.ru_stime))
    return done, wall, cpu


def fmt_us(us):
    if us is None:
        return "-"
    if us >= 10000:
        return f"{us / 1000:.1f} ms"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.0f} µs" if us >= 10 else f"{us:.1f} µs"


def fmt_x(x):
    if x is None:
        return "-"
    return f"{x:.0f}x" if x >= 10 else f"{x:.1f}x"


def google_benchmark(binary, args, env):
    """Runs a Google Benchmark binary; returns its median aggregates by
    benchmark name."""
    command = [binary, "--benchmark_format=json",
               "--benchmark_report_aggregates_only=true"] + args
    done, _, _ = run(command, env, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{binary} exited with {done.returncode}")
    report = json.loads(done.stdout)
    medians = {}
    for entry in report["benchmarks"]:
        if entry.get("aggregate_name") != "median":
            continue
        medians[entry["run_name"]] = entry
    return report["context"], medians


def cpp_case_rows(medians):
    """The case benchmarks as rows, by (op, size, mode, data), and the eager
    times by (op, size)."""
    cases, eager = {}, {}
    for name, entry in medians.items():
        parts = name.split("/")
        if parts[0] == "eager":
            eager[(parts[1], parts[2])] = entry
        elif parts[0] == "case":
            cases[tuple(parts[1:5])] = entry
    return cases, eager


def per_case_section(args, env):
    log("[1/4] C++ per-case benchmark (gtest_fx_case_bench) ...")
    binary = os.path.join(args.build, "bench", "gtest_fx_case_bench")
    context, medians = google_benchmark(
        binary, [f"--benchmark_repetitions={args.repetitions}",
                 f"--benchmark_min_time={args.min_time}"], env)
    cases, eager = cpp_case_rows(medians)

    log("[1/4] Python reference (python_reference.py) ...")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done, _, _ = run([PYTHON, os.path.join(HERE, "python_reference.py"),
                          "--json", out.name,
                          "--min-seconds", str(args.py_min_seconds)],
                         env, stderr=subprocess.DEVNULL)
        if done.returncode != 0:
            sys.exit("python_reference.py failed")
        with open(out.name, encoding="utf-8") as f:
            python = json.load(f)
    py_cases = {(r["op"], r["size"], r["mode"], r["data"]): r
                for r in python["results"] if r["kind"] == "case"}
    py_eager = {(r["op"], r["size"]): r
                for r in python["results"] if r["kind"] == "eager"}

    print("## Per case: C++ (gtest_fx::MakeFxCheck) vs Python (torch's "
          "make_fx_check)\n")
    print(f"C++: median of {args.repetitions} repetitions of Google "
          f"Benchmark runs (min time {args.min_time} s each); Python: median "
          "of repeated runs in one process after a warm-up run. Wall-clock "
          "times. `overhead` = C++ case / C++ eager call. `fails`: the case "
          "fails (timed up to its failure; not a valid case time, left out "
          "of every median and ratio below).\n")
    print("| op | size | mode | data | C++ eager | C++ case | overhead | "
          "Python case | Python / C++ |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|")
    rows = []
    for key in cases:  # in the benchmark's order
        op, size, mode, data = key
        entry = cases[key]
        cpp_us = entry["real_time"]
        cpp_cpu = entry["cpu_time"]
        cpp_ok = not entry.get("failed") and "fails" not in entry.get(
            "label", "")
        e = eager.get((op, size))
        eager_us = e["real_time"] if e else None
        py = py_cases.get(key)
        py_ok = py is not None and py["status"] == "ok"
        ratio = py["median_us"] / cpp_us if py and cpp_us else None
        cpu_ratio = (py["median_cpu_us"] / cpp_cpu
                     if py and cpp_cpu and py.get("median_cpu_us") else None)
        notes = []
        if not cpp_ok:
            notes.append("C++ " + entry.get("label", "fails"))
        if py and not py_ok:
            notes.append(f"Python {py['status']}: {py['reason']}")
        rows.append({"key": key, "cpp": cpp_us, "py": py and py["median_us"],
                     "ratio": ratio, "cpu_ratio": cpu_ratio,
                     "both_ok": cpp_ok and py_ok, "cpp_ok": cpp_ok,
                     "py_ok": py_ok,
                     "overhead": cpp_us / eager_us if eager_us else None})
        cpp_text = fmt_us(cpp_us) + ("" if cpp_ok else " (fails)")
        py_text = fmt_us(py and py["median_us"]) + ("" if py_ok else " (fails)")
        ratio_text = fmt_x(ratio) if cpp_ok and py_ok else "n/a"
        print(f"| {op} | {size} | {mode} | {data} | {fmt_us(eager_us)} | "
              f"{cpp_text} | {fmt_x(rows[-1]['overhead'])} | {py_text} | "
              f"{ratio_text} |")
    failing = [r for r in rows if not r["both_ok"]]
    if failing:
        print("\nNot comparable (a side fails):\n")
        for r in failing:
            op, size, mode, data = r["key"]
            why = []
            if not r["cpp_ok"]:
                why.append("C++ " + cases[r["key"]].get("label", "fails"))
            if not r["py_ok"]:
                p = py_cases.get(r["key"])
                why.append(f"Python {p['reason'] if p else 'missing'}")
            print(f"- {op}/{size}/{mode}/{data}: {'; '.join(why)}")

    print("\n## Per mode and size (medians over ops x data, passing cases)\n")
    print("| mode | size | C++ case | C++ overhead | Python case | "
          "Python / C++ (median of ratios) | min ratio | CPU-time ratio | "
          f"cases ≥ {PER_CASE_TARGET:.0f}x |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    summary = {}
    med = lambda xs: statistics.median(xs) if xs else None  # noqa: E731
    for mode in MODES + ("all",):
        for size in ("small", "moderate", "all"):
            sel = [r for r in rows if mode in ("all", r["key"][2])
                   and size in ("all", r["key"][1])]
            cpp = [r["cpp"] for r in sel if r["cpp_ok"]]
            over = [r["overhead"] for r in sel
                    if r["cpp_ok"] and r["overhead"]]
            py = [r["py"] for r in sel if r["py_ok"]]
            ratios = [r["ratio"] for r in sel if r["both_ok"]]
            cpu_ratios = [r["cpu_ratio"] for r in sel
                          if r["both_ok"] and r["cpu_ratio"]]
            stats = {"ratio": med(ratios),
                     "min": min(ratios) if ratios else None,
                     "n": len(ratios),
                     "n_target": sum(x >= PER_CASE_TARGET for x in ratios)}
            summary[(mode, size)] = stats
            print(f"| {mode} | {size} | {fmt_us(med(cpp))} | "
                  f"{fmt_x(med(over))} | {fmt_us(med(py))} | "
                  f"{fmt_x(stats['ratio'])} | {fmt_x(stats['min'])} | "
                  f"{fmt_x(med(cpu_ratios))} | "
                  f"{stats['n_target']} of {stats['n']} |")
    py_eager_small = py_eager.get(("elementwise_chain", "small"))
    cpp_eager_small = eager.get(("elementwise_chain", "small"))
    if py_eager_small and cpp_eager_small:
        print(f"\nEager elementwise_chain/small: C++ "
              f"{fmt_us(cpp_eager_small['real_time'])}, Python "
              f"{fmt_us(py_eager_small['median_us'])}.")
    print(f"\nC++ benchmark context: {context.get('num_cpus')} CPUs, "
          f"load average {context.get('load_avg')}; Python torch "
          f"{python['torch']}, {python['threads']} thread(s).")
    return summary


def matrix_section(args, env):
    log("[2/4] whole matrix, fresh processes ...")
    cpp = [os.path.join(args.build, "bench", "gtest_fx_reference_ops"),
           "--gtest_brief=1"]
    py = [PYTHON, os.path.join(HERE, "python_reference.py"), "--matrix"]
    times = {"cpp": [], "py": []}
    outputs = {}
    for _ in range(args.matrix_runs):
        for side, command in (("cpp", cpp), ("py", py)):
            done, wall, cpu = run(command, env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            if done.returncode != 0:
                print(done.stdout)
                sys.exit(f"{' '.join(command)} exited with {done.returncode}")
            times[side].append((wall, cpu))
            outputs[side] = done.stdout
    cpp_wall = statistics.median(w for w, _ in times["cpp"])
    py_wall = statistics.median(w for w, _ in times["py"])
    cpp_cpu = statistics.median(c for _, c in times["cpp"])
    py_cpu = statistics.median(c for _, c in times["py"])
    print("\n## Whole matrix in a fresh process (8 ops x 6 cases, both "
          "samples per case)\n")
    print(f"Median of {args.matrix_runs} runs each, alternating, start to "
          "exit.\n")
    print("| | wall | CPU (user+sys) | runs (wall, s) |")
    print("|---|---:|---:|---|")
    print(f"| C++ `gtest_fx_reference_ops --gtest_brief=1` | "
          f"{cpp_wall:.2f} s | {cpp_cpu:.2f} s | "
          f"{', '.join(f'{w:.2f}' for w, _ in times['cpp'])} |")
    print(f"| Python `python_reference.py --matrix` | {py_wall:.2f} s | "
          f"{py_cpu:.2f} s | {', '.join(f'{w:.2f}' for w, _ in times['py'])} |")
    print(f"| Python / C++ | {py_wall / cpp_wall:.1f}x | "
          f"{py_cpu / cpp_cpu:.1f}x | |")
    cpp_summary = [line for line in outputs["cpp"].splitlines()
                   if line.startswith("total ") or "PASSED" in line
                   or "FAILED" in line]
    py_summary = [line for line in outputs["py"].splitlines()
                  if line.startswith("python make_fx matrix")]
    print("\nC++ verdicts: " + "; ".join(
        " ".join(line.split()) for line in cpp_summary))
    print("Python verdicts: " + "; ".join(py_summary))
    return py_wall / cpp_wall


def aten_section(args, env):
    log("[3/4] built-in aten suite ...")
    binary = os.path.join(args.build, "gtest_fx", "aten", "gtest_fx_aten")
    runs = []
    for _ in range(args.aten_runs):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            done, wall, cpu = run([binary, "--gtest_brief=1",
                                   "--gtest_fx_matrix=off",
                                   f"--gtest_output=json:{out.name}"],
                                  env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
            if done.returncode != 0:
                sys.exit(f"{binary} exited with {done.returncode}")
            with open(out.name, encoding="utf-8") as f:
                report = json.load(f)
        times = [float(t["time"].rstrip("s"))
                 for suite in report["testsuites"]
                 for t in suite["testsuite"]
                 if t.get("result", "COMPLETED") == "COMPLETED"]
        total = float(report["time"].rstrip("s"))
        runs.append({"wall": wall, "cpu": cpu, "cases": len(times),
                     "median_ms": statistics.median(times) * 1000,
                     "zero": sum(t == 0 for t in times),
                     "total": total, "per_case_us": total / len(times) * 1e6})
    med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
    print("\n## Built-in aten suite in one process (`gtest_fx_aten`)\n")
    print(f"Median of {args.aten_runs} runs.\n")
    print("| cases | median of per-test times (GoogleTest, ms granularity) | "
          "tests reported as 0 ms | tests' total | total / cases | "
          "process wall | process CPU |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {runs[0]['cases']} | {med('median_ms'):.0f} ms | "
          f"{med('zero'):.0f} | {med('total'):.2f} s | "
          f"{fmt_us(med('per_case_us'))} | {med('wall'):.2f} s | "
          f"{med('cpu'):.2f} s |")
    return med("per_case_us")


def stage_section(args, env):
    log("[4/4] stages of the elementwise case (gtest_fx_stage_bench) ...")
    binary = os.path.join(args.build, "bench", "gtest_fx_stage_bench")
    _, medians = google_benchmark(
        binary, [f"--benchmark_repetitions={args.repetitions}",
                 f"--benchmark_min_time={args.min_time}"], env)
    # How many times a case runs each stage, per mode (see stage_bench.cc
    # and src/check.cc's CheckSample): one eager call, one trace, one
    # replay; a second eager call only when the replay disagrees; one full
    # generator save and restore per sample (the three calls inside it only
    # reseed, which eager_call, trace and replay include).
    counts = {
        "real": {"clone_args": 3, "seed_guard": 1, "eager_call": 1,
                 "compare": 1, "trace": 1, "replay_first": 1},
        "fake": {"clone_args": 2, "meta_copy": 1, "seed_guard": 1,
                 "eager_call": 1, "compare": 1, "trace": 1,
                 "fake_prepare": 1, "replay_first": 1},
        "symbolic": {"clone_args": 2, "meta_copy": 1, "seed_guard": 1,
                     "eager_call": 1, "compare": 1, "trace": 1,
                     "fake_prepare": 1, "replay_first": 1},
    }
    print("\n## Where a case's time goes (elementwise_chain, original data)\n")
    print("CPU time (steadier than wall-clock time on a shared machine). "
          "Each stage timed alone (median of repetitions), times the number "
          "of times a case runs it. `trace` includes one clone of the "
          "inputs; `seed_guard`s and one clone are also inside `eager_call` "
          "and `trace`, so the parts overlap slightly; `rest` = whole case "
          "minus the listed parts.\n")
    for size in ("small", "moderate"):
        print(f"\n### {size} sample\n")
        print("| stage | per call | calls | real | fake | symbolic |")
        print("|---|---:|---:|---:|---:|---:|")

        def t(mode, stage):
            entry = medians.get(f"stage/{size}/{mode}/{stage}")
            if entry is None and mode != "real":
                entry = medians.get(f"stage/{size}/real/{stage}")
            return entry["cpu_time"] if entry else None
        whole = {m: t(m, "whole_case") for m in MODES}
        stages = ["clone_args", "meta_copy", "seed_guard", "eager_call",
                  "compare", "trace", "fake_prepare", "replay_first",
                  "replay_cached"]
        accounted = {m: 0.0 for m in MODES}
        for stage in stages:
            cells = []
            for mode in MODES:
                n = counts[mode].get(stage, 0)
                value = t(mode, stage)
                if n and value is not None:
                    accounted[mode] += n * value
                    share = n * value / whole[mode] * 100
                    cells.append(f"{fmt_us(n * value)} ({share:.0f} %)")
                else:
                    cells.append("-")
            per_call = " / ".join(fmt_us(t(m, stage)) for m in MODES
                                  if t(m, stage) is not None and (
                                      counts[m].get(stage) or
                                      stage == "replay_cached"))
            calls = "/".join(str(counts[m].get(stage, 0)) for m in MODES)
            print(f"| {stage} | {per_call} | {calls} | {' | '.join(cells)} |")
        print("| rest (spec, MakeFxCheck, result) | | | " + " | ".join(
            f"{fmt_us(whole[m] - accounted[m])}" for m in MODES) + " |")
        print("| **whole case** | | | " + " | ".join(
            f"**{fmt_us(whole[m])}**" for m in MODES) + " |")
        no_op = t("real", "whole_case_of_no_op")
        if no_op is not None:
            print(f"\nThe same check of an op that makes no ATen call (what a "
                  f"case costs besides the op's own runs): {fmt_us(no_op)}.")
        rand = t("real", "whole_case_randomized")
        copy = t("real", "randomize_copy")
        print(f"\nreal/randomized whole case: {fmt_us(rand)} (randomize_copy "
              f"{fmt_us(copy)}).")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    parser.add_argument("--threads", default="1")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--min-time", default="0.1")
    parser.add_argument("--py-min-seconds", default="0.2")
    parser.add_argument("--matrix-runs", type=int, default=3)
    parser.add_argument("--aten-runs", type=int, default=3)
    parser.add_argument("--skip", default="",
                        help="comma-separated sections to skip: "
                             "cases,matrix,aten,stages")
    args = parser.parse_args()
    for binary in ("bench/gtest_fx_case_bench", "bench/gtest_fx_stage_bench",
                   "bench/gtest_fx_reference_ops",
                   "gtest_fx/aten/gtest_fx_aten"):
        if not os.path.exists(os.path.join(args.build, binary)):
            sys.exit(f"missing {args.build}/{binary}: build it first "
                     "(bench/README.md)")
    if not os.access(PYTHON, os.X_OK):
        sys.exit(f"missing {PYTHON}: run scripts/setup.sh (it makes the "
                 "venv with torch 2.13.0)")
    env = dict(os.environ, OMP_NUM_THREADS=args.threads,
               MKL_NUM_THREADS=args.threads)
    skip = set(filter(None, args.skip.split(",")))
    with open("/proc/loadavg", encoding="utf-8") as f:
        load_before = f.read().split()[:3]
    start = time.perf_counter()
    per_case = per_case_section(args, env) if "cases" not in skip else None
    matrix = matrix_section(args, env) if "matrix" not in skip else None
    aten_us = aten_section(args, env) if "aten" not in skip else None
    if "stages" not in skip:
        stage_section(args, env)
    with open("/proc/loadavg", encoding="utf-8") as f:
        load_after = f.read().split()[:3]

    print("\n## Targets\n")
    print("| target | measured | verdict |")
    print("|---|---|---|")
    if per_case:
        a = per_case[("all", "all")]
        small = per_case[("all", "small")]
        print(f"| per case ≥ {PER_CASE_TARGET:.0f}x faster than Python | "
              f"median ratio {fmt_x(a['ratio'])}, min {fmt_x(a['min'])}; "
              f"{a['n_target']} of {a['n']} comparable cases ≥ "
              f"{PER_CASE_TARGET:.0f}x | "
              f"{'met' if a['ratio'] >= PER_CASE_TARGET else 'MISSED'} "
              "(median)"
              f"{'' if a['min'] >= PER_CASE_TARGET else '; not every case'} |")
        print(f"| (the same, small samples only) | median ratio "
              f"{fmt_x(small['ratio'])}, min {fmt_x(small['min'])}; "
              f"{small['n_target']} of {small['n']} cases ≥ "
              f"{PER_CASE_TARGET:.0f}x | "
              f"{'met' if small['ratio'] >= PER_CASE_TARGET else 'MISSED'} |")
    if matrix:
        print(f"| whole matrix, fresh process, ≥ {MATRIX_TARGET:.0f}x "
              f"faster than Python | {fmt_x(matrix)} | "
              f"{'met' if matrix >= MATRIX_TARGET else 'MISSED'} |")
    if aten_us:
        print(f"| (aten suite, per case in one process) | {fmt_us(aten_us)} "
              "| (no target) |")
    print(f"\nLoad average before {' '.join(load_before)}, after "
          f"{' '.join(load_after)}; this run took "
          f"{time.perf_counter() - start:.0f} s.")


if __name__ == "__main__":
    main()
