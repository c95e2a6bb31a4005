// The recorder and its replay, below the check: what the graph holds (ATen
// calls below autograd, as make_fx records them), FakeTensor's semantics on
// meta tensors, and what symbolic mode keeps variable.
#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <c10/core/InferenceMode.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <sys/resource.h>
#include <torch/library.h>

#include <thread>

#include "compare.h"
#include "trace.h"

namespace gtest_fx::internal {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

template <typename F>
OpSpec SpecOf(F fn) {
  OpSpec spec;
  SetCallable(spec, std::move(fn));
  return spec;
}

template <typename F>
std::string GraphOf(F fn, std::vector<ArgValue> args,
                    TracingMode mode = TracingMode::kReal) {
  OpSpec spec = SpecOf(std::move(fn));
  return GraphText(Trace(spec.invoke, args, mode));
}

// A TORCH_LIBRARY op whose only kernel is CompositeImplicitAutograd and which
// bakes a tensor value: x * x.sum().item().
at::Tensor ScaleBySum(const at::Tensor& x) {
  return x.mul(x.sum().item<double>());
}

TORCH_LIBRARY(gtest_fx_recorder_test, m) {
  m.def("scale_by_sum(Tensor x) -> Tensor");
  m.def("no_meta(Tensor x) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_recorder_test, CompositeImplicitAutograd, m) {
  m.impl("scale_by_sum", &ScaleBySum);
}
TORCH_LIBRARY_IMPL(gtest_fx_recorder_test, CPU, m) {
  m.impl("no_meta", [](const at::Tensor& x) { return x.clone(); });
}

at::Tensor CallCustom(const char* name, const at::Tensor& x) {
  return c10::Dispatcher::singleton()
      .findSchemaOrThrow(name, "")
      .typed<at::Tensor(const at::Tensor&)>()
      .call(x);
}

TEST(Recorder, RecordsLinearAsItsDecomposition) {
  auto linear = [](const at::Tensor& x, const at::Tensor& w,
                   const at::Tensor& b) { return at::linear(x, w, b); };
  const std::string graph =
      GraphOf(linear, {at::randn({2, 3}), at::randn({4, 3}), at::randn({4})});
  EXPECT_THAT(graph,
              AllOf(HasSubstr("%t = aten::t(%arg1) -> f32[3, 4]"),
                    HasSubstr("%addmm = aten::addmm(%arg2, %arg0, %t"),
                    HasSubstr("-> f32[2, 4]"), Not(HasSubstr("aten::linear"))));
}

TEST(Recorder, DecomposesCompositesUnderInferenceModeToo) {
  auto linear = [](const at::Tensor& x, const at::Tensor& w) {
    return at::linear(x, w);
  };
  std::vector<ArgValue> args = {at::randn({2, 3}), at::randn({4, 3})};
  const std::string with_autograd = GraphOf(linear, args);
  c10::InferenceMode inference;
  const std::string without = GraphOf(linear, args);
  EXPECT_EQ(with_autograd, without);
  EXPECT_THAT(without, Not(HasSubstr("aten::linear")));
}

TEST(Recorder, ACompositeCustomOpBakingItemFailsRandomizedWithItsGraph) {
  auto op = [](const at::Tensor& x) {
    return CallCustom("gtest_fx_recorder_test::scale_by_sum", x);
  };
  Args sample(at::randn({5}));
  EXPECT_TRUE(MakeFxCheck(op, sample, TracingMode::kReal, Data::kOriginal));
  ::testing::AssertionResult randomized =
      MakeFxCheck(op, sample, TracingMode::kReal, Data::kRandomized);
  ASSERT_FALSE(randomized);
  EXPECT_THAT(randomized.message(),
              AllOf(HasSubstr("the replay's outputs differ from eager"),
                    HasSubstr("%_local_scalar_dense = "
                              "aten::_local_scalar_dense(%sum)"),
                    HasSubstr("(.item()) read "), HasSubstr("as a constant"),
                    HasSubstr("%mul = aten::mul.Scalar(%arg0, ")));
}

TEST(Recorder, FailuresOfACompositeCustomOpSayItsDecompositionWasRecorded) {
  EXPECT_THAT(
      CompositeNote("gtest_fx_recorder_test::scale_by_sum"),
      testing::Optional(HasSubstr(
          "gtest_fx_recorder_test::scale_by_sum is "
          "CompositeImplicitAutograd: its decomposition was recorded")));
  EXPECT_EQ(CompositeNote("gtest_fx_recorder_test::no_meta"), std::nullopt);
}

TEST(Recorder, ItemInFakeModeIsNamedAsADataRead) {
  auto op = [](const at::Tensor& x) { return x.mul(x.sum().item<double>()); };
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    ::testing::AssertionResult result =
        MakeFxCheck(op, Args(at::randn({5})), mode, Data::kOriginal);
    ASSERT_FALSE(result);
    EXPECT_THAT(result.message(),
                AllOf(HasSubstr("the op reads a tensor value while tracing "
                                "(aten::_local_scalar_dense: .item())"),
                      Not(HasSubstr("no Meta kernel"))));
  }
}

TEST(Recorder, AnAtenOpWithoutAMetaKernelRunsOnPlaceholdersInFakeMode) {
  // aten::relu's Meta implementation is registered from Python only.
  auto op = [](const at::Tensor& x) { return x.relu().flip({0}) * 2; };
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    for (Data data : kAllData) {
      EXPECT_TRUE(MakeFxCheck(op, Args(at::randn({3, 4})), mode, data));
    }
  }
  EXPECT_THAT(GraphOf(op, {at::empty({3, 4}, at::kMeta)}, TracingMode::kFake),
              HasSubstr("aten::relu(%arg0) -> f32[3, 4]  # no Meta kernel: "
                        "ran on zero-filled placeholders"));
}

// The recorder remembers a meta call that needed placeholders and runs the
// same call on them at once in later traces: the graph is the same as the
// first time's, a call of the same op with other metadata is recorded at its
// own dtype and shape, and the case passes.
TEST(Recorder, AMetaCallThatNeededPlaceholdersRunsOnThemAgain) {
  auto op = [](const at::Tensor& x) { return x.relu(); };
  const std::string first =
      GraphOf(op, {at::empty({3, 4}, at::kMeta)}, TracingMode::kFake);
  EXPECT_THAT(first, HasSubstr("aten::relu(%arg0) -> f32[3, 4]  # no Meta "
                               "kernel: ran on zero-filled placeholders"));
  EXPECT_EQ(GraphOf(op, {at::empty({3, 4}, at::kMeta)}, TracingMode::kFake),
            first);
  EXPECT_THAT(
      GraphOf(op,
              {at::empty({5}, at::TensorOptions(at::kMeta).dtype(at::kDouble))},
              TracingMode::kFake),
      HasSubstr("aten::relu(%arg0) -> f64[5]  # no Meta kernel: ran on "
                "zero-filled placeholders"));
  EXPECT_TRUE(MakeFxCheck(op, Args(at::randn({3, 4})), TracingMode::kFake,
                          Data::kRandomized));
}

TEST(Recorder, ACustomOpWithoutAMetaKernelStillFailsFakeMode) {
  auto op = [](const at::Tensor& x) {
    return CallCustom("gtest_fx_recorder_test::no_meta", x);
  };
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    ::testing::AssertionResult result =
        MakeFxCheck(op, Args(at::randn({3})), mode, Data::kOriginal);
    ASSERT_FALSE(result);
    EXPECT_THAT(result.message(),
                AllOf(HasSubstr("tracing fails"),
                      HasSubstr("gtest_fx_recorder_test::no_meta"),
                      HasSubstr("Meta kernel")));
  }
  EXPECT_TRUE(MakeFxCheck(op, Args(at::randn({3})), TracingMode::kReal,
                          Data::kRandomized));
}

TEST(Recorder, NonzeroFailsFakeModeAsADataDependentShape) {
  auto op = [](const at::Tensor& x) { return x.nonzero(); };
  ::testing::AssertionResult result =
      MakeFxCheck(op, Args(at::tensor({0.f, 1.f, 2.f})), TracingMode::kFake,
                  Data::kOriginal);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.message(),
              AllOf(HasSubstr("aten::nonzero on zero-filled placeholders"),
                    HasSubstr("data-dependent output shape")));
  // Inside the op, the replay names the op whose shape changed.
  auto inner = [](const at::Tensor& x) { return x.nonzero().sum(); };
  ::testing::AssertionResult replay =
      MakeFxCheck(inner, Args(at::tensor({0.f, 1.f, 2.f})), TracingMode::kFake,
                  Data::kOriginal);
  ASSERT_FALSE(replay);
  EXPECT_THAT(replay.message(),
              HasSubstr("data-dependent output shape: aten::nonzero gives "
                        "%nonzero the shape [2, 1] on the real values and "
                        "[0, 1] on the zero-filled placeholders"));
}

TEST(Recorder, AKernelWritingThroughDataPtrIsNamed) {
  // What max_pool1d's composite kernel does in LibTorch 2.13: an empty
  // output filled in a loop, which no dispatcher sees.
  auto op = [](const at::Tensor& x) {
    at::Tensor out = at::empty_like(x);
    float* dst = out.data_ptr<float>();
    const float* src = x.const_data_ptr<float>();
    for (int64_t i = 0; i < x.numel(); ++i) dst[i] = 2 * src[i];
    return out.add(1);
  };
  ::testing::AssertionResult result = MakeFxCheck(
      op, Args(at::randn({4})), TracingMode::kReal, Data::kOriginal);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.message(),
              HasSubstr("%empty_like is made by aten::empty_like and read by "
                        "aten::add.Scalar before any recorded call writes "
                        "it: a kernel filled it outside the dispatcher"));
}

TEST(Recorder, MaskedSelectFailsFakeAndSymbolicModeAsADataDependentShape) {
  auto op = [](const at::Tensor& x) { return x.masked_select(x.gt(0)); };
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    ::testing::AssertionResult result = MakeFxCheck(
        op, Args(at::tensor({-1.f, 2.f, 3.f})), mode, Data::kOriginal);
    ASSERT_FALSE(result);
    EXPECT_THAT(result.message(),
                AllOf(HasSubstr("the fake trace's outputs differ"),
                      HasSubstr("aten::masked_select on zero-filled "
                                "placeholders"),
                      HasSubstr("data-dependent output shape")));
  }
  EXPECT_TRUE(MakeFxCheck(op, Args(at::tensor({-1.f, 2.f, 3.f})),
                          TracingMode::kReal, Data::kOriginal));
}

TEST(Recorder, TensorsFreedDuringTheTraceAreNotConfused) {
  // Each temporary dies before the next is made, so an allocator may hand
  // out the same address again; the graph must still tell them apart.
  auto op = [](const at::Tensor& x) {
    at::Tensor acc = x.clone();
    for (int i = 0; i < 8; ++i) {
      at::Tensor t = x.mul(i);
      acc = acc.add(t);
    }
    return acc;
  };
  for (TracingMode mode : kAllTracingModes) {
    EXPECT_TRUE(MakeFxCheck(op, Args(at::randn({4})), mode, Data::kRandomized));
  }
}

TEST(Recorder, AShallowCopyOfAnInputIsTheInput) {
  auto op = [](const at::Tensor& x) { return x.variable_data().mul(2); };
  const std::string graph = GraphOf(op, {at::randn({3})});
  EXPECT_THAT(graph, HasSubstr("aten::mul.Scalar(%arg0, 2)"));
  EXPECT_THAT(graph, Not(HasSubstr("constant")));
  auto detached = [](const at::Tensor& x) { return x.detach().mul(2); };
  EXPECT_TRUE(MakeFxCheck(detached, Args(at::randn({3})), TracingMode::kReal,
                          Data::kRandomized));
}

TEST(Recorder, AnOpRunOnAnotherThreadIsNamedNotSilentlyBaked) {
  auto op = [](const at::Tensor& x) {
    at::Tensor doubled;
    std::thread worker([&] { doubled = x.mul(2); });
    worker.join();
    return doubled.add(1);
  };
  ::testing::AssertionResult result = MakeFxCheck(
      op, Args(at::randn({3})), TracingMode::kReal, Data::kRandomized);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.message(),
              HasSubstr("%_tensor_constant = constant -> f32[3]  # no "
                        "recorded call made it: captured from outside the "
                        "op, or computed on another thread"));
  ::testing::AssertionResult fake = MakeFxCheck(
      op, Args(at::randn({3})), TracingMode::kFake, Data::kOriginal);
  ASSERT_FALSE(fake);
  EXPECT_THAT(fake.message(), HasSubstr("computed on another thread"));
}

TEST(Recorder, InPlaceOpsOnViewsReplay) {
  auto op = [](const at::Tensor& x) {
    at::Tensor row = x.select(0, 1);
    row.mul_(3);
    x.narrow(1, 0, 1).add_(1);
    return x.sum(0);
  };
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      EXPECT_TRUE(MakeFxCheck(op, Args(at::randn({3, 4})), mode, data));
    }
  }
}

TEST(Recorder, ListsInAndOut) {
  auto split_cat = [](const at::Tensor& x) {
    std::vector<at::Tensor> parts = x.split(2);
    std::vector<at::Tensor> rows = x.unbind(1);
    return at::cat({at::cat(parts, 0), at::stack(rows)}, 0);
  };
  const std::string graph = GraphOf(split_cat, {at::randn({4, 4})});
  EXPECT_THAT(graph, HasSubstr("[%split, %split_1] = aten::split.Tensor("));
  EXPECT_THAT(graph, HasSubstr("aten::cat([%split, %split_1], 0)"));
  auto index = [](const at::Tensor& x, const at::Tensor& i) {
    return x.index({at::indexing::Slice(), i});
  };
  EXPECT_THAT(GraphOf(index, {at::randn({3, 4}), at::tensor({0, 2})}),
              HasSubstr("aten::index.Tensor(%arg0, [None, %arg1])"));
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      EXPECT_TRUE(MakeFxCheck(split_cat, Args(at::randn({4, 4})), mode, data));
      EXPECT_TRUE(MakeFxCheck(
          index, Args(at::randn({3, 4}), at::tensor({0, 2})), mode, data));
    }
  }
}

TEST(Recorder, AFactoryWithTheInputsOptionsReplaysOnTheRealDevice) {
  auto op = [](const at::Tensor& x) { return at::ones({2}, x.options()) + 1; };
  OpSpec spec = SpecOf(op);
  std::vector<ArgValue> meta = {at::empty({3}, at::kMeta)};
  TraceResult trace = Trace(spec.invoke, meta, TracingMode::kFake);
  EXPECT_THAT(GraphText(trace), HasSubstr("aten::ones([2], 6, 0, meta, None)"));
  std::vector<ArgValue> real = {at::randn({3})};
  PrepareFakeReplay(trace, real);
  Output replayed = Replay(trace, real, TracingMode::kFake);
  EXPECT_TRUE(replayed.tensor.device().is_cpu());
  EXPECT_TRUE(replayed.tensor.equal(at::full({2}, 2.0)));
}

// Symbolic mode: a Size stays a variable of the graph, through the
// composites that derive shapes from it.
at::Tensor ReshapeAndFill(const at::Tensor& x, at::IntArrayRef shape) {
  return x.reshape(shape) * 2 + at::ones(shape) + x.view(shape).expand(shape);
}

TEST(SymbolicTrace, SizeIsAGraphInputAndTheGraphReplaysAtAnotherSize) {
  OpSpec spec = SpecOf(&ReshapeAndFill);
  std::vector<ArgValue> args = {at::empty({12}, at::kMeta), Size{3, 4}};
  TraceResult trace = Trace(spec.invoke, args, TracingMode::kSymbolic);
  const std::string graph = GraphText(trace);
  EXPECT_THAT(graph, HasSubstr("%size0: Size[3, 4]"));
  EXPECT_THAT(graph, HasSubstr("aten::view(%arg0, %size0[3, 4])"));
  EXPECT_THAT(graph, Not(HasSubstr(", [3, 4]")));

  std::vector<ArgValue> other = {at::randn({24}), Size{6, 4}};
  std::vector<ArgValue> eager_args = other;
  Output eager = spec.invoke(eager_args);
  PrepareFakeReplay(trace, other);
  Output replayed = Replay(trace, other, TracingMode::kSymbolic,
                           /*at_traced_shapes=*/false);
  EXPECT_EQ(CompareOutputs(eager, replayed, std::nullopt), std::nullopt);
  EXPECT_EQ(replayed.tensor.sizes(), at::IntArrayRef({6, 4}));
}

TEST(SymbolicTrace, ReshapeViewExpandAndFlattenKeepTheSizeAtTwoShapes) {
  auto reshape = [](const at::Tensor& x, at::IntArrayRef s) {
    return x.reshape(s);
  };
  auto view = [](const at::Tensor& x, at::IntArrayRef s) {
    return x.contiguous().view(s);
  };
  auto expand = [](const at::Tensor& x, at::IntArrayRef s) {
    return x.sum().expand(s);
  };
  auto flatten = [](const at::Tensor& x, at::IntArrayRef s) {
    return x.reshape(s).flatten();
  };
  at::Tensor contiguous = at::randn({12});
  at::Tensor strided = at::randn({24}).slice(0, 0, 24, 2);
  at::Tensor other_contiguous = at::randn({30});
  at::Tensor other_strided = at::randn({60}).slice(0, 0, 60, 2);
  for (const auto& [x, y] : {std::pair(contiguous, other_contiguous),
                             std::pair(strided, other_strided)}) {
    for (Data data : kAllData) {
      Args sample = Args(x, Size{3, 4}).AlsoAt(Args(y, Size{5, 6}));
      EXPECT_TRUE(MakeFxCheck(reshape, sample, TracingMode::kSymbolic, data));
      EXPECT_TRUE(MakeFxCheck(view, sample, TracingMode::kSymbolic, data));
      EXPECT_TRUE(MakeFxCheck(expand, sample, TracingMode::kSymbolic, data));
      EXPECT_TRUE(MakeFxCheck(flatten, sample, TracingMode::kSymbolic, data));
    }
  }
}

at::Tensor ReshapeFirstDimOnly(const at::Tensor& x, at::IntArrayRef shape) {
  // A list derived from the Size is not the Size: it is baked.
  return x.view({shape[0], shape[1]}).view({shape[0] * shape[1]});
}

TEST(SymbolicTrace, AListDerivedFromASizeIsBakedAndNamedInSymbolicModeOnly) {
  Args sample = Args(at::randn({12}), Size{3, 4})
                    .AlsoAt(Args(at::randn({30}), Size{5, 6}));
  EXPECT_TRUE(MakeFxCheck(&ReshapeFirstDimOnly, sample, TracingMode::kFake,
                          Data::kOriginal));
  ::testing::AssertionResult result = MakeFxCheck(
      &ReshapeFirstDimOnly, sample, TracingMode::kSymbolic, Data::kOriginal);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.message(),
              HasSubstr("the graph holds the constant [12] where a trace at "
                        "the AlsoAt shapes holds [30]"));
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

TEST(SymbolicTrace, ASizeEqualToAnotherListOfTheSameOpIsHarmless) {
  auto fn = [](const at::Tensor& x, at::IntArrayRef dims) {
    return x.sum(dims).reshape({-1}).sum({0});
  };
  EXPECT_TRUE(MakeFxCheck(fn, Args(at::randn({2, 3, 4}), Size{1}),
                          TracingMode::kSymbolic, Data::kRandomized));
  EXPECT_TRUE(MakeFxCheck(&Identity, Args(at::randn({2}), Size{2}),
                          TracingMode::kSymbolic, Data::kOriginal));
}

}  // namespace
}  // namespace gtest_fx::internal
