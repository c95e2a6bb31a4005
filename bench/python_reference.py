#!/usr/bin/env python3
"""The Python side of gtest_fx's speed comparison.

It runs the ops and samples of bench/reference_ops.h (same shapes, same seeds,
hence the same values) through PyTorch's own make_fx_check
(torch.testing._internal.optests.make_fx, torch 2.13): every case is one call
make_fx_check(op, sample_args, {}, mode, randomize_data=...). What that call
does, per case:

  * An argument that is a torch.Size (reshape_to_size's target shape) is
    handed over a second time, as a throw-away empty tensor of that shape: an
    extra input of the trace and of both runs. The function make_fx_check
    traces overwrites the argument with that tensor's .size() before calling
    the op, so in symbolic mode the op gets symbolic sizes. (make_fx still
    sees the torch.Size's own ints, but the op never does.) Only a torch.Size
    is handled this way: layer_norm's normalized shape is a plain list of
    ints, which make_fx's symbolic mode turns into symbolic ints by itself
    (real and fake mode keep them as constants).
  * make_fx traces that function once, on the sample as it is, with
    tracing_mode real, fake or symbolic (the mode only goes to make_fx; the
    checks after the trace are the same for every mode).
  * With randomize_data (the "randomized" variant) every floating-point
    tensor among the arguments, the throw-away size tensor included, is
    replaced by a copy filled with uniform [0, 1) values drawn from the
    global generator (so from whatever state it is in), keeping
    requires_grad; any other tensor (integer, bool, complex) stays. This
    happens after the trace: the graph traced on the sample's values then
    runs on new ones.
  * The op is run once eagerly and the traced graph once, on the same
    argument objects (no copies: the ops here do not modify their inputs),
    each under torch.manual_seed(42) inside a block that saves the global
    generator's state and puts it back afterwards (dropout draws the same
    mask in both runs).
  * If the eager run raises on randomized data, make_fx_check returns
    without comparing (the op may have preconditions on its values); this
    script notices that the op raised and reports the case as "skip". On the
    sample's own data the error propagates and the case fails.
  * torch.testing.assert_close compares the two results, with
    make_fx_check's own message (no mismatch detail) when they differ.

Two ways to run it, with the checkout's virtual environment (scripts/setup.sh
creates .venv/ with torch 2.13.0):

  .venv/bin/python bench/python_reference.py [--json out.json] [--filter RE]
      times every op x size x mode x data case (median over repeated runs in
      this process, after one untimed warm-up run) and the eager call alone.

  .venv/bin/python bench/python_reference.py --matrix [--filter RE]
      runs each case of every op x mode x data variant once, each case over
      both of the op's samples (as a gtest_fx case runs all samples of its
      op), prints a verdict count and exits: what `time` measures for a fresh
      process, beside build/bench/gtest_fx_reference_ops. --filter keeps only
      the samples whose '<op>/<size>' matches (and the ops with any).

bench/compare_python.py runs both sides and prints the comparison.
"""

import argparse
import json
import re
import statistics
import sys
import time

import torch
import torch.nn.functional as F

try:
    from torch.testing._internal.optests.make_fx import make_fx_check
except ImportError as import_error:
    sys.exit(f"python_reference.py needs torch 2.13's make_fx_check "
             f"(torch {torch.__version__} here: {import_error}); run it with "
             ".venv/bin/python of the checkout (scripts/setup.sh makes it)")

MODES = ("real", "fake", "symbolic")
DATA = ("original", "randomized")
SIZES = ("small", "moderate")


def randn(shape, seed):
    """A float32 standard-normal tensor drawn from a generator seeded with
    `seed`: the same values as gtest_fx_bench::Randn."""
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=generator)


def pick(size, small, moderate):
    return small if size == "small" else moderate


# The ops of bench/reference_ops.h, each with its sample factory.
def elementwise_chain(x, y):
    return x.add(y).mul(2).sigmoid()


def sum_dim(x):
    return x.sum(1)


def var_dim(x):
    return x.var(1)


def reshape_to_size(x, shape):
    return x.reshape(shape)


def matmul(a, b):
    return a.matmul(b)


def conv2d(x, weight, bias):
    return F.conv2d(x, weight, bias)


def layer_norm(x, normalized_shape, weight, bias):
    return F.layer_norm(x, normalized_shape, weight, bias)


def dropout(x):
    return F.dropout(x, 0.5, training=True)


def square_sample(seeds):
    def sample(size):
        n = pick(size, 16, 256)
        return [randn((n, n), s) for s in seeds]
    return sample


def reshape_sample(size):
    n = pick(size, 16, 256)
    return [randn((n * n,), 5), torch.Size([n, n])]


def conv2d_sample(size):
    batch, cin, cout, hw = pick(size, (1, 3, 8, 16), (4, 16, 32, 32))
    return [randn((batch, cin, hw, hw), 8), randn((cout, cin, 3, 3), 9),
            randn((cout,), 10)]


def layer_norm_sample(size):
    n = pick(size, 16, 256)
    # The normalized shape is a constant list of ints, as in the C++ sample.
    return [randn((n, n), 11), [n], randn((n,), 12), randn((n,), 13)]


OPS = {
    "elementwise_chain": (elementwise_chain, square_sample((1, 2))),
    "sum_dim": (sum_dim, square_sample((3,))),
    "var_dim": (var_dim, square_sample((4,))),
    "reshape_to_size": (reshape_to_size, reshape_sample),
    "matmul": (matmul, square_sample((6, 7))),
    "conv2d": (conv2d, conv2d_sample),
    "layer_norm": (layer_norm, layer_norm_sample),
    "dropout": (dropout, square_sample((14,))),
}


class CaseSkipped(Exception):
    pass


class RecordingOp:
    """Calls the op and remembers the last exception it raised, so that a
    randomized case whose eager run raised (which make_fx_check swallows)
    can be told from a passing one."""

    def __init__(self, fn):
        self.fn = fn
        self.error = None

    def __call__(self, *args, **kwargs):
        try:
            return self.fn(*args, **kwargs)
        except Exception as error:
            self.error = error
            raise


def check_case(fn, sample, mode, data):
    """One make_fx_check of `fn` on `sample`; raises on a failure."""
    op = RecordingOp(fn)
    # A new list each time: make_fx_check writes the sizes it reads back
    # into the argument list it is given.
    make_fx_check(op, list(sample), {}, mode,
                  randomize_data=data == "randomized")
    if op.error is not None:  # it raised, and make_fx_check returned
        raise CaseSkipped(str(op.error)) from op.error


def describe(error):
    first = str(error).strip().split("\n")[0]
    return f"{type(error).__name__}: {first}"[:100]


def time_calls(call, min_runs, min_seconds, max_runs):
    """Runs `call` once untimed, then at least `min_runs` times and for at
    least `min_seconds` (at most `max_runs` times); returns the wall-clock
    and the CPU (this process) times of the runs, in µs."""
    call()
    times, cpu_times = [], []
    start = time.perf_counter()
    while len(times) < max_runs and (
            len(times) < min_runs or time.perf_counter() - start < min_seconds):
        t0, c0 = time.perf_counter(), time.process_time()
        call()
        cpu_times.append((time.process_time() - c0) * 1e6)
        times.append((time.perf_counter() - t0) * 1e6)
    return times, cpu_times


def run_timings(args):
    pattern = re.compile(args.filter) if args.filter else None
    results = []
    for name, (fn, make_sample) in OPS.items():
        for size in SIZES:
            sample = make_sample(size)
            key = f"{name}/{size}"
            if pattern and not pattern.search(key):
                continue
            times, cpu = time_calls(lambda: fn(*sample), args.min_runs,
                                    args.min_seconds, 10000)
            results.append({"kind": "eager", "op": name, "size": size,
                            "median_us": statistics.median(times),
                            "median_cpu_us": statistics.median(cpu),
                            "runs": len(times), "status": "ok"})
            for mode in MODES:
                for data in DATA:
                    status, reason = "ok", ""
                    try:
                        check_case(fn, sample, mode, data)
                    except CaseSkipped as skip:
                        status, reason = "skip", describe(skip)
                    except Exception as error:  # noqa: BLE001
                        status, reason = "fails", describe(error)

                    def case():
                        try:
                            check_case(fn, sample, mode, data)
                        except Exception:  # noqa: BLE001
                            pass
                    times, cpu = time_calls(case, args.min_runs,
                                            args.min_seconds, args.max_runs)
                    results.append({
                        "kind": "case", "op": name, "size": size,
                        "mode": mode, "data": data,
                        "median_us": statistics.median(times),
                        "median_cpu_us": statistics.median(cpu),
                        "runs": len(times), "status": status,
                        "reason": reason})
                    print(f"case/{key}/{mode}/{data}: "
                          f"{statistics.median(times):10.1f} us "
                          f"({len(times)} runs) {status} {reason}",
                          file=sys.stderr)
    return results


def run_matrix(args):
    pattern = re.compile(args.filter) if args.filter else None
    counts = {"pass": 0, "fail": 0, "skip": 0}
    failures = []
    ops = 0
    for name, (fn, make_sample) in OPS.items():
        samples = [make_sample(size) for size in SIZES
                   if not pattern or pattern.search(f"{name}/{size}")]
        if not samples:
            continue
        ops += 1
        for mode in MODES:
            for data in DATA:
                verdict = "pass"
                skipped = 0
                for sample in samples:
                    try:
                        check_case(fn, sample, mode, data)
                    except CaseSkipped:
                        skipped += 1
                    except Exception as error:  # noqa: BLE001
                        verdict = "fail"
                        failures.append(f"{name}_{mode}_{data}: "
                                        f"{describe(error)}")
                if verdict == "pass" and skipped == len(samples):
                    verdict = "skip"
                counts[verdict] += 1
    total = sum(counts.values())
    print(f"python make_fx matrix: {ops} ops, {total} cases: "
          f"{counts['pass']} pass, {counts['fail']} fail, "
          f"{counts['skip']} skip")
    for failure in failures:
        print(f"  FAIL {failure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--matrix", action="store_true",
                        help="run every case once and exit")
    parser.add_argument("--json", help="write the timings to this file")
    parser.add_argument("--filter", help="regex on '<op>/<size>' (with "
                        "--matrix: the samples a case runs)")
    parser.add_argument("--min-runs", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=0.2)
    parser.add_argument("--max-runs", type=int, default=200)
    args = parser.parse_args()
    if args.matrix:
        run_matrix(args)
        return
    results = run_timings(args)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"torch": torch.__version__,
                       "threads": torch.get_num_threads(),
                       "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
