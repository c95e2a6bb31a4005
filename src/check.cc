#include "check.h"

#include <ATen/ATen.h>
#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>
#include <absl/strings/string_view.h>
#include <absl/strings/strip.h>
#include <c10/util/Exception.h>
#include <c10/util/Logging.h>
#include <c10/util/Type.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <optional>
#include <variant>
#include <vector>

#include "compare.h"
#include "grad.h"
#include "sample_copy.h"
#include "seeded_call.h"
#include "trace.h"

namespace gtest_fx::internal {
namespace {

// The stage of one sample's check at which something went wrong.
enum class Stage {
  kEager,
  kEagerBackward,
  kNondeterministic,
  kTrace,
  kMetaOutputs,
  kReplay,
  kOutputs,
  kInputs,
  kOtherShapes,
};

// Returns the headline of a failure at `stage`.
const char* Headline(Stage stage) {
  switch (stage) {
    case Stage::kEager:
      return "the op throws when called eagerly";
    case Stage::kEagerBackward:
      return "the op's backward throws when called eagerly";
    case Stage::kNondeterministic:
      return "non-deterministic operator: two eager calls disagree";
    case Stage::kTrace:
      return "tracing fails";
    case Stage::kMetaOutputs:
      return "the fake trace's outputs differ from the real outputs";
    case Stage::kReplay:
      return "replaying the graph fails";
    case Stage::kOutputs:
      return "the replay's outputs differ from eager";
    case Stage::kInputs:
      return "the replay leaves the inputs different from eager";
    case Stage::kOtherShapes:
      return "the graph traced at the sample's shapes is wrong at its AlsoAt "
             "shapes";
  }
  return "?";
}

// Returns, in one sentence, what a failure at `stage` usually means.
std::string Meaning(Stage stage, TracingMode mode, Data data) {
  switch (stage) {
    case Stage::kEager:
      return "The op itself throws on this sample, before any tracing: fix "
             "the op or the sample.";
    case Stage::kEagerBackward:
      return "The op's forward ran, and autograd's backward of its outputs "
             "threw, before any tracing: fix the backward (the derivative "
             "formula, the torch::autograd::Function) or the sample.";
    case Stage::kNondeterministic:
      return "Two eager calls on the same inputs under the same seed give "
             "different results, so no trace can be judged against eager: the "
             "op reads state that changes between calls, or its kernel is "
             "non-deterministic (declare it with .Nondeterministic(reason)).";
    case Stage::kTrace:
      if (mode != TracingMode::kReal) {
        return absl::StrCat(
            "Tracing on meta tensors failed: a kernel the op reaches has no "
            "Meta (abstract) kernel, or the op reads tensor data (.item(), "
            "data_ptr), which meta tensors do not have.",
            mode == TracingMode::kSymbolic
                ? " Symbolic mode traces on meta tensors as fake mode does: "
                  "the fake case of this sample fails too, and one fix "
                  "serves both."
                : "");
      }
      return "Recording the op's calls failed: it threw while being "
             "traced.";
    case Stage::kMetaOutputs:
      return absl::StrCat(
          "The Meta (abstract) kernel reports another shape or dtype than "
          "the real kernel produces.",
          mode == TracingMode::kSymbolic
              ? " Symbolic mode traces on meta tensors as fake mode does: "
                "the fake case of this sample fails too, and one fix serves "
                "both."
              : "");
    case Stage::kReplay:
      return "The recorded graph cannot run: the trace holds something that "
             "is not true on replay (a value or shape that depends on data, "
             "or a tensor the trace did not see being made).";
    case Stage::kOtherShapes:
      return "The graph holds a size as a constant: C++ code read a size "
             "into a plain integer (x.size(0), x.sizes()) while tracing, so "
             "the graph only works at the traced shapes.";
    case Stage::kOutputs:
    case Stage::kInputs:
      break;
  }
  std::string what = stage == Stage::kInputs
                         ? "The graph leaves the inputs in another state than "
                           "the op does: the op mutates them in a way the "
                           "recording does not see (e.g. through data_ptr)"
                         : "Replaying the graph gives other results than "
                           "running the op";
  if (data == Data::kRandomized) {
    return absl::StrCat(
        what,
        " on new values only: the trace baked tensor data into the graph "
        "as constants (.item(), a branch on a value, a size that depends on "
        "values).");
  }
  switch (mode) {
    case TracingMode::kFake:
      return absl::StrCat(what,
                          ": the graph traced on meta tensors differs, so a "
                          "Meta kernel disagrees with the real kernel, or the "
                          "op takes a path that depends on data.");
    case TracingMode::kSymbolic:
      return absl::StrCat(what,
                          ": the graph traced on meta tensors with its Size "
                          "inputs as variables computes something else (a "
                          "Meta kernel that disagrees with the real kernel, "
                          "or a size baked into the trace).");
    case TracingMode::kReal:
      break;
  }
  return absl::StrCat(what,
                      ": the op depends on state outside its arguments (a "
                      "global, a counter, an unseeded random source) or does "
                      "work the recording does not see (through data_ptr, "
                      "on another thread).");
}

std::string Indent(absl::string_view text) {
  std::vector<absl::string_view> lines =
      absl::StrSplit(text, '\n', absl::SkipEmpty());
  return absl::StrCat("    ", absl::StrJoin(lines, "\n    "));
}

// One sample's failure or skip.
struct SampleOutcome {
  CheckResult::Verdict verdict = CheckResult::Verdict::kPass;
  Stage stage = Stage::kEager;
  std::string detail;
  std::string graph;
  std::vector<std::string> warnings;
};

SampleOutcome Fail(Stage stage, std::string detail) {
  SampleOutcome outcome;
  outcome.verdict = CheckResult::Verdict::kFail;
  outcome.stage = stage;
  outcome.detail = std::move(detail);
  return outcome;
}

// Compares the tensor arguments of two calls after they ran, for ops that
// change their inputs in place; returns the first difference.
std::optional<std::string> CompareTensorArgs(
    const std::vector<ArgValue>& expected, const std::vector<ArgValue>& actual,
    const OpSpec& spec) {
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto* e = std::get_if<at::Tensor>(&expected[i]);
    const auto* a = std::get_if<at::Tensor>(&actual[i]);
    if (e == nullptr || a == nullptr) continue;
    if (auto diff = CompareTensors(*e, *a, spec.tolerance)) {
      return absl::StrCat("argument ", i, " after the call: ", *diff);
    }
  }
  return std::nullopt;
}

// Returns whether `invoke` throws when called on a copy of `args`.
bool ThrowsOn(const Invoker& invoke, const std::vector<ArgValue>& args) {
  std::vector<ArgValue> copy = CopyArgs(args, CopyKind::kClone);
  Output ignored;
  return CallSeeded(invoke, copy, &ignored).has_value();
}

// Compares a gradient case's joint outputs (grad.h: the op's outputs, then
// one gradient per differentiable input) part by part with `compare`,
// naming each gradient by its argument.
std::optional<std::string> CompareJoint(
    const OpSpec& spec, const std::vector<GradInput>& inputs,
    const Output& expected, const Output& actual,
    const std::function<std::optional<std::string>(
        const Output&, const Output&, const std::string&)>& compare) {
  if (expected.elements.size() != 2 || actual.elements.size() != 2) {
    return compare(expected, actual, "output");
  }
  if (auto diff = compare(expected.elements[0], actual.elements[0], "output")) {
    return diff;
  }
  const Output& expected_grads = expected.elements[1];
  const Output& actual_grads = actual.elements[1];
  for (size_t i = 0; i < expected_grads.elements.size(); ++i) {
    if (i >= actual_grads.elements.size()) break;
    const std::string label =
        i < inputs.size()
            ? absl::StrCat("the gradient of ", GradInputLabel(spec, inputs[i]))
            : absl::StrCat("gradient ", i);
    if (auto diff = compare(expected_grads.elements[i],
                            actual_grads.elements[i], label)) {
      return diff;
    }
  }
  return compare(expected_grads, actual_grads, "the gradients");
}

// Returns where the value `a` at the sample's shapes and `b` at the AlsoAt
// shapes is a size of an argument, e.g. "argument 0 ('x') dim 1".
std::vector<std::string> SizePlaces(const OpSpec& spec,
                                    const std::vector<ArgValue>& first,
                                    const std::vector<ArgValue>& second,
                                    int64_t a, int64_t b) {
  std::vector<std::string> places;
  auto argument = [&](size_t i) {
    return i < spec.argument_names.size()
               ? absl::StrCat("argument ", i, " ('", spec.argument_names[i],
                              "')")
               : absl::StrCat("argument ", i);
  };
  auto match = [&](c10::IntArrayRef x, c10::IntArrayRef y,
                   const std::string& what, const char* unit) {
    for (size_t d = 0; d < x.size() && d < y.size(); ++d) {
      if (x[d] == a && y[d] == b) {
        places.push_back(absl::StrCat(what, " ", unit, " ", d));
      }
    }
  };
  for (size_t i = 0; i < first.size() && i < second.size(); ++i) {
    const ArgValue& x = first[i];
    const ArgValue& y = second[i];
    if (auto* t = std::get_if<at::Tensor>(&x)) {
      match(t->sizes(), std::get<at::Tensor>(y).sizes(), argument(i), "dim");
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&x);
               o != nullptr && o->has_value()) {
      const auto& other = std::get<c10::optional<at::Tensor>>(y);
      if (other.has_value()) {
        match((*o)->sizes(), other->sizes(), argument(i), "dim");
      }
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&x)) {
      const auto& other = std::get<std::vector<at::Tensor>>(y);
      for (size_t j = 0; j < list->size() && j < other.size(); ++j) {
        match((*list)[j].sizes(), other[j].sizes(),
              absl::StrCat(argument(i), " tensor ", j), "dim");
      }
    } else if (auto* size = std::get_if<Size>(&x)) {
      match(size->dims(), std::get<Size>(y).dims(), argument(i), "element");
    }
  }
  return places;
}

// Explains a failure at the AlsoAt shapes: traces the op there too and names
// the constants that differ between the two graphs, and the argument sizes
// they are.
std::string ExplainOtherShapes(const OpSpec& spec, const Args& sample,
                               const TraceResult& trace) {
  const std::vector<ArgValue>& other = sample.also_at()->values();
  std::vector<ArgValue> other_args = CopyArgs(other, CopyKind::kMeta);
  TraceResult other_trace;
  try {
    other_trace = Trace(spec.invoke, other_args, TracingMode::kSymbolic,
                        /*composites_whole=*/true);
  } catch (...) {
    return absl::StrCat("Tracing at the AlsoAt shapes fails: ",
                        DescribeException(std::current_exception()));
  }
  std::optional<std::vector<DifferingConstant>> differing =
      DifferingIntConstants(trace, other_trace);
  if (!differing.has_value()) {
    return "Traced at the AlsoAt shapes, the op records another graph (it "
           "takes another path at these shapes), so no single graph can "
           "serve both.";
  }
  std::vector<std::string> lines;
  for (const DifferingConstant& c : *differing) {
    auto show = [&c](const std::vector<int64_t>& values) {
      return c.is_list ? ShapeString(values) : absl::StrCat(values[0]);
    };
    const std::string constant = show(c.first);
    const std::string there = show(c.second);
    std::vector<std::string> places;
    for (size_t k = 0; k < c.first.size() && k < c.second.size(); ++k) {
      if (c.first[k] == c.second[k]) continue;
      for (std::string& place :
           SizePlaces(spec, sample.values(), other, c.first[k], c.second[k])) {
        places.push_back(absl::StrCat(place, " (", c.first[k],
                                      " in the sample, ", c.second[k],
                                      " at the AlsoAt shapes)"));
      }
    }
    if (places.empty()) {
      lines.push_back(absl::StrCat("the graph holds the constant ", constant,
                                   " where a trace at the "
                                   "AlsoAt shapes holds ",
                                   there,
                                   "; it matches no argument size (a "
                                   "value computed from sizes was baked)"));
    } else {
      lines.push_back(absl::StrCat(
          "the graph holds the constant ", constant,
          " where a trace at the AlsoAt shapes holds ", there, ": the size of ",
          absl::StrJoin(places, " or of "), ", baked into the trace"));
    }
  }
  if (lines.empty()) {
    return "Traced at the AlsoAt shapes, the op records the same graph with "
           "the same constants.";
  }
  return absl::StrCat(
      absl::StrJoin(lines, ";\n  "),
      ".\n  Compute shapes with ops from the tensors themselves (flatten, "
      "view_as, expand_as, reshape with -1), or take the size as a "
      "gtest_fx::Size argument.");
}

// Traces `sample` with its composite ops recorded whole, replays that graph
// at the AlsoAt shapes and compares with eager there. (The graph of the case
// itself holds the decompositions, whose int lists derived from sizes are
// constants: right at the traced shapes, wrong at others.)
SampleOutcome CheckOtherShapes(const OpSpec& spec, const Args& sample,
                               size_t index, Data data) {
  TraceResult trace;
  try {
    std::vector<ArgValue> trace_args =
        CopyArgs(sample.values(), CopyKind::kMeta);
    trace = Trace(spec.invoke, trace_args, TracingMode::kSymbolic,
                  /*composites_whole=*/true);
    PrepareFakeReplay(trace, sample.values());
  } catch (...) {
    return Fail(Stage::kOtherShapes,
                absl::StrCat("tracing with composite ops whole throws: ",
                             DescribeException(std::current_exception())));
  }
  const std::vector<ArgValue> other_data =
      CaseData(sample.also_at()->values(), data, index);
  std::vector<ArgValue> eager_args = CopyArgs(other_data, CopyKind::kClone);
  Output eager;
  if (auto error = CallSeeded(spec.invoke, eager_args, &eager)) {
    return Fail(Stage::kEager, absl::StrCat("at the AlsoAt shapes: ", *error));
  }
  std::vector<ArgValue> replay_args = CopyArgs(other_data, CopyKind::kClone);
  std::optional<std::string> problem;
  try {
    Output replayed = Replay(trace, replay_args, TracingMode::kSymbolic,
                             /*at_traced_shapes=*/false);
    problem = CompareOutputs(eager, replayed, spec.tolerance);
    if (!problem) problem = CompareTensorArgs(eager_args, replay_args, spec);
  } catch (...) {
    problem = absl::StrCat("replaying there throws: ",
                           DescribeException(std::current_exception()));
  }
  if (!problem) return SampleOutcome();
  SampleOutcome outcome = Fail(
      Stage::kOtherShapes,
      absl::StrCat(*problem, "\n  ", ExplainOtherShapes(spec, sample, trace)));
  outcome.graph = GraphText(trace);
  outcome.warnings = trace.warnings;
  return outcome;
}

// A gradient case's eager run of the joint function on one sample's data:
// that data (randomized values are drawn once for the three modes), the
// outputs and gradients, the arguments after the call, and what the run found
// out about the op (arguments left alone, clones for in-place ops).
struct EagerRun {
  std::vector<ArgValue> data;
  Output result;
  std::vector<ArgValue> args;
  std::vector<size_t> frozen;
  bool clone_inputs = false;
};

// What a case calls: the op, or for a gradient case its joint function
// (grad.h), with what the joint function must know of the op.
struct Callee {
  Callee(const OpSpec& spec, bool grad) : spec(spec), grad(grad) {}

  const OpSpec& spec;
  bool grad;
  Invoker joint;
  std::vector<GradInput> grad_inputs;
  // Arguments the joint function leaves alone: out= arguments, and those
  // autograd refuses to differentiate (found by the eager run).
  std::vector<size_t> frozen;
  // Whether the joint function passes clones of the differentiable
  // arguments, for an op that changes them in place.
  bool clone_inputs = false;

  const Invoker& invoke() const { return grad ? joint : spec.invoke; }
  // Makes the joint function again after `frozen` or `clone_inputs` changed.
  void MakeJoint(const std::vector<ArgValue>& original) {
    grad_inputs = DifferentiableInputs(original, frozen);
    joint = JointInvoker(spec.invoke, clone_inputs, frozen);
  }
};

SampleOutcome Skip(std::string detail) {
  SampleOutcome skip;
  skip.verdict = CheckResult::Verdict::kSkip;
  skip.detail = std::move(detail);
  return skip;
}

// Calls `callee` on fresh copies of `data_args` into `eager` and
// `eager_args`. For a gradient case, retries with what autograd's errors
// tell (clones for an in-place op, arguments left alone) and updates
// `callee`. Returns the sample's outcome when there is nothing to compare
// (the op throws, or has no gradient to check), else std::nullopt.
std::optional<SampleOutcome> RunEager(Callee& callee,
                                      const std::vector<ArgValue>& original,
                                      const std::vector<ArgValue>& data_args,
                                      Data data, Output& eager,
                                      std::vector<ArgValue>& eager_args) {
  eager_args = CopyArgs(data_args, CopyKind::kClone);
  std::optional<std::string> error;
  std::exception_ptr thrown;
  auto call = [&] {
    try {
      ScopedCallSeed seed;
      eager = callee.invoke()(eager_args);
      error.reset();
    } catch (...) {
      thrown = std::current_exception();
      error = DescribeException(thrown);
    }
  };
  call();
  while (callee.grad && error &&
         AdaptToAutogradError(callee.spec, *error, callee.clone_inputs,
                              callee.frozen)) {
    callee.MakeJoint(original);
    if (callee.grad_inputs.empty()) break;
    eager_args = CopyArgs(data_args, CopyKind::kClone);
    call();
  }
  if (!error) return std::nullopt;
  if (callee.grad) {
    try {
      std::rethrow_exception(thrown);
    } catch (const NoDifferentiableOutput& e) {
      return Skip(e.what());
    } catch (const BackwardFailed& e) {
      return Fail(Stage::kEagerBackward, e.what());
    } catch (...) {
    }
  }
  if (data == Data::kRandomized && !ThrowsOn(callee.invoke(), original)) {
    return Skip(absl::StrCat(
        "the op rejects randomized values (it has preconditions on its "
        "inputs' values): ",
        *error));
  }
  return Fail(Stage::kEager, *error);
}

// A gradient case's replay of a fake trace on one data variant: its outputs
// and the arguments after it.
struct ReplayRun {
  Output outputs;
  std::vector<ArgValue> args;
};

// What the cases of one sample in one mode share: the trace, and for a fake
// gradient trace, its replays by data variant. Without a Size argument the
// symbolic gradient cases take both over (CachedTraces): the same graph
// replayed on the same data gives the same results.
struct SampleTrace {
  std::optional<TraceResult> trace;
  std::optional<ReplayRun> replays[2];
};

// `cached`: the trace (and replays) of this sample in this mode made by an
// earlier case, or empty, to be filled. `grad`: a gradient case, which checks
// the op's joint forward+backward function (grad.h) instead of the op.
// `cached_eager`: for a gradient case, the eager run on this sample's data made
// by the case of another mode, or empty, to be filled. `trace_as_eager`:
// whether a real gradient case on the original data may take its traced run as
// its eager run; `traced_as_eager` tells whether it did.
SampleOutcome CheckSampleOnce(const OpSpec& spec, const Args& sample,
                              size_t index, TracingMode mode, Data data,
                              bool grad, SampleTrace& cached,
                              std::optional<EagerRun>& cached_eager,
                              bool trace_as_eager, bool& traced_as_eager) {
  traced_as_eager = false;
  const std::vector<ArgValue>& original = sample.values();
  const std::vector<ArgValue> data_args = cached_eager.has_value()
                                              ? cached_eager->data
                                              : CaseData(original, data, index);
  // Each seeded call below reseeds; this one saves and restores the
  // generator once for all of them.
  ScopedCallSeed sample_seed;
  Callee callee(spec, grad);
  // 1. Eager, on fresh copies, or the run of an earlier gradient case on the
  // same data: the joint function's eager run is the autograd engine's, most
  // of a gradient case's cost, and the same in every mode.
  std::vector<ArgValue> eager_args;
  Output eager;
  if (grad && cached_eager.has_value()) {
    callee.frozen = cached_eager->frozen;
    callee.clone_inputs = cached_eager->clone_inputs;
    callee.MakeJoint(original);
    eager = cached_eager->result;
    eager_args = cached_eager->args;
  } else if (grad) {
    callee.frozen = OutArguments(spec);
    callee.MakeJoint(original);
    if (callee.grad_inputs.empty()) {
      return Skip(
          "no floating-point or complex tensor argument to differentiate");
    }
  }
  const Invoker& invoke = callee.invoke();
  const std::vector<GradInput>& grad_inputs = callee.grad_inputs;

  if (!cached_eager.has_value()) {
    if (trace_as_eager && grad && mode == TracingMode::kReal &&
        data == Data::kOriginal && !cached.trace.has_value() &&
        !spec.nondeterministic_reason) {
      // In real mode the recorder passes every call on to the kernels that
      // eager runs, so the traced run on the original data is an eager run
      // of the joint function as well: one run through the autograd engine
      // instead of two. What a second run would catch is an op that gives
      // another result on each call (a counter, state it reads); the op's
      // forward, called once more outside the recorder (a tenth of the joint
      // function's cost), shows that. The case's randomized sibling compares
      // with a run of its own, and catches such a backward. When the trace
      // throws, the eager run below tells why; when the forward disagrees or
      // the case does not pass, CheckSample judges it again with an eager run
      // of its own, so that failures read as they would without this.
      std::vector<ArgValue> trace_args = CopyArgs(original, CopyKind::kClone);
      try {
        cached.trace = Trace(invoke, trace_args, mode);
        traced_as_eager = true;
      } catch (...) {
      }
      if (traced_as_eager) {
        std::vector<ArgValue> forward_args =
            CopyArgs(original, CopyKind::kClone);
        Output forward;
        if (cached.trace->outputs.elements.size() != 2 ||
            CallSeeded(spec.invoke, forward_args, &forward).has_value() ||
            CompareOutputs(cached.trace->outputs.elements[0], forward,
                           spec.tolerance)
                .has_value() ||
            CompareTensorArgs(trace_args, forward_args, spec).has_value()) {
          // Not shown: CheckSample judges the case again, and a second
          // eager run of the joint function tells what disagrees.
          return Fail(Stage::kNondeterministic,
                      "the traced run and a second forward call disagree");
        }
        eager = cached.trace->outputs;
        eager_args = std::move(trace_args);
      }
    }
    if (!traced_as_eager) {
      if (std::optional<SampleOutcome> outcome =
              RunEager(callee, original, data_args, data, eager, eager_args)) {
        return *outcome;
      }
    }
    if (grad &&
        std::all_of(eager.elements[1].elements.begin(),
                    eager.elements[1].elements.end(), [](const Output& g) {
                      return g.kind == Output::Kind::kNone;
                    })) {
      // Typically an op without an Autograd kernel, whose outputs LibTorch's
      // fallback marks as requiring grad with a backward that gives nothing.
      // GradCheck, against numerical gradients, fails such an op.
      return Skip(
          "autograd gives no gradient for any input (the op has no Autograd "
          "kernel, or its outputs do not depend on its floating-point inputs); "
          "GradCheck compares that with numerical gradients");
    }
    if (grad) {
      cached_eager = EagerRun{data_args, eager, eager_args, callee.frozen,
                              callee.clone_inputs};
    }
  }

  // Compares two results of `invoke` with `compare`, naming gradients.
  auto compare_results =
      [&](const Output& expected, const Output& actual,
          const std::function<std::optional<std::string>(
              const Output&, const Output&, const std::string&)>& compare) {
        return grad ? CompareJoint(spec, grad_inputs, expected, actual, compare)
                    : compare(expected, actual, "output");
      };
  auto compare_values = [&](const Output& expected, const Output& actual,
                            const std::string& path) {
    return CompareOutputs(expected, actual, spec.tolerance, path);
  };

  // Whether eager agrees with itself: a second call on fresh copies. Asked
  // only once the replay disagrees with eager (or fails), before blaming the
  // trace; a case that passes never pays for it.
  auto eager_disagrees = [&]() -> std::optional<SampleOutcome> {
    std::vector<ArgValue> again_args = CopyArgs(data_args, CopyKind::kClone);
    Output again;
    std::optional<std::string> diff;
    if (auto error = CallSeeded(invoke, again_args, &again)) {
      diff = absl::StrCat("the second call threw: ", *error);
    } else {
      diff = compare_results(eager, again, compare_values);
      if (!diff) diff = CompareTensorArgs(eager_args, again_args, spec);
    }
    if (!diff) return std::nullopt;
    if (spec.nondeterministic_reason) {
      return Skip(absl::StrCat("declared non-deterministic: ",
                               *spec.nondeterministic_reason));
    }
    return Fail(Stage::kNondeterministic,
                absl::StrCat("first call vs second call: ", *diff));
  };

  // 2. Trace, on the sample itself (meta copies of it in fake mode). Both
  // data variants trace the same inputs the same way, so the second reuses
  // the first's trace when the cases run one after the other.
  if (!cached.trace.has_value()) {
    std::vector<ArgValue> trace_args =
        CopyArgs(original, mode == TracingMode::kReal ? CopyKind::kClone
                                                      : CopyKind::kMeta);
    try {
      cached.trace = Trace(invoke, trace_args, mode);
    } catch (const BackwardFailed& e) {
      return Fail(Stage::kTrace,
                  absl::StrCat("the backward throws: ", e.what()));
    } catch (...) {
      return Fail(Stage::kTrace, DescribeException(std::current_exception()));
    }
  }
  TraceResult& trace = *cached.trace;
  auto fail_with_graph = [&](Stage stage, std::string detail) {
    SampleOutcome outcome = Fail(stage, std::move(detail));
    outcome.graph = GraphText(trace);
    outcome.warnings = trace.warnings;
    return outcome;
  };
  if (mode != TracingMode::kReal) {
    auto compare_metadata = [](const Output& expected, const Output& meta,
                               const std::string& path) {
      return CompareOutputMetadata(expected, meta, path);
    };
    if (auto diff = compare_results(eager, trace.outputs, compare_metadata)) {
      std::vector<std::string> placeholders = PlaceholderOps(trace);
      if (grad && absl::StrContains(*diff, "got None")) {
        absl::StrAppend(
            &*diff,
            "\n  Eager computes this gradient and the fake trace does not: the "
            "op's autograd history comes from its CPU kernel, which a Meta "
            "kernel does not reproduce; register an Autograd kernel (see the "
            "AutogradRegistration check).");
      } else if (!placeholders.empty()) {
        absl::StrAppend(
            &*diff, "\n  The trace ran ", absl::StrJoin(placeholders, ", "),
            " on zero-filled placeholders (no Meta kernel in C++): an output "
            "shape that depends on the inputs' values (nonzero, "
            "masked_select, unique) comes out wrong there, a data-dependent "
            "output shape that a fake trace cannot know.");
      }
      return fail_with_graph(Stage::kMetaOutputs, *diff);
    }
    PrepareFakeReplay(trace, original);
  }

  // 3. Replay, on fresh copies of the case's data, or take the replay that
  // the fake gradient case made of this graph on this data.
  std::optional<ReplayRun>& kept_replay =
      cached.replays[data == Data::kOriginal ? 0 : 1];
  std::vector<ArgValue> replay_args;
  Output replayed;
  if (mode == TracingMode::kSymbolic && kept_replay.has_value()) {
    replayed = kept_replay->outputs;
    replay_args = kept_replay->args;
  } else {
    replay_args = CopyArgs(data_args, CopyKind::kClone);
    try {
      replayed = Replay(trace, replay_args, mode);
    } catch (...) {
      if (auto outcome = eager_disagrees()) return *outcome;
      return fail_with_graph(Stage::kReplay,
                             DescribeException(std::current_exception()));
    }
    if (grad && mode == TracingMode::kFake) {
      kept_replay = ReplayRun{replayed, replay_args};
    }
  }

  // 4. Compare outputs, then the inputs the op may have changed in place.
  if (auto diff = compare_results(eager, replayed, compare_values)) {
    if (auto outcome = eager_disagrees()) return *outcome;
    for (const std::string& read : DataReads(trace)) {
      absl::StrAppend(&*diff, "\n  ", read);
    }
    for (const std::string& unwritten : UnwrittenOutputs(trace)) {
      absl::StrAppend(&*diff, "\n  ", unwritten);
    }
    return fail_with_graph(Stage::kOutputs, *diff);
  }
  if (auto diff = CompareTensorArgs(eager_args, replay_args, spec)) {
    if (auto outcome = eager_disagrees()) return *outcome;
    return fail_with_graph(Stage::kInputs, *diff);
  }

  // 5. Symbolic mode: the same graph at the sample's other shapes. Not for
  // gradients: backward formulas read sizes in C++ (sum's backward expands
  // to the input's sizes), so without symbolic sizes a joint graph is
  // specific to the shapes it was traced at.
  if (!grad && mode == TracingMode::kSymbolic && sample.also_at() != nullptr) {
    return CheckOtherShapes(spec, sample, index, data);
  }
  return SampleOutcome();
}

// Checks one sample (CheckSampleOnce). A real gradient case on the original
// data that took its traced run as its eager run and did not pass is judged
// again with an eager run of its own, so that its verdict and message are
// what separate runs give (a first call under the recorder is not blamed as
// eager's).
SampleOutcome CheckSample(const OpSpec& spec, const Args& sample, size_t index,
                          TracingMode mode, Data data, bool grad,
                          SampleTrace& cached,
                          std::optional<EagerRun>& cached_eager) {
  bool traced_as_eager = false;
  SampleOutcome outcome =
      CheckSampleOnce(spec, sample, index, mode, data, grad, cached,
                      cached_eager, /*trace_as_eager=*/true, traced_as_eager);
  if (traced_as_eager && outcome.verdict != CheckResult::Verdict::kPass) {
    cached = SampleTrace();
    cached_eager.reset();
    outcome = CheckSampleOnce(spec, sample, index, mode, data, grad, cached,
                              cached_eager, /*trace_as_eager=*/false,
                              traced_as_eager);
  }
  return outcome;
}

std::string FailureReport(const OpSpec& spec, size_t index, size_t count,
                          TracingMode mode, Data data, bool grad,
                          const SampleOutcome& outcome) {
  std::string report = absl::StrFormat(
      "[gtest_fx] op '%s'%s, sample %d of %d, mode %s, data %s", spec.name,
      grad ? " (gradient case: forward and backward traced together)" : "",
      index + 1, count, ModeName(mode), DataName(data));
  if (data == Data::kRandomized) {
    absl::StrAppendFormat(&report, " (values drawn with seed %d)",
                          RandomizeSeed(index));
  }
  absl::StrAppend(&report, ": ", Headline(outcome.stage), ".\n  ",
                  Meaning(outcome.stage, mode, data), "\n  ", outcome.detail,
                  "\n");
  for (const std::string& warning : outcome.warnings) {
    absl::StrAppend(&report, "  warning while tracing: ",
                    warning.substr(0, warning.find('\n')), "\n");
  }
  if (!outcome.graph.empty()) {
    if (!spec.dispatcher_name.empty() && mode != TracingMode::kSymbolic) {
      if (std::optional<std::string> note =
              CompositeNote(spec.dispatcher_name)) {
        absl::StrAppend(&report, "  ", *note, "\n");
      }
    }
    absl::StrAppend(&report, "  traced graph:\n", Indent(outcome.graph), "\n");
  }
  return report;
}

std::string FakeCause(const SampleOutcome& outcome, TracingMode mode);

// Returns one line naming the cause of `outcome`. In symbolic mode a cause
// that the fake case of the same sample shares (symbolic traces on meta
// tensors too) is marked so, to tell it from symbolic mode's own (a baked
// size, an AlsoAt shape).
std::string Cause(const SampleOutcome& outcome, TracingMode mode) {
  std::string fake = FakeCause(outcome, mode);
  if (!fake.empty()) {
    return mode == TracingMode::kSymbolic
               ? absl::StrCat(kFailsInFakeModeToo, fake)
               : fake;
  }
  const absl::string_view detail = outcome.detail;
  if (outcome.stage == Stage::kOutputs &&
      absl::StrContains(detail, "a kernel filled it outside the dispatcher")) {
    static constexpr absl::string_view kMadeBy = " is made by ";
    absl::string_view factory =
        detail.substr(detail.find(kMadeBy) + kMadeBy.size());
    factory = factory.substr(0, factory.find(' '));
    return absl::StrCat(
        "a kernel writes a tensor outside the dispatcher (through data_ptr): "
        "the graph holds only the ",
        factory, " it filled");
  }
  if (outcome.stage == Stage::kOtherShapes) {
    return absl::StrCat("at the AlsoAt shapes: ", StableCause(detail));
  }
  std::string cause =
      absl::StrCat(Headline(outcome.stage), ": ", StableCause(detail));
  if (cause.size() > 200) cause = absl::StrCat(cause.substr(0, 197), "...");
  return cause;
}

// Returns the cause of a failure of tracing on meta tensors (the fake
// semantics that fake and symbolic modes share), or "" for other failures.
std::string FakeCause(const SampleOutcome& outcome, TracingMode mode) {
  if (mode == TracingMode::kReal) return "";
  const absl::string_view detail = outcome.detail;
  if (outcome.stage == Stage::kMetaOutputs) {
    if (size_t at = detail.find("The trace ran ");
        at != absl::string_view::npos) {
      absl::string_view ops = detail.substr(at + 14);
      ops = ops.substr(0, ops.find(" on zero-filled"));
      return absl::StrCat("data-dependent output shape: ", ops,
                          " ran on zero-filled placeholders (no Meta kernel "
                          "in C++)");
    }
    return absl::StrCat(Headline(outcome.stage), ": ", StableCause(detail));
  }
  if (outcome.stage == Stage::kReplay &&
      absl::StartsWith(detail, "data-dependent output shape: ")) {
    return std::string(detail.substr(0, detail.find(" gives ")));
  }
  if (outcome.stage == Stage::kTrace) {
    if (absl::StrContains(detail,
                          "the op reads a tensor value while tracing")) {
      return "reads tensor data (.item()) while tracing; meta tensors have "
             "no data";
    }
    if (absl::StrContains(detail, "CPU kernel, run on zero-filled")) {
      return absl::StrCat(
          detail.substr(0, detail.find(' ')),
          " has no Meta kernel in C++ and its CPU kernel refuses zero-filled "
          "placeholders");
    }
    if (std::optional<MetaFailure> failure = ParseMetaFailure(outcome.detail)) {
      if (failure->reads_data) {
        return "reads tensor data (.item(), data_ptr()) while tracing; meta "
               "tensors have no data";
      }
      return absl::StrCat("no Meta kernel for ", failure->op, failure->note);
    }
    return absl::StrCat(Headline(outcome.stage), ": ", StableCause(detail));
  }
  return "";
}

}  // namespace

std::string StableCause(absl::string_view detail) {
  // Numbers that change from run to run (values, differences) stay out, so
  // that a regenerated expectations file changes only when verdicts do.
  std::string stable(detail);
  for (absl::string_view marker : {"values differ", ": expected int",
                                   ": expected float", ": expected bool"}) {
    const size_t at = detail.find(marker);
    if (at == absl::string_view::npos) continue;
    if (marker == "values differ") {
      stable = std::string(detail.substr(0, at + marker.size()));
    } else {
      stable = absl::StrCat(detail.substr(0, at), ": ", marker.substr(11),
                            " value differs");
    }
    break;
  }
  if (stable.size() > 200) stable = absl::StrCat(stable.substr(0, 197), "...");
  return stable;
}

std::optional<std::string> CallSeeded(const OpSpec& spec,
                                      std::vector<ArgValue>& args,
                                      Output* output) {
  return CallSeeded(spec.invoke, args, output);
}

std::optional<std::string> CallSeeded(const Invoker& invoke,
                                      std::vector<ArgValue>& args,
                                      Output* output) {
  try {
    ScopedCallSeed seed;
    *output = invoke(args);
  } catch (...) {
    return DescribeException(std::current_exception());
  }
  return std::nullopt;
}

std::vector<ArgValue> CaseData(const std::vector<ArgValue>& values, Data data,
                               size_t index) {
  if (data == Data::kOriginal) return values;
  return CopyArgs(values, CopyKind::kRandomize, RandomizeSeed(index));
}

void PrintTo(const CheckResult& result, std::ostream* os) {
  switch (result.verdict) {
    case CheckResult::Verdict::kPass:
      *os << "pass";
      break;
    case CheckResult::Verdict::kFail:
      *os << "FAIL";
      break;
    case CheckResult::Verdict::kSkip:
      *os << "skip";
      break;
  }
  if (!result.message.empty()) *os << ": " << result.message;
}

uint64_t RandomizeSeed(size_t sample_index) { return 1000 + sample_index; }

std::optional<MetaFailure> ParseMetaFailure(const std::string& error) {
  // What data_ptr<T>() and .item() say on a meta tensor.
  if (absl::StrContains(error, "its data is not allocated yet") ||
      absl::StrContains(error, "cannot be called on meta tensors")) {
    MetaFailure failure;
    failure.reads_data = true;
    return failure;
  }
  // aten::convolution has no Meta kernel: on meta tensors it falls back to
  // the hook for out-of-tree backends, which no one implements.
  if (absl::StrContains(error, "convolution_overrideable not implemented")) {
    MetaFailure failure;
    failure.op = "aten::convolution";
    failure.note =
        " (on meta tensors it falls back to convolution_overrideable, which "
        "is not implemented)";
    return failure;
  }
  // LibTorch 2.x: "aten::abs.out: attempted to run this operator with Meta
  // tensors, but there was no fake impl or Meta kernel registered."
  static constexpr absl::string_view kNoMeta =
      ": attempted to run this operator with Meta tensors";
  // Older wording: "Could not run 'aten::abs.out' with arguments from the
  // 'Meta' backend."
  static constexpr absl::string_view kPrefix = "Could not run '";
  static constexpr absl::string_view kMeta =
      "' with arguments from the 'Meta' backend";
  const absl::string_view text = error;
  absl::string_view op;
  if (const size_t end = text.find(kNoMeta); end != absl::string_view::npos) {
    op = text.substr(0, end);
    if (const size_t space = op.rfind(' '); space != absl::string_view::npos) {
      op = op.substr(space + 1);
    }
  } else {
    const size_t start = text.find(kPrefix);
    const size_t stop = text.find(kMeta);
    if (start == absl::string_view::npos || stop == absl::string_view::npos ||
        start > stop) {
      return std::nullopt;
    }
    op = text.substr(start + kPrefix.size(), stop - start - kPrefix.size());
  }
  MetaFailure failure;
  failure.reads_data = absl::StrContains(op, "_local_scalar_dense");
  // "aten::abs.out" -> "aten::abs": the overload is an implementation detail
  // of the kernel that is missing.
  failure.op = std::string(op.substr(0, op.find('.')));
  return failure;
}

namespace {

// The traces of the last (op, mode) checked: the cases of one op and mode
// run one after the other (original data, then randomized), and the second
// needs the same traces. One slot keeps memory flat over thousands of ops.
struct TraceCache {
  const void* key = nullptr;
  TracingMode mode = TracingMode::kReal;
  bool grad = false;
  std::vector<SampleTrace> traces;
};

// The eager runs of the gradient cases of the last op checked, by data
// variant: its cases in the three modes need the same ones.
struct EagerCache {
  const void* key = nullptr;
  std::vector<std::optional<EagerRun>> runs[2];
};

std::vector<std::optional<EagerRun>>& CachedEagerRuns(const void* key,
                                                      Data data, bool grad,
                                                      size_t samples) {
  static auto* cache = new EagerCache();
  if (!grad || key == nullptr || cache->key != key ||
      cache->runs[0].size() != samples) {
    cache->key = grad ? key : nullptr;
    for (auto& runs : cache->runs) runs.assign(samples, std::nullopt);
  }
  return cache->runs[data == Data::kOriginal ? 0 : 1];
}

// Whether `sample` has a Size argument, which a symbolic trace takes as a
// size input and a fake trace as constants.
bool HasSizeArgument(const Args& sample) {
  return std::any_of(
      sample.values().begin(), sample.values().end(),
      [](const ArgValue& arg) { return std::holds_alternative<Size>(arg); });
}

std::vector<SampleTrace>& CachedTraces(const void* key, TracingMode mode,
                                       bool grad,
                                       const std::vector<Args>& samples) {
  static auto* cache = new TraceCache();
  const bool same_op = key != nullptr && cache->key == key &&
                       cache->grad == grad &&
                       cache->traces.size() == samples.size();
  if (same_op && cache->mode == mode) return cache->traces;
  // A gradient case's traced run is the joint function's, through the
  // autograd engine: most of its cost. Without a Size argument, the symbolic
  // trace of a sample is the fake one (the two differ only in taking Sizes
  // as inputs, trace.h), and its replay on the same data gives the same
  // results: the symbolic gradient cases take over the fake cases' traces
  // and replays, and compare them with eager themselves. Forward cases trace
  // again: there the trace is cheap, and each mode's case then calls the op
  // on its own.
  const bool keep_fake_traces = same_op && grad &&
                                cache->mode == TracingMode::kFake &&
                                mode == TracingMode::kSymbolic;
  for (size_t i = 0; i < cache->traces.size(); ++i) {
    if (!keep_fake_traces || HasSizeArgument(samples[i])) {
      cache->traces[i] = SampleTrace();
    }
  }
  cache->key = key;
  cache->mode = mode;
  cache->grad = grad;
  cache->traces.resize(samples.size());
  return cache->traces;
}

}  // namespace

CheckResult CheckOp(const OpSpec& spec, const std::vector<Args>& samples,
                    TracingMode mode, Data data, const std::string& rerun,
                    const void* trace_cache_key, bool grad) {
  QuietC10Backtraces();
  std::vector<SampleTrace>& traces =
      CachedTraces(trace_cache_key, mode, grad, samples);
  std::vector<std::optional<EagerRun>>& eager_runs =
      CachedEagerRuns(trace_cache_key, data, grad, samples.size());
  CheckResult result;
  std::vector<std::string> failures;
  std::vector<std::string> skips;
  for (size_t i = 0; i < samples.size(); ++i) {
    SampleOutcome outcome = CheckSample(spec, samples[i], i, mode, data, grad,
                                        traces[i], eager_runs[i]);
    if (outcome.verdict == CheckResult::Verdict::kFail) {
      if (failures.empty()) result.cause = Cause(outcome, mode);
      failures.push_back(
          FailureReport(spec, i, samples.size(), mode, data, grad, outcome));
    } else if (outcome.verdict == CheckResult::Verdict::kSkip) {
      skips.push_back(absl::StrCat("sample ", i + 1, ": ", outcome.detail));
    }
  }
  SetVerdictFromSamples(spec, failures, skips, samples.size(), rerun, &result);
  return result;
}

void SetVerdictFromSamples(const OpSpec& spec,
                           const std::vector<std::string>& failures,
                           const std::vector<std::string>& skips,
                           size_t sample_count, const std::string& rerun,
                           CheckResult* result) {
  if (!failures.empty()) {
    result->verdict = CheckResult::Verdict::kFail;
    result->message =
        absl::StrCat(absl::StrJoin(failures, ""), "  registered at ",
                     Location(spec), "\n  rerun: ", rerun);
  } else if (!skips.empty() && skips.size() == sample_count) {
    result->verdict = CheckResult::Verdict::kSkip;
    result->message = absl::StrJoin(skips, "; ");
  } else if (!skips.empty()) {
    result->message =
        absl::StrCat("passed; skipped ", absl::StrJoin(skips, "; "));
  }
}

std::string DescribeException(std::exception_ptr error) {
  std::string text;
  try {
    std::rethrow_exception(error);
  } catch (const c10::Error& e) {
    text = e.what_without_backtrace();
  } catch (const TraceError& e) {
    return e.what();
  } catch (const BackwardFailed& e) {
    return absl::StrCat("the backward throws: ", e.what());
  } catch (const NoDifferentiableOutput& e) {
    return e.what();
  } catch (const std::exception& e) {
    text = absl::StrCat(c10::demangle(typeid(e).name()), ": ", e.what());
  } catch (...) {
    text = "an exception that is not a std::exception";
  }
  // LibTorch's dispatcher errors go on for pages; their first sentence says
  // what is wrong.
  absl::string_view first = text;
  first = first.substr(0, first.find('\n'));
  for (absl::string_view aside :
       {" This could be because", " You may have run into this message"}) {
    if (size_t cut = first.find(aside); cut != absl::string_view::npos) {
      first = first.substr(0, cut);
    }
  }
  return std::string(first);
}

void QuietC10Backtraces() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* keep = std::getenv("GTEST_FX_BACKTRACES");
    if (keep != nullptr && absl::string_view(keep) == "1") return;
    c10::SetStackTraceFetcher([] { return std::string(); });
  });
}

}  // namespace gtest_fx::internal
