// The check of one case, run in-process on ops that pass and on ops with each
// bug class gtest_fx claims to catch; failures are asserted with their
// message.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <sys/resource.h>
#include <torch/library.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "check.h"
#include "dispatcher_op.h"

namespace {

using ::gtest_fx::Args;
using ::gtest_fx::Data;
using ::gtest_fx::MakeFxCheck;
using ::gtest_fx::TracingMode;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// Custom ops: one with only a CPU kernel, one whose Meta kernel returns the
// wrong shape.
at::Tensor DoubleIt(const at::Tensor& x) { return x * 2; }
at::Tensor WrongMetaShape(const at::Tensor& x) {
  return at::empty({x.size(0) + 1}, x.options());
}

// Throws on its third call: the first is the eager call, the second the one
// being traced, the third the replay of the graph (a fourth, the second eager
// call that rules out a non-deterministic op, succeeds).
int throws_third_calls = 0;
at::Tensor ThrowsOnThirdCall(const at::Tensor& x) {
  if (++throws_third_calls == 3) {
    throw std::runtime_error("kernel gave up on its third call");
  }
  return x * 2;
}

TORCH_LIBRARY(gtest_fx_test, m) {
  m.def("throws_third(Tensor x) -> Tensor");
  m.def("cpu_only(Tensor x) -> Tensor");
  m.def("wrong_meta(Tensor x) -> Tensor");
  m.def("good_meta(Tensor x) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_test, CPU, m) {
  m.impl("cpu_only", &DoubleIt);
  m.impl("throws_third", &ThrowsOnThirdCall);
  m.impl("wrong_meta", &DoubleIt);
  m.impl("good_meta", &DoubleIt);
}
TORCH_LIBRARY_IMPL(gtest_fx_test, Meta, m) {
  m.impl("wrong_meta", &WrongMetaShape);
  m.impl("good_meta", [](const at::Tensor& x) { return at::empty_like(x); });
}

std::string Message(const ::testing::AssertionResult& result) {
  return result.message();
}

// Runs the check of a dispatcher op on one sample.
gtest_fx::internal::CheckResult CheckDispatcherOp(const char* name, Args args,
                                                  TracingMode mode, Data data) {
  gtest_fx::internal::OpSpec spec;
  spec.name = "dispatcher_op";
  spec.file = __FILE__;
  spec.line = __LINE__;
  spec.dispatcher_name = name;
  absl::Status status = gtest_fx::internal::ResolveDispatcherOp(spec);
  EXPECT_TRUE(status.ok()) << status;
  return gtest_fx::internal::CheckOp(spec, {std::move(args)}, mode, data,
                                     "rerun");
}

// Names a (mode, data) parameter "real_original" and so on.
std::string ModeAndDataName(
    const ::testing::TestParamInfo<std::tuple<TracingMode, Data>>& info) {
  return std::string(gtest_fx::ModeName(std::get<0>(info.param))) + "_" +
         gtest_fx::DataName(std::get<1>(info.param));
}

class AllCases
    : public ::testing::TestWithParam<std::tuple<TracingMode, Data>> {};

TEST_P(AllCases, CorrectElementwiseOpPasses) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x, const at::Tensor& y) {
    return x.add(y).mul(2);
  };
  EXPECT_TRUE(
      MakeFxCheck(fn, Args(at::randn({3, 4}), at::randn({4})), mode, data));
}

TEST_P(AllCases, RandomOpPassesAndLeavesTheGlobalGeneratorAlone) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x) {
    return at::dropout(x, 0.5, true) + at::randn_like(x);
  };
  Args sample(at::randn({16, 16}));
  at::manual_seed(7);
  const at::Tensor expected_next = at::rand({4});
  at::manual_seed(7);
  EXPECT_TRUE(MakeFxCheck(fn, sample, mode, data));
  EXPECT_TRUE(at::rand({4}).equal(expected_next))
      << "the check changed the global generator";
}

TEST_P(AllCases, InPlaceOpPassesAndTheSampleStaysUnchanged) {
  auto [mode, data] = GetParam();
  at::Tensor x = at::randn({3, 4});
  const at::Tensor before = x.clone();
  auto returns_input = [](at::Tensor x) { return x.add_(1); };
  auto returns_nothing = [](at::Tensor x) { x.mul_(3); };
  EXPECT_TRUE(MakeFxCheck(returns_input, Args(x), mode, data));
  EXPECT_TRUE(MakeFxCheck(returns_nothing, Args(x), mode, data));
  EXPECT_TRUE(x.equal(before));
}

TEST_P(AllCases, TupleVectorNestedAndNumberOutputsCompare) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x) {
    std::vector<at::Tensor> parts = x.chunk(2);
    return std::make_tuple(x.sin(), parts,
                           std::make_pair(x.size(0), x.dim() == 2), 0.5);
  };
  EXPECT_TRUE(MakeFxCheck(fn, Args(at::randn({4, 3})), mode, data));
}

TEST_P(AllCases, OptionalListAndScalarArgumentsPass) {
  auto [mode, data] = GetParam();
  auto fn = [](const c10::optional<at::Tensor>& bias, at::TensorList xs,
               const at::Scalar& alpha, bool flag, at::ScalarType dtype) {
    at::Tensor sum = at::stack(xs).sum(0).mul(alpha);
    if (bias.has_value()) sum = sum + *bias;
    return flag ? sum.to(dtype) : sum;
  };
  std::vector<at::Tensor> xs = {at::randn({2, 3}), at::randn({2, 3})};
  EXPECT_TRUE(MakeFxCheck(fn, Args(at::randn({3}), xs, 2.5, true, at::kDouble),
                          mode, data));
  EXPECT_TRUE(MakeFxCheck(fn, Args(c10::nullopt, xs, 3, false, at::kFloat),
                          mode, data));
}

TEST_P(AllCases, FactoryFromInputOptionsReplaysOnTheRealDevice) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x, at::IntArrayRef shape) {
    return at::zeros(shape, x.options()) + x.sum();
  };
  EXPECT_TRUE(
      MakeFxCheck(fn, Args(at::randn({3}), gtest_fx::Size{2, 2}), mode, data));
}

TEST_P(AllCases, TensorsAfterASizeKeepTheirPlace) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x, at::IntArrayRef shape, const at::Tensor& y,
               const c10::optional<at::Tensor>& z) {
    at::Tensor out = x.reshape(shape) * y;
    return z.has_value() ? out + *z : out;
  };
  EXPECT_TRUE(MakeFxCheck(fn,
                          Args(at::randn({6}), gtest_fx::Size{2, 3},
                               at::randn({3}, at::kDouble), at::randn({2, 1})),
                          mode, data));
}

TEST_P(AllCases, NonContiguousExpandedAndAliasedInputsPass) {
  auto [mode, data] = GetParam();
  at::Tensor base = at::randn({4, 6});
  auto fn = [](const at::Tensor& a, const at::Tensor& b, const at::Tensor& c) {
    return a * 2 + b.sum() + c;
  };
  EXPECT_TRUE(MakeFxCheck(
      fn,
      Args(base.t(), base.narrow(1, 0, 4), at::randn({1, 4}).expand({6, 4})),
      mode, data));
}

TEST_P(AllCases, DtypesPass) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x) { return x * x; };
  for (at::ScalarType dtype : {at::kFloat, at::kDouble, at::kHalf,
                               at::kBFloat16, at::kLong, at::kComplexFloat}) {
    EXPECT_TRUE(MakeFxCheck(fn, Args(at::ones({3, 2}, dtype)), mode, data))
        << dtype;
  }
  auto logical = [](const at::Tensor& x) { return x & x.narrow(0, 0, 1); };
  EXPECT_TRUE(MakeFxCheck(logical, Args(at::ones({3}, at::kBool)), mode, data));
}

TEST_P(AllCases, RequiresGradZeroDimAndEmptyInputsPass) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x, const at::Tensor& scalar,
               const at::Tensor& empty) {
    return std::make_tuple(x.mul(scalar).tanh(), empty.sum(0), scalar.exp());
  };
  EXPECT_TRUE(MakeFxCheck(fn,
                          Args(at::randn({2, 3}).requires_grad_(),
                               at::scalar_tensor(1.5), at::randn({0, 4})),
                          mode, data));
}

INSTANTIATE_TEST_SUITE_P(
    Checks, AllCases,
    ::testing::Combine(::testing::ValuesIn(gtest_fx::kAllTracingModes),
                       ::testing::ValuesIn(gtest_fx::kAllData)),
    ModeAndDataName);

// An op that reads a value into a C++ number.
at::Tensor ScaleByFirst(const at::Tensor& x) { return x * x[0].item<double>(); }

TEST(ItemOp, PassesOnOriginalDataInRealMode) {
  EXPECT_TRUE(MakeFxCheck(ScaleByFirst, Args(at::randn({5})),
                          TracingMode::kReal, Data::kOriginal));
}

TEST(ItemOp, FailsOnRandomizedDataSayingDataWasBaked) {
  auto result = MakeFxCheck(ScaleByFirst, Args(at::randn({5})),
                            TracingMode::kReal, Data::kRandomized);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              AllOf(HasSubstr("op 'MakeFxCheck', sample 1 of 1, mode real, "
                              "data randomized"),
                    HasSubstr("baked tensor data into the graph"),
                    HasSubstr("output ([5] float32): values differ"),
                    HasSubstr("elements mismatched"),
                    HasSubstr("greatest absolute difference"),
                    HasSubstr("traced graph:"), HasSubstr("aten::mul"),
                    HasSubstr("rerun: ")));
}

TEST(ItemOp, FailsToTraceInFakeMode) {
  auto result = MakeFxCheck(ScaleByFirst, Args(at::randn({5})),
                            TracingMode::kFake, Data::kOriginal);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              AllOf(HasSubstr("tracing fails."),
                    HasSubstr("reads tensor data (.item(), data_ptr)"),
                    HasSubstr("_local_scalar_dense"),
                    Not(HasSubstr("Exception raised from"))));
}

TEST(GlobalStateOp, FailsAsNonDeterministicBeforeTracingIsBlamed) {
  static std::atomic<int> counter{0};
  auto fn = [](const at::Tensor& x) { return x + (++counter); };
  auto result = MakeFxCheck(fn, Args(at::randn({3})), TracingMode::kReal,
                            Data::kOriginal);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              AllOf(HasSubstr("non-deterministic operator: two eager calls "
                              "disagree"),
                    HasSubstr("first call vs second call: output ([3] "
                              "float32): values differ"),
                    HasSubstr(".Nondeterministic(reason)")));
}

TEST(CustomOp, WithoutMetaKernelFailsFakeModeNamingMeta) {
  auto result =
      CheckDispatcherOp("gtest_fx_test::cpu_only", Args(at::randn({3})),
                        TracingMode::kFake, Data::kOriginal);
  EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kFail);
  EXPECT_THAT(result.message,
              AllOf(HasSubstr("no Meta (abstract) kernel"),
                    HasSubstr("gtest_fx_test::cpu_only: attempted to run this "
                              "operator with Meta tensors, but there was no "
                              "fake impl or Meta kernel registered"),
                    Not(HasSubstr("PT2 compilation APIs")),
                    Not(HasSubstr("[kernel]"))  // no dispatcher dump
                    ));
  EXPECT_EQ(CheckDispatcherOp("gtest_fx_test::cpu_only", Args(at::randn({3})),
                              TracingMode::kReal, Data::kRandomized)
                .verdict,
            gtest_fx::internal::CheckResult::Verdict::kPass);
}

TEST(CustomOp, WithWrongMetaShapeFailsFakeAndSymbolicMode) {
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    auto result =
        CheckDispatcherOp("gtest_fx_test::wrong_meta", Args(at::randn({3})),
                          mode, Data::kOriginal);
    EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kFail);
    EXPECT_THAT(
        result.message,
        AllOf(
            HasSubstr("the fake trace's outputs differ from the real outputs"),
            HasSubstr("Meta (abstract) kernel reports another shape"),
            HasSubstr("the real kernel gives [3] float32, the fake "
                      "trace gives [4] float32")));
  }
  EXPECT_THAT(
      CheckDispatcherOp("gtest_fx_test::wrong_meta", Args(at::randn({3})),
                        TracingMode::kSymbolic, Data::kOriginal)
          .message,
      HasSubstr("the fake case of this sample fails too, and one fix "
                "serves both"));
}

TEST(CustomOp, WithCorrectMetaKernelPassesFakeMode) {
  for (Data data : gtest_fx::kAllData) {
    auto result =
        CheckDispatcherOp("gtest_fx_test::good_meta", Args(at::randn({3})),
                          TracingMode::kFake, data);
    EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kPass)
        << result.message;
  }
}

TEST(PreconditionOp, IsSkippedOnRandomizedDataWithTheReason) {
  auto fn = [](const at::Tensor& x) {
    TORCH_CHECK(x.min().item<double>() < -10, "x must contain a value < -10");
    return x.abs();
  };
  at::Tensor x = at::randn({4});
  x[0] = -20;
  auto result = MakeFxCheck(fn, Args(x), TracingMode::kReal, Data::kRandomized);
  EXPECT_TRUE(result);
  EXPECT_THAT(
      Message(result),
      AllOf(HasSubstr("skipped"), HasSubstr("rejects randomized values"),
            HasSubstr("x must contain a value < -10")));
}

TEST(PreconditionOp, ABrokenSampleFailsOnRandomizedDataToo) {
  auto fn = [](const at::Tensor& x) -> at::Tensor {
    TORCH_CHECK(x.dim() == 2, "needs a matrix");
    return x;
  };
  auto result = MakeFxCheck(fn, Args(at::randn({3})), TracingMode::kReal,
                            Data::kRandomized);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              AllOf(HasSubstr("the op throws when called eagerly"),
                    HasSubstr("needs a matrix")));
}

TEST(Exceptions, AnyExceptionFromTheOpFailsTheCaseWithItsMessage) {
  auto std_error = [](const at::Tensor&) -> at::Tensor {
    throw std::runtime_error("kernel exploded");
  };
  auto other = [](const at::Tensor&) -> at::Tensor { throw 42; };
  auto c10_error = [](const at::Tensor& x) -> at::Tensor {
    TORCH_CHECK(x.dim() == 3, "expected a 3-d tensor, got ", x.dim());
    return x;
  };
  EXPECT_THAT(Message(MakeFxCheck(std_error, Args(at::ones({1})),
                                  TracingMode::kReal, Data::kOriginal)),
              AllOf(HasSubstr("the op throws when called eagerly"),
                    HasSubstr("std::runtime_error: kernel exploded")));
  EXPECT_THAT(Message(MakeFxCheck(other, Args(at::ones({1})),
                                  TracingMode::kReal, Data::kOriginal)),
              HasSubstr("an exception that is not a std::exception"));
  EXPECT_THAT(Message(MakeFxCheck(c10_error, Args(at::ones({1})),
                                  TracingMode::kSymbolic, Data::kOriginal)),
              AllOf(HasSubstr("expected a 3-d tensor, got 1"),
                    Not(HasSubstr("Exception raised from"))));
}

TEST(NumberOutputs, AValueBakedIntoANumberOutputIsCaught) {
  auto fn = [](const at::Tensor& x) {
    return std::make_tuple(x * 2, x.sum().item<double>());
  };
  auto result = MakeFxCheck(fn, Args(at::randn({3})), TracingMode::kReal,
                            Data::kRandomized);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result), HasSubstr("output[1]: expected float"));
}

TEST(Mutation, AnUntracedMutationOfAnInputIsCaught) {
  // Writes through data_ptr: eager changes x, the graph records nothing.
  auto fn = [](const at::Tensor& x) {
    x.data_ptr<float>()[0] = 100;
    return x * 1;
  };
  auto result = MakeFxCheck(fn, Args(at::zeros({3})), TracingMode::kReal,
                            Data::kOriginal);
  EXPECT_FALSE(result);
}

TEST(SampleMismatch, IsReportedNamingTheArgument) {
  auto fn = [](const at::Tensor& x, int64_t n) { return x * n; };
  auto result = MakeFxCheck(fn, Args(at::ones({2}), 2.5), TracingMode::kReal,
                            Data::kOriginal);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              HasSubstr("argument 1 is a double but the callable takes an "
                        "integer"));
}

}  // namespace

namespace {

// Hostile values: each gets the right verdict in every mode and data variant,
// and nothing crashes.
class HostileValues
    : public ::testing::TestWithParam<std::tuple<TracingMode, Data>> {};

TEST_P(HostileValues, NanInfinitiesAndDenormalsPass) {
  auto [mode, data] = GetParam();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  at::Tensor x = at::tensor(
      {0.0, -0.0, kInf, -kInf, std::numeric_limits<double>::quiet_NaN(),
       std::numeric_limits<double>::denorm_min(), 1e308},
      at::kDouble);
  auto fn = [](const at::Tensor& t) { return std::make_tuple(t * 2, t.exp()); };
  EXPECT_TRUE(MakeFxCheck(fn, Args(x), mode, data));
  EXPECT_TRUE(MakeFxCheck(fn, Args(x.to(at::kFloat)), mode, data));
}

TEST_P(HostileValues, EmptyZeroDimAndExpandedInputsPass) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& a, const at::Tensor& b) {
    return std::make_tuple(a.sum(), b + 1);
  };
  EXPECT_TRUE(MakeFxCheck(fn, Args(at::randn({0}), at::randn({})), mode, data));
  EXPECT_TRUE(MakeFxCheck(
      fn, Args(at::randn({3, 0, 2}), at::randn({1, 3}).expand({1000, 3})), mode,
      data));
}

TEST_P(HostileValues, ViewsOfOneAnotherKeepTheirRelation) {
  auto [mode, data] = GetParam();
  // In place on `a` changes `b`, a view of the same storage: the copies must
  // keep that, or eager and replay would disagree about `b`.
  auto fn = [](at::Tensor a, const at::Tensor& b) {
    a.mul_(2);
    return b.clone();
  };
  at::Tensor base = at::randn({4, 4});
  EXPECT_TRUE(MakeFxCheck(fn, Args(base, base.narrow(0, 1, 2)), mode, data));
}

TEST_P(HostileValues, RequiresGradLeavesPassForOutOfPlaceOps) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x) { return (x * x).sum(0); };
  EXPECT_TRUE(
      MakeFxCheck(fn, Args(at::randn({3, 2}).requires_grad_()), mode, data));
}

TEST_P(HostileValues, AHugeSizeThatIsNeverMaterializedPasses) {
  auto [mode, data] = GetParam();
  auto fn = [](const at::Tensor& x, at::IntArrayRef shape) {
    return x.expand(shape).select(0, 7).narrow(0, 0, 3);
  };
  EXPECT_TRUE(MakeFxCheck(
      fn, Args(at::randn({1}), gtest_fx::Size{1000000, 1000000}), mode, data));
}

INSTANTIATE_TEST_SUITE_P(
    Checks, HostileValues,
    ::testing::Combine(::testing::ValuesIn(gtest_fx::kAllTracingModes),
                       ::testing::ValuesIn(gtest_fx::kAllData)),
    ModeAndDataName);

TEST(HostileValues, AnInPlaceOpOnARequiresGradLeafFailsEagerlyWithTheError) {
  auto fn = [](at::Tensor x) { return x.add_(1); };
  auto result = MakeFxCheck(fn, Args(at::randn({3}).requires_grad_()),
                            TracingMode::kReal, Data::kOriginal);
  EXPECT_FALSE(result);
  EXPECT_THAT(Message(result),
              AllOf(HasSubstr("the op throws when called eagerly"),
                    HasSubstr("a leaf Variable that requires grad")));
}

}  // namespace

namespace {

TEST(Exceptions, AnExceptionFromInsideTheReplayNamesTheReplayStage) {
  throws_third_calls = 0;
  auto result =
      CheckDispatcherOp("gtest_fx_test::throws_third", Args(at::randn({3})),
                        TracingMode::kReal, Data::kOriginal);
  EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kFail);
  EXPECT_THAT(result.message,
              AllOf(HasSubstr("replaying the graph fails"),
                    HasSubstr("kernel gave up on its third call"),
                    HasSubstr("gtest_fx_test::throws_third")));
}

long ResidentKiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

TEST(Memory, AThousandChecksDoNotGrowTheProcess) {
  auto fn = [](const at::Tensor& x, at::IntArrayRef shape) {
    return x.reshape(shape).sin() * 2;
  };
  Args sample(at::randn({64, 64}), gtest_fx::Size{4096});
  for (int i = 0; i < 50; ++i) {  // warm up caches and allocators
    ASSERT_TRUE(
        MakeFxCheck(fn, sample, TracingMode::kSymbolic, Data::kRandomized));
  }
  const long before = ResidentKiB();
  for (int i = 0; i < 1000; ++i) {
    const auto mode = gtest_fx::kAllTracingModes[i % 3];
    const auto data = gtest_fx::kAllData[(i / 3) % 2];
    ASSERT_TRUE(MakeFxCheck(fn, sample, mode, data));
  }
  const long growth = ResidentKiB() - before;
  std::printf("[memory] resident set after 1000 checks: %+ld KiB\n", growth);
  EXPECT_LT(growth, 4 * 1024);
}

}  // namespace
