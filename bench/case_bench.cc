// Time of one generated case (all stages: copies, two seeded eager calls,
// trace, replay, comparisons) for representative ops (bench/reference_ops.h),
// at a small and a moderate sample size, in each tracing mode and data
// variant, beside the eager call of the same op alone.
//
// Benchmarks are named `eager/<op>/<size>`, `case/<op>/<size>/<mode>/<data>`
// and, for the gradient case of the same op (forward and backward traced
// together), `grad/<op>/<size>/<mode>/<data>`. A case reports the counters
// `eager_us` (the eager call's time from the `eager/` benchmark of the same op
// and size, which runs just before it) and `overhead` (case time / eager
// time); a gradient case reports `forward_us` (its forward case's time) and
// `vs_forward` (gradient case time / forward case time). A case
// that fails is timed anyway, up to its failure, with the label `fails:
// <cause>` and the counter `failed` = 1: that time is not the cost of a passing
// case.
//
// Run: build/bench/gtest_fx_case_bench [--benchmark_filter=case/matmul/]
//      [--benchmark_format=json]
// bench/compare_python.py runs it beside the Python reference.
#include <ATen/ATen.h>
#include <benchmark/benchmark.h>
#include <gtest_fx/gtest_fx.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "reference_ops.h"

namespace gtest_fx_bench {
namespace {

// One sample argument, converted to what an op's parameter takes.
struct ArgRef {
  const gtest_fx::ArgValue& value;
  operator const at::Tensor&() const {  // NOLINT
    return std::get<at::Tensor>(value);
  }
  operator at::IntArrayRef() const {  // NOLINT
    if (const auto* size = std::get_if<gtest_fx::Size>(&value)) return *size;
    return std::get<std::vector<int64_t>>(value);
  }
};

template <typename R, typename... P, size_t... I>
R CallOn(R (*fn)(P...), const gtest_fx::Args& args, std::index_sequence<I...>) {
  return fn(ArgRef{args.values()[I]}...);
}

// Calls `fn` eagerly on `args`.
template <typename R, typename... P>
R CallOn(R (*fn)(P...), const gtest_fx::Args& args) {
  return CallOn(fn, args, std::index_sequence_for<P...>());
}

struct BenchOp {
  const char* name;
  gtest_fx::Args (*sample)(SampleSize);
  at::Tensor (*eager)(const gtest_fx::Args&);
  ::testing::AssertionResult (*check)(const gtest_fx::Args&,
                                      gtest_fx::TracingMode, gtest_fx::Data);
  ::testing::AssertionResult (*grad_check)(const gtest_fx::Args&,
                                           gtest_fx::TracingMode,
                                           gtest_fx::Data);
};

template <auto kFn>
at::Tensor Eager(const gtest_fx::Args& args) {
  return CallOn(kFn, args);
}

template <auto kFn>
::testing::AssertionResult Check(const gtest_fx::Args& args,
                                 gtest_fx::TracingMode mode,
                                 gtest_fx::Data data) {
  return gtest_fx::MakeFxCheck(kFn, args, mode, data);
}

template <auto kFn>
::testing::AssertionResult GradCheck(const gtest_fx::Args& args,
                                     gtest_fx::TracingMode mode,
                                     gtest_fx::Data data) {
  return gtest_fx::MakeFxGradCheck(kFn, args, mode, data);
}

#define GTEST_FX_BENCH_OP(name, fn, sample) \
  BenchOp { name, &sample, &Eager<&fn>, &Check<&fn>, &GradCheck<&fn> }

const std::vector<BenchOp>& BenchOps() {
  static const auto* ops = new std::vector<BenchOp>{
      GTEST_FX_BENCH_OP("elementwise_chain", ElementwiseChain,
                        ElementwiseChainSample),
      GTEST_FX_BENCH_OP("sum_dim", SumDim, SumDimSample),
      GTEST_FX_BENCH_OP("var_dim", VarDim, VarDimSample),
      GTEST_FX_BENCH_OP("reshape_to_size", ReshapeToSize, ReshapeToSizeSample),
      GTEST_FX_BENCH_OP("matmul", Matmul, MatmulSample),
      GTEST_FX_BENCH_OP("conv2d", Conv2d, Conv2dSample),
      GTEST_FX_BENCH_OP("layer_norm", LayerNorm, LayerNormSample),
      GTEST_FX_BENCH_OP("dropout", Dropout, DropoutSample),
  };
  return *ops;
}

// The eager time per call (µs) of the last `eager/<op>/<size>` run, by
// "<op>/<size>".
std::map<std::string, double>& EagerMicros() {
  static auto* micros = new std::map<std::string, double>();
  return *micros;
}

// The time per case (µs) of the last `case/` run, by its name without the
// "case/" prefix.
std::map<std::string, double>& CaseMicros() {
  static auto* micros = new std::map<std::string, double>();
  return *micros;
}

using Clock = std::chrono::steady_clock;

double MicrosPerIteration(Clock::time_point start, Clock::time_point end,
                          benchmark::IterationCount iterations) {
  return std::chrono::duration<double, std::micro>(end - start).count() /
         static_cast<double>(iterations > 0 ? iterations : 1);
}

// Returns a short cause for a failed check's message.
std::string FailureCause(const std::string& message) {
  static constexpr char kPrefix[] = "Could not run '";
  static constexpr char kMeta[] = "' with arguments from the 'Meta' backend";
  const size_t start = message.find(kPrefix);
  const size_t end = message.find(kMeta);
  if (start != std::string::npos && end != std::string::npos && start < end) {
    std::string op = message.substr(start + sizeof(kPrefix) - 1,
                                    end - start - (sizeof(kPrefix) - 1));
    return "no Meta kernel for " + op.substr(0, op.find('.'));
  }
  if (message.find("convolution_overrideable") != std::string::npos) {
    return "no Meta kernel for aten::convolution";
  }
  const size_t colon = message.find(": ");
  std::string headline = message.substr(
      colon == std::string::npos ? 0 : colon + 2,
      message.find('\n') - (colon == std::string::npos ? 0 : colon + 2));
  return headline.substr(0, 80);
}

void BM_Eager(benchmark::State& state, const BenchOp* op,
              std::shared_ptr<const gtest_fx::Args> args, std::string key) {
  const Clock::time_point start = Clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(op->eager(*args));
  EagerMicros()[key] =
      MicrosPerIteration(start, Clock::now(), state.iterations());
}

void BM_Case(benchmark::State& state, const BenchOp* op,
             std::shared_ptr<const gtest_fx::Args> args, std::string key,
             gtest_fx::TracingMode mode, gtest_fx::Data data, bool grad) {
  auto check = grad ? op->grad_check : op->check;
  // The first check, untimed, tells whether this case passes.
  const ::testing::AssertionResult first = check(*args, mode, data);
  const bool passes = static_cast<bool>(first);
  const Clock::time_point start = Clock::now();
  for (auto _ : state) {
    benchmark::DoNotOptimize(check(*args, mode, data));
  }
  const double case_us =
      MicrosPerIteration(start, Clock::now(), state.iterations());
  if (!passes) {
    state.SetLabel("fails: " + FailureCause(first.message()));
    state.counters["failed"] = 1;
  }
  const std::string case_key =
      key + "/" + gtest_fx::ModeName(mode) + "/" + gtest_fx::DataName(data);
  if (grad) {
    auto forward = CaseMicros().find(case_key);
    if (forward != CaseMicros().end() && forward->second > 0) {
      state.counters["forward_us"] = forward->second;
      state.counters["vs_forward"] = case_us / forward->second;
    }
    return;
  }
  CaseMicros()[case_key] = case_us;
  auto eager = EagerMicros().find(key);
  if (eager != EagerMicros().end() && eager->second > 0) {
    state.counters["eager_us"] = eager->second;
    state.counters["overhead"] = case_us / eager->second;
  }
}

void RegisterAll() {
  for (const BenchOp& op : BenchOps()) {
    for (SampleSize size : {kSmall, kModerate}) {
      const std::string key = std::string(op.name) + "/" + SampleSizeName(size);
      auto args = std::make_shared<const gtest_fx::Args>(op.sample(size));
      benchmark::RegisterBenchmark(("eager/" + key).c_str(), BM_Eager, &op,
                                   args, key)
          ->Unit(benchmark::kMicrosecond);
      for (bool grad : {false, true}) {
        for (gtest_fx::TracingMode mode : gtest_fx::kAllTracingModes) {
          for (gtest_fx::Data data : gtest_fx::kAllData) {
            const std::string name = std::string(grad ? "grad/" : "case/") +
                                     key + "/" + gtest_fx::ModeName(mode) +
                                     "/" + gtest_fx::DataName(data);
            benchmark::RegisterBenchmark(name.c_str(), BM_Case, &op, args, key,
                                         mode, data, grad)
                ->Unit(benchmark::kMicrosecond);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace gtest_fx_bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  gtest_fx_bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
