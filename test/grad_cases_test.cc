// The gradient cases (MakeFx/OpGradTest.Grad/...): forward and backward
// traced together, run in-process on ops that pass and on each kind of
// backward bug they claim to catch, with its message.
#include <ATen/ATen.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/library.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "check.h"
#include "dispatcher_op.h"
#include "grad.h"
#include "grad_check.h"
#include "trace.h"

namespace {

using ::gtest_fx::Args;
using ::gtest_fx::Data;
using ::gtest_fx::MakeFxGradCheck;
using ::gtest_fx::TracingMode;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::torch::autograd::AutogradContext;
using ::torch::autograd::variable_list;

// The kernels of x * x and of its backward, 2 * x * grad: the backward
// once with a Meta kernel and once without.
at::Tensor SquareKernel(const at::Tensor& x) { return x * x; }
at::Tensor SquareBackwardKernel(const at::Tensor& grad, const at::Tensor& x) {
  return grad * 2 * x;
}
// A backend kernel that records no autograd history, with no Autograd kernel
// beside it: LibTorch's fallback makes its outputs require grad anyway.
at::Tensor SquareBelowAutograd(const at::Tensor& x) {
  at::AutoDispatchBelowADInplaceOrView below_autograd;
  return x * x;
}
at::Tensor SquareBackwardMeta(const at::Tensor& grad, const at::Tensor& x) {
  return at::empty_like(x.sizes().size() >= grad.sizes().size() ? x : grad);
}

TORCH_LIBRARY(gtest_fx_grad_test, m) {
  m.def("square(Tensor x) -> Tensor");
  m.def("square_backward(Tensor grad, Tensor x) -> Tensor");
  m.def("square_backward_cpu_only(Tensor grad, Tensor x) -> Tensor");
  m.def("square_without_autograd(Tensor x) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_grad_test, CPU, m) {
  m.impl("square", &SquareKernel);
  m.impl("square_backward", &SquareBackwardKernel);
  m.impl("square_backward_cpu_only", &SquareBackwardKernel);
  m.impl("square_without_autograd", &SquareBelowAutograd);
}
TORCH_LIBRARY_IMPL(gtest_fx_grad_test, Meta, m) {
  m.impl("square", [](const at::Tensor& x) { return at::empty_like(x); });
  m.impl("square_backward", &SquareBackwardMeta);
}

at::Tensor CallSquare(const at::Tensor& x) {
  static auto op = c10::Dispatcher::singleton()
                       .findSchemaOrThrow("gtest_fx_grad_test::square", "")
                       .typed<at::Tensor(const at::Tensor&)>();
  return op.call(x);
}

at::Tensor CallSquareBackward(const char* name, const at::Tensor& grad,
                              const at::Tensor& x) {
  return c10::Dispatcher::singleton()
      .findSchemaOrThrow(name, "")
      .typed<at::Tensor(const at::Tensor&, const at::Tensor&)>()
      .call(grad, x);
}

// x * x with its backward as an op of its own: the way a C++ op library
// writes a differentiable op. `kBackward` names the backward op.
template <const char* kBackward>
struct Square : torch::autograd::Function<Square<kBackward>> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x) {
    ctx->save_for_backward({x});
    return CallSquare(x);
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const at::Tensor x = ctx->get_saved_variables()[0];
    return {CallSquareBackward(kBackward, grads[0], x)};
  }
};
constexpr char kWithMeta[] = "gtest_fx_grad_test::square_backward";
constexpr char kCpuOnly[] = "gtest_fx_grad_test::square_backward_cpu_only";

// x scaled by its first element, whose backward reads that element into a
// C++ number: the gradient is right on the traced values only.
struct ScaleBakingItem : torch::autograd::Function<ScaleBakingItem> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x) {
    ctx->save_for_backward({x});
    return x * x.flatten()[0];
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const at::Tensor x = ctx->get_saved_variables()[0];
    return {grads[0] * x.flatten()[0].item<double>()};
  }
};

// x * x whose backward forgets the factor 2: wrong, but the same in eager
// and in the trace.
struct SquareMissingFactor : torch::autograd::Function<SquareMissingFactor> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x) {
    ctx->save_for_backward({x});
    return x * x;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    return {grads[0] * ctx->get_saved_variables()[0]};
  }
};

struct BackwardThrows : torch::autograd::Function<BackwardThrows> {
  static at::Tensor forward(AutogradContext*, const at::Tensor& x) {
    return x * 3;
  }
  static variable_list backward(AutogradContext*, variable_list) {
    throw std::runtime_error("backward of BackwardThrows is not written");
  }
};

std::string ModeAndDataName(
    const ::testing::TestParamInfo<std::tuple<TracingMode, Data>>& info) {
  return std::string(gtest_fx::ModeName(std::get<0>(info.param))) + "_" +
         gtest_fx::DataName(std::get<1>(info.param));
}

class EveryGradCase
    : public ::testing::TestWithParam<std::tuple<TracingMode, Data>> {};

TEST_P(EveryGradCase, CustomAutogradOpWithMetaKernelsPasses) {
  auto [mode, data] = GetParam();
  auto op = [](const at::Tensor& x) { return Square<kWithMeta>::apply(x); };
  EXPECT_TRUE(MakeFxGradCheck(op, Args(at::randn({3, 4})), mode, data));
}

TEST_P(EveryGradCase, AtenOpsWithSeveralInputsPass) {
  auto [mode, data] = GetParam();
  auto op = [](const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return at::linear(x, w, b).sigmoid();
  };
  EXPECT_TRUE(MakeFxGradCheck(
      op, Args(at::randn({2, 3}), at::randn({4, 3}), at::randn({4})), mode,
      data));
}

TEST_P(EveryGradCase, UnusedInputHasNoGradientOnEitherSide) {
  auto [mode, data] = GetParam();
  auto op = [](const at::Tensor& x, const at::Tensor& unused) {
    (void)unused;
    return x.sin();
  };
  EXPECT_TRUE(
      MakeFxGradCheck(op, Args(at::randn({3}), at::randn({3})), mode, data));
}

TEST_P(EveryGradCase, InPlaceChangeOfADifferentiableInputPasses) {
  auto [mode, data] = GetParam();
  at::Tensor x = at::randn({3, 4});
  const at::Tensor before = x.clone();
  auto op = [](at::Tensor x) { return x.mul_(2).exp(); };
  EXPECT_TRUE(MakeFxGradCheck(op, Args(x), mode, data));
  EXPECT_TRUE(x.equal(before)) << "the check changed the sample";
}

TEST_P(EveryGradCase, RandomOpPasses) {
  auto [mode, data] = GetParam();
  auto op = [](const at::Tensor& x) { return at::dropout(x, 0.5, true); };
  EXPECT_TRUE(MakeFxGradCheck(op, Args(at::randn({8, 8})), mode, data));
}

TEST_P(EveryGradCase, ComplexAndListInputsPass) {
  auto [mode, data] = GetParam();
  auto complex_op = [](const at::Tensor& z, const at::Tensor& w) {
    return z.mul(w.conj());
  };
  EXPECT_TRUE(MakeFxGradCheck(complex_op,
                              Args(at::randn({3}, at::kComplexFloat),
                                   at::randn({3}, at::kComplexFloat)),
                              mode, data));
  auto list_op = [](const std::vector<at::Tensor>& parts) {
    return at::cat(parts).tanh();
  };
  EXPECT_TRUE(MakeFxGradCheck(
      list_op, Args(std::vector<at::Tensor>{at::randn({2}), at::randn({3})}),
      mode, data));
}

INSTANTIATE_TEST_SUITE_P(
    ModesAndData, EveryGradCase,
    ::testing::Combine(::testing::ValuesIn(gtest_fx::kAllTracingModes),
                       ::testing::ValuesIn(gtest_fx::kAllData)),
    ModeAndDataName);

TEST(GradCases, BackwardReadingAnInputValueFailsOnRandomizedData) {
  auto op = [](const at::Tensor& x) { return ScaleBakingItem::apply(x); };
  const Args sample(at::randn({3, 4}));
  EXPECT_TRUE(MakeFxGradCheck(op, sample, TracingMode::kReal, Data::kOriginal));
  const ::testing::AssertionResult randomized =
      MakeFxGradCheck(op, sample, TracingMode::kReal, Data::kRandomized);
  ASSERT_FALSE(randomized);
  EXPECT_THAT(
      randomized.message(),
      AllOf(HasSubstr("(gradient case: forward and backward traced together)"),
            HasSubstr("mode real, data randomized"),
            HasSubstr("the replay's outputs differ from eager"),
            HasSubstr(
                "the gradient of argument 0 ([3, 4] float32): values differ"),
            HasSubstr("aten::_local_scalar_dense"),
            HasSubstr("traced graph:")));
}

TEST(GradCases, BackwardOpWithoutMetaKernelFailsInFakeModeNamingIt) {
  auto op = [](const at::Tensor& x) { return Square<kCpuOnly>::apply(x); };
  const Args sample(at::randn({3, 4}));
  EXPECT_TRUE(MakeFxGradCheck(op, sample, TracingMode::kReal, Data::kOriginal));
  for (TracingMode mode : {TracingMode::kFake, TracingMode::kSymbolic}) {
    const ::testing::AssertionResult result =
        MakeFxGradCheck(op, sample, mode, Data::kOriginal);
    ASSERT_FALSE(result) << gtest_fx::ModeName(mode);
    EXPECT_THAT(
        result.message(),
        AllOf(HasSubstr("tracing fails"), HasSubstr("the backward throws"),
              HasSubstr("gtest_fx_grad_test::square_backward_cpu_only"),
              HasSubstr("Meta")))
        << gtest_fx::ModeName(mode);
  }
}

// The spec of a callable op named `name`, for the internal checks.
template <typename F>
gtest_fx::internal::OpSpec CallableSpec(const std::string& name, F op) {
  gtest_fx::internal::OpSpec spec;
  spec.name = name;
  spec.file = __FILE__;
  spec.line = __LINE__;
  gtest_fx::internal::SetCallable(spec, std::move(op));
  return spec;
}

TEST(GradCases, WrongDerivativeFormulaPassesTheGradCaseButFailsGradCheck) {
  auto op = [](const at::Tensor& x) { return SquareMissingFactor::apply(x); };
  const Args sample(at::randn({3, 4}));
  // Eager and the trace run the same wrong formula: they agree.
  for (TracingMode mode : gtest_fx::kAllTracingModes) {
    for (Data data : gtest_fx::kAllData) {
      EXPECT_TRUE(MakeFxGradCheck(op, sample, mode, data));
    }
  }
  const gtest_fx::internal::OpSpec spec =
      CallableSpec("square_missing_factor", op);
  const gtest_fx::internal::CheckResult result =
      gtest_fx::internal::RunGradCheck(spec, {sample}, "rerun");
  EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kFail)
      << result.message;
  EXPECT_THAT(result.message,
              AllOf(HasSubstr("argument 0"), HasSubstr("analytical"),
                    HasSubstr("numerical")));
}

TEST(GradCases, AnOpWithoutAnAutogradKernelIsSkippedHereAndFailsGradCheck) {
  gtest_fx::internal::OpSpec spec;
  spec.name = "square_without_autograd";
  spec.file = __FILE__;
  spec.line = __LINE__;
  spec.dispatcher_name = "gtest_fx_grad_test::square_without_autograd";
  ASSERT_TRUE(gtest_fx::internal::ResolveDispatcherOp(spec).ok());
  const Args sample(at::randn({3, 4}));
  const gtest_fx::internal::CheckResult grad_case = gtest_fx::internal::CheckOp(
      spec, {sample}, TracingMode::kReal, Data::kOriginal, "rerun",
      /*trace_cache_key=*/nullptr, /*grad=*/true);
  EXPECT_EQ(grad_case.verdict, gtest_fx::internal::CheckResult::Verdict::kSkip)
      << grad_case.message;
  EXPECT_THAT(grad_case.message,
              HasSubstr("autograd gives no gradient for any input"));
  const gtest_fx::internal::CheckResult grad_check =
      gtest_fx::internal::RunGradCheck(spec, {sample}, "rerun");
  EXPECT_EQ(grad_check.verdict,
            gtest_fx::internal::CheckResult::Verdict::kFail);
  EXPECT_THAT(grad_check.message,
              AllOf(HasSubstr("autograd gives no gradient for any input"),
                    HasSubstr("Register an Autograd kernel"),
                    HasSubstr(".NotDifferentiable(reason)")));
}

// At a kink the op has no derivative, and which side central differences
// see is rounding's choice: GradCheck skips the sample saying so, and still
// checks the others.
TEST(GradCases, GradCheckSkipsASampleAtAKinkAndChecksTheOthers) {
  const gtest_fx::internal::OpSpec spec = CallableSpec(
      "clamp_to_one", [](const at::Tensor& x) { return x.clamp(-1.0, 1.0); });
  const gtest_fx::internal::CheckResult result =
      gtest_fx::internal::RunGradCheck(
          spec,
          {Args(at::tensor({0.25, 1.0, -0.5})), Args(at::tensor({0.5, -0.25}))},
          "rerun");
  EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kPass)
      << result.message;
  EXPECT_THAT(result.message,
              AllOf(HasSubstr("skipped sample 1"),
                    HasSubstr("the op is not differentiable at this sample"),
                    ::testing::Not(HasSubstr("sample 2"))));
}

TEST(GradCases, BackwardThatThrowsFailsAsTheEagerBackward) {
  auto op = [](const at::Tensor& x) { return BackwardThrows::apply(x); };
  const ::testing::AssertionResult result = MakeFxGradCheck(
      op, Args(at::randn({3})), TracingMode::kReal, Data::kOriginal);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.message(),
              AllOf(HasSubstr("the op's backward throws when called eagerly"),
                    HasSubstr("backward of BackwardThrows is not written")));
}

TEST(GradCases, IntegerOutputIsSkippedWithTheReason) {
  auto op = [](const at::Tensor& x) { return x.argmax(); };
  const ::testing::AssertionResult result = MakeFxGradCheck(
      op, Args(at::randn({3, 4})), TracingMode::kReal, Data::kOriginal);
  EXPECT_TRUE(result);
  EXPECT_THAT(result.message(),
              AllOf(HasSubstr("skipped"),
                    HasSubstr("no output of the op requires grad")));
}

TEST(GradCases, SampleWithoutFloatingPointInputsIsSkipped) {
  auto op = [](const at::Tensor& x) { return x.mul(2); };
  const ::testing::AssertionResult result = MakeFxGradCheck(
      op, Args(at::arange(6)), TracingMode::kReal, Data::kOriginal);
  EXPECT_TRUE(result);
  EXPECT_THAT(result.message(),
              HasSubstr("no floating-point or complex tensor argument"));
}

// How often the six gradient cases of one op call it, in suite order (real,
// fake, symbolic; original then randomized data; one trace cache key): the
// real traced run on the original data is also its eager run, checked by one
// more call of the forward alone; the randomized data has its own eager run;
// the fake trace serves the symbolic cases when no argument is a Size.
struct CallCounts {
  int joint = 0;    // calls with inputs that require grad
  int forward = 0;  // calls without
};
CallCounts op_calls;  // counted by the ops below

void CountCall(const at::Tensor& x) {
  ++(x.requires_grad() ? op_calls.joint : op_calls.forward);
}

// Runs the six gradient cases of `spec` as a suite does and returns how
// often they called it.
CallCounts CallsOfSixGradCases(const gtest_fx::internal::OpSpec& spec,
                               const std::vector<Args>& samples) {
  op_calls = CallCounts();
  for (TracingMode mode : gtest_fx::kAllTracingModes) {
    for (Data data : gtest_fx::kAllData) {
      const gtest_fx::internal::CheckResult result =
          gtest_fx::internal::CheckOp(spec, samples, mode, data, "rerun",
                                      /*trace_cache_key=*/&samples,
                                      /*grad=*/true);
      EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kPass)
          << gtest_fx::ModeName(mode) << " " << gtest_fx::DataName(data) << ": "
          << result.message;
    }
  }
  return op_calls;
}

TEST(GradCases, SixCasesCallTheJointFunctionThreeTimesAndTheForwardOnce) {
  const gtest_fx::internal::OpSpec spec =
      CallableSpec("counted_sin", [](const at::Tensor& x) {
        CountCall(x);
        return x.sin();
      });
  const std::vector<Args> samples = {Args(at::randn({3, 4}))};
  const CallCounts made = CallsOfSixGradCases(spec, samples);
  EXPECT_EQ(made.joint, 3) << "real trace, randomized eager run, fake trace";
  EXPECT_EQ(made.forward, 1) << "the forward beside the real trace";
}

TEST(GradCases, ASizeArgumentGivesTheSymbolicCasesATraceOfTheirOwn) {
  const gtest_fx::internal::OpSpec spec = CallableSpec(
      "counted_reshape", [](const at::Tensor& x, at::IntArrayRef shape) {
        CountCall(x);
        return x.reshape(shape).sin();
      });
  const std::vector<Args> samples = {
      Args(at::randn({6}), gtest_fx::Size{2, 3})};
  const CallCounts made = CallsOfSixGradCases(spec, samples);
  EXPECT_EQ(made.joint, 4) << "real, randomized eager, fake, symbolic";
  EXPECT_EQ(made.forward, 1);
}

// A backward that gives another result on each call. The real case on the
// original data compares its replay with its traced run, the one joint run
// it makes, and cannot see it; its forward call sees only the forward. The
// other five gradient cases compare runs made at other calls, and fail.
int backward_calls = 0;
struct BackwardWithACounter : torch::autograd::Function<BackwardWithACounter> {
  static at::Tensor forward(AutogradContext*, const at::Tensor& x) {
    return x * 3;
  }
  static variable_list backward(AutogradContext*, variable_list grads) {
    return {grads[0] * 3 + static_cast<double>(++backward_calls)};
  }
};

TEST(GradCases, ABackwardThatChangesOnEachCallFailsTheOtherFiveCases) {
  const gtest_fx::internal::OpSpec spec = CallableSpec(
      "backward_with_a_counter",
      [](const at::Tensor& x) { return BackwardWithACounter::apply(x); });
  const std::vector<Args> samples = {Args(at::randn({3}))};
  for (TracingMode mode : gtest_fx::kAllTracingModes) {
    for (Data data : gtest_fx::kAllData) {
      const gtest_fx::internal::CheckResult result =
          gtest_fx::internal::CheckOp(spec, samples, mode, data, "rerun",
                                      /*trace_cache_key=*/&samples,
                                      /*grad=*/true);
      const std::string name = std::string(gtest_fx::ModeName(mode)) + "_" +
                               gtest_fx::DataName(data);
      if (mode == TracingMode::kReal && data == Data::kOriginal) {
        EXPECT_EQ(result.verdict,
                  gtest_fx::internal::CheckResult::Verdict::kPass)
            << name << ": " << result.message;
        continue;
      }
      EXPECT_EQ(result.verdict, gtest_fx::internal::CheckResult::Verdict::kFail)
          << name;
      // The symbolic cases take the fake cases' trace and replays, and
      // still judge and report as themselves.
      EXPECT_THAT(
          result.message,
          AllOf(HasSubstr(std::string("mode ") + gtest_fx::ModeName(mode) +
                          ", data " + gtest_fx::DataName(data)),
                HasSubstr("the gradient of argument 0"),
                HasSubstr("values differ")))
          << name;
    }
  }
}

// The joint graph holds what make_fx with AOTAutograd would record: the
// forward's ATen calls and the backward's, below autograd.
TEST(GradCases, JointGraphHoldsForwardAndBackwardAtenCalls) {
  std::vector<gtest_fx::ArgValue> args = {at::randn({2, 3}), at::randn({4, 3})};
  gtest_fx::internal::OpSpec spec;
  gtest_fx::internal::SetCallable(spec,
                                  [](const at::Tensor& x, const at::Tensor& w) {
                                    return at::linear(x, w);
                                  });
  gtest_fx::internal::TraceResult trace = gtest_fx::internal::Trace(
      gtest_fx::internal::JointInvoker(spec.invoke, /*clone_inputs=*/false),
      args, TracingMode::kReal);
  const std::string graph = gtest_fx::internal::GraphText(trace);
  EXPECT_THAT(graph,
              AllOf(HasSubstr("aten::t("), HasSubstr("aten::mm("),
                    HasSubstr("aten::ones_like("), HasSubstr("aten::sgn(")))
      << graph;
  EXPECT_THAT(graph, ::testing::Not(HasSubstr("aten::linear(")));
}

}  // namespace
