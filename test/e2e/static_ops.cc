// Registrations in a static library: kept only when the library is linked
// whole (gtest_fx_link_ops).
#include <ATen/ops/ones.h>
#include <gtest_fx/gtest_fx.h>

GTEST_FX_REGISTER_OP(static_op, [](const at::Tensor& x) {
  return x.add(1);
}).Sample(at::ones({3}));
