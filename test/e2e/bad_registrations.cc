// A test binary whose registrations are all wrong in a different way; it
// must report every problem with its file:line and run nothing.
#include <ATen/ops/ones.h>
#include <gtest_fx/gtest_fx.h>

namespace {
at::Tensor Twice(const at::Tensor& x) { return x.mul(2); }
at::Tensor Times(const at::Tensor& x, int64_t n) { return x.mul(n); }
}  // namespace

GTEST_FX_REGISTER_OP(twice, &Twice).Sample(at::ones({2}));
GTEST_FX_REGISTER_OP(twice, &Twice).Sample(at::ones({3}));  // duplicate

GTEST_FX_REGISTER_OP(no_samples, &Twice);

GTEST_FX_REGISTER_DISPATCHER_OP(unknown_op, "aten::no_such_op")
    .Sample(at::ones({2}));

GTEST_FX_REGISTER_DISPATCHER_OP(bad_schema_sample, "aten::add.Tensor")
    .Sample(at::ones({2}), 1.5);

GTEST_FX_REGISTER_DISPATCHER_OP(missing_argument, "aten::add.Tensor")
    .Sample(at::ones({2}));

GTEST_FX_REGISTER_OP(123abc, &Twice).Sample(at::ones({2}));

// Compiles (a double converts to int64_t) but does not fit: caught at run
// time, naming the argument.
GTEST_FX_REGISTER_OP(double_for_int, &Times).Sample(at::ones({2}), 2.5);

GTEST_FX_REGISTER_OP(empty_reason, &Twice)
    .Sample(at::ones({2}))
    .Skip(gtest_fx::TracingMode::kFake, "");

// Expectations of gradient cases and of GradCheck for ops that get none:
// integer samples only, and a declared NotDifferentiable.
GTEST_FX_REGISTER_OP(grad_failure_of_integers, &Twice)
    .Sample(at::ones({2}, at::kInt))
    .ExpectGradFailure(gtest_fx::TracingMode::kFake, "believed broken");
GTEST_FX_REGISTER_OP(grad_check_of_not_differentiable, &Twice)
    .Sample(at::ones({2}))
    .NotDifferentiable("kept out on purpose")
    .ExpectFailure(gtest_fx::Check::kGradCheck, "believed wrong");
