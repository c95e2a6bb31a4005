// Fresh copies of a sample's arguments, so that every call of an op gets its
// own inputs and a registered sample never changes.
//
// Tensors that share a storage in the sample share one copied storage, with
// the same sizes, strides and storage offsets: views of one another stay
// views, and expanded (overlapping) inputs stay overlapping.
#ifndef GTEST_FX_SRC_SAMPLE_COPY_H_
#define GTEST_FX_SRC_SAMPLE_COPY_H_

#include <gtest_fx/args.h>

#include <cstdint>
#include <vector>

namespace gtest_fx::internal {

enum class CopyKind {
  // Same values on the same device.
  kClone,
  // `meta` tensors of the same sizes, strides, dtype and requires_grad.
  kMeta,
  // Same layout; every floating-point and complex storage refilled with
  // uniform [0, 1) values (real and imaginary parts for complex) drawn from a
  // private generator seeded with `seed`. Integer and bool tensors keep
  // their values.
  kRandomize,
};

// Returns copies of `args`. Non-tensor arguments are copied as they are.
std::vector<ArgValue> CopyArgs(const std::vector<ArgValue>& args, CopyKind kind,
                               uint64_t seed = 0);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_SAMPLE_COPY_H_
