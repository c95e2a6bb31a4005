// gtest_fx::MakeFxCheck and MakeFxGradCheck: the check of one generated case
// (tracing or gradient case), run on one argument list from a hand-written
// test.
//
// It traces `fn` in `mode`, replays the graph on the sample (or on randomized
// values of it) and compares with eager execution, exactly as a generated case
// does. A skip (e.g. the op rejects randomized values) is reported as success
// with the reason in the message.
//
// Example:
//   TEST(MyOps, ScaledAddTraces) {
//     auto fn = [](const at::Tensor& x, const at::Tensor& y) {
//       return x.add(y).mul(2);
//     };
//     EXPECT_TRUE(gtest_fx::MakeFxCheck(fn, gtest_fx::Args(x, y),
//                                       gtest_fx::TracingMode::kReal,
//                                       gtest_fx::Data::kRandomized));
//   }
#ifndef GTEST_FX_MAKE_FX_CHECK_H_
#define GTEST_FX_MAKE_FX_CHECK_H_

#include <gtest/gtest.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/callable.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/tracing_mode.h>

#include <type_traits>
#include <utility>

namespace gtest_fx {
namespace internal {

// Runs the check of `spec` on `args` (the gradient case's with `grad`);
// `spec.invoke` must be set.
::testing::AssertionResult MakeFxCheckSpec(OpSpec spec, Args args,
                                           TracingMode mode, Data data,
                                           bool grad = false);

}  // namespace internal

// Checks that tracing `fn` in `mode` and replaying the graph on `data` gives
// what eager execution of `fn` on `args` gives.
template <typename F>
::testing::AssertionResult MakeFxCheck(F&& fn, Args args, TracingMode mode,
                                       Data data,
                                       const char* file = __builtin_FILE(),
                                       int line = __builtin_LINE()) {
  internal::OpSpec spec;
  spec.name = "MakeFxCheck";
  spec.file = file;
  spec.line = line;
  internal::SetCallable(spec, std::decay_t<F>(std::forward<F>(fn)));
  return internal::MakeFxCheckSpec(std::move(spec), std::move(args), mode,
                                   data);
}

// The check of one gradient case: traces `fn`'s forward and backward
// together (every floating-point and complex tensor argument requiring grad,
// the outputs reduced to one scalar, its gradients taken) in `mode`, replays
// that graph on `data` and compares outputs and gradients with eager.
//
// Example:
//   EXPECT_TRUE(gtest_fx::MakeFxGradCheck(fn, gtest_fx::Args(x),
//                                         gtest_fx::TracingMode::kFake,
//                                         gtest_fx::Data::kOriginal));
template <typename F>
::testing::AssertionResult MakeFxGradCheck(F&& fn, Args args, TracingMode mode,
                                           Data data,
                                           const char* file = __builtin_FILE(),
                                           int line = __builtin_LINE()) {
  internal::OpSpec spec;
  spec.name = "MakeFxGradCheck";
  spec.file = file;
  spec.line = line;
  internal::SetCallable(spec, std::decay_t<F>(std::forward<F>(fn)));
  return internal::MakeFxCheckSpec(std::move(spec), std::move(args), mode, data,
                                   /*grad=*/true);
}

}  // namespace gtest_fx

#endif  // GTEST_FX_MAKE_FX_CHECK_H_
