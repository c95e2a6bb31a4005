// Adapts a C++ callable of tensors to the type-erased Invoker of an OpSpec:
// deduces its parameter types, converts each stored sample argument to the
// parameter's type, and converts the result into an Output tree.
#ifndef GTEST_FX_INTERNAL_CALLABLE_H_
#define GTEST_FX_INTERNAL_CALLABLE_H_

#include <c10/util/string_view.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace gtest_fx::internal {

template <typename T, typename = void>
struct HasFixedSignature : std::false_type {};
template <typename T>
struct HasFixedSignature<T, std::void_t<decltype(&T::operator())>>
    : std::true_type {};
template <typename R, typename... A>
struct HasFixedSignature<R (*)(A...), void> : std::true_type {};

template <typename T>
struct FunctionTraits : FunctionTraits<decltype(&T::operator())> {};
template <typename R, typename... A>
struct FunctionTraits<R (*)(A...)> {
  using Result = R;
  using Params = std::tuple<A...>;
};
template <typename R, typename... A>
struct FunctionTraits<R(A...)> : FunctionTraits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct FunctionTraits<R (C::*)(A...) const> : FunctionTraits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct FunctionTraits<R (C::*)(A...)> : FunctionTraits<R (*)(A...)> {};

template <typename T>
using Bare = std::remove_cv_t<std::remove_reference_t<T>>;

template <typename T>
struct IsString : std::bool_constant<std::is_same_v<T, std::string> ||
                                     std::is_same_v<T, std::string_view> ||
                                     std::is_same_v<T, c10::string_view>> {};

// Returns the name of a parameter type as a user wrote it, for messages.
template <typename P>
const char* ParamTypeName() {
  using D = Bare<P>;
  if constexpr (std::is_same_v<D, at::Tensor>) return "at::Tensor";
  if constexpr (std::is_same_v<D, c10::IntArrayRef>) return "at::IntArrayRef";
  if constexpr (std::is_same_v<D, std::vector<int64_t>>)
    return "std::vector<int64_t>";
  if constexpr (std::is_same_v<D, bool>) return "bool";
  if constexpr (std::is_integral_v<D>) return "an integer";
  if constexpr (std::is_floating_point_v<D>) return "a floating point number";
  if constexpr (std::is_same_v<D, c10::Scalar>) return "at::Scalar";
  if constexpr (std::is_same_v<D, c10::ScalarType>) return "at::ScalarType";
  if constexpr (std::is_same_v<D, c10::optional<at::Tensor>>)
    return "c10::optional<at::Tensor>";
  if constexpr (std::is_same_v<D, at::TensorList>) return "at::TensorList";
  if constexpr (std::is_same_v<D, std::vector<at::Tensor>>)
    return "std::vector<at::Tensor>";
  if constexpr (std::is_same_v<D, gtest_fx::Size>) return "gtest_fx::Size";
  if constexpr (IsString<D>::value) return "a string";
  return "an unsupported type";
}

// Returns whether a stored argument can be passed as a parameter of type P.
template <typename P>
bool Accepts(const ArgValue& v) {
  using D = Bare<P>;
  if constexpr (std::is_same_v<D, at::Tensor>) {
    if (auto* o = std::get_if<c10::optional<at::Tensor>>(&v)) {
      return o->has_value();
    }
    return std::holds_alternative<at::Tensor>(v);
  } else if constexpr (std::is_same_v<D, c10::IntArrayRef> ||
                       std::is_same_v<D, std::vector<int64_t>>) {
    return std::holds_alternative<Size>(v) ||
           std::holds_alternative<std::vector<int64_t>>(v);
  } else if constexpr (std::is_same_v<D, gtest_fx::Size>) {
    return std::holds_alternative<Size>(v);
  } else if constexpr (std::is_same_v<D, bool>) {
    return std::holds_alternative<bool>(v);
  } else if constexpr (std::is_integral_v<D>) {
    return std::holds_alternative<int64_t>(v);
  } else if constexpr (std::is_floating_point_v<D>) {
    return std::holds_alternative<double>(v) ||
           std::holds_alternative<int64_t>(v);
  } else if constexpr (std::is_same_v<D, c10::Scalar>) {
    return std::holds_alternative<c10::Scalar>(v) ||
           std::holds_alternative<double>(v) ||
           std::holds_alternative<int64_t>(v) ||
           std::holds_alternative<bool>(v);
  } else if constexpr (std::is_same_v<D, c10::ScalarType>) {
    return std::holds_alternative<c10::ScalarType>(v);
  } else if constexpr (IsString<D>::value) {
    return std::holds_alternative<std::string>(v);
  } else if constexpr (std::is_same_v<D, c10::optional<at::Tensor>>) {
    return std::holds_alternative<c10::optional<at::Tensor>>(v) ||
           std::holds_alternative<at::Tensor>(v);
  } else if constexpr (std::is_same_v<D, at::TensorList> ||
                       std::is_same_v<D, std::vector<at::Tensor>>) {
    return std::holds_alternative<std::vector<at::Tensor>>(v);
  } else if constexpr (IsOptional<D>::value) {
    if (auto* o = std::get_if<c10::optional<at::Tensor>>(&v)) {
      return !o->has_value();
    }
    return Accepts<typename D::value_type>(v);
  } else {
    static_assert(sizeof(D) == 0,
                  "gtest_fx: unsupported parameter type; see "
                  "<gtest_fx/args.h> for the types an op may take");
    return false;
  }
}

// Converts a stored argument to a parameter of type P.
// REQUIRES: Accepts<P>(v).
template <typename P>
decltype(auto) ArgAs(ArgValue& v) {
  using D = Bare<P>;
  if constexpr (std::is_same_v<D, at::Tensor>) {
    if (auto* o = std::get_if<c10::optional<at::Tensor>>(&v)) return **o;
    return std::get<at::Tensor>(v);
  } else if constexpr (std::is_same_v<D, c10::IntArrayRef>) {
    if (auto* s = std::get_if<Size>(&v)) return c10::IntArrayRef(s->dims());
    return c10::IntArrayRef(std::get<std::vector<int64_t>>(v));
  } else if constexpr (std::is_same_v<D, std::vector<int64_t>>) {
    if (auto* s = std::get_if<Size>(&v)) return std::vector<int64_t>(s->dims());
    return std::vector<int64_t>(std::get<std::vector<int64_t>>(v));
  } else if constexpr (std::is_same_v<D, gtest_fx::Size>) {
    return Size(std::get<Size>(v));
  } else if constexpr (std::is_same_v<D, bool>) {
    return std::get<bool>(v);
  } else if constexpr (std::is_integral_v<D>) {
    return static_cast<D>(std::get<int64_t>(v));
  } else if constexpr (std::is_floating_point_v<D>) {
    if (auto* i = std::get_if<int64_t>(&v)) return static_cast<D>(*i);
    return static_cast<D>(std::get<double>(v));
  } else if constexpr (std::is_same_v<D, c10::Scalar>) {
    return std::visit(
        [](auto& x) -> c10::Scalar {
          using X = Bare<decltype(x)>;
          if constexpr (std::is_same_v<X, c10::Scalar> ||
                        std::is_same_v<X, double> ||
                        std::is_same_v<X, int64_t> || std::is_same_v<X, bool>)
            return c10::Scalar(x);
          return c10::Scalar();
        },
        v);
  } else if constexpr (std::is_same_v<D, c10::ScalarType>) {
    return std::get<c10::ScalarType>(v);
  } else if constexpr (IsString<D>::value) {
    const std::string& s = std::get<std::string>(v);
    return D(s.data(), s.size());
  } else if constexpr (std::is_same_v<D, c10::optional<at::Tensor>>) {
    if (auto* t = std::get_if<at::Tensor>(&v))
      return c10::optional<at::Tensor>(*t);
    return c10::optional<at::Tensor>(std::get<c10::optional<at::Tensor>>(v));
  } else if constexpr (std::is_same_v<D, at::TensorList>) {
    return at::TensorList(std::get<std::vector<at::Tensor>>(v));
  } else if constexpr (std::is_same_v<D, std::vector<at::Tensor>>) {
    return std::vector<at::Tensor>(std::get<std::vector<at::Tensor>>(v));
  } else if constexpr (IsOptional<D>::value) {
    if (std::holds_alternative<c10::optional<at::Tensor>>(v)) return D();
    return D(ArgAs<typename D::value_type>(v));
  }
}

// Returns "" if `args` fit the parameters `Params` (a std::tuple), else why
// not.
template <typename Params, size_t... I>
std::string CheckArgs(const std::vector<ArgValue>& args,
                      std::index_sequence<I...>) {
  constexpr size_t kArity = sizeof...(I);
  if (args.size() != kArity) {
    return "the sample has " + std::to_string(args.size()) +
           " argument(s) but the callable takes " + std::to_string(kArity);
  }
  std::string error;
  ((error.empty() && !Accepts<std::tuple_element_t<I, Params>>(args[I])
        ? (error = "argument " + std::to_string(I) + " is " +
                   ArgKindName(args[I]) + " but the callable takes " +
                   ParamTypeName<std::tuple_element_t<I, Params>>())
        : error),
   ...);
  return error;
}

template <typename F, typename Params, size_t... I>
Output Invoke(const F& f, std::vector<ArgValue>& args,
              std::index_sequence<I...>) {
  using R = decltype(f(ArgAs<std::tuple_element_t<I, Params>>(args[I])...));
  if constexpr (std::is_void_v<R>) {
    f(ArgAs<std::tuple_element_t<I, Params>>(args[I])...);
    return Output::None();
  } else {
    return ToOutput(f(ArgAs<std::tuple_element_t<I, Params>>(args[I])...));
  }
}

// Fills `spec.invoke` and `spec.check_args` for the callable `f`.
template <typename F>
void SetCallable(OpSpec& spec, F f) {
  static_assert(HasFixedSignature<F>::value,
                "gtest_fx: the op must have a fixed signature (a function or "
                "a lambda without `auto` parameters)");
  using Params = typename FunctionTraits<F>::Params;
  using Indices = std::make_index_sequence<std::tuple_size_v<Params>>;
  spec.may_return_tensor =
      HoldsTensor<std::decay_t<typename FunctionTraits<F>::Result>>::value;
  spec.check_args = [](const std::vector<ArgValue>& args) {
    return CheckArgs<Params>(args, Indices{});
  };
  spec.invoke = [f = std::move(f)](std::vector<ArgValue>& args) {
    std::string error = CheckArgs<Params>(args, Indices{});
    if (!error.empty()) throw std::invalid_argument(error);
    return Invoke<F, Params>(f, args, Indices{});
  };
}

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_INTERNAL_CALLABLE_H_
