// The compile-time benchmark's baseline: the ten ops of registrations_10.cc,
// each called on the same sample from a plain TEST(), with GoogleTest alone
// (bench/compile_time.sh).
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

TEST(PlainOps, ScaledAdd) {
  auto op = [](const at::Tensor& x, const at::Tensor& y) {
    return x.add(y).mul(2);
  };
  EXPECT_TRUE(op(at::randn({3, 4}), at::randn({3, 4})).defined());
}

TEST(PlainOps, ReluSum) {
  auto op = [](const at::Tensor& x) { return at::relu(x).sum(1); };
  EXPECT_TRUE(op(at::randn({3, 4})).defined());
}

TEST(PlainOps, ReshapeTo) {
  auto op = [](const at::Tensor& x, at::IntArrayRef shape) {
    return x.reshape(shape);
  };
  EXPECT_TRUE(op(at::randn({12}), {3, 4}).defined());
}

TEST(PlainOps, Matmul) {
  auto op = [](const at::Tensor& a, const at::Tensor& b) {
    return a.matmul(b);
  };
  EXPECT_TRUE(op(at::randn({3, 4}), at::randn({4, 5})).defined());
}

TEST(PlainOps, SoftmaxDim) {
  auto op = [](const at::Tensor& x, int64_t dim) {
    return at::softmax(x, dim);
  };
  EXPECT_TRUE(op(at::randn({3, 4}), 1).defined());
}

TEST(PlainOps, WherePositive) {
  auto op = [](const at::Tensor& x, const at::Tensor& y) {
    return at::where(x > 0, x, y);
  };
  EXPECT_TRUE(op(at::randn({3, 4}), at::randn({3, 4})).defined());
}

TEST(PlainOps, CatPair) {
  auto op = [](const at::Tensor& x, const at::Tensor& y) {
    return at::cat({x, y}, 0);
  };
  EXPECT_TRUE(op(at::randn({2, 4}), at::randn({3, 4})).defined());
}

TEST(PlainOps, ClampBetween) {
  auto op = [](const at::Tensor& x, double lo, double hi) {
    return x.clamp(lo, hi);
  };
  EXPECT_TRUE(op(at::randn({3, 4}), -0.5, 0.5).defined());
}

TEST(PlainOps, MeanDims) {
  auto op = [](const at::Tensor& x, std::vector<int64_t> dims, bool keepdim) {
    return x.mean(dims, keepdim);
  };
  EXPECT_TRUE(op(at::randn({2, 3, 4}), {0, 2}, true).defined());
}

TEST(PlainOps, TransposeContiguous) {
  auto op = [](const at::Tensor& x) { return x.transpose(0, 1).contiguous(); };
  EXPECT_TRUE(op(at::randn({3, 4})).defined());
}

}  // namespace
