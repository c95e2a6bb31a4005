// Registering an op: one macro, then a chain of samples and expectations.
//
// Each registered op becomes six GoogleTest cases,
// `MakeFx/OpTest.Trace/<op>_<mode>_<data>`, created after main() starts.
//
// Example:
//   // A function of tensors, traced through to the aten ops it calls.
//   GTEST_FX_REGISTER_OP(scaled_add,
//       [](const at::Tensor& x, const at::Tensor& y) {
//         return x.add(y).mul(2);
//       })
//       .Sample(at::randn({3, 4}), at::randn({3, 4}))
//       .Sample(at::randn({2, 1}), at::randn({4}));
//
//   // Any operator the dispatcher knows, by "namespace::name[.overload]".
//   GTEST_FX_REGISTER_DISPATCHER_OP(my_mul, "myops::mymul")
//       .Sample(at::randn({3, 4}), 2.0)
//       .ExpectFailure(gtest_fx::TracingMode::kFake, "no Meta kernel yet");
//
// NOTE: registrations in a static library are dropped by the linker unless
// something references their object file; link such a library with
// `gtest_fx_link_ops(<test> <library>)` or make it an OBJECT library (see
// docs/usage.md).
#ifndef GTEST_FX_REGISTER_H_
#define GTEST_FX_REGISTER_H_

#include <gtest_fx/args.h>
#include <gtest_fx/internal/callable.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/tracing_mode.h>

#include <string>
#include <type_traits>
#include <utility>

// Registers the callable `...` (a function or a lambda with a fixed signature)
// under `name`, which must be a C++ identifier unique in the test binary.
// Continue with `.Sample(...)` (at least once) and optional expectations.
#define GTEST_FX_REGISTER_OP(name, ...) \
  GTEST_FX_INTERNAL_REGISTER_OP(name, __VA_ARGS__)

// Registers the dispatcher operator `schema_name` ("namespace::name" or
// "namespace::name.overload") under `name`. The operator is looked up after
// main() starts, so it may be defined with TORCH_LIBRARY in any file.
#define GTEST_FX_REGISTER_DISPATCHER_OP(name, schema_name) \
  GTEST_FX_INTERNAL_REGISTER_DISPATCHER_OP(name, schema_name)

namespace gtest_fx {
namespace internal {

// Records the registration calls; assigning the finished chain to a
// RegistrationToken stores it in the registry.
template <typename F>
class OpBuilder {
 public:
  explicit OpBuilder(OpSpec spec) : spec_(std::move(spec)) {}

  // Adds a sample: one argument list for the op. For a callable op, a sample
  // that the callable cannot take is a compile error.
  template <typename... Ts>
  OpBuilder&& Sample(Ts&&... args) && {
    if constexpr (!std::is_void_v<F>) {
      static_assert(std::is_invocable_v<const F&, std::decay_t<Ts>&...>,
                    "gtest_fx: this sample's arguments do not fit the op's "
                    "parameters");
    }
    spec_.samples.push_back({Args(std::forward<Ts>(args)...), nullptr});
    return std::move(*this);
  }

  // Adds a sample built by `factory` (returning gtest_fx::Args) only when a
  // case of this op first runs. Use it for large or costly samples.
  template <typename Factory>
  OpBuilder&& SampleFn(Factory factory) && {
    static_assert(std::is_convertible_v<std::invoke_result_t<Factory&>, Args>,
                  "gtest_fx: a SampleFn factory must return gtest_fx::Args");
    spec_.samples.push_back({std::nullopt, std::move(factory)});
    return std::move(*this);
  }

  // Declares that the cases of `mode` (both data variants) must fail, because
  // of `reason`. A case that passes then fails as an unexpected pass.
  OpBuilder&& ExpectFailure(TracingMode mode, std::string reason) && {
    return Expect(Expectation::Kind::kExpectFailure, mode, std::nullopt,
                  std::move(reason));
  }
  OpBuilder&& ExpectFailure(TracingMode mode, Data data,
                            std::string reason) && {
    return Expect(Expectation::Kind::kExpectFailure, mode, data,
                  std::move(reason));
  }

  // Declares that the cases of `mode` (and `data`) are skipped, because of
  // `reason`.
  OpBuilder&& Skip(TracingMode mode, std::string reason) && {
    return Expect(Expectation::Kind::kSkip, mode, std::nullopt,
                  std::move(reason));
  }
  OpBuilder&& Skip(TracingMode mode, Data data, std::string reason) && {
    return Expect(Expectation::Kind::kSkip, mode, data, std::move(reason));
  }

  // Overrides the per-dtype default tolerances of the comparison: values
  // match when |actual - expected| <= atol + rtol * |expected|.
  OpBuilder&& Tolerance(double rtol, double atol) && {
    spec_.tolerance = internal::Tolerance{rtol, atol};
    return std::move(*this);
  }

  // Declares that the op gives different results on two calls with the same
  // inputs and seed (e.g. a kernel with unordered parallel accumulation),
  // because of `reason`. Its cases are then skipped with the reason, instead
  // of failing as a non-deterministic operator.
  OpBuilder&& Nondeterministic(std::string reason) && {
    if (reason.empty()) {
      spec_.errors.push_back("Nondeterministic has an empty reason; say why");
    }
    spec_.nondeterministic_reason = std::move(reason);
    return std::move(*this);
  }

  OpSpec TakeSpec() && { return std::move(spec_); }

 private:
  OpBuilder&& Expect(Expectation::Kind kind, TracingMode mode,
                     std::optional<Data> data, std::string reason) {
    if (reason.empty()) {
      spec_.errors.push_back(
          "an ExpectFailure or Skip has an empty reason; say why");
    }
    spec_.expectations.push_back({kind, mode, data, std::move(reason)});
    return std::move(*this);
  }

  OpSpec spec_;
};

// Stores an OpSpec in the process-wide registry. Called during static
// initialization; nothing reaches GoogleTest until main() starts.
void RegisterOpSpec(OpSpec spec);

class RegistrationToken {
 public:
  template <typename F>
  RegistrationToken(OpBuilder<F>&& builder) {  // NOLINT: assigned from chain
    RegisterOpSpec(std::move(builder).TakeSpec());
  }
};

template <typename F>
OpBuilder<std::decay_t<F>> MakeOpBuilder(const char* name, const char* file,
                                         int line, F&& callable) {
  OpSpec spec;
  spec.name = name;
  spec.file = file;
  spec.line = line;
  SetCallable(spec, std::decay_t<F>(std::forward<F>(callable)));
  return OpBuilder<std::decay_t<F>>(std::move(spec));
}

inline OpBuilder<void> MakeDispatcherOpBuilder(const char* name,
                                               const char* file, int line,
                                               const char* schema_name) {
  OpSpec spec;
  spec.name = name;
  spec.file = file;
  spec.line = line;
  spec.dispatcher_name = schema_name;
  return OpBuilder<void>(std::move(spec));
}

}  // namespace internal
}  // namespace gtest_fx

#define GTEST_FX_INTERNAL_CONCAT_(a, b, c) a##b##_##c
#define GTEST_FX_INTERNAL_CONCAT(a, b, c) GTEST_FX_INTERNAL_CONCAT_(a, b, c)

#define GTEST_FX_INTERNAL_REGISTER_OP(name, ...)                     \
  [[maybe_unused]] static ::gtest_fx::internal::RegistrationToken    \
  GTEST_FX_INTERNAL_CONCAT(gtest_fx_op_, name, __LINE__) =           \
      ::gtest_fx::internal::MakeOpBuilder(#name, __FILE__, __LINE__, \
                                          __VA_ARGS__)

#define GTEST_FX_INTERNAL_REGISTER_DISPATCHER_OP(name, schema_name)            \
  [[maybe_unused]] static ::gtest_fx::internal::RegistrationToken              \
  GTEST_FX_INTERNAL_CONCAT(gtest_fx_op_, name, __LINE__) =                     \
      ::gtest_fx::internal::MakeDispatcherOpBuilder(#name, __FILE__, __LINE__, \
                                                    schema_name)

#endif  // GTEST_FX_REGISTER_H_
