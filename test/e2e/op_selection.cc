// Two dispatcher ops whose names share a prefix, as in docs/custom_ops.md's
// story: --gtest_fx_op=axpy must run axpy's cases and op checks and nothing
// of axpy_then_clamp.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>
#include <torch/library.h>

namespace {

at::Tensor Axpy(const at::Tensor& x, const at::Tensor& y, double a) {
  return x.mul(a).add(y);
}
at::Tensor AxpyThenClamp(const at::Tensor& x, const at::Tensor& y, double a) {
  return x.mul(a).add(y).clamp(-1, 1);
}
at::Tensor LikeX(const at::Tensor& x, const at::Tensor&, double) {
  return at::empty_like(x);
}

}  // namespace

TORCH_LIBRARY(gtest_fx_sel, m) {
  m.def("axpy(Tensor x, Tensor y, float a) -> Tensor");
  m.def("axpy_then_clamp(Tensor x, Tensor y, float a) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_sel, CPU, m) {
  m.impl("axpy", &Axpy);
  m.impl("axpy_then_clamp", &AxpyThenClamp);
}
TORCH_LIBRARY_IMPL(gtest_fx_sel, Meta, m) {
  m.impl("axpy", &LikeX);
  m.impl("axpy_then_clamp", &LikeX);
}

GTEST_FX_REGISTER_DISPATCHER_OP(axpy, "gtest_fx_sel::axpy")
    .Sample(at::ones({3}), at::ones({3}), 2.0);
GTEST_FX_REGISTER_DISPATCHER_OP(axpy_then_clamp,
                                "gtest_fx_sel::axpy_then_clamp")
    .Sample(at::ones({3}), at::ones({3}), 2.0);
