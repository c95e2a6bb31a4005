// gtest_fx::Args: one argument list for an op (a "sample").
//
// `.Sample(x, y)` on a registration and `gtest_fx::Args(x, y)` hold the same
// thing. Args is what a lazy sample factory returns and what `MakeFxCheck`
// takes. Accepted argument types: `at::Tensor` (any dtype, strided, any
// requires_grad), `gtest_fx::Size`, integers (stored as int64_t), floating
// point numbers (stored as double), `bool`, `at::Scalar`, `at::ScalarType`,
// `c10::optional<at::Tensor>` or `c10::nullopt`, `std::vector<at::Tensor>`,
// `std::vector<int64_t>` (an int list that stays a constant of the trace), and
// strings (a schema's `str`).
//
// For a dispatcher op, `.Kwarg(name, value)` sets an argument by its name in
// the schema; arguments given neither way take the schema's defaults.
// `.AlsoAt(...)` adds the same arguments at other shapes, on which the graph
// traced in symbolic mode is replayed too.
//
// Example:
//   .SampleFn([] { return gtest_fx::Args(at::randn({512, 512}), 1.5); })
//   .Sample(gtest_fx::Args(x, y).Kwarg("alpha", 2.0))
//   .Sample(gtest_fx::Args(at::randn({4, 3}))
//               .AlsoAt(gtest_fx::Args(at::randn({6, 5}))))
#ifndef GTEST_FX_ARGS_H_
#define GTEST_FX_ARGS_H_

#include <ATen/core/Tensor.h>
#include <c10/core/Scalar.h>
#include <c10/core/ScalarType.h>
#include <c10/util/Optional.h>
#include <gtest_fx/size.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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
                 std::vector<at::Tensor>, std::vector<int64_t>, std::string>;

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
  } else if constexpr (std::is_convertible_v<D, std::string_view>) {
    // Before the variant sees it: a `const char*` would convert to bool.
    return ArgValue(std::in_place_type<std::string>, std::string_view(value));
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
        "std::vector<at::Tensor>, std::vector<int64_t> or a string");
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

  // Sets the argument called `name` in the op's schema to `value`. Only a
  // dispatcher op has argument names; a keyword argument given to a callable
  // op is a registration error.
  template <typename T>
  Args& Kwarg(std::string name, T&& value) & {
    kwargs_.emplace_back(std::move(name),
                         internal::ToArgValue(std::forward<T>(value)));
    return *this;
  }
  template <typename T>
  Args&& Kwarg(std::string name, T&& value) && {
    return std::move(Kwarg(std::move(name), std::forward<T>(value)));
  }

  // Adds `other`: the same arguments (same kinds, same number of tensors) at
  // other shapes. In symbolic mode the graph traced on this sample is also
  // replayed on `other` and compared with eager there, which catches sizes
  // baked into the trace. Other modes ignore it.
  Args& AlsoAt(Args other) & {
    also_at_ = std::make_shared<const Args>(std::move(other));
    return *this;
  }
  Args&& AlsoAt(Args other) && { return std::move(AlsoAt(std::move(other))); }

  const std::vector<ArgValue>& values() const { return values_; }
  std::vector<ArgValue>& mutable_values() { return values_; }
  size_t size() const { return values_.size(); }
  const std::vector<std::pair<std::string, ArgValue>>& kwargs() const {
    return kwargs_;
  }
  std::vector<std::pair<std::string, ArgValue>>& mutable_kwargs() {
    return kwargs_;
  }
  // Returns the arguments given to AlsoAt, or nullptr.
  const Args* also_at() const { return also_at_.get(); }

 private:
  std::vector<ArgValue> values_;
  std::vector<std::pair<std::string, ArgValue>> kwargs_;
  std::shared_ptr<const Args> also_at_;
};

// Prints the argument list briefly (kinds, shapes and dtypes, not values).
void PrintTo(const Args& args, std::ostream* os);

}  // namespace gtest_fx

#endif  // GTEST_FX_ARGS_H_
