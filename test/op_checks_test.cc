// The checks an operator author needs beyond tracing, in-process: the op
// checks (Schema, MetaKernel, AutogradRegistration) on correct custom ops and
// on ops with each bug they claim to catch, keyword arguments of dispatcher
// ops, and AlsoAt's shape generalization in symbolic mode. Failures are
// asserted with their message.
#include "op_checks.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/library.h>

#include <string>
#include <tuple>
#include <vector>

#include "check.h"
#include "dispatcher_op.h"
#include "registry.h"

namespace {

using ::gtest_fx::Args;
using ::gtest_fx::Check;
using ::gtest_fx::Data;
using ::gtest_fx::TracingMode;
using ::gtest_fx::internal::CheckResult;
using ::gtest_fx::internal::OpSpec;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Verdict = ::gtest_fx::internal::CheckResult::Verdict;

// ---- Custom ops: correct ones, and one per bug class. ----

at::Tensor ScaleAdd(const at::Tensor& x, const at::Tensor& y, double alpha) {
  return x + y * alpha;
}
at::Tensor ScaleAddMeta(const at::Tensor& x, const at::Tensor& y, double) {
  return at::empty(at::infer_size(x.sizes(), y.sizes()), x.options());
}
at::Tensor& AddInPlace(at::Tensor& x, double value) { return x.add_(value); }
at::Tensor& AddInPlaceMeta(at::Tensor& x, double) { return x; }
// A correct in-place op whose kernel writes through data_ptr: its output is
// its input, which requires grad because the caller made it so.
at::Tensor& DoubleInPlaceRaw(at::Tensor& x) {
  float* data = x.data_ptr<float>();
  for (int64_t i = 0; i < x.numel(); ++i) data[i] *= 2;
  return x;
}
at::Tensor Flatten(const at::Tensor& x) { return x.view({-1}); }

// Changes its input although the schema says it is read-only.
at::Tensor SneakyMutate(const at::Tensor& x) {
  at::Tensor writable = x;
  writable.mul_(2);
  return x + 1;
}
// An in-place op whose schema lacks both annotations: `Tensor(a!) x ->
// Tensor(a!)` is written `Tensor x -> Tensor`.
at::Tensor UnannotatedInPlace(const at::Tensor& x) {
  at::Tensor writable = x;
  writable.add_(1);
  return x;
}
// A Meta kernel that shares the CPU kernel's validation, which computes
// values: aten::isnan has no Meta kernel in C++.
at::Tensor ValidatingMeta(const at::Tensor& x) {
  TORCH_CHECK(!x.isnan().any().item<bool>(), "the input has NaNs");
  return at::empty_like(x);
}
// A "functional" op that hands back its argument.
at::Tensor ReturnsInput(const at::Tensor& x) { return x; }
// A view without an alias annotation.
at::Tensor HiddenView(const at::Tensor& x) { return x.view({-1}); }
// Two outputs that are one buffer.
std::tuple<at::Tensor, at::Tensor> AliasedPair(const at::Tensor& x) {
  at::Tensor y = x * 2;
  return {y, y.view(y.sizes())};
}
at::Tensor Twice(const at::Tensor& x) { return x * 2; }
// The real kernel returns a column-major result; its Meta kernel says
// row-major.
at::Tensor ColumnMajor(const at::Tensor& x) {
  return (x * 2).t().contiguous().t();
}
at::Tensor EmptyLike(const at::Tensor& x) { return at::empty_like(x); }
at::Tensor DataPtrMeta(const at::Tensor& x) {
  const float first = x.data_ptr<float>()[0];
  return at::full(x.sizes(), first, x.options());
}
at::Tensor ItemMeta(const at::Tensor& x) {
  const int64_t n = x.sum().item<int64_t>();
  return at::empty({n}, x.options());
}

// A correct autograd kernel: d(2x)/dx = 2.
class TwiceFunction : public torch::autograd::Function<TwiceFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext*,
                            const at::Tensor& x) {
    at::AutoDispatchBelowADInplaceOrView below;
    static auto op = c10::Dispatcher::singleton()
                         .findSchemaOrThrow("gtest_fx_oc::good_autograd", "")
                         .typed<at::Tensor(const at::Tensor&)>();
    return op.call(x);
  }
  static torch::autograd::variable_list backward(
      torch::autograd::AutogradContext*, torch::autograd::variable_list grads) {
    return {grads[0] * 2};
  }
};
at::Tensor TwiceAutograd(const at::Tensor& x) {
  return TwiceFunction::apply(x);
}
// Not differentiable: works on the data, under no autograd.
at::Tensor TwiceNoGrad(const at::Tensor& x) {
  c10::NoGradGuard no_grad;
  return x.detach() * 2;
}

TORCH_LIBRARY(gtest_fx_oc, m) {
  m.def("scale_add(Tensor x, Tensor y, *, float alpha=1.0) -> Tensor");
  m.def("add_in_place(Tensor(a!) x, float value) -> Tensor(a!)");
  m.def("flatten(Tensor(a) x) -> Tensor(a)");
  m.def("copying_meta(Tensor(a) x) -> Tensor(a)");
  m.def("sneaky_mutate(Tensor x) -> Tensor");
  m.def("returns_input(Tensor x) -> Tensor");
  m.def("unannotated_in_place(Tensor x) -> Tensor");
  m.def("hidden_view(Tensor x) -> Tensor");
  m.def("aliased_pair(Tensor x) -> (Tensor, Tensor)");
  m.def("no_meta(Tensor x) -> Tensor");
  m.def("validating_meta(Tensor x) -> Tensor");
  m.def("column_major(Tensor x) -> Tensor");
  m.def("item_meta(Tensor x) -> Tensor");
  m.def("data_ptr_meta(Tensor x) -> Tensor");
  m.def("autograd_at_cpu(Tensor x) -> Tensor");
  m.def("good_autograd(Tensor x) -> Tensor");
  m.def("not_differentiable(Tensor x) -> Tensor");
  m.def("double_in_place(Tensor(a!) x) -> Tensor(a!)");
  m.def("composite(Tensor x) -> Tensor", &Twice);
}
TORCH_LIBRARY_IMPL(gtest_fx_oc, CPU, m) {
  m.impl("scale_add", &ScaleAdd);
  m.impl("add_in_place", &AddInPlace);
  m.impl("double_in_place", &DoubleInPlaceRaw);
  m.impl("flatten", &Flatten);
  m.impl("copying_meta", &Flatten);
  m.impl("sneaky_mutate", &SneakyMutate);
  m.impl("returns_input", &ReturnsInput);
  m.impl("unannotated_in_place", &UnannotatedInPlace);
  m.impl("hidden_view", &HiddenView);
  m.impl("aliased_pair", &AliasedPair);
  m.impl("no_meta", &Twice);
  m.impl("validating_meta", &Twice);
  m.impl("column_major", &ColumnMajor);
  m.impl("item_meta", &Twice);
  m.impl("data_ptr_meta", &Twice);
  m.impl("autograd_at_cpu", &Twice);
  m.impl("good_autograd", &Twice);
  m.impl("not_differentiable", &TwiceNoGrad);
}
TORCH_LIBRARY_IMPL(gtest_fx_oc, Meta, m) {
  m.impl("validating_meta", &ValidatingMeta);
  m.impl("scale_add", &ScaleAddMeta);
  m.impl("add_in_place", &AddInPlaceMeta);
  m.impl("double_in_place", [](at::Tensor& x) -> at::Tensor& { return x; });
  m.impl("flatten", &Flatten);
  m.impl("copying_meta", [](const at::Tensor& x) {
    return at::empty({x.numel()}, x.options());
  });
  m.impl("sneaky_mutate", &EmptyLike);
  m.impl("returns_input", &ReturnsInput);
  m.impl("hidden_view", &HiddenView);
  m.impl("aliased_pair", [](const at::Tensor& x) {
    at::Tensor y = at::empty_like(x);
    return std::make_tuple(y, y.view(y.sizes()));
  });
  m.impl("column_major", &EmptyLike);
  m.impl("item_meta", &ItemMeta);
  m.impl("data_ptr_meta", &DataPtrMeta);
  m.impl("autograd_at_cpu", &EmptyLike);
  m.impl("good_autograd", &EmptyLike);
  m.impl("not_differentiable", &EmptyLike);
}
TORCH_LIBRARY_IMPL(gtest_fx_oc, Autograd, m) {
  m.impl("good_autograd", &TwiceAutograd);
}

OpSpec DispatcherSpec(const std::string& name) {
  OpSpec spec;
  spec.name = name.substr(name.find("::") + 2);
  spec.file = "op_checks_test.cc";
  spec.line = 1;
  spec.dispatcher_name = name;
  absl::Status status = gtest_fx::internal::ResolveDispatcherOp(spec);
  EXPECT_TRUE(status.ok()) << status;
  return spec;
}

CheckResult RunCheck(Check check, const std::string& name, Args sample) {
  OpSpec spec = DispatcherSpec(name);
  absl::StatusOr<Args> prepared =
      gtest_fx::internal::PrepareSample(spec, std::move(sample), 0);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return gtest_fx::internal::RunOpCheck(check, spec, {*prepared},
                                        "the rerun line");
}

MATCHER(Passes, "passes") { return arg.verdict == Verdict::kPass; }
MATCHER_P(FailsWith, matcher, "fails with a matching message") {
  return arg.verdict == Verdict::kFail &&
         ::testing::ExplainMatchResult(matcher, arg.message, result_listener);
}

// ---- Schema ----

TEST(SchemaCheck, PassesOnFunctionalInPlaceAndViewOps) {
  EXPECT_THAT(RunCheck(Check::kSchema, "gtest_fx_oc::scale_add",
                       Args(at::randn({3, 4}), at::randn({4}))),
              Passes());
  EXPECT_THAT(RunCheck(Check::kSchema, "gtest_fx_oc::add_in_place",
                       Args(at::randn({3, 4}), 1.5)),
              Passes());
  EXPECT_THAT(
      RunCheck(Check::kSchema, "gtest_fx_oc::flatten", Args(at::randn({3, 4}))),
      Passes());
}

TEST(SchemaCheck, FailsOnAnArgumentMutatedWithoutAnnotation) {
  EXPECT_THAT(
      RunCheck(Check::kSchema, "gtest_fx_oc::sneaky_mutate",
               Args(at::randn({3, 4}))),
      FailsWith(AllOf(
          HasSubstr("op 'sneaky_mutate' (gtest_fx_oc::sneaky_mutate), sample "
                    "1 of 1, check Schema: an argument changes but is not "
                    "declared mutable"),
          HasSubstr("argument 0 ('x') after the call: its values changed"),
          HasSubstr("declare it as `Tensor(a!) x`"),
          HasSubstr("schema: gtest_fx_oc::sneaky_mutate(Tensor x) -> Tensor"),
          HasSubstr("rerun: the rerun line"))));
}

TEST(SchemaCheck, NamesEveryMissingAnnotationInOneRun) {
  EXPECT_THAT(
      RunCheck(Check::kSchema, "gtest_fx_oc::unannotated_in_place",
               Args(at::randn({3}))),
      FailsWith(AllOf(
          HasSubstr("check Schema: an argument changes but is not declared "
                    "mutable (and 1 more schema problem)"),
          HasSubstr("1. an argument changes but is not declared mutable: "
                    "argument 0 ('x') after the call"),
          HasSubstr("2. a functional op returns its input: output 0 is "
                    "argument 0 ('x') itself"))));
}

TEST(SchemaCheck, FailsOnAFunctionalOpReturningItsInput) {
  EXPECT_THAT(RunCheck(Check::kSchema, "gtest_fx_oc::returns_input",
                       Args(at::randn({3}))),
              FailsWith(AllOf(HasSubstr("a functional op returns its input"),
                              HasSubstr("output 0 is argument 0 ('x') itself "
                                        "(the same tensor)"))));
}

TEST(SchemaCheck, FailsOnAnUnannotatedView) {
  EXPECT_THAT(
      RunCheck(Check::kSchema, "gtest_fx_oc::hidden_view",
               Args(at::randn({3, 4}))),
      FailsWith(AllOf(
          HasSubstr("an output aliases an input without an alias annotation"),
          HasSubstr("output 0 shares storage with argument 0 ('x')"),
          HasSubstr("`Tensor(a) x -> Tensor(a)`"))));
}

TEST(SchemaCheck, FailsOnOutputsThatAliasEachOther) {
  EXPECT_THAT(
      RunCheck(Check::kSchema, "gtest_fx_oc::aliased_pair",
               Args(at::randn({3}))),
      FailsWith(AllOf(HasSubstr("two outputs alias each other unexpectedly"),
                      HasSubstr("output 0 and output 1 share storage"))));
}

// ---- MetaKernel ----

TEST(MetaKernelCheck, PassesOnCorrectMetaKernels) {
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::scale_add",
                       Args(at::randn({3, 4}), at::randn({4}))),
              Passes());
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::add_in_place",
                       Args(at::randn({3, 4}), 1.5)),
              Passes());
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::flatten",
                       Args(at::randn({3, 4}))),
              Passes());
}

TEST(MetaKernelCheck, FailsOnAMissingMetaKernelWithTheDispatchersReason) {
  EXPECT_THAT(
      RunCheck(Check::kMetaKernel, "gtest_fx_oc::no_meta",
               Args(at::randn({3}))),
      FailsWith(AllOf(
          HasSubstr(
              "check MetaKernel: no Meta kernel for gtest_fx_oc::no_meta"),
          HasSubstr("TORCH_LIBRARY_IMPL(gtest_fx_oc, Meta, m)"),
          HasSubstr("gtest_fx_oc::no_meta: attempted to run this operator "
                    "with Meta tensors, but there was no fake impl or Meta "
                    "kernel registered"))));
}

TEST(MetaKernelCheck, AMetaKernelCallingAnOpWithoutOneIsToldSo) {
  // Not "register aten::isnan for Meta": the op's own Meta kernel is what
  // computes values.
  EXPECT_THAT(
      RunCheck(Check::kMetaKernel, "gtest_fx_oc::validating_meta",
               Args(at::randn({3}))),
      FailsWith(AllOf(
          HasSubstr("check MetaKernel: the Meta kernel calls aten::isnan, "
                    "which has no Meta kernel in LibTorch C++"),
          HasSubstr("gtest_fx_oc::validating_meta's own Meta kernel runs, "
                    "and calls aten::isnan on meta tensors"),
          HasSubstr("Check metadata only in the Meta kernel."),
          Not(HasSubstr("register a Meta kernel for aten::isnan")))));
}

TEST(MetaKernelCheck, FailsOnWrongStrides) {
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::column_major",
                       Args(at::randn({3, 4}))),
              FailsWith(AllOf(
                  HasSubstr("the Meta kernel's outputs differ from the real "
                            "kernel's"),
                  HasSubstr("output 0: strides [4, 1] from the Meta kernel, "
                            "[1, 3] from the real kernel (shape [3, 4])"))));
}

TEST(MetaKernelCheck, FailsOnAMetaKernelThatCallsItem) {
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::item_meta",
                       Args(at::randn({3}))),
              FailsWith(AllOf(HasSubstr("the Meta kernel reads tensor data"),
                              HasSubstr("_local_scalar_dense"))));
}

TEST(MetaKernelCheck, FailsOnAMetaKernelThatReadsTypedDataPtr) {
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::data_ptr_meta",
                       Args(at::randn({3}))),
              FailsWith(AllOf(HasSubstr("the Meta kernel reads tensor data"),
                              HasSubstr("its data is not allocated yet"))));
}

TEST(MetaKernelCheck, FailsOnAMetaKernelThatCopiesWhereTheKernelViews) {
  EXPECT_THAT(RunCheck(Check::kMetaKernel, "gtest_fx_oc::copying_meta",
                       Args(at::randn({3, 4}))),
              FailsWith(HasSubstr("output 0: the real kernel's shares storage "
                                  "with argument 0 ('x'); the Meta kernel's "
                                  "does not")));
}

// ---- AutogradRegistration ----

TEST(AutogradRegistrationCheck, PassesWithAnAutogradKernel) {
  EXPECT_THAT(
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::good_autograd",
               Args(at::randn({3}).requires_grad_())),
      Passes());
}

TEST(AutogradRegistrationCheck, PassesForCompositeImplicitAutograd) {
  EXPECT_THAT(RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::composite",
                       Args(at::randn({3}).requires_grad_())),
              Passes());
}

TEST(AutogradRegistrationCheck, FailsWhenAutogradComesFromTheCpuKernel) {
  EXPECT_THAT(
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::autograd_at_cpu",
               Args(at::randn({3}).requires_grad_())),
      FailsWith(AllOf(
          HasSubstr("check AutogradRegistration: autograd is registered at a "
                    "backend key"),
          HasSubstr("argument 0 ('x') requires grad, and output 0 requires "
                    "grad although no Autograd kernel made it"),
          HasSubstr("TORCH_LIBRARY_IMPL(gtest_fx_oc, Autograd, m)"))));
}

TEST(AutogradRegistrationCheck, PassesWithANoteForANonDifferentiableOp) {
  CheckResult result =
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::not_differentiable",
               Args(at::randn({3}).requires_grad_()));
  EXPECT_THAT(result, Passes());
  EXPECT_THAT(result.message, HasSubstr("it is not differentiable"));
}

TEST(AutogradRegistrationCheck, IgnoresAnOutputThatIsAnInput) {
  // Python's check ignores such outputs too: they require grad because the
  // input does, not because the kernel recorded autograd.
  CheckResult result =
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::double_in_place",
               Args(at::randn({4}).requires_grad_()));
  EXPECT_THAT(result, Passes());
  EXPECT_THAT(result.message, HasSubstr("it is not differentiable"));
}

// No sample needs an input that requires grad: the check marks the
// floating-point inputs of its copies itself, and skips only an op with
// none.
TEST(AutogradRegistrationCheck, MarksFloatingPointInputsItself) {
  CheckResult result =
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::autograd_at_cpu",
               Args(at::randn({3})));
  EXPECT_EQ(result.verdict, Verdict::kFail);
  EXPECT_THAT(result.message,
              AllOf(HasSubstr("autograd is registered at a backend key"),
                    HasSubstr("(made to require grad by gtest_fx)")));
  CheckResult integers =
      RunCheck(Check::kAutogradRegistration, "gtest_fx_oc::autograd_at_cpu",
               Args(at::arange(3)));
  EXPECT_EQ(integers.verdict, Verdict::kSkip) << integers.message;
  EXPECT_THAT(integers.message,
              HasSubstr("no sample has a floating-point or complex tensor "
                        "argument"));
}

// ---- LibTorch's own ops: correct schemas, no false alarms ----

struct AtenCase {
  const char* op;
  Args sample;
  bool has_meta_kernel;
};

std::vector<AtenCase> AtenCases() {
  const at::Tensor x = at::randn({4, 6});
  return {
      {"aten::add.Tensor", Args(x, at::randn({6})), true},
      {"aten::add_.Tensor", Args(x, at::randn({6})), true},
      {"aten::mul.out", Args(x, x, at::empty({4, 6})), true},
      {"aten::view", Args(x, std::vector<int64_t>{6, 4}), true},
      {"aten::transpose.int", Args(x, 0, 1), true},
      {"aten::expand", Args(at::randn({1, 6}), std::vector<int64_t>{3, 6}),
       true},
      {"aten::split.Tensor", Args(x, 2), true},
      {"aten::unbind.int", Args(x), true},
      {"aten::diagonal", Args(x), true},
      {"aten::sort", Args(x), true},
      {"aten::max.dim", Args(x, 1), true},
      {"aten::relu_", Args(x), true},
      {"aten::relu", Args(x), false},
      {"aten::index_select", Args(x, 1, at::tensor({0, 2})), false},
      {"aten::cat", Args(std::vector<at::Tensor>{x, x}), true},
  };
}

class AtenOps : public ::testing::TestWithParam<size_t> {};

TEST_P(AtenOps, PassTheSchemaAndMetaKernelChecks) {
  AtenCase c = AtenCases()[GetParam()];
  SCOPED_TRACE(c.op);
  EXPECT_THAT(RunCheck(Check::kSchema, c.op, c.sample), Passes());
  CheckResult meta = RunCheck(Check::kMetaKernel, c.op, c.sample);
  if (c.has_meta_kernel) {
    EXPECT_THAT(meta, Passes());
  } else {
    EXPECT_THAT(meta, FailsWith(HasSubstr("no Meta kernel for aten::")));
  }
}

INSTANTIATE_TEST_SUITE_P(LibTorch, AtenOps,
                         ::testing::Range<size_t>(0, AtenCases().size()));

// ---- Keyword arguments ----

TEST(Kwargs, FillArgumentsByNameAndDefaultsApply) {
  OpSpec spec = DispatcherSpec("gtest_fx_oc::scale_add");
  const at::Tensor x = at::randn({3});
  const at::Tensor y = at::randn({3});
  absl::StatusOr<Args> with_alpha = gtest_fx::internal::PrepareSample(
      spec, Args(x, y).Kwarg("alpha", 2.0), 0);
  ASSERT_TRUE(with_alpha.ok()) << with_alpha.status();
  std::vector<gtest_fx::ArgValue> values = with_alpha->values();
  gtest_fx::internal::Output out = spec.invoke(values);
  EXPECT_TRUE(out.tensor.allclose(x + y * 2));

  absl::StatusOr<Args> by_default =
      gtest_fx::internal::PrepareSample(spec, Args(x, y), 0);
  ASSERT_TRUE(by_default.ok());
  values = by_default->values();
  EXPECT_TRUE(spec.invoke(values).tensor.allclose(x + y));
}

TEST(Kwargs, AnUnknownNameIsAnErrorListingTheSchemasArguments) {
  OpSpec spec = DispatcherSpec("gtest_fx_oc::scale_add");
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({3}), at::randn({3})).Kwarg("beta", 2.0), 3);
  ASSERT_FALSE(sample.ok());
  EXPECT_THAT(std::string(sample.status().message()),
              AllOf(HasSubstr("sample 4: keyword argument 'beta' names no "
                              "argument of schema gtest_fx_oc::scale_add"),
                    HasSubstr("its arguments are: x, y, alpha")));
}

TEST(Kwargs, AMissingRequiredArgumentIsAnErrorNamingIt) {
  OpSpec spec = DispatcherSpec("gtest_fx_oc::scale_add");
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({3})).Kwarg("alpha", 2.0), 0);
  ASSERT_FALSE(sample.ok());
  EXPECT_THAT(std::string(sample.status().message()),
              AllOf(HasSubstr("missing required argument 1 ('y', Tensor) of "
                              "schema gtest_fx_oc::scale_add"),
                    HasSubstr(".Kwarg(\"y\", ...)")));
}

TEST(Kwargs, AnArgumentGivenTwiceIsAnError) {
  OpSpec spec = DispatcherSpec("gtest_fx_oc::scale_add");
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({3}), at::randn({3})).Kwarg("x", at::randn({3})), 0);
  ASSERT_FALSE(sample.ok());
  EXPECT_THAT(std::string(sample.status().message()),
              HasSubstr("argument 0 ('x', Tensor) is given twice (by position "
                        "and by keyword)"));
}

TEST(Kwargs, ACallableOpTakesNone) {
  OpSpec spec;
  gtest_fx::internal::SetCallable(spec,
                                  [](const at::Tensor& x) { return x * 2; });
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({3})).Kwarg("alpha", 2.0), 1);
  ASSERT_FALSE(sample.ok());
  EXPECT_THAT(std::string(sample.status().message()),
              HasSubstr("sample 2 has keyword arguments ('alpha'...), which "
                        "only a dispatcher op takes"));
}

TEST(Kwargs, TheTracingCasesUseThem) {
  OpSpec spec = DispatcherSpec("gtest_fx_oc::scale_add");
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({3, 4}), at::randn({4})).Kwarg("alpha", 0.5), 0);
  ASSERT_TRUE(sample.ok());
  for (TracingMode mode : gtest_fx::kAllTracingModes) {
    for (Data data : gtest_fx::kAllData) {
      CheckResult result =
          gtest_fx::internal::CheckOp(spec, {*sample}, mode, data, "rerun");
      EXPECT_EQ(result.verdict, Verdict::kPass)
          << gtest_fx::ModeName(mode) << " " << result.message;
    }
  }
}

// ---- AlsoAt ----

CheckResult CheckCallable(OpSpec spec, Args sample, TracingMode mode,
                          Data data) {
  spec.name = "shape_op";
  spec.file = "op_checks_test.cc";
  spec.line = 7;
  absl::StatusOr<Args> prepared =
      gtest_fx::internal::PrepareSample(spec, std::move(sample), 0);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return gtest_fx::internal::CheckOp(spec, {*prepared}, mode, data, "rerun");
}

TEST(AlsoAt, AShapeGeneralOpPassesAtOtherShapes) {
  OpSpec spec;
  gtest_fx::internal::SetCallable(
      spec, [](const at::Tensor& x) { return x.flatten(1).sum(1); });
  for (Data data : gtest_fx::kAllData) {
    EXPECT_EQ(
        CheckCallable(
            spec, Args(at::randn({4, 3, 2})).AlsoAt(Args(at::randn({6, 5, 2}))),
            TracingMode::kSymbolic, data)
            .verdict,
        Verdict::kPass);
  }
}

TEST(AlsoAt, ASizeReadIntoAnIntegerIsCaughtNamingTheInputAndDim) {
  OpSpec spec;
  gtest_fx::internal::SetCallable(spec, [](const at::Tensor& x) {
    const int64_t rows = x.size(0);  // baked into the trace
    return x.reshape({rows, -1});
  });
  Args sample = Args(at::randn({4, 3})).AlsoAt(Args(at::randn({6, 5})));
  // At the sample's own shapes every mode passes: only AlsoAt exposes it.
  EXPECT_EQ(
      CheckCallable(spec, sample, TracingMode::kReal, Data::kOriginal).verdict,
      Verdict::kPass);
  CheckResult result =
      CheckCallable(spec, sample, TracingMode::kSymbolic, Data::kRandomized);
  EXPECT_THAT(
      result,
      FailsWith(AllOf(
          HasSubstr("the graph traced at the sample's shapes is wrong at its "
                    "AlsoAt shapes"),
          HasSubstr("replaying there throws"),
          HasSubstr("shape '[4, -1]' is invalid for input of size 30"),
          HasSubstr("the graph holds the constant [4, -1] where a trace at "
                    "the AlsoAt shapes holds [6, -1]: the size of argument 0 "
                    "dim 0 (4 in the sample, 6 at the AlsoAt shapes), baked "
                    "into the trace"))));
}

TEST(AlsoAt, ASizeUsedAsANumberIsCaughtWhenTheValuesDiffer) {
  OpSpec spec;
  gtest_fx::internal::SetCallable(spec, [](const at::Tensor& x) {
    return x / static_cast<double>(x.size(1));  // a mean, baked
  });
  CheckResult result = CheckCallable(
      spec, Args(at::randn({2, 4})).AlsoAt(Args(at::randn({2, 8}))),
      TracingMode::kSymbolic, Data::kOriginal);
  EXPECT_THAT(result, FailsWith(AllOf(
                          HasSubstr("values differ"),
                          HasSubstr("the size of argument 0 dim 1 (4 in "
                                    "the sample, 8 at the AlsoAt shapes)"))));
}

TEST(AlsoAt, OtherKindsOfArgumentsAreAnError) {
  OpSpec spec;
  gtest_fx::internal::SetCallable(
      spec, [](const at::Tensor& x, double s) { return x * s; });
  absl::StatusOr<Args> sample = gtest_fx::internal::PrepareSample(
      spec, Args(at::randn({2}), 2.0).AlsoAt(Args(at::randn({3}), 2)), 0);
  ASSERT_FALSE(sample.ok());
  EXPECT_THAT(std::string(sample.status().message()),
              HasSubstr("the AlsoAt of sample 1 must hold the same kinds of "
                        "arguments at other shapes, but argument 1 is an int "
                        "there but a double in the sample"));
}

}  // namespace
