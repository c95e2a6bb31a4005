// The check of one case: for each sample, seeded eager call, trace in the
// case's mode, replay on the case's data, compare. Knows nothing of
// GoogleTest: it returns a verdict and a message.
#ifndef GTEST_FX_SRC_CHECK_H_
#define GTEST_FX_SRC_CHECK_H_

#include <absl/strings/string_view.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>
#include <gtest_fx/tracing_mode.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace gtest_fx::internal {

// How a symbolic case's failure cause begins when the fake case of the same
// sample fails the same way (symbolic mode traces on meta tensors too).
inline constexpr absl::string_view kFailsInFakeModeToo =
    "fails in fake mode too: ";

struct CheckResult {
  enum class Verdict { kPass, kFail, kSkip };
  Verdict verdict = Verdict::kPass;
  // kFail: the report of every failing sample. kSkip: the reason. kPass:
  // notes, e.g. which samples were skipped.
  std::string message;
  // kFail: one line naming the cause of the first failing sample, specific
  // enough for an expectations file, e.g. "reads tensor data (.item()) while
  // tracing; meta tensors have no data".
  std::string cause;
  // kFail because the op changed state that outlives its call (grad mode,
  // the default dtype, ...): a failure no expectation covers.
  bool changed_global_state = false;
};

// Prints the verdict and the message, for test failures.
void PrintTo(const CheckResult& result, std::ostream* os);

// Sets `result`'s verdict and message from its samples' reports: fail with
// every failure report, the registration and the rerun command; skip when
// every one of the `sample_count` samples was skipped ("sample N: why"
// each); else pass, noting the skipped samples. `result->cause` is the
// caller's.
void SetVerdictFromSamples(const OpSpec& spec,
                           const std::vector<std::string>& failures,
                           const std::vector<std::string>& skips,
                           size_t sample_count, const std::string& rerun,
                           CheckResult* result);

// Returns the seed of the values that replace sample `index`'s floating-point
// data in the randomized variant.
uint64_t RandomizeSeed(size_t sample_index);

// Calls the op once on `args` under the case seed. Returns the first line of
// what it threw, or std::nullopt with its result in `output`.
std::optional<std::string> CallSeeded(const OpSpec& spec,
                                      std::vector<ArgValue>& args,
                                      Output* output);
std::optional<std::string> CallSeeded(const Invoker& invoke,
                                      std::vector<ArgValue>& args,
                                      Output* output);

// Returns the values a case runs sample `index` on: the sample's own, or for
// randomized data a copy with new floating-point values.
std::vector<ArgValue> CaseData(const std::vector<ArgValue>& values, Data data,
                               size_t index);

// Runs the check of `spec` in `mode` on `data` over all `samples`.
// `rerun` is the command line that reruns just this case, for messages.
// `trace_cache_key`, when set, identifies `spec` and `samples` for as long as
// the process lives (the registry's entry): the next check with the same key,
// mode and kind then reuses these traces instead of tracing again, and the
// next gradient check with the same key and data its eager runs.
// `grad`: the gradient case, which traces and replays the op's joint
// forward+backward function (grad.h) and compares outputs and gradients.
// REQUIRES: spec.invoke is set.
CheckResult CheckOp(const OpSpec& spec, const std::vector<Args>& samples,
                    TracingMode mode, Data data, const std::string& rerun,
                    const void* trace_cache_key = nullptr, bool grad = false);

// What a call on meta tensors threw, when it is about a missing Meta kernel:
// the op without one, or a read of tensor data (.item() reaches
// _local_scalar_dense, which has no Meta kernel; data_ptr<T>() finds no
// data).
struct MetaFailure {
  bool reads_data = false;
  std::string op;    // "aten::abs", without the overload; may be empty
  std::string note;  // how the dispatcher got there, when it is not plain
};
std::optional<MetaFailure> ParseMetaFailure(const std::string& error);

// Returns `detail` without what changes from run to run (the numbers after
// "values differ"), cut to 200 characters: for one-line causes that an
// expectations file can keep.
std::string StableCause(absl::string_view detail);

// Returns the first line of what an exception says, without a backtrace.
std::string DescribeException(std::exception_ptr error);

// Turns off the backtrace that every c10::Error captures when thrown (3 to
// 10 ms each, and never shown by gtest_fx), unless the environment variable
// GTEST_FX_BACKTRACES is set to 1. Idempotent.
void QuietC10Backtraces();

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_CHECK_H_
