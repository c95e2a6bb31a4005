// The registry's record of one op: how to call it, its samples, and what is
// expected of each case. Built by the registration builder (register.h), read
// by the case generator and the checker.
#ifndef GTEST_FX_INTERNAL_OP_SPEC_H_
#define GTEST_FX_INTERNAL_OP_SPEC_H_

#include <gtest_fx/args.h>
#include <gtest_fx/internal/output.h>
#include <gtest_fx/op_check.h>
#include <gtest_fx/tracing_mode.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gtest_fx::internal {

// Calls the op on one argument list. May throw anything the op throws.
using Invoker = std::function<Output(std::vector<ArgValue>& args)>;

// Returns an empty string when `args` fit the op, else what does not fit.
using ArgChecker = std::function<std::string(const std::vector<ArgValue>&)>;

// A sample as registered: either built already, or a factory that builds it
// when a case of the op first runs.
struct SampleSource {
  std::optional<Args> args;
  std::function<Args()> factory;
};

// What is expected of the tracing cases of one mode (and data variant), of
// the gradient cases when `grad` is set, or, when `check` is set, of that op
// check's case.
struct Expectation {
  enum class Kind { kExpectFailure, kSkip };
  Kind kind;
  TracingMode mode;
  std::optional<Data> data;  // unset: both data variants
  std::string reason;
  std::optional<Check> check;  // set: about this check; mode and data unused
  bool grad = false;           // about the gradient cases (OpGradTest.Grad)
};

// Moves the keyword arguments of `args` into their places in the argument
// list, filling the places between with the schema's defaults. Returns "" on
// success, else what is wrong.
using KwargBinder = std::function<std::string(Args& args)>;

struct Tolerance {
  double rtol;
  double atol;
};

struct OpSpec {
  std::string name;
  std::string file;
  int line = 0;

  // A callable op: `invoke` and `check_args` are set. A dispatcher op:
  // `dispatcher_name` is set and the three are filled in when the op is
  // resolved against the dispatcher, after main() starts.
  Invoker invoke;
  ArgChecker check_args;
  KwargBinder bind_kwargs;
  std::string dispatcher_name;
  // The schema's argument names (dispatcher ops), for messages.
  std::vector<std::string> argument_names;

  std::vector<SampleSource> samples;
  std::vector<Expectation> expectations;
  std::optional<Tolerance> tolerance;
  // Set by .Nondeterministic(reason): two eager calls may disagree.
  std::optional<std::string> nondeterministic_reason;
  // Set by .NotDifferentiable(reason): no gradient cases, no GradCheck.
  std::optional<std::string> not_differentiable_reason;
  // Whether the op can return a tensor: false for a callable whose return
  // type holds none (a number, a bool) and for a dispatcher op whose schema
  // returns none. Such an op gets no gradient cases.
  bool may_return_tensor = true;
  // Errors found while the registration was built (e.g. an empty reason);
  // reported with the other registration errors before any case runs.
  std::vector<std::string> errors;
};

// Returns "file:line" of the registration.
std::string Location(const OpSpec& spec);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_INTERNAL_OP_SPEC_H_
