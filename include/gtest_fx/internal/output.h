// What an op returned, as a tree the checker can walk: tensors, numbers,
// booleans, None, and tuples or lists of these. Users never build one; the
// registration macros convert a callable's return value into it.
#ifndef GTEST_FX_INTERNAL_OUTPUT_H_
#define GTEST_FX_INTERNAL_OUTPUT_H_

#include <ATen/core/Tensor.h>
#include <c10/core/Scalar.h>
#include <c10/util/Optional.h>

#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace gtest_fx::internal {

struct Output {
  enum class Kind { kNone, kTensor, kInt, kDouble, kBool, kTuple, kList };

  Kind kind = Kind::kNone;
  at::Tensor tensor;
  int64_t int_value = 0;
  double double_value = 0;
  bool bool_value = false;
  std::vector<Output> elements;  // kTuple and kList

  static Output None() { return Output(); }
  static Output OfTensor(at::Tensor t) {
    Output o;
    o.kind = Kind::kTensor;
    o.tensor = std::move(t);
    return o;
  }
  static Output OfInt(int64_t v) {
    Output o;
    o.kind = Kind::kInt;
    o.int_value = v;
    return o;
  }
  static Output OfDouble(double v) {
    Output o;
    o.kind = Kind::kDouble;
    o.double_value = v;
    return o;
  }
  static Output OfBool(bool v) {
    Output o;
    o.kind = Kind::kBool;
    o.bool_value = v;
    return o;
  }
  static Output Sequence(Kind kind, std::vector<Output> elements) {
    Output o;
    o.kind = kind;
    o.elements = std::move(elements);
    return o;
  }
};

template <typename T>
struct IsTuple : std::false_type {};
template <typename... Ts>
struct IsTuple<std::tuple<Ts...>> : std::true_type {};
template <typename A, typename B>
struct IsTuple<std::pair<A, B>> : std::true_type {};

template <typename T>
struct IsVector : std::false_type {};
template <typename T, typename A>
struct IsVector<std::vector<T, A>> : std::true_type {};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<c10::optional<T>> : std::true_type {};

// Whether a value of type T can hold a tensor: decides, at compile time,
// whether a callable op can have gradients.
template <typename T>
struct HoldsTensor : std::is_base_of<at::TensorBase, T> {};
template <typename... Ts>
struct HoldsTensor<std::tuple<Ts...>>
    : std::disjunction<HoldsTensor<std::decay_t<Ts>>...> {};
template <typename A, typename B>
struct HoldsTensor<std::pair<A, B>>
    : std::disjunction<HoldsTensor<std::decay_t<A>>,
                       HoldsTensor<std::decay_t<B>>> {};
template <typename T, typename A>
struct HoldsTensor<std::vector<T, A>> : HoldsTensor<T> {};
template <typename T>
struct HoldsTensor<c10::optional<T>> : HoldsTensor<T> {};
template <>
struct HoldsTensor<at::TensorList> : std::true_type {};

// Converts a callable's return value into an Output tree.
template <typename T>
Output ToOutput(T&& value) {
  using D = std::decay_t<T>;
  if constexpr (std::is_base_of_v<at::TensorBase, D>) {
    return Output::OfTensor(at::Tensor(value));
  } else if constexpr (std::is_same_v<D, bool>) {
    return Output::OfBool(value);
  } else if constexpr (std::is_integral_v<D>) {
    return Output::OfInt(static_cast<int64_t>(value));
  } else if constexpr (std::is_floating_point_v<D>) {
    return Output::OfDouble(static_cast<double>(value));
  } else if constexpr (std::is_same_v<D, c10::Scalar>) {
    if (value.isBoolean()) return Output::OfBool(value.toBool());
    if (value.isIntegral(false)) return Output::OfInt(value.toLong());
    return Output::OfDouble(value.toDouble());
  } else if constexpr (IsTuple<D>::value) {
    std::vector<Output> elements;
    std::apply([&](auto&&... e) { (elements.push_back(ToOutput(e)), ...); },
               value);
    return Output::Sequence(Output::Kind::kTuple, std::move(elements));
  } else if constexpr (IsVector<D>::value ||
                       std::is_same_v<D, at::TensorList>) {
    std::vector<Output> elements;
    elements.reserve(value.size());
    for (const auto& e : value) elements.push_back(ToOutput(e));
    return Output::Sequence(Output::Kind::kList, std::move(elements));
  } else if constexpr (IsOptional<D>::value) {
    return value.has_value() ? ToOutput(*value) : Output::None();
  } else {
    static_assert(sizeof(D) == 0,
                  "gtest_fx: the op returns a type gtest_fx cannot compare; "
                  "return at::Tensor, a number, bool, or a std::tuple, "
                  "std::pair or std::vector of these");
    return Output::None();
  }
}

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_INTERNAL_OUTPUT_H_
