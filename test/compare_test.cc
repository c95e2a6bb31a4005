// The comparison of eager and replayed results, and the matchers built on it.
#include "compare.h"

#include <ATen/ATen.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>

#include <limits>

namespace gtest_fx::internal {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(CompareTensors, NaNsAtTheSamePositionsAndEqualInfinitiesMatch) {
  at::Tensor a = at::tensor({1.0, kNaN, kInf, -kInf});
  EXPECT_EQ(CompareTensors(a, a.clone()), std::nullopt);
  EXPECT_THAT(CompareTensors(a, at::tensor({1.0, 2.0, kInf, -kInf})),
              Optional(HasSubstr("1 of 4 elements mismatched")));
  EXPECT_THAT(CompareTensors(a, at::tensor({1.0, kNaN, -kInf, -kInf})),
              Optional(HasSubstr("at index (2)")));
}

TEST(CompareTensors, UsesTheDefaultToleranceOfTheDtype) {
  at::Tensor one = at::ones({1}, at::kFloat);
  EXPECT_EQ(CompareTensors(one, one + 5e-6), std::nullopt);
  EXPECT_NE(CompareTensors(one, one + 5e-5), std::nullopt);
  at::Tensor d = at::ones({1}, at::kDouble);
  EXPECT_EQ(CompareTensors(d, d + 1e-7), std::nullopt);
  EXPECT_NE(CompareTensors(d, d + 1e-6), std::nullopt);
  at::Tensor h = at::ones({1}, at::kHalf);
  EXPECT_EQ(CompareTensors(h, h + 1e-3), std::nullopt);
  at::Tensor bf = at::ones({1}, at::kBFloat16);
  EXPECT_EQ(CompareTensors(bf, bf * 1.0078125), std::nullopt);
  EXPECT_EQ(CompareTensors(one, one + 5e-5, Tolerance{0, 1e-4}), std::nullopt);
  EXPECT_EQ(DefaultTolerance(at::kComplexFloat).rtol, 1.3e-6);
  EXPECT_EQ(DefaultTolerance(at::kComplexDouble).atol, 1e-7);
}

TEST(CompareTensors, IntegersAndBoolAreExact) {
  at::Tensor i = at::arange(6, at::kLong).reshape({2, 3});
  at::Tensor j = i.clone();
  j[1][2] = 6;
  EXPECT_THAT(CompareTensors(i, j),
              Optional(AllOf(HasSubstr("1 of 6 elements mismatched"),
                             HasSubstr("exact comparison"),
                             HasSubstr("index (1, 2) (expected 5, got 6)"))));
  EXPECT_NE(CompareTensors(at::ones({2}, at::kBool), at::zeros({2}, at::kBool)),
            std::nullopt);
}

TEST(CompareTensors, ReportsGreatestDifferencesWithTheirIndex) {
  at::Tensor e = at::zeros({2, 2});
  at::Tensor a = e.clone();
  a[0][1] = 0.5;
  a[1][0] = 0.25;
  EXPECT_THAT(
      CompareTensors(e, a),
      Optional(AllOf(HasSubstr("2 of 4 elements mismatched"),
                     HasSubstr("rtol=1.3e-06, atol=1e-05"),
                     HasSubstr("greatest absolute difference 0.5 at index "
                               "(0, 1) (expected 0, got 0.5)"),
                     HasSubstr("greatest relative difference inf"))));
}

TEST(CompareTensors, ComplexValuesCompareBothParts) {
  at::Tensor c = at::complex(at::ones({2}), at::ones({2}));
  EXPECT_EQ(CompareTensors(c, c.clone()), std::nullopt);
  EXPECT_NE(CompareTensors(c, at::complex(at::ones({2}), at::zeros({2}))),
            std::nullopt);
}

TEST(CompareTensors, MetadataFirst) {
  EXPECT_THAT(CompareTensors(at::ones({2}), at::ones({2}, at::kDouble)),
              Optional(HasSubstr("dtype differs: expected float32, got "
                                 "float64")));
  EXPECT_THAT(CompareTensors(at::ones({2}), at::ones({3})),
              Optional(HasSubstr("shape differs: expected [2], got [3]")));
  EXPECT_THAT(CompareTensors(at::ones({2}), at::ones({2}, at::kMeta)),
              Optional(HasSubstr("device differs: expected cpu, got meta")));
}

TEST(CompareOutputs, NamesTheLeafThatDiffers) {
  Output e = ToOutput(std::make_tuple(
      at::ones({2}), std::vector<at::Tensor>{at::ones({1}), at::ones({3})},
      int64_t{3}, 0.5, true));
  Output same = e;
  EXPECT_EQ(CompareOutputs(e, same, std::nullopt), std::nullopt);
  Output a = e;
  a.elements[1].elements[1].tensor = at::zeros({3});
  EXPECT_THAT(CompareOutputs(e, a, std::nullopt),
              Optional(HasSubstr("output[1][1] ([3] float32): values differ")));
  a = e;
  a.elements[2].int_value = 4;
  EXPECT_THAT(CompareOutputs(e, a, std::nullopt),
              Optional(HasSubstr("output[2]: expected int 3, got 4")));
  a = e;
  a.elements.pop_back();
  EXPECT_THAT(CompareOutputs(e, a, std::nullopt),
              Optional(HasSubstr("expected tuple of 5 elements, got 4")));
  a = e;
  a.elements[0] = Output::OfDouble(1);
  EXPECT_THAT(CompareOutputs(e, a, std::nullopt),
              Optional(HasSubstr("output[0]: expected Tensor, got float")));
}

TEST(Matchers, AllCloseExplainsAMismatch) {
  at::Tensor x = at::ones({2, 3});
  EXPECT_THAT(x + 1e-6, AllClose(x));
  EXPECT_THAT(x + 1e-3, Not(AllClose(x)));
  EXPECT_THAT(x + 1e-3, AllClose(x, 0, 1e-2));
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(AllClose(x), x * 2, &listener));
  EXPECT_THAT(listener.str(),
              AllOf(HasSubstr("6 of 6 elements mismatched"),
                    HasSubstr("greatest absolute difference 1")));
  EXPECT_EQ(::testing::DescribeMatcher<at::Tensor>(AllClose(x)),
            "is close to a float32 tensor of shape [2, 3]");
}

TEST(Matchers, HasShape) {
  EXPECT_THAT(at::ones({3, 4}), HasShape({3, 4}));
  EXPECT_THAT(at::ones({3, 4}), Not(HasShape({4, 3})));
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(
      ::testing::ExplainMatchResult(HasShape({2}), at::ones({3}), &listener));
  EXPECT_EQ(listener.str(), "whose shape is [3]");
}

}  // namespace
}  // namespace gtest_fx::internal
