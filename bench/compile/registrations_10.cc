// The compile-time benchmark's gtest_fx side: a user test file with ten
// registrations (lambdas of the kinds users write, with eager samples).
// plain_tests_10.cc calls the same ops from ten plain TEST()s; the ratio of
// the two compile times is the cost of gtest_fx's public headers and
// registration templates (bench/compile_time.sh).
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdint>
#include <vector>

GTEST_FX_REGISTER_OP(scaled_add, [](const at::Tensor& x, const at::Tensor& y) {
  return x.add(y).mul(2);
}).Sample(at::randn({3, 4}), at::randn({3, 4}));

GTEST_FX_REGISTER_OP(relu_sum, [](const at::Tensor& x) {
  return at::relu(x).sum(1);
}).Sample(at::randn({3, 4}));

GTEST_FX_REGISTER_OP(reshape_to, [](const at::Tensor& x,
                                    at::IntArrayRef shape) {
  return x.reshape(shape);
}).Sample(at::randn({12}), gtest_fx::Size{3, 4});

GTEST_FX_REGISTER_OP(matmul, [](const at::Tensor& a, const at::Tensor& b) {
  return a.matmul(b);
}).Sample(at::randn({3, 4}), at::randn({4, 5}));

GTEST_FX_REGISTER_OP(softmax_dim, [](const at::Tensor& x, int64_t dim) {
  return at::softmax(x, dim);
}).Sample(at::randn({3, 4}), 1);

GTEST_FX_REGISTER_OP(where_positive, [](const at::Tensor& x,
                                        const at::Tensor& y) {
  return at::where(x > 0, x, y);
}).Sample(at::randn({3, 4}), at::randn({3, 4}));

GTEST_FX_REGISTER_OP(cat_pair, [](const at::Tensor& x, const at::Tensor& y) {
  return at::cat({x, y}, 0);
}).Sample(at::randn({2, 4}), at::randn({3, 4}));

GTEST_FX_REGISTER_OP(clamp_between, [](const at::Tensor& x, double lo,
                                       double hi) {
  return x.clamp(lo, hi);
}).Sample(at::randn({3, 4}), -0.5, 0.5);

GTEST_FX_REGISTER_OP(mean_dims, [](const at::Tensor& x,
                                   std::vector<int64_t> dims, bool keepdim) {
  return x.mean(dims, keepdim);
}).Sample(at::randn({2, 3, 4}), std::vector<int64_t>{0, 2}, true);

GTEST_FX_REGISTER_OP(transpose_contiguous, [](const at::Tensor& x) {
  return x.transpose(0, 1).contiguous();
}).Sample(at::randn({3, 4}));
