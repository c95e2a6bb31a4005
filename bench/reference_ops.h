// The representative ops of gtest_fx's benchmarks and their samples, shared by
// the per-case benchmark (case_bench.cc) and the whole-matrix binary
// (reference_ops.cc). bench/python_reference.py defines the same ops and
// samples in Python, so that the two sides time the same work.
//
// Each op has a small and a moderate sample; their shapes are listed in
// bench/README.md. The values are drawn from a generator seeded per sample,
// so every process times the same data.
//
// Example:
//   gtest_fx::Args args = gtest_fx_bench::Conv2dSample(gtest_fx_bench::kSmall);
//   gtest_fx::MakeFxCheck(&gtest_fx_bench::Conv2d, args, mode, data);
#ifndef GTEST_FX_BENCH_REFERENCE_OPS_H_
#define GTEST_FX_BENCH_REFERENCE_OPS_H_

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest_fx/args.h>
#include <gtest_fx/size.h>

#include <cstdint>
#include <vector>

namespace gtest_fx_bench {

enum SampleSize { kSmall, kModerate };

inline const char* SampleSizeName(SampleSize size) {
  return size == kSmall ? "small" : "moderate";
}

// Returns n for the small sample and m for the moderate one.
inline int64_t Pick(SampleSize size, int64_t n, int64_t m) {
  return size == kSmall ? n : m;
}

// Returns a standard-normal float32 tensor of `shape`, from a generator
// seeded with `seed`.
inline at::Tensor Randn(at::IntArrayRef shape, uint64_t seed) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  return at::randn(shape, generator);
}

// x.add(y).mul(2).sigmoid(): three elementwise kernels.
inline at::Tensor ElementwiseChain(const at::Tensor& x, const at::Tensor& y) {
  return x.add(y).mul(2).sigmoid();
}
inline gtest_fx::Args ElementwiseChainSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 1), Randn({n, n}, 2));
}

// A reduction over one dim.
inline at::Tensor SumDim(const at::Tensor& x) { return x.sum(1); }
inline gtest_fx::Args SumDimSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 3));
}

// The (unbiased) variance over one dim; no Meta kernel in LibTorch C++.
inline at::Tensor VarDim(const at::Tensor& x) { return x.var(1); }
inline gtest_fx::Args VarDimSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 4));
}

// A reshape to a gtest_fx::Size: dynamic in symbolic mode.
inline at::Tensor ReshapeToSize(const at::Tensor& x, at::IntArrayRef shape) {
  return x.reshape(shape);
}
inline gtest_fx::Args ReshapeToSizeSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n * n}, 5), gtest_fx::Size{n, n});
}

inline at::Tensor Matmul(const at::Tensor& a, const at::Tensor& b) {
  return a.matmul(b);
}
inline gtest_fx::Args MatmulSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 6), Randn({n, n}, 7));
}

// A 3x3 convolution with bias; no Meta kernel in LibTorch C++.
inline at::Tensor Conv2d(const at::Tensor& x, const at::Tensor& weight,
                         const at::Tensor& bias) {
  return at::conv2d(x, weight, bias);
}
inline gtest_fx::Args Conv2dSample(SampleSize size) {
  const int64_t batch = Pick(size, 1, 4);
  const int64_t in = Pick(size, 3, 16);
  const int64_t out = Pick(size, 8, 32);
  const int64_t hw = Pick(size, 16, 32);
  return gtest_fx::Args(Randn({batch, in, hw, hw}, 8),
                        Randn({out, in, 3, 3}, 9), Randn({out}, 10));
}

// layer_norm over the last dim, whose size is a constant int list of the
// sample. On meta tensors it reaches ops without a Meta kernel in LibTorch
// C++.
inline at::Tensor LayerNorm(const at::Tensor& x,
                            at::IntArrayRef normalized_shape,
                            const at::Tensor& weight, const at::Tensor& bias) {
  return at::layer_norm(x, normalized_shape, weight, bias);
}
inline gtest_fx::Args LayerNormSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 11), std::vector<int64_t>{n},
                        Randn({n}, 12), Randn({n}, 13));
}

// Dropout in training mode: random, made deterministic by gtest_fx's seeded
// calls.
inline at::Tensor Dropout(const at::Tensor& x) {
  return at::dropout(x, 0.5, /*train=*/true);
}
inline gtest_fx::Args DropoutSample(SampleSize size) {
  const int64_t n = Pick(size, 16, 256);
  return gtest_fx::Args(Randn({n, n}, 14));
}

}  // namespace gtest_fx_bench

#endif  // GTEST_FX_BENCH_REFERENCE_OPS_H_
