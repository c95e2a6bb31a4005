// GoogleMock matchers for tensors, with the comparison the checker itself
// uses: torch.testing.assert_close's default tolerances per dtype, NaNs at the
// same positions equal, and an explanation that names the mismatch.
//
// Example:
//   EXPECT_THAT(at::add(x, y), gtest_fx::AllClose(expected));
//   EXPECT_THAT(at::add(x, y), gtest_fx::AllClose(expected, 1e-4, 1e-6));
//   EXPECT_THAT(x.reshape({3, 4}), gtest_fx::HasShape({3, 4}));
//
// A mismatch explains itself, e.g. "values differ: 2 of 12 elements outside
// rtol=1.3e-06, atol=1e-05; greatest absolute difference 0.5 at index (1, 2)
// ...".
#ifndef GTEST_FX_MATCHERS_H_
#define GTEST_FX_MATCHERS_H_

#include <ATen/core/Formatting.h>
#include <ATen/core/Tensor.h>
#include <gmock/gmock.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <vector>

namespace gtest_fx {

class AllCloseMatcher {
 public:
  using is_gtest_matcher = void;

  AllCloseMatcher(at::Tensor expected, std::optional<double> rtol,
                  std::optional<double> atol)
      : expected_(std::move(expected)), rtol_(rtol), atol_(atol) {}

  bool MatchAndExplain(const at::Tensor& actual, std::ostream* os) const;
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  at::Tensor expected_;
  std::optional<double> rtol_;
  std::optional<double> atol_;
};

class HasShapeMatcher {
 public:
  using is_gtest_matcher = void;

  explicit HasShapeMatcher(std::vector<int64_t> shape)
      : shape_(std::move(shape)) {}

  bool MatchAndExplain(const at::Tensor& actual, std::ostream* os) const;
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  std::vector<int64_t> shape_;
};

// Matches a tensor with the same dtype, device and shape as `expected` and
// values within the default tolerances for its dtype (float16 rtol 1e-3 /
// atol 1e-5, bfloat16 1.6e-2 / 1e-5, float32 and complex64 1.3e-6 / 1e-5,
// float64 and complex128 1e-7 / 1e-7, integers and bool exact).
inline AllCloseMatcher AllClose(at::Tensor expected) {
  return AllCloseMatcher(std::move(expected), std::nullopt, std::nullopt);
}

// Same, with the given tolerances: |actual - expected| <= atol + rtol *
// |expected|.
inline AllCloseMatcher AllClose(at::Tensor expected, double rtol, double atol) {
  return AllCloseMatcher(std::move(expected), rtol, atol);
}

// Matches a tensor whose sizes are `shape`.
inline HasShapeMatcher HasShape(std::vector<int64_t> shape) {
  return HasShapeMatcher(std::move(shape));
}
inline HasShapeMatcher HasShape(std::initializer_list<int64_t> shape) {
  return HasShapeMatcher(std::vector<int64_t>(shape));
}

}  // namespace gtest_fx

#endif  // GTEST_FX_MATCHERS_H_
