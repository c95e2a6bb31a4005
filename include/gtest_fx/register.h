// Registering an op: one macro, then a chain of samples and expectations.
//
// Each registered op becomes six GoogleTest cases,
// `MakeFx/OpTest.Trace/<op>_<mode>_<data>`, created after main() starts; a
// dispatcher op also gets the cases of its op checks,
// `OpCheck/OpTest.<Check>/<op>` (see op_check.h). A differentiable op (some
// sample has a floating-point or complex tensor argument, and the op can
// return a tensor) also gets six gradient cases,
// `MakeFx/OpGradTest.Grad/<op>_<mode>_<data>`, which trace forward and
// backward together, and `OpCheck/OpTest.GradCheck/<op>`.
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
//       .Sample(gtest_fx::Args(at::randn({3, 4})).Kwarg("factor", 0.5))
//       .ExpectFailure(gtest_fx::TracingMode::kFake, "no Meta kernel yet")
//       .ExpectFailure(gtest_fx::Check::kMetaKernel, "no Meta kernel yet")
//       .ExpectGradFailure(gtest_fx::TracingMode::kFake, "no Meta kernel yet");
//
//   // A sample checked at other shapes too, in symbolic mode.
//   GTEST_FX_REGISTER_OP(flatten_rows,
//       [](const at::Tensor& x) { return x.flatten(1); })
//       .Sample(at::randn({4, 3, 2})).AlsoAt(at::randn({6, 5, 2}));
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
#include <gtest_fx/op_check.h>
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
  // A single gtest_fx::Args is taken as the whole sample (for keyword
  // arguments or AlsoAt) and checked when main() starts.
  template <typename... Ts>
  OpBuilder&& Sample(Ts&&... args) && {
    AssertFits<Ts...>();
    spec_.samples.push_back({Args(std::forward<Ts>(args)...), nullptr});
    return std::move(*this);
  }

  // Adds to the last sample the same arguments at other shapes: see
  // Args::AlsoAt.
  template <typename... Ts>
  OpBuilder&& AlsoAt(Ts&&... args) && {
    AssertFits<Ts...>();
    if (spec_.samples.empty() || !spec_.samples.back().args.has_value()) {
      spec_.errors.push_back(
          "AlsoAt must follow a .Sample(...); for a SampleFn, return "
          "gtest_fx::Args(...).AlsoAt(...) from the factory");
    } else {
      spec_.samples.back().args->AlsoAt(Args(std::forward<Ts>(args)...));
    }
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

  // The same for the gradient cases of `mode` (and `data`):
  // MakeFx/OpGradTest.Grad/<op>_<mode>_<data>.
  OpBuilder&& ExpectGradFailure(TracingMode mode, std::string reason) && {
    return Expect(Expectation::Kind::kExpectFailure, mode, std::nullopt,
                  std::move(reason), std::nullopt, /*grad=*/true);
  }
  OpBuilder&& ExpectGradFailure(TracingMode mode, Data data,
                                std::string reason) && {
    return Expect(Expectation::Kind::kExpectFailure, mode, data,
                  std::move(reason), std::nullopt, /*grad=*/true);
  }
  OpBuilder&& SkipGrad(TracingMode mode, std::string reason) && {
    return Expect(Expectation::Kind::kSkip, mode, std::nullopt,
                  std::move(reason), std::nullopt, /*grad=*/true);
  }
  OpBuilder&& SkipGrad(TracingMode mode, Data data, std::string reason) && {
    return Expect(Expectation::Kind::kSkip, mode, data, std::move(reason),
                  std::nullopt, /*grad=*/true);
  }

  // Declares that the op is not to be differentiated, because of `reason`
  // (e.g. it has floating-point inputs but is a comparison): it gets no
  // gradient cases and no GradCheck.
  OpBuilder&& NotDifferentiable(std::string reason) && {
    if (reason.empty()) {
      spec_.errors.push_back("NotDifferentiable has an empty reason; say why");
    }
    spec_.not_differentiable_reason = std::move(reason);
    return std::move(*this);
  }

  // Overrides the per-dtype default tolerances of the comparison: values
  // match when |actual - expected| <= atol + rtol * |expected|.
  OpBuilder&& Tolerance(double rtol, double atol) && {
    spec_.tolerance = internal::Tolerance{rtol, atol};
    return std::move(*this);
  }

  // Declares that the op gives different results on two calls with the same
  // inputs and seed (e.g. a kernel with unordered parallel accumulation),
  // because of `reason`. A case whose replay disagrees with eager because
  // two eager calls disagree is then skipped with the reason, instead of
  // failing as a non-deterministic operator.
  OpBuilder&& Nondeterministic(std::string reason) && {
    if (reason.empty()) {
      spec_.errors.push_back("Nondeterministic has an empty reason; say why");
    }
    spec_.nondeterministic_reason = std::move(reason);
    return std::move(*this);
  }

  // Declares that the op check `check` must fail (or is skipped), because
  // of `reason`. Op checks exist for dispatcher ops only, but GradCheck,
  // which every differentiable op has.
  OpBuilder&& ExpectFailure(Check check, std::string reason) && {
    return Expect(Expectation::Kind::kExpectFailure, TracingMode::kReal,
                  std::nullopt, std::move(reason), check);
  }
  OpBuilder&& Skip(Check check, std::string reason) && {
    return Expect(Expectation::Kind::kSkip, TracingMode::kReal, std::nullopt,
                  std::move(reason), check);
  }

  OpSpec TakeSpec() && { return std::move(spec_); }

 private:
  template <typename... Ts>
  static constexpr void AssertFits() {
    constexpr bool kOneArgs =
        sizeof...(Ts) == 1 && (std::is_same_v<std::decay_t<Ts>, Args> && ...);
    if constexpr (!std::is_void_v<F> && !kOneArgs) {
      static_assert(std::is_invocable_v<const F&, std::decay_t<Ts>&...>,
                    "gtest_fx: this sample's arguments do not fit the op's "
                    "parameters");
    }
  }

  OpBuilder&& Expect(Expectation::Kind kind, TracingMode mode,
                     std::optional<Data> data, std::string reason,
                     std::optional<Check> check = std::nullopt,
                     bool grad = false) {
    if (reason.empty()) {
      spec_.errors.push_back(
          "an ExpectFailure or Skip has an empty reason; say why");
    }
    spec_.expectations.push_back(
        {kind, mode, data, std::move(reason), check, grad});
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
