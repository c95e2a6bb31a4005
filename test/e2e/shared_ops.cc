// An operator library as custom ops usually ship: a shared library whose
// TORCH_LIBRARY defines gtest_fx_shared::twice. Its test names the op only
// by string (shared_ops_test.cc), so nothing in the test binary refers to a
// symbol of this library.
#include <ATen/ATen.h>
#include <torch/library.h>

namespace {

at::Tensor Twice(const at::Tensor& x) { return x.mul(2); }

at::Tensor TwiceMeta(const at::Tensor& x) { return at::empty_like(x); }

}  // namespace

TORCH_LIBRARY(gtest_fx_shared, m) { m.def("twice(Tensor x) -> Tensor"); }
TORCH_LIBRARY_IMPL(gtest_fx_shared, CPU, m) { m.impl("twice", &Twice); }
TORCH_LIBRARY_IMPL(gtest_fx_shared, Meta, m) { m.impl("twice", &TwiceMeta); }
