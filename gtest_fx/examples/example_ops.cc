// Example registrations: what a user's test file looks like. Each op becomes
// six cases, MakeFx/OpTest.Trace/<op>_<mode>_<data>; each differentiable op
// (a floating-point input, a tensor output) also six gradient cases,
// MakeFx/OpGradTest.Grad/<op>_<mode>_<data>, and OpCheck/OpTest.GradCheck.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <tuple>

// An elementwise chain, with broadcasting in the second sample.
GTEST_FX_REGISTER_OP(scaled_add,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       return x.add(y).mul(2);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .Sample(at::randn({2, 1}), at::randn({4}));

// A shape argument: in symbolic mode the graph reads it from an input.
GTEST_FX_REGISTER_OP(reshape_to,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return x.reshape(shape);
                     })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4})
    .Sample(at::randn({2, 3, 4}).transpose(0, 2), gtest_fx::Size{4, 6});

// Several outputs and a reduction.
GTEST_FX_REGISTER_OP(mean_and_max,
                     [](const at::Tensor& x, int64_t dim) {
                       auto [values, indices] = x.max(dim);
                       return std::make_tuple(x.mean(dim), values, indices);
                     })
    .Sample(at::randn({4, 5}), 1)
    .Sample(at::randn({3, 2, 2}, at::kDouble), 0);

// A random op: every call is seeded, so eager and replay draw the same mask.
GTEST_FX_REGISTER_OP(dropout, [](const at::Tensor& x) {
  return at::dropout(x, 0.5, /*train=*/true);
}).Sample(at::randn({8, 8}));

// Reads a value into a C++ number: the trace bakes it in, so randomized data
// exposes it, and meta tensors have no value to read.
GTEST_FX_REGISTER_OP(scale_by_first_element,
                     [](const at::Tensor& x) {
                       return x * x[0].item<double>();
                     })
    .Sample(at::randn({5}))
    .ExpectFailure(gtest_fx::TracingMode::kReal, gtest_fx::Data::kRandomized,
                   ".item() bakes the first element into the graph")
    // Symbolic mode traces on meta tensors as fake mode does: this one
    // expectation covers its symbolic cases too.
    .ExpectFailure(gtest_fx::TracingMode::kFake,
                   ".item() has no value to read on a meta tensor")
    // Its forward and backward traced together fail the same ways.
    .ExpectGradFailure(gtest_fx::TracingMode::kReal,
                       gtest_fx::Data::kRandomized,
                       ".item() bakes the first element into the graph")
    .ExpectGradFailure(gtest_fx::TracingMode::kFake,
                       ".item() has no value to read on a meta tensor")
    // And its gradient is wrong: .item() cuts x[0]'s own share out of it.
    .ExpectFailure(gtest_fx::Check::kGradCheck,
                   ".item() detaches x[0], so autograd misses its share of "
                   "the gradient");

// aten::relu's Meta implementation is registered from Python, so LibTorch's
// C++ library has none: fake mode runs its CPU kernel on zero-filled
// placeholders, as FakeTensor does, and passes; the MetaKernel op check asks
// for a Meta kernel of the op itself and fails.
GTEST_FX_REGISTER_DISPATCHER_OP(relu, "aten::relu")
    .Sample(at::randn({3, 4}))
    .ExpectFailure(gtest_fx::Check::kMetaKernel,
                   "no Meta kernel for aten::relu in LibTorch C++");

// Overloads by name; trailing arguments take their schema defaults, or are
// given by name. A sample that requires grad lets AutogradRegistration run.
GTEST_FX_REGISTER_DISPATCHER_OP(add_tensor, "aten::add.Tensor")
    .Sample(at::randn({2, 3}), at::randn({2, 3}), 0.5)
    .Sample(at::randn({2, 3}), at::randn({3}))
    .Sample(gtest_fx::Args(at::randn({2, 3}).requires_grad_(), at::randn({3}))
                .Kwarg("alpha", 2));
