// Value makers shared by the aten suite's sample files: tensors with the
// values that samples need (ranges, patterns, valid indices), built the same
// way in every family.
//
// Example:
//   .Sample(Probs({4, 3}), Indices({0, 2, 1, 1}))
#ifndef GTEST_FX_ATEN_SAMPLE_VALUES_H_
#define GTEST_FX_ATEN_SAMPLE_VALUES_H_

#include <ATen/ATen.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace gtest_fx::aten {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Returns values uniform in (lo, hi) of the given shape and dtype.
inline at::Tensor Uniform(at::IntArrayRef shape, double lo, double hi,
                          at::ScalarType dtype = at::kFloat) {
  return (at::rand(shape, at::dtype(at::kDouble)) * (hi - lo) + lo).to(dtype);
}

// Returns values in (0, 1) away from the ends: probabilities.
inline at::Tensor Probs(at::IntArrayRef shape,
                        at::ScalarType dtype = at::kFloat) {
  return at::rand(shape, at::TensorOptions().dtype(dtype)).clamp(0.05, 0.95);
}

// Returns an int64 tensor with the distinct values 0 .. numel - 1.
inline at::Tensor Iota(at::IntArrayRef shape) {
  return at::arange(c10::multiply_integers(shape), at::kLong).reshape(shape);
}

// Returns a bool tensor holding both values: true at every `period`-th
// element. (Derived from integers, so that every LibTorch builds it the same.)
inline at::Tensor Bools(at::IntArrayRef shape, int64_t period = 3) {
  return Iota(shape).remainder(period).eq(0);
}

// Returns an int64 tensor of indices (or class labels). Integer tensors are
// never randomized, so indices that are in range stay in range.
inline at::Tensor Indices(std::vector<int64_t> values) {
  return at::tensor(values, at::kLong);
}

}  // namespace gtest_fx::aten

#endif  // GTEST_FX_ATEN_SAMPLE_VALUES_H_
