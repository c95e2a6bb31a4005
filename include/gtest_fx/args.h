// gtest_fx::Args: one argument list for an op (a "sample").
//
// `.Sample(x, y)` on a registration and `gtest_fx::Args(x, y)` hold the same
// thing. Args is what a lazy sample factory returns and what `MakeFxCheck`
// takes. Accepted argument types: `at::Tensor` (any dtype, strided, any
// requires_grad), `gtest_fx::Size`, integers (stored as int64_t), floating
// point numbers (stored as double), `bool`, `at::Scalar`, `at::ScalarType`,
// `c10::optional<at::Tensor>` or `c10::nullopt`, `std::vector<at::Tensor>`,
// and `std::vector<int64_t>` (an int list that stays a constant of the trace).
//
// Example:
//   .SampleFn([] { return gtest_fx::Args(at::randn({512, 512}), 1.5); })
#ifndef GTEST_FX_ARGS_H_
#define GTEST_FX_ARGS_H_

#include <ATen/core/Tensor.h>
#include <c10/core/Scalar.h>
#include <c10/core/ScalarType.h>
#include <c10/util/Optional.h>
#include <gtest_fx/size.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace gtest_fx {

// One argument of a sample. The alternatives are the kinds of values an op can
// be called with; see ArgKindName for their names in messages.
using ArgValue =
    std::variant<at::Tensor, Size, int64_t, double, bool, c10::Scalar,
                 c10::ScalarType, c10::optional<at::Tensor>,
                 std::vector<at::Tensor>, std::vector<int64_t>>;

// Returns a short name of the kind of `value` ("Tensor", "Size", "int", ...).
std::string ArgKindName(const ArgValue& value);

namespace internal {

// Converts one sample argument to its stored form. Integers widen to int64_t
// and floating point numbers to double, so `.Sample(x, 2)` and
// `.Sample(x, 2.0)` mean what they say.
template <typename T>
ArgValue ToArgValue(T&& value) {
  using D = std::decay_t<T>;
  if constexpr (std::is_same_v<D, bool>) {
    return ArgValue(std::in_place_type<bool>, value);
  } else if constexpr (std::is_integral_v<D>) {
    return ArgValue(std::in_place_type<int64_t>, static_cast<int64_t>(value));
  } else if constexpr (std::is_floating_point_v<D>) {
    return ArgValue(std::in_place_type<double>, static_cast<double>(value));
  } else if constexpr (std::is_same_v<D, c10::nullopt_t>) {
    return ArgValue(std::in_place_type<c10::optional<at::Tensor>>);
  } else if constexpr (std::is_same_v<D, at::TensorList>) {
    return ArgValue(std::in_place_type<std::vector<at::Tensor>>, value.vec());
  } else if constexpr (std::is_same_v<D, ArgValue>) {
    return std::forward<T>(value);
  } else {
    static_assert(
        std::is_constructible_v<ArgValue, T&&>,
        "gtest_fx: unsupported sample argument type; use at::Tensor, "
        "gtest_fx::Size, an integer, a floating point number, bool, "
        "at::Scalar, at::ScalarType, c10::optional<at::Tensor>, c10::nullopt, "
        "std::vector<at::Tensor> or std::vector<int64_t>");
    return ArgValue(std::forward<T>(value));
  }
}

}  // namespace internal

class Args {
 public:
  Args() = default;

  // Builds an argument list from the op's arguments, in order.
  template <typename... Ts,
            typename = std::enable_if_t<
                !(sizeof...(Ts) == 1 &&
                  (std::is_same_v<std::decay_t<Ts>, Args> && ...))>>
  explicit Args(Ts&&... values) {
    values_.reserve(sizeof...(Ts));
    (values_.push_back(internal::ToArgValue(std::forward<Ts>(values))), ...);
  }

  const std::vector<ArgValue>& values() const { return values_; }
  std::vector<ArgValue>& mutable_values() { return values_; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<ArgValue> values_;
};

// Prints the argument list briefly (kinds, shapes and dtypes, not values).
void PrintTo(const Args& args, std::ostream* os);

}  // namespace gtest_fx

#endif  // GTEST_FX_ARGS_H_
