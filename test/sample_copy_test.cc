// Fresh copies of samples: layout, aliasing and randomization.
#include "sample_copy.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace gtest_fx::internal {
namespace {

const at::Tensor& TensorAt(const std::vector<ArgValue>& args, size_t i) {
  return std::get<at::Tensor>(args[i]);
}

TEST(CopyArgs, KeepsViewsOfOneAnotherAsViewsOfOneCopy) {
  at::Tensor base = at::arange(12, at::kFloat).reshape({3, 4});
  std::vector<ArgValue> args = {base, base.t(), base.narrow(1, 1, 2)};
  std::vector<ArgValue> copy = CopyArgs(args, CopyKind::kClone);
  EXPECT_TRUE(TensorAt(copy, 1).equal(base.t()));
  EXPECT_EQ(TensorAt(copy, 1).strides(), base.t().strides());
  EXPECT_EQ(TensorAt(copy, 2).storage_offset(), 1);
  TensorAt(copy, 0).fill_(7);
  EXPECT_TRUE(TensorAt(copy, 2).eq(7).all().item<bool>());
  EXPECT_EQ(base[0][0].item<float>(), 0) << "the sample changed";
}

TEST(CopyArgs, KeepsExpandedInputsExpanded) {
  at::Tensor expanded = at::randn({1, 4}).expand({1000, 4});
  std::vector<ArgValue> copy = CopyArgs({expanded}, CopyKind::kRandomize, 1);
  EXPECT_EQ(TensorAt(copy, 0).strides(), expanded.strides());
  EXPECT_EQ(TensorAt(copy, 0).storage().nbytes(), 4 * sizeof(float));
}

TEST(CopyArgs, RandomizesFloatingAndComplexKeepsIntegersAndGrad) {
  at::Tensor f = at::full({100}, 5.0).requires_grad_();
  at::Tensor c = at::complex(at::full({100}, 5.0), at::full({100}, 5.0));
  at::Tensor i = at::arange(100);
  std::vector<ArgValue> args = {f, c, i, int64_t{3}};
  std::vector<ArgValue> r = CopyArgs(args, CopyKind::kRandomize, 11);
  const at::Tensor& rf = TensorAt(r, 0);
  EXPECT_TRUE(rf.requires_grad());
  EXPECT_TRUE(rf.is_leaf());
  EXPECT_TRUE(rf.ge(0).logical_and(rf.lt(1)).all().item<bool>());
  const at::Tensor& rc = TensorAt(r, 1);
  EXPECT_TRUE(at::imag(rc).lt(1).all().item<bool>());
  EXPECT_GT(at::imag(rc).abs().sum().item<double>(), 0)
      << "the imaginary part must be randomized too";
  EXPECT_TRUE(TensorAt(r, 2).equal(i));
  EXPECT_EQ(std::get<int64_t>(r[3]), 3);
  EXPECT_TRUE(
      TensorAt(CopyArgs(args, CopyKind::kRandomize, 11), 0).equal(rf.detach()))
      << "the same seed must give the same values";
}

TEST(CopyArgs, MetaCopiesKeepLayout) {
  at::Tensor t = at::randn({4, 6}).t().narrow(0, 1, 3);
  std::vector<ArgValue> meta =
      CopyArgs({t, std::vector<at::Tensor>{t}}, CopyKind::kMeta);
  const at::Tensor& m = TensorAt(meta, 0);
  EXPECT_TRUE(m.is_meta());
  EXPECT_EQ(m.sizes(), t.sizes());
  EXPECT_EQ(m.strides(), t.strides());
  EXPECT_EQ(m.storage_offset(), t.storage_offset());
  EXPECT_TRUE(std::get<std::vector<at::Tensor>>(meta[1])[0].is_meta());
}

}  // namespace
}  // namespace gtest_fx::internal
