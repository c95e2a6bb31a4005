// Must not compile: the sample gives a tensor where the op takes a Size.
#include <ATen/ops/ones.h>
#include <gtest_fx/gtest_fx.h>

GTEST_FX_REGISTER_OP(reshape_to, [](const at::Tensor& x,
                                    at::IntArrayRef shape) {
  return x.reshape(shape);
}).Sample(at::ones({12}), at::ones({3}));
