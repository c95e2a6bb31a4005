#!/usr/bin/python3
"""The Python side of gtest_fx's speed comparison.

It runs the ops and samples of bench/reference_ops.h (same shapes, same seeds,
hence the same values) through PyTorch's own tracer,
torch.fx.experimental.proxy_tensor.make_fx, checked the way PyTorch's
make_fx_check checks an op:

  * a torch.Size argument is handed to the trace as a tensor of that shape
    whose .size() the traced function reads, so symbolic tracing can see it;
  * the function is traced once, on the sample, with tracing_mode real, fake
    or symbolic;
  * for the randomized variant every floating-point tensor is refilled with
    uniform [0, 1) values (requires_grad kept); if the op then throws
    eagerly, the case is dropped (a value precondition), not failed;
  * the op and the traced graph each run once, each right after
    torch.manual_seed(42), each on its own fresh copies of the inputs;
  * torch.testing.assert_close compares the two results.

Two ways to run it:

  /usr/bin/python3 bench/python_reference.py [--json out.json] [--filter RE]
      times every op x size x mode x data case (median over repeated runs in
      this process, after one untimed warm-up run) and the eager call alone.

  /usr/bin/python3 bench/python_reference.py --matrix
      runs each case of every op x mode x data variant once, each case over
      both of the op's samples (as a gtest_fx case runs all samples of its
      op), prints a verdict count and exits: what `time` measures for a fresh
      process, beside build/bench/gtest_fx_reference_ops.

It needs torch 1.13 (Debian's python3-torch); run it with /usr/bin/python3.
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
from torch.fx.experimental.proxy_tensor import make_fx

CALL_SEED = 42
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


def map_tensors(fn, value):
    """Applies `fn` to every tensor in a (nested) list/tuple of arguments."""
    if isinstance(value, torch.Tensor):
        return fn(value)
    if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size):
        return type(value)(map_tensors(fn, v) for v in value)
    return value


def fresh(args):
    """Copies of the tensors in `args`, so that no call sees another's."""
    return map_tensors(
        lambda t: t.detach().clone().requires_grad_(t.requires_grad), args)


def randomized(args):
    """`args` with each floating-point tensor refilled from uniform [0, 1)."""
    def refill(t):
        if not t.dtype.is_floating_point:
            return t
        return (t.detach().clone().uniform_(0, 1)
                .requires_grad_(t.requires_grad))
    return map_tensors(refill, args)


def seeded(fn, args):
    torch.manual_seed(CALL_SEED)
    return fn(*args)


def sizes_as_inputs(fn, args):
    """Returns a function and its arguments in which every torch.Size of
    `args` arrives as a tensor of that shape and is read back with .size()
    inside the function, so that a symbolic trace sees the sizes."""
    positions = [i for i, a in enumerate(args) if isinstance(a, torch.Size)]
    if not positions:
        return fn, list(args)
    call_args = [torch.empty(a) if i in positions else a
                 for i, a in enumerate(args)]

    def with_sizes(*values):
        values = list(values)
        for i in positions:
            values[i] = values[i].size()
        return fn(*values)
    return with_sizes, call_args


class CaseSkipped(Exception):
    pass


def check_case(fn, sample, mode, data):
    """One make_fx_check of `fn` on `sample`; raises on a failure."""
    f, args = sizes_as_inputs(fn, sample)
    traced = make_fx(f, tracing_mode=mode)(*fresh(args))
    values = randomized(args) if data == "randomized" else args
    try:
        expected = seeded(f, fresh(values))
    except Exception as error:
        if data == "randomized":
            raise CaseSkipped(str(error)) from error
        raise
    actual = seeded(traced, fresh(values))
    torch.testing.assert_close(actual, expected)


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


def run_matrix():
    counts = {"pass": 0, "fail": 0, "skip": 0}
    failures = []
    for name, (fn, make_sample) in OPS.items():
        samples = [make_sample(size) for size in SIZES]
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
    print(f"python make_fx matrix: {len(OPS)} ops, {total} cases: "
          f"{counts['pass']} pass, {counts['fail']} fail, "
          f"{counts['skip']} skip")
    for failure in failures:
        print(f"  FAIL {failure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--matrix", action="store_true",
                        help="run every case once and exit")
    parser.add_argument("--json", help="write the timings to this file")
    parser.add_argument("--filter", help="regex on '<op>/<size>'")
    parser.add_argument("--min-runs", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=0.2)
    parser.add_argument("--max-runs", type=int, default=200)
    args = parser.parse_args()
    if args.matrix:
        run_matrix()
        return
    results = run_timings(args)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"torch": torch.__version__,
                       "threads": torch.get_num_threads(),
                       "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
