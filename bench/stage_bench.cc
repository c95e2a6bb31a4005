// Where the time of one case goes: each stage of a case's check
// (src/check.cc's CheckSample), timed on its own, for the cheap elementwise op
// of bench/reference_ops.h on its small and moderate sample. A profiling aid
// for the speed work; it calls gtest_fx's internal functions (src/*.h), so it
// follows them when they change.
//
// Benchmarks are named `stage/<size>/<mode>/<stage>`; `whole_case` is
// MakeFxCheck, and the stages a case runs sum to about it:
//   randomize_copy   CopyArgs(kRandomize) (randomized data only)
//   clone_args       one CopyArgs(kClone) of the sample (a case makes 3 in
//                    real mode: eager, trace, replay; 2 in fake and symbolic)
//   seed_guard       one outermost ScopedCallSeed (a case makes 1; the
//                    guards of its calls inside it only reseed)
//   eager_call       one seeded call of the op (a case makes 1, and a second
//                    only when the replay disagrees)
//   compare          CompareOutputs + the tensor arguments (a case does 1)
//   meta_copy        CopyArgs(kMeta) (fake and symbolic modes)
//   trace            Trace(): the recorder at the dispatcher, the graph
//   fake_prepare     CompareOutputMetadata + PrepareFakeReplay (fake and
//                    symbolic modes)
//   replay_first     the first Replay of a trace
//   replay_cached    a later Replay of the same trace (the recorder's graph
//                    needs no preparation, so both cost the same)
//
// `suite/<size>/forward` and `suite/<size>/grad` time the six tracing cases or
// the six gradient cases of the op as a suite runs them (CheckOp with the
// registry's caches: one after the other, real, fake, symbolic, each on
// original then randomized data), per case; `grad` also reports `vs_forward`,
// against the median of the forward runs.
// Each iteration checks as a new op would, so that no cache outlives it.
//
// Run: build/bench/gtest_fx_stage_bench [--benchmark_filter=stage/small/real]
#include <ATen/ATen.h>
#include <benchmark/benchmark.h>
#include <gtest_fx/gtest_fx.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../src/check.h"
#include "../src/compare.h"
#include "../src/sample_copy.h"
#include "../src/seeded_call.h"
#include "../src/trace.h"
#include "reference_ops.h"

namespace gtest_fx_bench {
namespace {

namespace internal = gtest_fx::internal;
using gtest_fx::TracingMode;

internal::OpSpec ElementwiseSpec() {
  internal::OpSpec spec;
  spec.name = "elementwise_chain";
  internal::SetCallable(spec, &ElementwiseChain);
  return spec;
}

// Registers `stage/<size>/<mode>/<stage>` timing `body`.
void Add(const std::string& prefix, const std::string& stage,
         std::function<void()> body) {
  benchmark::RegisterBenchmark((prefix + stage).c_str(),
                               [body](benchmark::State& state) {
                                 for (auto _ : state) body();
                               })
      ->Unit(benchmark::kMicrosecond);
}

// Microseconds per case of each run of `suite/<size>/forward` (one per
// repetition), for `vs_forward`.
std::map<std::string, std::vector<double>>& ForwardMicros() {
  static auto* micros = new std::map<std::string, std::vector<double>>();
  return *micros;
}

// The median of `runs`, which is not empty.
double Median(std::vector<double> runs) {
  std::sort(runs.begin(), runs.end());
  const size_t n = runs.size();
  return n % 2 == 1 ? runs[n / 2] : (runs[n / 2 - 1] + runs[n / 2]) / 2;
}

// Registers `suite/<size>/forward` or `suite/<size>/grad`.
void AddSuite(const internal::OpSpec* spec, SampleSize size, bool grad) {
  const std::string size_name = SampleSizeName(size);
  // Two copies of the samples, used in turn: the caches are keyed by the
  // samples' address, so each iteration starts without a cached run, as the
  // next op of a suite does.
  auto samples = std::make_shared<std::vector<std::vector<gtest_fx::Args>>>(
      2, std::vector<gtest_fx::Args>{ElementwiseChainSample(size)});
  benchmark::RegisterBenchmark(
      ("suite/" + size_name + (grad ? "/grad" : "/forward")).c_str(),
      [spec, samples, size_name, grad](benchmark::State& state) {
        size_t turn = 0;
        const auto start = std::chrono::steady_clock::now();
        for (auto _ : state) {
          const std::vector<gtest_fx::Args>& these = (*samples)[turn++ % 2];
          for (TracingMode mode : gtest_fx::kAllTracingModes) {
            for (gtest_fx::Data data : gtest_fx::kAllData) {
              internal::CheckResult result =
                  internal::CheckOp(*spec, these, mode, data, "",
                                    /*trace_cache_key=*/&these, grad);
              if (result.verdict != internal::CheckResult::Verdict::kPass) {
                state.SkipWithError(result.message.c_str());
                return;
              }
            }
          }
        }
        const double per_case_us =
            std::chrono::duration<double, std::micro>(
                std::chrono::steady_clock::now() - start)
                .count() /
            (6.0 * static_cast<double>(std::max<int64_t>(
                       1, static_cast<int64_t>(state.iterations()))));
        state.counters["per_case_us"] = per_case_us;
        if (!grad) {
          ForwardMicros()[size_name].push_back(per_case_us);
        } else if (auto forward = ForwardMicros().find(size_name);
                   forward != ForwardMicros().end()) {
          // Against the median of the forward runs, which all run before
          // the gradient ones.
          state.counters["vs_forward"] = per_case_us / Median(forward->second);
        }
      })
      ->Unit(benchmark::kMicrosecond);
}

void RegisterAll() {
  static const internal::OpSpec* spec = new internal::OpSpec(ElementwiseSpec());
  internal::QuietC10Backtraces();
  for (SampleSize size : {kSmall, kModerate}) {
    AddSuite(spec, size, /*grad=*/false);
    AddSuite(spec, size, /*grad=*/true);
    const auto sample =
        std::make_shared<const gtest_fx::Args>(ElementwiseChainSample(size));
    const std::vector<gtest_fx::ArgValue>& args = sample->values();
    for (TracingMode mode : gtest_fx::kAllTracingModes) {
      const std::string prefix = std::string("stage/") + SampleSizeName(size) +
                                 "/" + gtest_fx::ModeName(mode) + "/";
      Add(prefix, "whole_case", [sample, mode] {
        benchmark::DoNotOptimize(gtest_fx::MakeFxCheck(
            &ElementwiseChain, *sample, mode, gtest_fx::Data::kOriginal));
      });
      if (mode == TracingMode::kReal) {
        // Stages that do not depend on the mode, once per size.
        Add(prefix, "whole_case_randomized", [sample] {
          benchmark::DoNotOptimize(gtest_fx::MakeFxCheck(
              &ElementwiseChain, *sample, TracingMode::kReal,
              gtest_fx::Data::kRandomized));
        });
        // What a case costs around the op's three runs: the same check of
        // an op that makes no ATen call (it returns its first argument).
        Add(prefix, "whole_case_of_no_op", [sample] {
          benchmark::DoNotOptimize(gtest_fx::MakeFxCheck(
              [](const at::Tensor& x, const at::Tensor&) { return x; }, *sample,
              TracingMode::kReal, gtest_fx::Data::kOriginal));
        });
        Add(prefix, "randomize_copy", [sample] {
          benchmark::DoNotOptimize(internal::CopyArgs(
              sample->values(), internal::CopyKind::kRandomize, 1000));
        });
        Add(prefix, "clone_args", [sample] {
          benchmark::DoNotOptimize(
              internal::CopyArgs(sample->values(), internal::CopyKind::kClone));
        });
        Add(prefix, "seed_guard", [] { internal::ScopedCallSeed seed; });
        Add(prefix, "eager_call", [sample] {
          std::vector<gtest_fx::ArgValue> copy = sample->values();
          internal::ScopedCallSeed seed;
          benchmark::DoNotOptimize(spec->invoke(copy));
        });
        // An eager output and the sample's tensors, each beside an equal
        // copy in other memory, as a case compares them.
        auto eager = std::make_shared<internal::Output>();
        {
          std::vector<gtest_fx::ArgValue> copy = args;
          *eager = spec->invoke(copy);
        }
        auto pairs =
            std::make_shared<std::vector<std::pair<at::Tensor, at::Tensor>>>();
        for (const gtest_fx::ArgValue& arg : args) {
          const at::Tensor& t = std::get<at::Tensor>(arg);
          pairs->emplace_back(t, t.clone());
        }
        auto eager_again = std::make_shared<internal::Output>(
            internal::Output::OfTensor(eager->tensor.clone()));
        Add(prefix, "compare", [eager, eager_again, pairs] {
          benchmark::DoNotOptimize(
              internal::CompareOutputs(*eager, *eager_again, std::nullopt));
          for (const auto& [e, a] : *pairs) {
            benchmark::DoNotOptimize(internal::CompareTensors(e, a));
          }
        });
      }
      if (mode != TracingMode::kReal) {
        Add(prefix, "meta_copy", [sample] {
          benchmark::DoNotOptimize(
              internal::CopyArgs(sample->values(), internal::CopyKind::kMeta));
        });
      }
      const internal::CopyKind trace_copy = mode == TracingMode::kReal
                                                ? internal::CopyKind::kClone
                                                : internal::CopyKind::kMeta;
      Add(prefix, "trace", [sample, mode, trace_copy] {
        std::vector<gtest_fx::ArgValue> copy =
            internal::CopyArgs(sample->values(), trace_copy);
        benchmark::DoNotOptimize(internal::Trace(spec->invoke, copy, mode));
      });
      // One trace, kept for the replay stages.
      auto trace = std::make_shared<internal::TraceResult>();
      {
        std::vector<gtest_fx::ArgValue> copy =
            internal::CopyArgs(args, trace_copy);
        *trace = internal::Trace(spec->invoke, copy, mode);
      }
      if (mode != TracingMode::kReal) {
        auto eager = std::make_shared<internal::Output>();
        std::vector<gtest_fx::ArgValue> copy = args;
        *eager = spec->invoke(copy);
        Add(prefix, "fake_prepare", [eager, trace, sample] {
          benchmark::DoNotOptimize(
              internal::CompareOutputMetadata(*eager, trace->outputs));
          internal::PrepareFakeReplay(*trace, sample->values());
        });
      }
      Add(prefix, "replay_first", [trace, sample, mode] {
        internal::TraceResult fresh = *trace;
        std::vector<gtest_fx::ArgValue> copy = sample->values();
        benchmark::DoNotOptimize(internal::Replay(fresh, copy, mode));
      });
      Add(prefix, "replay_cached", [trace, sample, mode] {
        std::vector<gtest_fx::ArgValue> copy = sample->values();
        benchmark::DoNotOptimize(internal::Replay(*trace, copy, mode));
      });
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
