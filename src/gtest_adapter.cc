// The only file that turns gtest_fx results into GoogleTest results: the
// registration of one GoogleTest case per op x mode x data (tracing and
// gradient cases) and per op check, and MakeFxCheck's AssertionResult.
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <errno.h>
#include <gtest/gtest.h>
#include <gtest_fx/make_fx_check.h>
#include <gtest_fx/register.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check.h"
#include "global_state.h"
#include "isolation.h"
#include "op_checks.h"
#include "registry.h"
#include "report.h"

namespace gtest_fx::internal {
namespace {

// Returns the ops that get cases, after checking every registration, and
// registers their op checks; the same on every call. A bad registration is a
// programming error like a compile error: the binary reports all of them and
// exits before any test runs (and before --gtest_list_tests lists any).
const std::vector<OpEntry*>& SelectedOps() {
  static const std::vector<OpEntry*>* const ops = [] {
    auto* ops = new std::vector<OpEntry*>();
    Registry& registry = Registry::Get();
    const std::vector<std::string>& errors = registry.Finalize();
    if (!errors.empty()) {
      for (const std::string& error : errors) {
        std::fprintf(stderr, "%s\n", error.c_str());
      }
      std::fprintf(stderr,
                   "[gtest_fx] %zu registration error(s); no test was run.\n",
                   errors.size());
      std::fflush(stderr);
      std::exit(1);
    }
    const std::vector<std::string>& selected = registry.selected_ops();
    for (const std::string& name : selected) {
      const bool known =
          std::any_of(registry.entries().begin(), registry.entries().end(),
                      [&](const OpEntry& e) { return e.spec.name == name; });
      if (!known) {
        std::fprintf(stderr,
                     "[gtest_fx] --gtest_fx_op=%s: no op of that name is "
                     "registered in this binary (names as in "
                     "GTEST_FX_REGISTER_OP(name, ...); --gtest_list_tests "
                     "lists them)\n",
                     name.c_str());
        std::fflush(stderr);
        std::exit(1);
      }
    }
    for (OpEntry& entry : registry.entries()) {
      if (!selected.empty() && std::find(selected.begin(), selected.end(),
                                         entry.spec.name) == selected.end()) {
        continue;
      }
      ops->push_back(&entry);
    }
    return ops;
  }();
  return *ops;
}

// Whether `op` gets gradient cases and GradCheck.
bool Differentiable(const OpEntry& op) {
  return !WhyNotDifferentiable(op.spec).has_value();
}

// Identifies one generated case of an op: a tracing case (mode x data) or,
// when `check` is set, an op check.
struct CaseId {
  TracingMode mode = TracingMode::kReal;
  Data data = Data::kOriginal;
  std::optional<Check> check;
  bool grad = false;  // a gradient case (OpGradTest.Grad)
};

std::string Describe(const CaseId& id) {
  if (id.check) return absl::StrCat("check ", CheckName(*id.check));
  return absl::StrCat(id.grad ? "gradients, " : "", "mode ", ModeName(id.mode),
                      ", data ", DataName(id.data));
}

// Returns the expectation of the case `id`. A symbolic case traces on meta
// tensors as a fake case does and fails wherever the fake case of the same
// data fails, so without an expectation of its own it takes the fake case's
// expected failure: one declaration for one cause.
const Expectation* FindExpectation(const OpSpec& spec, const CaseId& id) {
  auto find = [&](TracingMode mode) -> const Expectation* {
    for (const Expectation& e : spec.expectations) {
      if (e.check != id.check || e.grad != id.grad) continue;
      if (id.check || (e.mode == mode && (!e.data || *e.data == id.data))) {
        return &e;
      }
    }
    return nullptr;
  };
  const Expectation* own = find(id.mode);
  if (own != nullptr || id.check || id.mode != TracingMode::kSymbolic) {
    return own;
  }
  const Expectation* fake = find(TracingMode::kFake);
  return fake != nullptr && fake->kind == Expectation::Kind::kExpectFailure
             ? fake
             : nullptr;
}

// Returns the command line that reruns the running test alone.
std::string RerunCommand() {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "(not inside a GoogleTest test)";
  return absl::StrCat(program_invocation_name, " --gtest_filter='",
                      info->test_suite_name(), ".", info->name(), "'");
}

// Runs `check` and fails its result when the op changed what outlives its
// call (global_state.h); puts that state back either way, so that the next
// case starts where this one did.
CheckResult WithGlobalStateKept(const OpSpec& spec, const CaseId& id,
                                const std::function<CheckResult()>& check) {
  const GlobalState before = GlobalState::Capture();
  CheckResult result = check();
  const std::vector<std::string> changes =
      before.ChangesIn(GlobalState::Capture());
  if (changes.empty()) return result;
  before.Restore();
  std::string message = absl::StrCat(
      "[gtest_fx] op '", spec.name, "', ", Describe(id),
      ": the op changes state that outlives its call:\n    ",
      absl::StrJoin(changes, "\n    "),
      "\n  Later cases (of this op and of others) would run in that state. "
      "gtest_fx put it back after this case; the op should restore it itself "
      "(e.g. with a guard such as at::AutoGradMode, c10::InferenceMode or "
      "c10::impl::ExcludeDispatchKeyGuard).\n  registered at ",
      Location(spec));
  if (result.verdict == CheckResult::Verdict::kFail) {
    absl::StrAppend(&message, "\n  The case failed for another reason too:\n",
                    result.message);
  }
  result.verdict = CheckResult::Verdict::kFail;
  result.cause = changes.front();
  result.message = std::move(message);
  result.changed_global_state = true;
  return result;
}

CheckResult RunCheck(const OpSpec& spec, const std::vector<Args>& samples,
                     const CaseId& id, const std::string& rerun) {
  const std::string what =
      absl::StrCat("op '", spec.name, "', ", Describe(id), " (", Location(spec),
                   "; rerun: ", rerun, ")");
  if (!id.check) {
    return RunIsolated(
        [&] {
          return WithGlobalStateKept(spec, id, [&] {
            return CheckOp(spec, samples, id.mode, id.data, rerun,
                           /*trace_cache_key=*/&samples, id.grad);
          });
        },
        what);
  }
  auto check = [&] {
    return WithGlobalStateKept(
        spec, id, [&] { return RunOpCheck(*id.check, spec, samples, rerun); });
  };
  if (*id.check != Check::kMetaKernel) return RunIsolated(check, what);
  // A Meta kernel that reads data through data_ptr() reads a null pointer:
  // the check always runs in a child, so that such a crash fails only this
  // case.
  CheckResult result =
      Isolation().isolate
          ? RunIsolated(check, what)
          : RunInChild(
                check, what,
                Isolation().case_timeout > 0 ? Isolation().case_timeout : 60);
  if (absl::StartsWith(result.cause, "crashed with signal")) {
    absl::StrAppend(&result.message,
                    "\n  On meta tensors, a kernel that reads tensor data "
                    "(data_ptr()) reads a null pointer: meta tensors have no "
                    "data. A Meta kernel must use sizes, strides and dtypes "
                    "alone.");
    result.cause =
        absl::StrCat("the Meta kernel ", result.cause, " (reads tensor data?)");
  }
  return result;
}

// Runs one case of `op` and reports it to GoogleTest.
void RunCase(OpEntry& op, const CaseId& id) {
  const OpSpec& spec = op.spec;
  const char* file = spec.file.c_str();
  // `message`: the whole report of a failure, when it says more than
  // `reason`.
  auto record = [&](CaseVerdict verdict, std::string reason,
                    std::string message = "") {
    CaseRecord record{spec.name,         id.mode,  id.data,           verdict,
                      std::move(reason), id.check, std::move(message)};
    record.grad = id.grad;
    RunRecords().push_back(std::move(record));
  };
  const Expectation* expectation = FindExpectation(spec, id);
  if (expectation != nullptr && expectation->kind == Expectation::Kind::kSkip) {
    record(CaseVerdict::kSkip, expectation->reason);
    // At the registration's file and line: GTEST_SKIP() would name this
    // file, which tells the user nothing.
    GTEST_MESSAGE_AT_(file, spec.line,
                      absl::StrCat("[gtest_fx] skipped by its registration (",
                                   Location(spec), "): ", expectation->reason)
                          .c_str(),
                      ::testing::TestPartResult::kSkip);
    return;
  }
  const absl::StatusOr<std::vector<Args>>& samples = SamplesOf(op);
  if (!samples.ok()) {
    record(CaseVerdict::kFail, std::string(samples.status().message()));
    ADD_FAILURE_AT(file, spec.line) << samples.status().message();
    return;
  }
  const std::string rerun = RerunCommand();
  CheckResult result = RunCheck(spec, *samples, id, rerun);
  if (expectation != nullptr &&
      !result.changed_global_state) {  // kExpectFailure
    // A symbolic case under its fake case's expectation says so, so that the
    // matrix tells fake mode's causes from symbolic mode's own.
    const bool borrowed = !id.check && id.mode != expectation->mode;
    switch (result.verdict) {
      case CheckResult::Verdict::kFail:
        record(CaseVerdict::kExpectedFailure,
               borrowed ? absl::StrCat(kFailsInFakeModeToo, expectation->reason)
                        : expectation->reason,
               result.message);
        ::testing::Test::RecordProperty("gtest_fx_expected_failure",
                                        expectation->reason);
        return;
      case CheckResult::Verdict::kPass: {
        std::string message = absl::StrCat(
            "[gtest_fx] op '", spec.name, "' unexpectedly passed in ",
            Describe(id), "; its registration expects a failure because: ",
            expectation->reason,
            "\n  If the cause is fixed, remove the ExpectFailure at ",
            Location(spec), " (or the line of the expectations file).");
        ADD_FAILURE_AT(file, spec.line) << message;
        record(CaseVerdict::kFail,
               absl::StrCat(kUnexpectedPassReason, expectation->reason),
               std::move(message));
        return;
      }
      case CheckResult::Verdict::kSkip:
        break;
    }
  }
  switch (result.verdict) {
    case CheckResult::Verdict::kFail:
      record(CaseVerdict::kFail, result.cause, result.message);
      ADD_FAILURE_AT(file, spec.line) << result.message;
      break;
    case CheckResult::Verdict::kSkip:
      record(CaseVerdict::kSkip, result.message);
      GTEST_MESSAGE_AT_(file, spec.line,
                        absl::StrCat("[gtest_fx] ", result.message).c_str(),
                        ::testing::TestPartResult::kSkip);
      return;
    case CheckResult::Verdict::kPass:
      record(CaseVerdict::kPass, result.message);
      if (!result.message.empty()) {
        // Some samples were skipped: say so where the user looks.
        std::printf("[gtest_fx] note: %s\n", result.message.c_str());
        ::testing::Test::RecordProperty("gtest_fx_note", result.message);
      }
      break;
  }
}

// One generated case: a tracing case, a gradient case or an op check. The
// cases are registered with testing::RegisterTest rather than as a
// parameterized test: that gives each case its op's registration file and
// line, and skips what GoogleTest does per parameter (printing it through a
// std::ostream, checking names against a set), a third of the time of
// listing 100,000 cases.
class OpCase : public ::testing::Test {
 public:
  OpCase(OpEntry* op, CaseId id) : op_(op), id_(id) {}
  void TestBody() override { RunCase(*op_, id_); }

 private:
  OpEntry* op_;
  CaseId id_;
};

void RegisterCase(OpEntry& entry, const char* suite, const std::string& name,
                  const CaseId& id) {
  ::testing::RegisterTest(
      suite, name.c_str(), nullptr, nullptr, entry.spec.file.c_str(),
      entry.spec.line,
      [&entry, id]() -> ::testing::Test* { return new OpCase(&entry, id); });
}

// Registers every case of the selected ops, suite by suite: op checks, then
// tracing cases, then gradient cases; within an op, the data variants of a
// mode one after the other, so that the second reuses the first's traces.
void RegisterCases() {
  const std::vector<OpEntry*>& ops = SelectedOps();
  std::vector<bool> differentiable;
  differentiable.reserve(ops.size());
  for (const OpEntry* entry : ops) {
    differentiable.push_back(Differentiable(*entry));
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    for (Check check : kAllChecks) {
      if (check == Check::kGradCheck ? !differentiable[i]
                                     : ops[i]->spec.dispatcher_name.empty()) {
        continue;
      }
      RegisterCase(*ops[i], "OpCheck/OpTest",
                   absl::StrCat(CheckName(check), "/", ops[i]->spec.name),
                   CaseId{TracingMode::kReal, Data::kOriginal, check});
    }
  }
  for (bool grad : {false, true}) {
    for (size_t i = 0; i < ops.size(); ++i) {
      if (grad && !differentiable[i]) continue;
      for (TracingMode mode : kAllTracingModes) {
        for (Data data : kAllData) {
          RegisterCase(
              *ops[i], grad ? "MakeFx/OpGradTest" : "MakeFx/OpTest",
              absl::StrCat(grad ? "Grad/" : "Trace/", ops[i]->spec.name, "_",
                           ModeName(mode), "_", DataName(data)),
              CaseId{mode, data, std::nullopt, grad});
        }
      }
    }
  }
}

// GoogleTest generates parameterized tests inside InitGoogleTest, once its
// flags and gtest_fx's (--gtest_fx_op) are parsed: the one moment at which
// every binary, with gtest_fx's main() or its own, can still add tests. This
// instantiation's generator registers the cases and yields no parameter of
// its own.
class GeneratedCases : public ::testing::TestWithParam<int> {};
TEST_P(GeneratedCases, NoneOfItsOwn) {}
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GeneratedCases);
INSTANTIATE_TEST_SUITE_P(GtestFx, GeneratedCases, ::testing::ValuesIn([] {
                           RegisterCases();
                           return std::vector<int>();
                         }()));

}  // namespace

// Defined here, not in registry.cc, so that the object file holding the
// TEST_P and its instantiation is linked into every binary that registers an
// op, even when gtest_fx is a static library.
void RegisterOpSpec(OpSpec spec) { Registry::Get().Add(std::move(spec)); }

size_t RegisteredOpCount() { return Registry::Get().entries().size(); }

::testing::AssertionResult MakeFxCheckSpec(OpSpec spec, Args args,
                                           TracingMode mode, Data data,
                                           bool grad) {
  absl::StatusOr<Args> sample = PrepareSample(spec, std::move(args), 0);
  if (!sample.ok()) {
    return ::testing::AssertionFailure()
           << "[gtest_fx] MakeFxCheck at " << Location(spec) << ": "
           << sample.status().message();
  }
  CheckResult result =
      CheckOp(spec, {*std::move(sample)}, mode, data, RerunCommand(),
              /*trace_cache_key=*/nullptr, grad);
  switch (result.verdict) {
    // One `<<` each: every `<<` on an AssertionResult builds a stringstream,
    // and six of them were a tenth of a small case's own cost.
    case CheckResult::Verdict::kPass:
      return ::testing::AssertionSuccess() << absl::StrCat(
                 grad ? "gradients " : "", "passed in mode ", ModeName(mode),
                 " on ", DataName(data), " data",
                 result.message.empty() ? "" : ": ", result.message);
    case CheckResult::Verdict::kSkip:
      return ::testing::AssertionSuccess()
             << absl::StrCat("skipped: ", result.message);
    case CheckResult::Verdict::kFail:
      break;
  }
  return ::testing::AssertionFailure() << result.message;
}

}  // namespace gtest_fx::internal
