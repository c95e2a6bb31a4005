// Time of one generated case (all stages: copies, seeded eager call, trace,
// replay, comparison) for a cheap elementwise op on a 64x64 float tensor, in
// each tracing mode and data variant, beside the eager call alone.
//
// Run: build/bench/gtest_fx_case_bench
#include <ATen/ATen.h>
#include <benchmark/benchmark.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdlib>

namespace {

at::Tensor ElementwiseChain(const at::Tensor& x, const at::Tensor& y) {
  return x.add(y).mul(2).sigmoid();
}

void BM_Eager(benchmark::State& state) {
  at::Tensor x = at::randn({64, 64});
  at::Tensor y = at::randn({64, 64});
  for (auto _ : state) benchmark::DoNotOptimize(ElementwiseChain(x, y));
}
BENCHMARK(BM_Eager)->Unit(benchmark::kMicrosecond);

void BM_Case(benchmark::State& state) {
  const auto mode = static_cast<gtest_fx::TracingMode>(state.range(0));
  const auto data = static_cast<gtest_fx::Data>(state.range(1));
  gtest_fx::Args sample(at::randn({64, 64}), at::randn({64, 64}));
  state.SetLabel(std::string(gtest_fx::ModeName(mode)) + "_" +
                 gtest_fx::DataName(data));
  for (auto _ : state) {
    if (!gtest_fx::MakeFxCheck(&ElementwiseChain, sample, mode, data)) {
      state.SkipWithError("the check failed");
      break;
    }
  }
}
BENCHMARK(BM_Case)
    ->ArgsProduct({{0, 1, 2}, {0, 1}})
    ->ArgNames({"mode", "data"})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
