// The gtex operators under gtest_fx: every registration below becomes six
// tracing cases (MakeFx/OpTest.Trace/<op>_<mode>_<data>) and three op checks
// (OpCheck/OpTest.{Schema,MetaKernel,AutogradRegistration}/<op>); each
// differentiable op also gets six gradient cases
// (MakeFx/OpGradTest.Grad/<op>_<mode>_<data>) and OpCheck/OpTest.GradCheck.
//
// Run: ctest --test-dir build   (or build/gtex_ops_test --gtest_filter=...)
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>
#include <gtex/ops.h>

namespace {

GTEST_FX_REGISTER_DISPATCHER_OP(scale_add, "gtex::scale_add")
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .Sample(
        gtest_fx::Args(at::randn({2, 5}), at::randn({5})).Kwarg("alpha", 0.5))
    // Requires grad: AutogradRegistration checks gtex's Autograd kernel.
    .Sample(gtest_fx::Args(at::randn({4}).requires_grad_(), at::randn({4}))
                .Kwarg("alpha", -2.0));

// Differentiable through a torch::autograd::Function whose forward and
// backward are gtex ops with Meta kernels: the gradient cases trace forward
// and backward together in every mode, and GradCheck compares the backward
// with numerical derivatives.
GTEST_FX_REGISTER_DISPATCHER_OP(scaled_tanh, "gtex::scaled_tanh")
    .Sample(at::randn({3, 4}), 2.0)
    .Sample(at::randn({4, 3}).t(), -0.5);  // non-contiguous

// The normalized shape is a gtest_fx::Size: in symbolic mode the graph reads
// it from an input, so the trace also holds at the AlsoAt shapes.
GTEST_FX_REGISTER_DISPATCHER_OP(row_normalize, "gtex::row_normalize")
    .Sample(gtest_fx::Args(at::randn({3, 8}), gtest_fx::Size{8})
                .AlsoAt(gtest_fx::Args(at::randn({5, 6}), gtest_fx::Size{6})))
    .Sample(gtest_fx::Args(at::randn({2, 3, 4}), gtest_fx::Size{3, 4})
                .Kwarg("eps", 1e-3))
    // Without an Autograd kernel, LibTorch's fallback gives its outputs a
    // backward that returns no gradient: GradCheck would fail it, rightly.
    .NotDifferentiable("gtex::row_normalize has no Autograd kernel yet");

GTEST_FX_REGISTER_DISPATCHER_OP(min_max, "gtex::min_max")
    .Sample(at::randn({4, 7}))
    .Sample(at::randn({2, 3, 5}).transpose(0, 1))  // non-contiguous
    .NotDifferentiable("gtex::min_max has no Autograd kernel yet");

GTEST_FX_REGISTER_DISPATCHER_OP(clamp_, "gtex::clamp_")
    .Sample(at::randn({3, 4}), -0.5, 0.5)
    .Sample(at::randn({4, 3}).t(), 0.0, 1.0)  // non-contiguous, in place
    .NotDifferentiable("gtex::clamp_ has no Autograd kernel yet");

// No Meta kernel yet: the fake cases fail naming the missing kernel, and so
// do the symbolic cases (they trace on meta tensors too), which this one
// expectation covers. The MetaKernel op check fails for the same reason.
GTEST_FX_REGISTER_DISPATCHER_OP(running_max, "gtex::running_max")
    .Sample(at::randn({6}))
    .Sample(at::randn({2, 3}).t())
    .ExpectFailure(gtest_fx::TracingMode::kFake,
                   "no Meta kernel for gtex::running_max yet")
    .ExpectFailure(gtest_fx::Check::kMetaKernel,
                   "no Meta kernel for gtex::running_max yet")
    .NotDifferentiable("gtex::running_max has no Autograd kernel yet");

// A composition of gtex ops, traced through to them.
GTEST_FX_REGISTER_OP(normalized_sum,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       return gtex::row_normalize(gtex::scale_add(x, y, 2.0),
                                                  {x.size(-1)});
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .NotDifferentiable("gtex::row_normalize has no Autograd kernel yet");

// Plain tests of the library, next to the generated cases.
TEST(Gtex, ScaleAddMatchesItsFormulaAndGradient) {
  // at:: factories ignore requires_grad in their options; set it after.
  const at::Tensor x = at::randn({3, 4}).requires_grad_();
  const at::Tensor y = at::randn({4}).requires_grad_();
  at::Tensor z = gtex::scale_add(x, y, 0.5);
  EXPECT_TRUE(z.allclose(x + 0.5 * y));
  z.sum().backward();
  EXPECT_TRUE(x.grad().allclose(at::ones({3, 4})));
  EXPECT_TRUE(y.grad().allclose(at::full({4}, 1.5)));
}

TEST(Gtex, RowNormalizeRejectsAShapeThatIsNotTrailing) {
  EXPECT_THROW(gtex::row_normalize(at::randn({3, 4}), {3}), c10::Error);
}

}  // namespace
