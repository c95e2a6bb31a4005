// A user's test file: two ops and a hand-written check.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

GTEST_FX_REGISTER_OP(softplus_like, [](const at::Tensor& x) {
  return at::log1p(at::exp(x));
}).Sample(at::randn({4, 4}));

GTEST_FX_REGISTER_OP(view_as_shape, [](const at::Tensor& x,
                                       at::IntArrayRef shape) {
  return x.view(shape).sum(0);
}).Sample(at::randn({6}), gtest_fx::Size{2, 3});

TEST(Consumer, HandWrittenCheck) {
  auto fn = [](const at::Tensor& x) { return x.cumsum(0); };
  EXPECT_TRUE(gtest_fx::MakeFxCheck(fn, gtest_fx::Args(at::randn({5})),
                                    gtest_fx::TracingMode::kSymbolic,
                                    gtest_fx::Data::kRandomized));
  EXPECT_THAT(at::ones({2, 3}), gtest_fx::HasShape({2, 3}));
}
