// The only file that turns gtest_fx results into GoogleTest results: the
// parameterized fixture whose instantiation generates one case per op x mode x
// data, and MakeFxCheck's AssertionResult.
#include <absl/strings/str_cat.h>
#include <errno.h>
#include <gtest/gtest.h>
#include <gtest_fx/make_fx_check.h>
#include <gtest_fx/register.h>

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

#include "check.h"
#include "isolation.h"
#include "registry.h"
#include "report.h"

namespace gtest_fx::internal {
namespace {

struct CaseParam {
  OpEntry* op;
  TracingMode mode;
  Data data;
};

void PrintTo(const CaseParam& param, std::ostream* os) {
  *os << param.op->spec.name << " in mode " << ModeName(param.mode) << " on "
      << DataName(param.data) << " data";
}

std::string CaseName(const CaseParam& param) {
  return absl::StrCat(param.op->spec.name, "_", ModeName(param.mode), "_",
                      DataName(param.data));
}

// Returns every case, after checking every registration. A bad registration
// is a programming error like a compile error: the binary reports all of them
// and exits before any test runs (and before --gtest_list_tests lists any).
std::vector<CaseParam> GenerateCases() {
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
  std::vector<CaseParam> cases;
  cases.reserve(registry.entries().size() * 6);
  for (OpEntry& entry : registry.entries()) {
    for (TracingMode mode : kAllTracingModes) {
      for (Data data : kAllData) cases.push_back({&entry, mode, data});
    }
  }
  return cases;
}

const Expectation* FindExpectation(const OpSpec& spec, TracingMode mode,
                                   Data data) {
  for (const Expectation& e : spec.expectations) {
    if (e.mode == mode && (!e.data || *e.data == data)) return &e;
  }
  return nullptr;
}

// Returns the command line that reruns the running test alone.
std::string RerunCommand() {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "(not inside a GoogleTest test)";
  return absl::StrCat(program_invocation_name, " --gtest_filter='",
                      info->test_suite_name(), ".", info->name(), "'");
}

class OpTest : public ::testing::TestWithParam<CaseParam> {};

TEST_P(OpTest, Trace) {
  const CaseParam& param = GetParam();
  OpEntry& op = *param.op;
  const OpSpec& spec = op.spec;
  const char* file = spec.file.c_str();
  auto record = [&](CaseVerdict verdict, std::string reason) {
    RunRecords().push_back(
        {spec.name, param.mode, param.data, verdict, std::move(reason)});
  };
  const Expectation* expectation =
      FindExpectation(spec, param.mode, param.data);
  if (expectation != nullptr && expectation->kind == Expectation::Kind::kSkip) {
    record(CaseVerdict::kSkip, expectation->reason);
    GTEST_SKIP() << "[gtest_fx] skipped by its registration (" << Location(spec)
                 << "): " << expectation->reason;
  }
  const absl::StatusOr<std::vector<Args>>& samples = SamplesOf(op);
  if (!samples.ok()) {
    record(CaseVerdict::kFail, std::string(samples.status().message()));
    ADD_FAILURE_AT(file, spec.line) << samples.status().message();
    return;
  }
  const std::string rerun = RerunCommand();
  CheckResult result = RunIsolated(
      [&] { return CheckOp(spec, *samples, param.mode, param.data, rerun); },
      absl::StrCat("op '", spec.name, "', mode ", ModeName(param.mode),
                   ", data ", DataName(param.data), " (", Location(spec),
                   "; rerun: ", rerun, ")"));
  if (expectation != nullptr) {  // kExpectFailure
    switch (result.verdict) {
      case CheckResult::Verdict::kFail:
        record(CaseVerdict::kExpectedFailure, expectation->reason);
        RecordProperty("gtest_fx_expected_failure", expectation->reason);
        return;
      case CheckResult::Verdict::kPass:
        record(CaseVerdict::kFail,
               absl::StrCat("unexpectedly passed; expected to fail because: ",
                            expectation->reason));
        ADD_FAILURE_AT(file, spec.line)
            << "[gtest_fx] op '" << spec.name
            << "' unexpectedly passed in mode " << ModeName(param.mode)
            << " on " << DataName(param.data)
            << " data; its registration expects a failure because: "
            << expectation->reason
            << "\n  If the cause is fixed, remove the ExpectFailure at "
            << Location(spec) << " (or the line of the expectations file).";
        return;
      case CheckResult::Verdict::kSkip:
        break;
    }
  }
  switch (result.verdict) {
    case CheckResult::Verdict::kFail:
      record(CaseVerdict::kFail, result.cause);
      ADD_FAILURE_AT(file, spec.line) << result.message;
      break;
    case CheckResult::Verdict::kSkip:
      record(CaseVerdict::kSkip, result.message);
      GTEST_SKIP() << "[gtest_fx] " << result.message;
    case CheckResult::Verdict::kPass:
      record(CaseVerdict::kPass, result.message);
      if (!result.message.empty()) {
        // Some samples were skipped: say so where the user looks.
        std::printf("[gtest_fx] note: %s\n", result.message.c_str());
        RecordProperty("gtest_fx_note", result.message);
      }
      break;
  }
}

// A binary may link gtest_fx for MakeFxCheck alone and register no op.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OpTest);

INSTANTIATE_TEST_SUITE_P(MakeFx, OpTest, ::testing::ValuesIn(GenerateCases()),
                         [](const ::testing::TestParamInfo<CaseParam>& info) {
                           return CaseName(info.param);
                         });

}  // namespace

// Defined here, not in registry.cc, so that the object file holding the
// TEST_P and its instantiation is linked into every binary that registers an
// op, even when gtest_fx is a static library.
void RegisterOpSpec(OpSpec spec) { Registry::Get().Add(std::move(spec)); }

size_t RegisteredOpCount() { return Registry::Get().entries().size(); }

::testing::AssertionResult MakeFxCheckSpec(OpSpec spec, Args args,
                                           TracingMode mode, Data data) {
  if (auto error = CheckSampleFits(spec, args, 0)) {
    return ::testing::AssertionFailure()
           << "[gtest_fx] MakeFxCheck at " << Location(spec) << ": " << *error;
  }
  CheckResult result =
      CheckOp(spec, {std::move(args)}, mode, data, RerunCommand());
  switch (result.verdict) {
    case CheckResult::Verdict::kPass:
      return ::testing::AssertionSuccess()
             << "passed in mode " << ModeName(mode) << " on " << DataName(data)
             << " data" << (result.message.empty() ? "" : ": ")
             << result.message;
    case CheckResult::Verdict::kSkip:
      return ::testing::AssertionSuccess() << "skipped: " << result.message;
    case CheckResult::Verdict::kFail:
      break;
  }
  return ::testing::AssertionFailure() << result.message;
}

}  // namespace gtest_fx::internal
