#include <absl/strings/str_join.h>
#include <gtest_fx/matchers.h>

#include "compare.h"

namespace gtest_fx {
namespace {

std::optional<internal::Tolerance> ToleranceOf(std::optional<double> rtol,
                                               std::optional<double> atol,
                                               const at::Tensor& expected) {
  if (!rtol && !atol) return std::nullopt;
  internal::Tolerance defaults =
      internal::DefaultTolerance(expected.scalar_type());
  return internal::Tolerance{rtol.value_or(defaults.rtol),
                             atol.value_or(defaults.atol)};
}

}  // namespace

bool AllCloseMatcher::MatchAndExplain(const at::Tensor& actual,
                                      std::ostream* os) const {
  auto diff = internal::CompareTensors(expected_, actual,
                                       ToleranceOf(rtol_, atol_, expected_));
  if (diff && os != nullptr) *os << *diff;
  return !diff.has_value();
}

void AllCloseMatcher::DescribeTo(std::ostream* os) const {
  *os << "is close to a " << internal::DtypeName(expected_.scalar_type())
      << " tensor of shape [" << absl::StrJoin(expected_.sizes(), ", ") << "]";
}

void AllCloseMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "is not close to a " << internal::DtypeName(expected_.scalar_type())
      << " tensor of shape [" << absl::StrJoin(expected_.sizes(), ", ") << "]";
}

bool HasShapeMatcher::MatchAndExplain(const at::Tensor& actual,
                                      std::ostream* os) const {
  if (!actual.defined()) {
    if (os != nullptr) *os << "the tensor is undefined";
    return false;
  }
  const bool match = actual.sizes() == c10::IntArrayRef(shape_);
  if (!match && os != nullptr) {
    *os << "whose shape is [" << absl::StrJoin(actual.sizes(), ", ") << "]";
  }
  return match;
}

void HasShapeMatcher::DescribeTo(std::ostream* os) const {
  *os << "has shape [" << absl::StrJoin(shape_, ", ") << "]";
}

void HasShapeMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "does not have shape [" << absl::StrJoin(shape_, ", ") << "]";
}

}  // namespace gtest_fx
