// Tracing and replay, below the check: what symbolic mode makes dynamic, and
// what it leaves baked.
#include "trace.h"

#include <ATen/ATen.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <sys/resource.h>

#include "compare.h"

namespace gtest_fx::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

OpSpec SpecOf(at::Tensor (*fn)(const at::Tensor&, at::IntArrayRef)) {
  OpSpec spec;
  SetCallable(spec, fn);
  return spec;
}

at::Tensor ReshapeAndFill(const at::Tensor& x, at::IntArrayRef shape) {
  return x.reshape(shape) * 2 + at::ones(shape) + x.view(shape).expand(shape);
}

TEST(SymbolicTrace, SizeIsAGraphInputAndTheGraphReplaysAtAnotherSize) {
  OpSpec spec = SpecOf(&ReshapeAndFill);
  std::vector<ArgValue> args = {at::randn({12}), Size{3, 4}};
  TraceResult trace = Trace(spec.invoke, args, TracingMode::kSymbolic);
  const std::string graph = GraphText(trace);
  // Two inputs: the tensor and the Size's holder; the shapes are read from
  // the holder, never written as constants.
  EXPECT_THAT(graph, HasSubstr("%1 : Byte(3, 4, strides=[0, 0]"));
  EXPECT_THAT(graph, HasSubstr("aten::size(%1"));
  EXPECT_THAT(graph, Not(HasSubstr("prim::Constant[value=3]")));
  EXPECT_THAT(graph, Not(HasSubstr("prim::Constant[value=4]")));

  std::vector<ArgValue> other = {at::randn({24}), Size{6, 4}};
  std::vector<ArgValue> eager_args = other;
  Output eager = spec.invoke(eager_args);
  Output replayed = Replay(trace, other, TracingMode::kSymbolic);
  EXPECT_EQ(CompareOutputs(eager, replayed, std::nullopt), std::nullopt);
  EXPECT_EQ(replayed.tensor.sizes(), at::IntArrayRef({6, 4}));
}

TEST(RealTrace, BakesTheSizeSoAnotherSizeDoesNotReplay) {
  OpSpec spec = SpecOf(&ReshapeAndFill);
  std::vector<ArgValue> args = {at::randn({12}), Size{3, 4}};
  TraceResult trace = Trace(spec.invoke, args, TracingMode::kReal);
  EXPECT_THAT(GraphText(trace), Not(HasSubstr("aten::size")));
  std::vector<ArgValue> other = {at::randn({24}), Size{6, 4}};
  EXPECT_ANY_THROW(Replay(trace, other, TracingMode::kReal));
}

at::Tensor ReshapeFirstDimOnly(const at::Tensor& x, at::IntArrayRef shape) {
  // A list derived from the Size is not the Size: it is baked.
  return x.reshape({shape[0], -1});
}

TEST(SymbolicTrace, AListDerivedFromASizeIsBaked) {
  OpSpec spec = SpecOf(&ReshapeFirstDimOnly);
  std::vector<ArgValue> args = {at::randn({12}), Size{3, 4}};
  TraceResult trace = Trace(spec.invoke, args, TracingMode::kSymbolic);
  EXPECT_THAT(GraphText(trace), HasSubstr("prim::Constant[value=3]"));
}

at::Tensor ExpandHuge(const at::Tensor& x, at::IntArrayRef shape) {
  return x.expand(shape).narrow(0, 0, 2).narrow(1, 0, 2);
}

long MaxRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(SymbolicTrace, AHugeSizeAllocatesNothing) {
  const long before = MaxRssKiB();
  for (Data data : kAllData) {
    EXPECT_TRUE(MakeFxCheck(&ExpandHuge,
                            Args(at::randn({1, 1}), Size{100000, 100000}),
                            TracingMode::kSymbolic, data));
  }
  // 10^10 elements would be 10 GB even as bytes.
  EXPECT_LT(MaxRssKiB() - before, 100 * 1024);
}

at::Tensor Identity(const at::Tensor& x, at::IntArrayRef) { return x; }

TEST(SymbolicTrace, StashedSizesNeverLeakIntoLaterOps) {
  // `sum` takes an int list named `dim`; a Size equal to it must only be
  // stashed for that op, never for the next one.
  auto fn = [](const at::Tensor& x, at::IntArrayRef dims) {
    return x.sum(dims).reshape({-1}).sum({0});
  };
  EXPECT_TRUE(MakeFxCheck(fn, Args(at::randn({2, 3, 4}), Size{1}),
                          TracingMode::kSymbolic, Data::kRandomized));
  EXPECT_TRUE(MakeFxCheck(&Identity, Args(at::randn({2}), Size{2}),
                          TracingMode::kSymbolic, Data::kOriginal));
}

TEST(FakeTrace, RecordsNoMetaDeviceInTheReplayedGraph) {
  auto fn = [](const at::Tensor& x) { return at::ones({2}, x.options()) + 1; };
  OpSpec spec;
  SetCallable(spec, fn);
  std::vector<ArgValue> meta = {at::empty({3}, at::kMeta)};
  TraceResult trace = Trace(spec.invoke, meta, TracingMode::kFake);
  EXPECT_THAT(GraphText(trace),
              HasSubstr("Device = prim::Constant[value=\"meta\"]"));
  std::vector<ArgValue> real = {at::randn({3})};
  PrepareFakeReplay(trace, real);
  EXPECT_THAT(GraphText(trace), Not(HasSubstr("value=\"meta\"")));
  EXPECT_THAT(GraphText(trace),
              HasSubstr("Device = prim::Constant[value=\"cpu\"]"));
  EXPECT_TRUE(Replay(trace, real, TracingMode::kFake).tensor.device().is_cpu());
}

}  // namespace
}  // namespace gtest_fx::internal
