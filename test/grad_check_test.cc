// The numerical gradient check (GradCheck), in-process: correct ops pass,
// ops whose backward is wrong fail naming the argument and both values, and
// samples without a gradient to check (integer outputs, no float64 kernel)
// are skipped with their reason.
#include "grad_check.h"

#include <ATen/ATen.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/library.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "check.h"
#include "dispatcher_op.h"
#include "registry.h"

namespace {

using ::gtest_fx::Args;
using ::gtest_fx::internal::CheckResult;
using ::gtest_fx::internal::OpSpec;
using ::testing::AllOf;
using ::testing::DoubleNear;
using ::testing::HasSubstr;
using ::testing::Not;
using Verdict = ::gtest_fx::internal::CheckResult::Verdict;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// ---- Ops with a hand-written backward, right and wrong. ----

enum class Bug { kNone, kMissingFactor, kNoConj, kThrows };

// f(z) = z * z. Its backward is grad * conj(2z) (for a real x, grad * 2x),
// or one of the bugs.
template <Bug kBug>
class SquareFunction : public torch::autograd::Function<SquareFunction<kBug>> {
 public:
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x) {
    ctx->save_for_backward({x});
    return x * x;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const at::Tensor x = ctx->get_saved_variables()[0];
    switch (kBug) {
      case Bug::kNone:
        return {grads[0] * 2 * x.conj()};
      case Bug::kMissingFactor:
        return {grads[0] * x.conj()};
      case Bug::kNoConj:
        return {grads[0] * 2 * x};
      case Bug::kThrows:
        throw std::runtime_error("the backward of square is not written");
    }
    return {};
  }
};

// x * y whose backward for y is twice what it should be.
class ScaledMulFunction : public torch::autograd::Function<ScaledMulFunction> {
 public:
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x,
                            const at::Tensor& y) {
    ctx->save_for_backward({x, y});
    return x * y;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const variable_list saved = ctx->get_saved_variables();
    return {grads[0] * saved[1], grads[0] * saved[0] * 2};
  }
};

TORCH_LIBRARY(gtest_fx_gc, m) {
  m.def("square(Tensor x) -> Tensor");
  m.def("scaled_mul(Tensor x, Tensor y) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_gc, CPU, m) {
  m.impl("square", [](const at::Tensor& x) { return x * x; });
  m.impl("scaled_mul",
         [](const at::Tensor& x, const at::Tensor& y) { return x * y; });
}
TORCH_LIBRARY_IMPL(gtest_fx_gc, Autograd, m) {
  m.impl("square", [](const at::Tensor& x) {
    return SquareFunction<Bug::kMissingFactor>::apply(x);
  });
  m.impl("scaled_mul", [](const at::Tensor& x, const at::Tensor& y) {
    return ScaledMulFunction::apply(x, y);
  });
}

// ---- Helpers ----

template <typename F>
OpSpec CallableSpec(F f) {
  OpSpec spec;
  spec.name = "my_op";
  spec.file = "grad_check_test.cc";
  spec.line = 7;
  gtest_fx::internal::SetCallable(spec, std::move(f));
  return spec;
}

CheckResult CheckGrad(const OpSpec& spec, std::vector<Args> samples) {
  return gtest_fx::internal::RunGradCheck(spec, samples, "the rerun line");
}

CheckResult RunDispatcherOp(const std::string& name, Args sample) {
  OpSpec spec;
  spec.name = name.substr(name.find("::") + 2);
  spec.file = "grad_check_test.cc";
  spec.line = 9;
  spec.dispatcher_name = name;
  absl::Status status = gtest_fx::internal::ResolveDispatcherOp(spec);
  EXPECT_TRUE(status.ok()) << status;
  absl::StatusOr<Args> prepared =
      gtest_fx::internal::PrepareSample(spec, std::move(sample), 0);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return CheckGrad(spec, {*prepared});
}

MATCHER(Passes, "passes") {
  *result_listener << "message: " << arg.message;
  return arg.verdict == Verdict::kPass;
}
MATCHER_P(FailsWith, matcher, "fails with a matching message") {
  return arg.verdict == Verdict::kFail &&
         ::testing::ExplainMatchResult(matcher, arg.message, result_listener);
}
MATCHER_P(SkipsWith, matcher, "skips with a matching reason") {
  return arg.verdict == Verdict::kSkip &&
         ::testing::ExplainMatchResult(matcher, arg.message, result_listener);
}

// The two figures of a mismatch report: "analytical A ..., numerical N".
struct Figures {
  double analytical;
  double numerical;
};
Figures FiguresOf(const std::string& message) {
  static const std::regex kFigures(
      R"(analytical ([-+0-9.e]+)[^,]*, numerical ([-+0-9.e]+))");
  std::smatch match;
  EXPECT_TRUE(std::regex_search(message, match, kFigures)) << message;
  if (match.empty()) return {0, 0};
  return {std::stod(match[1]), std::stod(match[2])};
}

// ---- Correct ops pass ----

TEST(GradCheck, PassesOnACorrectOpOfTwoInputs) {
  OpSpec spec = CallableSpec(
      [](const at::Tensor& x, const at::Tensor& y) { return x.sin().mul(y); });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3, 4}), at::randn({3, 4})),
                               Args(at::randn({5}), at::randn({2, 5}))}),
              Passes());
}

TEST(GradCheck, PassesOnACorrectAutogradFunction) {
  OpSpec spec = CallableSpec(
      [](const at::Tensor& x) { return SquareFunction<Bug::kNone>::apply(x); });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3, 4}))}), Passes());
}

TEST(GradCheck, PassesOnReducedPrecisionSamplesCheckedInFloat64) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) { return x.exp(); });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({6}).to(at::kHalf)),
                               Args(at::randn({6}).to(at::kBFloat16)),
                               Args(at::randn({6}, at::kDouble))}),
              Passes());
}

TEST(GradCheck, PassesOnAnAtenOpCalledThroughTheDispatcher) {
  EXPECT_THAT(
      RunDispatcherOp("aten::addcmul",
                      Args(at::randn({3}), at::randn({3}), at::randn({2, 3}))
                          .Kwarg("value", 0.5)),
      Passes());
}

TEST(GradCheck, PassesOnAnUnusedInput) {
  OpSpec spec = CallableSpec(
      [](const at::Tensor& x, const at::Tensor&) { return x * 2; });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3}), at::randn({3}))}),
              Passes());
}

TEST(GradCheck, PassesOnSeveralOutputsSomeNotDifferentiable) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    auto [values, indices] = x.max(1);
    return std::make_tuple(values, indices, x.tanh(), x.detach());
  });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3, 4}))}), Passes());
}

TEST(GradCheck, PassesOnTensorListAndOptionalArguments) {
  OpSpec spec = CallableSpec([](const std::vector<at::Tensor>& xs,
                                const c10::optional<at::Tensor>& w) {
    return (xs[0] * xs[1].cos()).mul(*w);
  });
  EXPECT_THAT(
      CheckGrad(spec,
                {Args(std::vector<at::Tensor>{at::randn({3}), at::randn({3})},
                      c10::optional<at::Tensor>(at::randn({3})))}),
      Passes());
}

TEST(GradCheck, PassesOnExpandedAndStorageSharingInputs) {
  OpSpec spec = CallableSpec([](const at::Tensor& x, const at::Tensor& y) {
    return x.exp() * y.sum();
  });
  at::Tensor base = at::randn({6});
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3}).expand({4, 3}), base),
                               Args(base.view({2, 3}), base.narrow(0, 1, 3))}),
              Passes());
}

TEST(GradCheck, PassesOnAnInPlaceOpThroughClonesAndLeavesTheSampleAlone) {
  OpSpec spec = CallableSpec([](at::Tensor x) { return x.mul_(2); });
  const at::Tensor x = at::randn({3, 4});
  const at::Tensor before = x.clone();
  EXPECT_THAT(CheckGrad(spec, {Args(x)}), Passes());
  EXPECT_TRUE(at::equal(x, before));
  EXPECT_EQ(x.scalar_type(), at::kFloat);
}

TEST(GradCheck, PassesOnARandomOpSinceEveryCallIsSeeded) {
  OpSpec spec = CallableSpec(
      [](const at::Tensor& x) { return at::dropout(x, 0.5, true); });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({8, 8}))}), Passes());
}

TEST(GradCheck, PassesOnASparseGradient) {
  OpSpec spec =
      CallableSpec([](const at::Tensor& weight, const at::Tensor& indices) {
        return at::embedding(weight, indices, /*padding_idx=*/-1,
                             /*scale_grad_by_freq=*/false, /*sparse=*/true);
      });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({5, 3}),
                                    at::tensor({0, 2, 2, 4}, at::kLong))}),
              Passes());
}

// ---- Complex inputs: PyTorch's convention, dg/da + i dg/db ----

TEST(GradCheck, PassesOnComplexInputs) {
  for (auto op : {+[](const at::Tensor& z) { return z.abs(); },
                  +[](const at::Tensor& z) { return z.mul(z.conj()); },
                  +[](const at::Tensor& z) {
                    return SquareFunction<Bug::kNone>::apply(z);
                  }}) {
    OpSpec spec = CallableSpec(op);
    EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3, 2}, at::kComplexFloat))}),
                Passes());
  }
}

TEST(GradCheck, FailsOnAComplexBackwardWithoutTheConjugate) {
  OpSpec spec = CallableSpec([](const at::Tensor& z) {
    return SquareFunction<Bug::kNoConj>::apply(z);
  });
  EXPECT_THAT(
      CheckGrad(spec, {Args(at::randn({2, 3}, at::kComplexFloat))}),
      FailsWith(AllOf(
          HasSubstr("check GradCheck: the backward's gradient disagrees with "
                    "the numerical gradient"),
          HasSubstr("argument 0: "), HasSubstr("part): analytical "),
          HasSubstr("numerical "), HasSubstr("grad * conj(f'(z))"))));
}

// ---- Wrong backwards fail ----

TEST(GradCheck, FailsOnAMissingFactorNamingTheArgumentAndBothValues) {
  CheckResult result =
      RunDispatcherOp("gtest_fx_gc::square", Args(at::randn({3, 4})));
  EXPECT_THAT(
      result,
      FailsWith(AllOf(
          HasSubstr("[gtest_fx] op 'square' (gtest_fx_gc::square), sample 1 "
                    "of 1, check GradCheck: the backward's gradient disagrees "
                    "with the numerical gradient.\n  The gradient that "
                    "autograd computes"),
          HasSubstr("a missing factor"),
          HasSubstr("\n  argument 0 ('x'): 12 of 12 real values outside the "
                    "tolerance; largest difference at ["),
          HasSubstr("(tolerance: atol 1e-05, rtol 0.001)"),
          HasSubstr("registered at grad_check_test.cc:9\n  rerun: the rerun "
                    "line"))));
  EXPECT_EQ(result.cause,
            "the gradient of argument 0 ('x') disagrees with the numerical "
            "gradient");
  // The backward gives u·x where the derivative of x² is 2·u·x.
  const Figures figures = FiguresOf(result.message);
  EXPECT_THAT(figures.numerical, DoubleNear(2 * figures.analytical, 1e-4));
}

TEST(GradCheck, NamesOnlyTheArgumentWhoseGradientIsWrong) {
  CheckResult result = RunDispatcherOp("gtest_fx_gc::scaled_mul",
                                       Args(at::randn({4}), at::randn({4})));
  EXPECT_THAT(result, FailsWith(AllOf(HasSubstr("argument 1 ('y'): "),
                                      Not(HasSubstr("argument 0 ('x')")))));
  EXPECT_EQ(result.cause,
            "the gradient of argument 1 ('y') disagrees with the numerical "
            "gradient");
}

TEST(GradCheck, NamesATensorOfAList) {
  OpSpec spec = CallableSpec([](const std::vector<at::Tensor>& xs) {
    return xs[0] + SquareFunction<Bug::kMissingFactor>::apply(xs[1]);
  });
  EXPECT_THAT(CheckGrad(spec, {Args(std::vector<at::Tensor>{at::randn({3}),
                                                            at::randn({3})})}),
              FailsWith(AllOf(HasSubstr("argument 0 tensor 1: "),
                              Not(HasSubstr("argument 0: ")))));
}

TEST(GradCheck, FailsOnALargeInputWithTheFastModeFigures) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    return SquareFunction<Bug::kMissingFactor>::apply(x);
  });
  CheckResult result = CheckGrad(spec, {Args(at::randn({100, 100}))});
  EXPECT_THAT(
      result,
      FailsWith(AllOf(HasSubstr("argument 0: along a random unit direction v, "
                                "analytical "),
                      HasSubstr("numerical "),
                      HasSubstr("10000 real values, too "
                                "many to compare one by "
                                "one"))));
  const Figures figures = FiguresOf(result.message);
  EXPECT_THAT(figures.numerical, DoubleNear(2 * figures.analytical, 1e-4));
}

TEST(GradCheck, ReportsTheSameMessageEveryRun) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    return SquareFunction<Bug::kMissingFactor>::apply(x);
  });
  const Args sample(at::randn({2, 2}));
  const CheckResult first = CheckGrad(spec, {sample});
  ASSERT_EQ(first.verdict, Verdict::kFail);
  EXPECT_EQ(CheckGrad(spec, {sample}).message, first.message);
}

TEST(GradCheck, SaysSoWhenTheOpComputesInALowerPrecision) {
  OpSpec spec =
      CallableSpec([](const at::Tensor& x) { return x.to(at::kFloat).sin(); });
  EXPECT_THAT(
      CheckGrad(spec, {Args(at::randn({4}))}),
      FailsWith(HasSubstr("note: an output is float32 on float64 inputs; the "
                          "op computes in a lower precision than float64")));
}

TEST(GradCheck, FailsWhenTheOpThrowsNextToTheSample) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    TORCH_CHECK((x >= 0).all().item<bool>(), "negative input");
    return x.sqrt();
  });
  EXPECT_THAT(CheckGrad(spec, {Args(at::tensor({0.0, 1.0, 4.0}))}),
              FailsWith(AllOf(HasSubstr("the op fails on inputs moved "
                                        "slightly from the sample"),
                              HasSubstr("argument 0 moved along a random "
                                        "direction: negative input"))));
}

TEST(GradCheck, FailsWhenTheBackwardThrows) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    return SquareFunction<Bug::kThrows>::apply(x);
  });
  CheckResult result = CheckGrad(spec, {Args(at::randn({3}))});
  EXPECT_THAT(result, FailsWith(AllOf(HasSubstr("the op's backward throws"),
                                      HasSubstr("the backward of square is not "
                                                "written"))));
  EXPECT_THAT(result.cause, HasSubstr("the op's backward throws"));
}

TEST(GradCheck, FailsWhenTheOpThrowsOnTheSampleItself) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) -> at::Tensor {
    TORCH_CHECK(x.dim() == 3, "expected a 3-d input");
    return x;
  });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3}))}),
              FailsWith(AllOf(HasSubstr("the op throws when called"),
                              HasSubstr("expected a 3-d input"))));
}

TEST(GradCheck, FailsWhenTheOpRejectsInputsThatRequireGrad) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    TORCH_CHECK(!x.requires_grad(), "no autograd support");
    return x * 2;
  });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3}))}),
              FailsWith(AllOf(HasSubstr("the op throws when its inputs "
                                        "require grad"),
                              HasSubstr("no autograd support"))));
}

// ---- Skips ----

TEST(GradCheck, SkipsAnOpWithIntegerOutputs) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) { return x.argmax(); });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3, 4}))}),
              SkipsWith(HasSubstr("sample 1: no output of the op requires "
                                  "grad")));
}

TEST(GradCheck, SkipsAnOpWithoutAFloat64Kernel) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) {
    TORCH_CHECK(x.scalar_type() == at::kFloat, "only float32 is supported");
    return x * 2;
  });
  EXPECT_THAT(CheckGrad(spec, {Args(at::randn({3}))}),
              SkipsWith(HasSubstr("the op has no float64 kernel: only float32 "
                                  "is supported")));
}

TEST(GradCheck, PassesWithANoteWhenSomeSamplesAreSkipped) {
  OpSpec spec = CallableSpec([](const at::Tensor& x) { return x * 2; });
  CheckResult result =
      CheckGrad(spec, {Args(at::randn({3})), Args(at::arange(3))});
  EXPECT_THAT(result, Passes());
  EXPECT_THAT(result.message,
              HasSubstr("passed; skipped sample 2: it has no floating-point "
                        "or complex tensor argument"));
}

}  // namespace
