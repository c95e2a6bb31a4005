// End-to-end tests: run small gtest_fx test binaries as a user would and read
// what they print, their JSON results, and what ctest sees.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

struct ProcessRun {
  int exit_code;
  std::string output;  // stdout and stderr
};

ProcessRun RunCommand(const std::string& command) {
  ProcessRun run{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.output.append(buffer.data(), n);
  }
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The result of one test, from GoogleTest's JSON output.
struct Result {
  std::string result;  // COMPLETED or SKIPPED
  std::string failures;
  nlohmann::json raw;
};

// Runs `binary` with `flags` and returns its results by full test name.
std::map<std::string, Result> RunBinary(const std::string& binary,
                                        const std::string& flags,
                                        const std::string& env = "") {
  const std::string json_path =
      ::testing::TempDir() + "gtest_fx_e2e_" +
      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json";
  ProcessRun run = RunCommand(env + " " + binary + " " + flags +
                              " --gtest_output=json:" + json_path);
  std::map<std::string, Result> results;
  std::ifstream in(json_path);
  if (!in) {
    ADD_FAILURE() << "no JSON output; the binary printed:\n" << run.output;
    return results;
  }
  nlohmann::json json = nlohmann::json::parse(in);
  for (const auto& suite : json["testsuites"]) {
    for (const auto& test : suite["testsuite"]) {
      Result r;
      r.result = test.value("result", "");
      for (const auto& failure :
           test.value("failures", nlohmann::json::array())) {
        r.failures += failure.value("failure", "");
      }
      r.raw = test;
      results[suite["name"].get<std::string>() + "." +
              test["name"].get<std::string>()] = r;
    }
  }
  return results;
}

std::map<std::string, Result> RunCases(const std::string& flags,
                                       const std::string& env = "") {
  return RunBinary(GTEST_FX_CASES_BIN, flags, env);
}

const std::map<std::string, Result>& FullRun() {
  static const auto* results = new std::map<std::string, Result>(RunCases(""));
  return *results;
}

std::string Case(const std::string& op, const std::string& mode,
                 const std::string& data) {
  return "MakeFx/OpTest.Trace/" + op + "_" + mode + "_" + data;
}

std::string GradCase(const std::string& op, const std::string& mode,
                     const std::string& data) {
  return "MakeFx/OpGradTest.Grad/" + op + "_" + mode + "_" + data;
}

std::string GradCheck(const std::string& op) {
  return "OpCheck/OpTest.GradCheck/" + op;
}

// Returns how many of `results` have a name that starts with `prefix`.
size_t CountWithPrefix(const std::map<std::string, Result>& results,
                       const std::string& prefix) {
  size_t count = 0;
  for (const auto& [name, result] : results) {
    count += name.compare(0, prefix.size(), prefix) == 0;
  }
  return count;
}

const std::array<const char*, 3> kModes = {"real", "fake", "symbolic"};
const std::array<const char*, 2> kData = {"original", "randomized"};

// The ops of test/e2e/cases.cc, and those of them that get gradient cases
// and a GradCheck: all but integer_inputs and not_differentiable.
constexpr size_t kCaseOps = 15;
constexpr size_t kDifferentiableCaseOps = 13;

TEST(GeneratedCases, SixPerOpWithFixedNames) {
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CASES_BIN) + " --gtest_list_tests");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("MakeFx/OpTest.\n"));
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      EXPECT_THAT(run.output, HasSubstr(std::string("  Trace/good_") + mode +
                                        "_" + data + "\n"));
    }
  }
  EXPECT_EQ(CountWithPrefix(FullRun(), "MakeFx/OpTest.Trace/"), kCaseOps * 6);
  // Besides them: six gradient cases and a GradCheck per differentiable op.
  EXPECT_EQ(FullRun().size(), kCaseOps * 6 + kDifferentiableCaseOps * (6 + 1));
}

// Every case points at its op's registration, where IDEs and GoogleTest's
// XML and JSON output look; the listing's JSON is complete although the
// binary ends a listing with _Exit.
TEST(GeneratedCases, EachCaseCarriesItsRegistrationsFileAndLine) {
  const std::string source =
      std::string(GTEST_FX_SOURCE_DIR) + "/test/e2e/cases.cc";
  std::ifstream in(source);
  std::string text;
  int line = 0;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.rfind("GTEST_FX_REGISTER_OP(good,", 0) == 0) line = number;
  }
  ASSERT_GT(line, 0) << "no registration of 'good' in " << source;
  const std::map<std::string, Result> listed =
      RunBinary(GTEST_FX_CASES_BIN, "--gtest_list_tests");
  EXPECT_EQ(listed.size(), FullRun().size());
  for (const std::string& name :
       {Case("good", "real", "original"),
        Case("good", "symbolic", "randomized"),
        GradCase("good", "fake", "original"),
        std::string("OpCheck/OpTest.GradCheck/good")}) {
    ASSERT_TRUE(listed.count(name)) << name;
    const nlohmann::json& test = listed.at(name).raw;
    EXPECT_THAT(test.value("file", ""),
                ::testing::EndsWith("test/e2e/cases.cc"))
        << name;
    EXPECT_EQ(test.value("line", 0), line) << name;
  }
}

TEST(GeneratedCases, ACorrectOpPassesAllSix) {
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      const Result& r = FullRun().at(Case("good", mode, data));
      EXPECT_EQ(r.result, "COMPLETED");
      EXPECT_EQ(r.failures, "") << mode << " " << data;
    }
  }
}

TEST(GeneratedCases, AFailureNamesTheCaseAndPointsAtTheRegistration) {
  const Result& r = FullRun().at(Case("bakes_value", "real", "randomized"));
  EXPECT_THAT(r.failures,
              AllOf(HasSubstr("cases.cc:"),
                    HasSubstr("op 'bakes_value', sample 1 of 1, mode real, "
                              "data randomized (values drawn with seed 1000)"),
                    HasSubstr("baked tensor data into the graph"),
                    HasSubstr("values differ"), HasSubstr("traced graph:"),
                    HasSubstr("aten::mul"),
                    HasSubstr("--gtest_filter='MakeFx/OpTest.Trace/"
                              "bakes_value_real_randomized'")));
}

TEST(Nondeterminism, AnOpThatDisagreesWithItselfFailsEveryCase) {
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      for (const std::string& name : {Case("global_counter", mode, data),
                                      GradCase("global_counter", mode, data)}) {
        EXPECT_THAT(FullRun().at(name).failures,
                    AllOf(HasSubstr("non-deterministic operator: two eager "
                                    "calls disagree"),
                          HasSubstr("first call vs second call"),
                          Not(HasSubstr("traced graph:"))))
            << name;
      }
    }
  }
}

TEST(Expectations, AnUnexpectedPassFailsWithTheReason) {
  for (const char* data : kData) {
    const Result& r = FullRun().at(Case("unexpected_pass", "real", data));
    EXPECT_THAT(r.failures, AllOf(HasSubstr("unexpectedly passed in mode real"),
                                  HasSubstr("believed broken"),
                                  HasSubstr("remove the ExpectFailure")));
  }
  EXPECT_EQ(FullRun().at(Case("unexpected_pass", "fake", "original")).failures,
            "");
}

TEST(Expectations, AnExpectedFailurePassesAndRecordsTheReason) {
  for (auto [mode, data] :
       {std::pair{"real", "randomized"}, std::pair{"symbolic", "randomized"},
        std::pair{"fake", "original"}, std::pair{"fake", "randomized"}}) {
    const Result& r = FullRun().at(Case("expected_failure", mode, data));
    EXPECT_EQ(r.failures, "") << mode << " " << data;
    EXPECT_TRUE(r.raw.contains("gtest_fx_expected_failure")) << r.raw.dump();
  }
  EXPECT_EQ(FullRun().at(Case("expected_failure", "real", "original")).failures,
            "");
}

TEST(Expectations, SkipsAreReportedAsSkippedWithTheReason) {
  EXPECT_EQ(FullRun().at(Case("skipped", "fake", "original")).result,
            "SKIPPED");
  EXPECT_EQ(FullRun().at(Case("skipped", "real", "original")).result,
            "COMPLETED");
  ProcessRun run = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                              " --gtest_filter='*/skipped_fake_original'");
  EXPECT_THAT(run.output, HasSubstr("not ready for meta yet"));
}

TEST(Preconditions, RandomizedCasesAreSkippedWithTheOpsError) {
  for (const char* mode : kModes) {
    for (const std::string& name :
         {Case("precondition", mode, "randomized"),
          GradCase("precondition", mode, "randomized")}) {
      EXPECT_EQ(FullRun().at(name).result, "SKIPPED") << name;
    }
    for (const std::string& name :
         {Case("precondition", mode, "original"),
          GradCase("precondition", mode, "original")}) {
      EXPECT_EQ(FullRun().at(name).failures, "") << name;
    }
  }
  for (const char* filter : {"MakeFx/OpTest.Trace/precondition_real_randomized",
                             "MakeFx/OpGradTest.Grad/"
                             "precondition_real_randomized"}) {
    ProcessRun run = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                                " --gtest_filter='" + filter + "'");
    EXPECT_THAT(run.output,
                AllOf(HasSubstr("rejects randomized values"),
                      HasSubstr("needs values of at least 1"),
                      HasSubstr("[  SKIPPED ] 1 test, listed below")))
        << filter;
  }
}

TEST(Nondeterminism, ADeclaredOpIsSkippedWithTheReason) {
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      for (const std::string& name :
           {Case("declared_nondeterministic", mode, data),
            GradCase("declared_nondeterministic", mode, data)}) {
        EXPECT_EQ(FullRun().at(name).result, "SKIPPED") << name;
      }
    }
  }
  for (const char* filter :
       {"MakeFx/OpTest.Trace/declared_nondeterministic_real_original",
        "MakeFx/OpGradTest.Grad/declared_nondeterministic_real_original"}) {
    ProcessRun run = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                                " --gtest_filter='" + filter + "'");
    EXPECT_THAT(run.output,
                AllOf(HasSubstr("declared non-deterministic: adds a call "
                                "counter"),
                      HasSubstr("[  SKIPPED ] 1 test,")))
        << filter;
  }
}

// Returns how often `what` occurs in `text`.
size_t Occurrences(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

TEST(OrderIndependence, ShuffledRepeatedRunsGiveTheSameVerdicts) {
  // The six ops' tracing and gradient cases.
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CASES_BIN) +
                 " --gtest_shuffle --gtest_repeat=3 --gtest_brief=1"
                 " --gtest_filter='*/good_*:*/expected_failure_*:*/skipped_*:"
                 "*/precondition_*:*/in_place_on_sample_*:*/bakes_value_*'");
  // Every iteration: the same failures, bakes_value's five failing tracing
  // cases and five failing gradient cases (--gtest_brief prints each once),
  // among them its real randomized ones and not its real original ones; the
  // sample untouched.
  EXPECT_EQ(Occurrences(run.output, "[  FAILED  ] MakeFx/"), 3u * 10u)
      << run.output;
  for (const char* suite :
       {"MakeFx/OpTest.Trace/", "MakeFx/OpGradTest.Grad/"}) {
    EXPECT_EQ(Occurrences(run.output, std::string("[  FAILED  ] ") + suite +
                                          "bakes_value_real_randomized ("),
              3u)
        << suite;
  }
  EXPECT_EQ(
      Occurrences(run.output, "[==========] 72 tests from 2 test suites ran."),
      3u);
  // The matrix describes the last iteration, not the sum of all three.
  EXPECT_THAT(run.output,
              HasSubstr("[gtest_fx] result matrix: 6 ops, 72 cases"));
  EXPECT_THAT(run.output, Not(HasSubstr("bakes_value_real_original (")));
  // Environments are torn down once, at the end.
  EXPECT_EQ(Occurrences(run.output, "the registered sample is unchanged"), 1u);
}

// An op that leaves grad mode off fails each of its tracing cases, naming
// the change; a correct op that needs grad mode passes its tracing and
// gradient cases in every order of the cases, because gtest_fx restores the
// state after each case.
// NOTE: the culprit's gradient cases run it inside the grad mode guard of the
// joint function, which puts grad mode back before the case ends: they see
// no leak, only outputs that do not require grad, and are skipped for that.
void ExpectOnlyTheCulpritFails(const std::map<std::string, Result>& results) {
  ASSERT_EQ(results.size(), 2u * (6u + 6u));
  for (const auto& [name, result] : results) {
    if (name.find("leaves_grad_mode_off") == std::string::npos) {
      EXPECT_EQ(result.failures, "") << name;
      EXPECT_EQ(result.result, "COMPLETED") << name;
    } else if (name.rfind("MakeFx/OpGradTest.Grad/", 0) == 0) {
      EXPECT_EQ(result.failures, "") << name;
      EXPECT_EQ(result.result, "SKIPPED") << name;
    } else {
      EXPECT_THAT(result.failures,
                  AllOf(HasSubstr("the op changes state that outlives its "
                                  "call"),
                        HasSubstr("the op switched grad mode off and did not "
                                  "restore it"),
                        HasSubstr("state_leak.cc:12")))
          << name;
    }
  }
}

TEST(GlobalState, AnOpThatLeavesGradModeOffFailsAndTheNextOpsDoNot) {
  ExpectOnlyTheCulpritFails(
      RunBinary(GTEST_FX_STATE_LEAK_BIN, "--gtest_filter='MakeFx*'"));
}

TEST(GlobalState, TheSameInAShuffledOrder) {
  for (int seed : {1, 2, 3}) {
    ExpectOnlyTheCulpritFails(RunBinary(
        GTEST_FX_STATE_LEAK_BIN,
        "--gtest_filter='MakeFx*' --gtest_shuffle --gtest_random_seed=" +
            std::to_string(seed)));
  }
}

TEST(Threads, OneIntraOpThreadUnlessTheFlagOrOpenMpSaysOtherwise) {
  const std::string binary =
      std::string(GTEST_FX_STATE_LEAK_BIN) + " --gtest_filter='Threads.*'";
  EXPECT_THAT(
      RunCommand("env -u OMP_NUM_THREADS -u MKL_NUM_THREADS " + binary).output,
      HasSubstr("intra-op threads: 1\n"));
  EXPECT_THAT(RunCommand("env -u OMP_NUM_THREADS -u MKL_NUM_THREADS " + binary +
                         " --gtest_fx_threads=3")
                  .output,
              HasSubstr("intra-op threads: 3\n"));
  EXPECT_THAT(RunCommand("env OMP_NUM_THREADS=2 " + binary).output,
              HasSubstr("intra-op threads: 2\n"));
  EXPECT_THAT(RunCommand(binary + " --gtest_fx_threads=0").output,
              HasSubstr("unknown flag '--gtest_fx_threads=0'"));
}

TEST(OpSelection, OneOpRunsExactlyItsCasesAndOpChecks) {
  std::map<std::string, Result> results =
      RunBinary(GTEST_FX_OP_SELECTION_BIN, "--gtest_fx_op=axpy");
  std::set<std::string> names;
  for (const auto& [name, result] : results) names.insert(name);
  std::set<std::string> expected = {
      "OpCheck/OpTest.Schema/axpy", "OpCheck/OpTest.MetaKernel/axpy",
      "OpCheck/OpTest.AutogradRegistration/axpy", GradCheck("axpy")};
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      expected.insert(Case("axpy", mode, data));
      expected.insert(GradCase("axpy", mode, data));
    }
  }
  EXPECT_EQ(names, expected);
  // A glob on the case names, by contrast, also runs axpy_then_clamp.
  std::map<std::string, Result> glob =
      RunBinary(GTEST_FX_OP_SELECTION_BIN, "--gtest_filter='*/axpy_*'");
  EXPECT_TRUE(glob.count(Case("axpy_then_clamp", "real", "original")));
  // Two ops, and a filter on top: their fake tracing and gradient cases.
  EXPECT_EQ(RunBinary(GTEST_FX_OP_SELECTION_BIN,
                      "--gtest_fx_op=axpy,axpy_then_clamp "
                      "--gtest_filter='*_fake_*'")
                .size(),
            2u * (2u + 2u));
}

TEST(OpSelection, AnUnknownOpIsAnError) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_OP_SELECTION_BIN) +
                              " --gtest_fx_op=axpyy");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output,
              HasSubstr("--gtest_fx_op=axpyy: no op of that name is "
                        "registered in this binary"));
}

TEST(Exceptions, AnyThrowFailsOnlyItsCase) {
  EXPECT_THAT(FullRun().at(Case("throws_int", "real", "original")).failures,
              HasSubstr("an exception that is not a std::exception"));
  EXPECT_THAT(FullRun().at(Case("lazy_throws", "fake", "original")).failures,
              HasSubstr("the SampleFn of sample 1 threw: std::runtime_error: "
                        "no data today"));
}

TEST(LazySamples, AreBuiltOnlyWhenACaseOfTheirOpRuns) {
  ProcessRun other = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                                " --gtest_filter='*/good_*'");
  EXPECT_EQ(other.exit_code, 0) << other.output;
  EXPECT_THAT(other.output, Not(HasSubstr("[lazy sample built]")));
  ProcessRun own = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                              " --gtest_filter='*/lazy_*'");
  const size_t first = own.output.find("[lazy sample built]");
  ASSERT_NE(first, std::string::npos) << own.output;
  EXPECT_EQ(own.output.find("[lazy sample built]", first + 1),
            std::string::npos)
      << "built more than once";
}

TEST(Filters, SelectByOpModeAndData) {
  // An op's six tracing cases and six gradient cases.
  EXPECT_EQ(RunCases("--gtest_filter='*/good_*'").size(), 6u + 6u);
  EXPECT_EQ(RunCases("--gtest_filter='*_symbolic_*'").size(),
            (kCaseOps + kDifferentiableCaseOps) * 2);
  EXPECT_EQ(RunCases("--gtest_filter='*_randomized'").size(),
            (kCaseOps + kDifferentiableCaseOps) * 3);
  // The tracing cases alone, the gradient cases alone.
  EXPECT_EQ(RunCases("--gtest_filter='MakeFx/OpTest.*_randomized'").size(),
            kCaseOps * 3);
  EXPECT_EQ(RunCases("--gtest_filter='MakeFx/OpGradTest.*_randomized'").size(),
            kDifferentiableCaseOps * 3);
}

TEST(Sharding, ShardsPartitionTheCases) {
  std::set<std::string> seen;
  size_t total = 0;
  for (int shard = 0; shard < 3; ++shard) {
    auto results = RunCases(
        "--gtest_filter='*/good_*:*/skipped_*'",
        "GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=" + std::to_string(shard));
    for (const auto& [name, result] : results) {
      if (result.raw.value("status", "") != "RUN") continue;
      seen.insert(name);
      ++total;
    }
  }
  // Two ops' tracing and gradient cases.
  EXPECT_EQ(seen.size(), 2u * (6u + 6u));
  EXPECT_EQ(total, 2u * (6u + 6u)) << "a case ran in two shards";
}

TEST(BadRegistrations, AreAllReportedBeforeAnyCaseRuns) {
  for (const char* flags : {"", "--gtest_list_tests"}) {
    ProcessRun run = RunCommand(std::string(GTEST_FX_BAD_BIN) + " " + flags);
    EXPECT_EQ(run.exit_code, 1) << flags;
    EXPECT_THAT(run.output, Not(HasSubstr("[ RUN")));
    EXPECT_THAT(
        run.output,
        AllOf(HasSubstr("[gtest_fx] duplicate op name 'twice': registered at "),
              HasSubstr("op names must be unique in one test binary"),
              HasSubstr("op 'no_samples' registered at "),
              HasSubstr("no samples; add at least one .Sample(...)"),
              HasSubstr("op 'unknown_op' registered at "),
              HasSubstr("the dispatcher knows no op 'aten::no_such_op'"),
              HasSubstr("op 'bad_schema_sample' registered at "),
              HasSubstr("sample 1 does not fit the op: argument 1 ('other', "
                        "Tensor) gets a double"),
              HasSubstr("missing required argument 1 ('other', Tensor)"),
              HasSubstr("op '123abc' registered at "),
              HasSubstr("is not a C++ identifier"),
              HasSubstr("op 'double_for_int' registered at "),
              HasSubstr("argument 1 is a double but the callable takes an "
                        "integer"),
              HasSubstr("op 'empty_reason' registered at "),
              HasSubstr("has an empty reason"),
              HasSubstr("op 'grad_failure_of_integers' registered at "),
              HasSubstr("op 'grad_check_of_not_differentiable' registered at "),
              HasSubstr("bad_registrations.cc:"),
              HasSubstr("10 registration error(s); no test was run.")));
  }
}

TEST(Ctest, LabelsSelectModesAndData) {
  const std::string ctest = std::string(GTEST_FX_CTEST) + " --test-dir " +
                            GTEST_FX_EXAMPLES_DIR + " -N ";
  const int ops = 7;
  const int dispatcher_ops = 2;  // with three op checks each
  // Every example op is differentiable: six gradient cases and a GradCheck
  // each, labelled by mode and data like the tracing cases.
  const int grad_ops = 7;
  for (auto [label, count] :
       {std::pair{"fake", 2 * ops + 2 * grad_ops},
        std::pair{"real", 2 * ops + 2 * grad_ops},
        std::pair{"symbolic", 2 * ops + 2 * grad_ops},
        std::pair{"randomized", 3 * ops + 3 * grad_ops},
        std::pair{"original", 3 * ops + 3 * grad_ops},
        std::pair{"op_check", 3 * dispatcher_ops + grad_ops},
        std::pair{"MetaKernel", dispatcher_ops},
        std::pair{"GradCheck", grad_ops},
        std::pair{"gtest_fx",
                  6 * ops + 6 * grad_ops + 3 * dispatcher_ops + grad_ops},
        // One op: its six tracing cases, six gradient cases and GradCheck
        // (relu is a dispatcher op: and its three checks), not those of
        // other ops.
        std::pair{"op:relu", 6 + 6 + 1 + 3},
        std::pair{"op:scaled_add", 6 + 6 + 1}}) {
    ProcessRun run = RunCommand(ctest + "-L '^" + label + "$'");
    EXPECT_THAT(run.output, HasSubstr("Total Tests: " + std::to_string(count)))
        << label << "\n"
        << run.output;
  }
  ProcessRun fake = RunCommand(ctest + "-L '^fake$'");
  EXPECT_THAT(fake.output, HasSubstr("MakeFx/OpTest.Trace/relu_fake_original"));
  EXPECT_THAT(fake.output, Not(HasSubstr("_real_")));
}

}  // namespace

namespace {

TEST(StaticLibraries, APlainLinkDropsRegistrationsAndSaysSo) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_STATIC_DROPPED_BIN) +
                              " --gtest_list_tests");
  EXPECT_THAT(run.output, Not(HasSubstr("static_op")));
  EXPECT_THAT(run.output, HasSubstr("no op is registered in this binary"));
}

TEST(SharedLibraries, GtestFxLinkOpsKeepsAnOpLibraryNamedOnlyByString) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_SHARED_KEPT_BIN));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // Six tracing cases, six gradient cases, four op checks: all pass.
  EXPECT_THAT(run.output, AllOf(HasSubstr("OpCheck/OpTest.MetaKernel/twice"),
                                HasSubstr("[  PASSED  ] 16 tests.")));
}

TEST(SharedLibraries, APlainLinkUnderAsNeededLosesItAndSaysWhy) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_SHARED_PLAIN_BIN));
  if (run.exit_code == 0) {
    GTEST_SKIP() << "this toolchain does not link with --as-needed: the "
                    "plain link kept the library";
  }
  EXPECT_THAT(run.output,
              HasSubstr("the dispatcher knows no op 'gtest_fx_shared::twice'"));
}

TEST(StaticLibraries, GtestFxLinkOpsKeepsThem) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_STATIC_KEPT_BIN));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("MakeFx/OpTest.Trace/static_op_fake_"
                                    "randomized"));
  // Six tracing cases, six gradient cases, GradCheck.
  EXPECT_THAT(run.output, HasSubstr("[  PASSED  ] 13 tests."));
  EXPECT_THAT(run.output, Not(HasSubstr("no op is registered")));
}

}  // namespace

namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "gtest_fx_e2e_" + name;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ExpectationsFile, AppliesXfailAndSkipEntries) {
  const std::string path = TempPath("expectations.json");
  WriteFile(path, R"({"expectations": [
    {"case": "global_counter_real_original", "status": "xfail", "reason": "reads a counter"},
    {"case": "global_counter_fake_original", "status": "skip", "reason": "not now"}
  ]})");
  auto results = RunCases(
      "--gtest_filter='*/global_counter_*' "
      "--gtest_fx_expectations=" +
      path);
  const Result& xfail = results.at(Case("global_counter", "real", "original"));
  EXPECT_EQ(xfail.failures, "");
  EXPECT_EQ(xfail.raw.value("gtest_fx_expected_failure", ""),
            "reads a counter");
  EXPECT_EQ(results.at(Case("global_counter", "fake", "original")).result,
            "SKIPPED");
  EXPECT_NE(results.at(Case("global_counter", "symbolic", "original")).failures,
            "");
}

TEST(ExpectationsFile, AnXfailThatPassesFailsTheRun) {
  const std::string path = TempPath("stale_xfail.json");
  WriteFile(path, R"({"expectations": [
    {"case": "good_real_original", "status": "xfail", "reason": "old news"}]})");
  auto results = RunCases(
      "--gtest_filter='*/good_real_original' "
      "--gtest_fx_expectations=" +
      path);
  EXPECT_THAT(results.at(Case("good", "real", "original")).failures,
              AllOf(HasSubstr("unexpectedly passed"), HasSubstr("old news")));
}

TEST(ExpectationsFile, AnEntryForAnUnknownOpIsAnError) {
  const std::string path = TempPath("unknown_op.json");
  WriteFile(path, R"({"expectations": [
    {"case": "gone_fake_original", "status": "xfail", "reason": "r"}]})");
  ProcessRun run = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                              " --gtest_fx_expectations=" + path);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("case 'gone_fake_original' names no "
                                    "registered op"));
}

TEST(ExpectationsFile, IsRegeneratedFromARun) {
  const std::string path = TempPath("regenerated.json");
  WriteFile(path, R"({"expectations": [
    {"case": "global_counter_real_original", "status": "xfail", "reason": "kept reason"},
    {"case": "good_real_original", "status": "xfail", "reason": "stale"}]})");
  ProcessRun run = RunCommand(std::string(GTEST_FX_CASES_BIN) +
                              " --gtest_filter='*/global_counter_*:*/good_*'"
                              " --gtest_fx_update_expectations=" +
                              path);
  // global_counter's six tracing cases and six gradient cases.
  EXPECT_THAT(run.output, HasSubstr("[gtest_fx] wrote 12 expectations to"));
  const std::string text = ReadFile(path);
  EXPECT_THAT(text,
              AllOf(HasSubstr("{\"case\":\"global_counter_real_original\","
                              "\"status\":\"xfail\",\"reason\":\"kept "
                              "reason\"}"),
                    HasSubstr("{\"case\":\"global_counter_fake_original\","
                              "\"status\":\"xfail\",\"reason\":\""
                              "non-deterministic operator: two eager calls "
                              "disagree: first call vs second call: output "
                              "([3] float32): values differ\"}"),
                    HasSubstr("{\"case\":\"Grad/global_counter_fake_original\","
                              "\"status\":\"xfail\",\"reason\":\""
                              "non-deterministic operator: two eager calls "
                              "disagree: first call vs second call: output "
                              "([3] float32): values differ\"}"),
                    HasSubstr("global_counter_symbolic_randomized"),
                    HasSubstr("Grad/global_counter_symbolic_randomized"),
                    Not(HasSubstr("good_"))));
  // The regenerated file makes the same selection pass.
  auto results = RunCases(
      "--gtest_filter='*/global_counter_*:*/good_*' "
      "--gtest_fx_expectations=" +
      path);
  for (const auto& [name, result] : results) {
    EXPECT_EQ(result.failures, "") << name;
  }
}

TEST(Reports, AreWrittenFromARunByFlagAndByEnvironment) {
  const std::string json_path = TempPath("report.json");
  const std::string html_path = TempPath("report.html");
  const std::string md_path = TempPath("report.md");
  ProcessRun run =
      RunCommand("GTEST_FX_REPORT=" + md_path + " " + GTEST_FX_CASES_BIN +
                 " --gtest_filter='*/good_*:*/expected_failure_*:*/skipped_*'");
  // Three ops' tracing and gradient cases.
  EXPECT_THAT(run.output,
              AllOf(HasSubstr("[gtest_fx] result matrix: 3 ops, 36 cases"),
                    HasSubstr("expected_failure  pass      xfail     xfail"),
                    HasSubstr("wrote the result matrix to " + md_path)));
  EXPECT_THAT(ReadFile(md_path),
              AllOf(HasSubstr("| grad_real | grad_fake | grad_symbolic |\n"),
                    HasSubstr("| skipped | pass | pass | skip | skip | pass | "
                              "pass | pass | pass | pass |"),
                    HasSubstr("| expected_failure | pass | xfail | xfail | "
                              "xfail | xfail | xfail | xfail | xfail | xfail "
                              "|")));
  RunCommand(std::string(GTEST_FX_CASES_BIN) +
             " --gtest_filter='*/good_*:*/expected_failure_*:*/skipped_*'"
             " --gtest_fx_report=" +
             json_path + "," + html_path);
  nlohmann::json json = nlohmann::json::parse(ReadFile(json_path));
  EXPECT_EQ(json["ops"].size(), 3u);
  EXPECT_EQ(json["totals"]["fake_original"]["xfail"], 1);
  EXPECT_EQ(json["totals"]["fake_original"]["skip"], 1);
  EXPECT_EQ(json["totals"]["fake_original"]["pass"], 1);
  // A gradient column counts the cases of both data variants.
  EXPECT_EQ(json["totals"]["grad_fake"]["xfail"], 2);
  EXPECT_EQ(json["totals"]["grad_fake"]["pass"], 4);
  EXPECT_THAT(ReadFile(html_path),
              HasSubstr("<td class=\"xfail\" data-col=\"fake_original\" "
                        "title=\"item needs data\"><a href=\"#case-"));
}

TEST(Flags, AnUnknownGtestFxFlagIsAnError) {
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CASES_BIN) + " --gtest_fx_reprot=x.json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("unknown flag '--gtest_fx_reprot=x.json'"));
}

#ifdef GTEST_FX_EXAMPLES_BIN

// Runs the example suite with `args`, as shard `index` of `total` when given.
ProcessRun RunExamples(const std::string& args, int index = -1, int total = 0) {
  const std::string env =
      total > 0 ? "GTEST_TOTAL_SHARDS=" + std::to_string(total) +
                      " GTEST_SHARD_INDEX=" + std::to_string(index) + " "
                : "";
  return RunCommand(env + GTEST_FX_EXAMPLES_BIN + " " + args);
}

// Returns `text` with every number replaced by '#'. The example suite's
// samples come from at::randn, whose generator LibTorch seeds differently in
// every process: the values a message quotes differ between two runs, as
// timings would.
std::string WithoutNumbers(const std::string& text) {
  static const std::regex kNumber("-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?");
  return std::regex_replace(text, kNumber, "#");
}

// Returns the JSON report with the numbers of its messages masked.
nlohmann::json WithoutNumbersInMessages(nlohmann::json report) {
  for (auto& op : report["ops"]) {
    for (auto& [column, cell] : op["cases"].items()) {
      if (cell.contains("message")) {
        cell["message"] = WithoutNumbers(cell["message"].get<std::string>());
      }
    }
  }
  return report;
}

// The terminal matrix in a run's output, through the line that counts the
// aten operators.
std::string PrintedMatrix(const std::string& output) {
  const size_t begin = output.find("[gtest_fx] result matrix:");
  const size_t end = output.find("distinct aten operators\n", begin);
  if (begin == std::string::npos || end == std::string::npos) return "";
  return output.substr(begin, end - begin);
}

TEST(MergedShards, ThreeShardsOfTheExamplesMergeIntoOneUnshardedRun) {
  const std::string whole = TempPath("merge_whole");
  ProcessRun one =
      RunExamples("--gtest_fx_report=" + whole + ".json," + whole + ".html");
  ASSERT_EQ(one.exit_code, 0) << one.output;
  const nlohmann::json expected =
      nlohmann::json::parse(ReadFile(whole + ".json"));
  std::string shards;
  size_t sharded_cases = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string shard =
        TempPath("merge_shard" + std::to_string(i) + ".json");
    ProcessRun run = RunExamples("--gtest_fx_report=" + shard, i, 3);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const nlohmann::json json = nlohmann::json::parse(ReadFile(shard));
    EXPECT_EQ(json["shard"], nlohmann::json({{"index", i}, {"total", 3}}));
    for (const auto& op : json["ops"]) sharded_cases += op["cases"].size();
    shards += (i > 0 ? "," : "") + shard;
  }
  size_t cases = 0;
  for (const auto& op : expected["ops"]) cases += op["cases"].size();
  EXPECT_EQ(sharded_cases, cases);

  const std::string merged = TempPath("merge_merged");
  ProcessRun merge =
      RunExamples("--gtest_fx_merge_reports=" + shards +
                  " --gtest_fx_report=" + merged + ".json," + merged + ".html");
  EXPECT_EQ(merge.exit_code, 0) << merge.output;
  // No case ran; the matrix is the one the unsharded run printed.
  EXPECT_THAT(merge.output,
              AllOf(Not(HasSubstr("[ RUN")), Not(HasSubstr("[==========]")),
                    HasSubstr("[gtest_fx] merged 3 reports: " +
                              std::to_string(cases) + " cases, 0 failed")));
  EXPECT_NE(PrintedMatrix(one.output), "");
  EXPECT_EQ(PrintedMatrix(merge.output), PrintedMatrix(one.output));
  // Every record (verdict, reason, message, position) in the same order,
  // the totals and the aten operators; the values the messages quote aside.
  const nlohmann::json actual =
      nlohmann::json::parse(ReadFile(merged + ".json"));
  EXPECT_EQ(WithoutNumbersInMessages(actual),
            WithoutNumbersInMessages(expected))
      << "merged:\n"
      << actual.dump(1) << "\nunsharded:\n"
      << expected.dump(1);
  EXPECT_EQ(WithoutNumbers(ReadFile(merged + ".html")),
            WithoutNumbers(ReadFile(whole + ".html")));
}

TEST(MergedShards, OverlappingConflictingAndMissingShardsAreNamed) {
  // Shard 0 of 3 of scaled_add's six tracing and six gradient cases: four.
  const std::string shard0 = TempPath("merge_errors_shard0.json");
  ProcessRun run = RunExamples(
      "--gtest_filter='*/scaled_add_*' --gtest_fx_report=" + shard0, 0, 3);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string merged = TempPath("merge_errors_merged.json");
  std::remove(merged.c_str());

  // The same shard twice.
  const std::string again = TempPath("merge_errors_again.json");
  WriteFile(again, ReadFile(shard0));
  ProcessRun overlap = RunExamples("--gtest_fx_merge_reports=" + shard0 + "," +
                                   again + " --gtest_fx_report=" + merged);
  EXPECT_EQ(overlap.exit_code, 1);
  EXPECT_THAT(overlap.output,
              AllOf(HasSubstr("[gtest_fx] cannot merge overlapping shards"),
                    HasSubstr("overlapping: " + shard0 + " and " + again +
                              " both hold 4 case(s), e.g. "
                              "MakeFx/OpTest.Trace/scaled_add_real_original "
                              "(pass in both)"),
                    Not(HasSubstr("[ RUN"))));
  EXPECT_EQ(ReadFile(merged), "") << "nothing is written";

  // A case with another verdict in another report.
  nlohmann::json json = nlohmann::json::parse(ReadFile(shard0));
  json["ops"][0]["cases"]["real_original"]["verdict"] = "FAIL";
  const std::string conflicting = TempPath("merge_errors_conflicting.json");
  WriteFile(conflicting, json.dump());
  ProcessRun conflict =
      RunExamples("--gtest_fx_merge_reports=" + shard0 + "," + conflicting +
                  " --gtest_fx_report=" + merged);
  EXPECT_EQ(conflict.exit_code, 1);
  EXPECT_THAT(conflict.output,
              AllOf(HasSubstr("[gtest_fx] cannot merge conflicting shards"),
                    HasSubstr("conflicting: " + shard0 + " and " + conflicting +
                              " disagree on 1 case(s), e.g. "
                              "MakeFx/OpTest.Trace/scaled_add_real_original is "
                              "pass in " +
                              shard0 + " but FAIL in " + conflicting)));
  EXPECT_EQ(ReadFile(merged), "");

  // Shards 1 and 2 missing: the merge writes what it has, and fails.
  ProcessRun missing = RunExamples("--gtest_fx_merge_reports=" + shard0 +
                                   " --gtest_fx_report=" + merged);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output,
              HasSubstr("[gtest_fx] warning: no report of shards 1, 2 of 3 "
                        "(GTEST_SHARD_INDEX=1, 2): their cases are missing "
                        "from the merged matrix"));
  EXPECT_THAT(ReadFile(merged), HasSubstr("\"op\": \"scaled_add\""));

  // What is not a gtest_fx report.
  const std::string gtest_json = TempPath("merge_errors_gtest.json");
  WriteFile(gtest_json, R"({"testsuites": []})");
  ProcessRun foreign = RunExamples("--gtest_fx_merge_reports=" + gtest_json);
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_THAT(foreign.output,
              HasSubstr("[gtest_fx] '" + gtest_json +
                        "' is not a gtest_fx JSON report: it has no "
                        "\"tool\": \"gtest_fx\""));
  ProcessRun absent = RunExamples("--gtest_fx_merge_reports=" + shard0 +
                                  ",/nonexistent/shard1.json");
  EXPECT_EQ(absent.exit_code, 1);
  EXPECT_THAT(absent.output, HasSubstr("[gtest_fx] cannot read the report "
                                       "'/nonexistent/shard1.json' to merge"));
}

#endif  // GTEST_FX_EXAMPLES_BIN

}  // namespace

namespace {

TEST(Progress, IsOneUpdatingLineOnATerminalAndOffInAPipe) {
  // good's six tracing and six gradient cases.
  const std::string filter = " --gtest_filter='*/good_*'";
  ProcessRun pipe = RunCommand(std::string(GTEST_FX_CASES_BIN) + filter);
  EXPECT_THAT(pipe.output, AllOf(HasSubstr("[ RUN      ]"),
                                 Not(HasSubstr("\r\033[K[gtest_fx] "))));
  ProcessRun on = RunCommand(std::string(GTEST_FX_CASES_BIN) + filter +
                             " --gtest_fx_progress=on");
  EXPECT_THAT(
      on.output,
      AllOf(HasSubstr("\r\033[K[gtest_fx] 3/12 MakeFx/OpTest.Trace/good_"),
            HasSubstr("\r\033[K[gtest_fx] 9/12 MakeFx/OpGradTest.Grad/good_"),
            Not(HasSubstr("[ RUN      ]")), HasSubstr("12 tests ran"),
            HasSubstr("12 passed, 0 failed")));
  // `script` gives the binary a terminal: auto mode turns the line on. A
  // machine without it, or without pseudo-terminals (a container with no
  // /dev/pts), cannot show this: the test says so and skips.
  if (RunCommand("command -v script").exit_code != 0) {
    GTEST_SKIP() << "cannot provide a terminal: no `script` command";
  }
  if (ProcessRun probe = RunCommand("script -qec true /dev/null");
      probe.exit_code != 0) {
    GTEST_SKIP() << "cannot provide a terminal: `script` failed: "
                 << probe.output;
  }
  ProcessRun tty =
      RunCommand("script -qec \"" + std::string(GTEST_FX_CASES_BIN) + filter +
                 "\" /dev/null");
  EXPECT_THAT(tty.output, HasSubstr("[gtest_fx] 5/12 "));
}

}  // namespace

namespace {

TEST(Isolation, ACrashAHangAndANonDeterministicOpFailOnlyTheirCases) {
  const std::string json_path = TempPath("hostile.json");
  ProcessRun run = RunCommand(std::string(GTEST_FX_HOSTILE_BIN) +
                              // 5 s: generous for the forked children
                              // of the cases that finish (LibTorch is
                              // loaded already), short for the hangs.
                              " --gtest_fx_isolate --gtest_fx_case_timeout=5"
                              " --gtest_filter='*_original'"
                              " --gtest_output=json:" +
                              json_path);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  nlohmann::json json = nlohmann::json::parse(ReadFile(json_path));
  std::map<std::string, std::string> failures;
  for (const auto& suite : json["testsuites"]) {
    for (const auto& test : suite["testsuite"]) {
      std::string text;
      for (const auto& f : test.value("failures", nlohmann::json::array())) {
        text += f.value("failure", "");
      }
      failures[test["name"].get<std::string>()] = text;
    }
  }
  // Four ops' tracing cases; gradient cases of the two that have them (the
  // crash and the hang are declared NotDifferentiable).
  ASSERT_EQ(failures.size(), 4u * 3u + 2u * 3u) << run.output;
  for (const char* mode : kModes) {
    const std::string m = mode;
    EXPECT_EQ(failures.count("Grad/crashes_" + m + "_original"), 0u);
    EXPECT_EQ(failures.count("Grad/hangs_" + m + "_original"), 0u);
    EXPECT_THAT(failures["Grad/nondeterministic_" + m + "_original"],
                HasSubstr("non-deterministic operator"));
    EXPECT_EQ(failures["Grad/correct_" + m + "_original"], "");
    EXPECT_THAT(
        failures["Trace/crashes_" + m + "_original"],
        AllOf(HasSubstr("op 'crashes', mode " + m),
              HasSubstr("crashed with signal 11 (Segmentation fault)")));
    EXPECT_THAT(
        failures["Trace/hangs_" + m + "_original"],
        AllOf(HasSubstr("op 'hangs', mode " + m),
              HasSubstr("did not finish within its time limit of 5 s")));
    EXPECT_THAT(failures["Trace/nondeterministic_" + m + "_original"],
                HasSubstr("non-deterministic operator"));
    EXPECT_EQ(failures["Trace/correct_" + m + "_original"], "");
  }
  EXPECT_THAT(run.output,
              HasSubstr("crashes           FAIL      -         FAIL"));
}

TEST(Isolation, InProcessATimeLimitEndsTheRunNamingTheCase) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_HOSTILE_BIN) +
                              " --gtest_fx_case_timeout=1"
                              " --gtest_filter='*/hangs_real_original'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output,
              AllOf(HasSubstr("op 'hangs', mode real, data original"),
                    HasSubstr("use --gtest_fx_isolate to fail only this "
                              "case")));
}

}  // namespace

namespace {

TEST(Isolation, UnderCtestEachCaseIsAProcessAndOnlyTheThreeFail) {
  // A minimal CTest directory with one test per case, as
  // gtest_fx_discover_tests registers them.
  const std::string dir = TempPath("hostile_ctest");
  RunCommand("rm -rf " + dir + " && mkdir -p " + dir);
  std::string tests;
  for (const char* op : {"crashes", "hangs", "nondeterministic", "correct"}) {
    const std::string name = std::string(op) + "_real_original";
    tests += "add_test(" + name + " \"" + GTEST_FX_HOSTILE_BIN +
             "\" \"--gtest_filter=MakeFx/OpTest.Trace/" + name + "\")\n" +
             // A time limit only where a hang is what is tested: the
             // others must pass however busy the machine is.
             (std::string(op) == "hangs"
                  ? "set_tests_properties(" + name + " PROPERTIES TIMEOUT 10)\n"
                  : std::string());
  }
  WriteFile(dir + "/CTestTestfile.cmake", tests);
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CTEST) + " --test-dir " + dir + " -j2");
  EXPECT_THAT(run.output,
              AllOf(HasSubstr("crashes_real_original ..."),
                    HasSubstr("Exception: SegFault"),
                    HasSubstr("hangs_real_original ..."), HasSubstr("Timeout"),
                    HasSubstr("25% tests passed, 3 tests failed out of 4")));
  EXPECT_THAT(run.output,
              ::testing::ContainsRegex("correct_real_original \\.+ +Passed"));
  EXPECT_THAT(run.output,
              ::testing::ContainsRegex(
                  "nondeterministic_real_original \\.+\\*\\*\\*Failed"));
}

// ---- Op checks of dispatcher ops (custom_ops.cc) ----

TEST(OpChecks, EachDispatcherOpGetsThreeCasesNamedByCheckAndOp) {
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CUSTOM_OPS_BIN) + " --gtest_list_tests");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("OpCheck/OpTest.\n"));
  for (const char* check : {"Schema", "MetaKernel", "AutogradRegistration"}) {
    for (const char* op : {"scale_add", "sneaky", "meta_data_ptr", "no_meta"}) {
      EXPECT_THAT(run.output,
                  HasSubstr(std::string("  ") + check + "/" + op + "\n"));
    }
    // A callable op has no schema, so none of these checks.
    EXPECT_THAT(run.output, Not(HasSubstr(std::string(check) + "/callable")));
  }
  EXPECT_THAT(run.output, HasSubstr("Trace/callable_real_original"));
  // GradCheck is for every differentiable op, the callable one too.
  for (const char* op :
       {"scale_add", "sneaky", "meta_data_ptr", "no_meta", "callable"}) {
    EXPECT_THAT(run.output, HasSubstr(std::string("  GradCheck/") + op + "\n"));
  }
}

TEST(OpChecks, PassXfailAndSkipAsRegistered) {
  auto results =
      RunBinary(GTEST_FX_CUSTOM_OPS_BIN, "--gtest_filter='-*/meta_data_ptr*'");
  for (const char* check : {"Schema", "MetaKernel"}) {
    const Result& r =
        results.at(std::string("OpCheck/OpTest.") + check + "/scale_add");
    EXPECT_EQ(r.result, "COMPLETED") << check;
    EXPECT_EQ(r.failures, "") << check;
  }
  // No sample of scale_add requires grad: gtest_fx makes its floating-point
  // inputs require grad itself, and finds that its outputs get their grad
  // from the ops of its CPU kernel, for want of an Autograd kernel.
  EXPECT_THAT(
      results.at("OpCheck/OpTest.AutogradRegistration/scale_add").failures,
      AllOf(HasSubstr("autograd is registered at a backend key"),
            HasSubstr("argument 0 ('x') (made to require grad by gtest_fx) "
                      "requires grad")));
  // Those ops' gradients are right.
  EXPECT_EQ(results.at(GradCheck("scale_add")).result, "COMPLETED");
  EXPECT_EQ(results.at(GradCheck("scale_add")).failures, "");
  // The keyword sample runs in every tracing case.
  EXPECT_EQ(results.at(Case("scale_add", "symbolic", "randomized")).failures,
            "");
  const Result& xfail = results.at("OpCheck/OpTest.Schema/sneaky");
  EXPECT_EQ(xfail.failures, "");
  EXPECT_EQ(xfail.raw.value("gtest_fx_expected_failure", ""),
            "writes its input without (a!); kept to show the check");
  EXPECT_EQ(results.at("OpCheck/OpTest.MetaKernel/no_meta")
                .raw.value("gtest_fx_expected_failure", ""),
            "no Meta kernel yet");
  // Its gradient cases on meta tensors, the symbolic ones by the fake ones'
  // expectation.
  for (const char* mode : {"fake", "symbolic"}) {
    for (const char* data : kData) {
      const Result& r = results.at(GradCase("no_meta", mode, data));
      EXPECT_EQ(r.failures, "") << mode << " " << data;
      EXPECT_EQ(r.raw.value("gtest_fx_expected_failure", ""),
                "no Meta kernel yet")
          << mode << " " << data;
    }
  }
  // no_meta's CPU kernel calls differentiable ops: autograd at the CPU key.
  EXPECT_THAT(
      results.at("OpCheck/OpTest.AutogradRegistration/no_meta").failures,
      AllOf(HasSubstr("custom_ops.cc:"),
            HasSubstr("check AutogradRegistration: autograd is registered at "
                      "a backend key"),
            HasSubstr("--gtest_filter='OpCheck/OpTest.AutogradRegistration/"
                      "no_meta'")));
}

// The MetaKernel check always runs in a child process; fake-mode tracing
// reaches the same kernel, and needs --gtest_fx_isolate to survive it.
TEST(OpChecks, AMetaKernelReadingDataPtrCrashesOnlyItsCase) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_CUSTOM_OPS_BIN) +
                              " --gtest_filter='OpCheck/*/meta_data_ptr'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output,
              AllOf(HasSubstr("op 'meta_data_ptr', check MetaKernel"),
                    HasSubstr("crashed with signal 11"),
                    HasSubstr("a kernel that reads tensor data (data_ptr()) "
                              "reads a null pointer"),
                    // Schema, GradCheck, and AutogradRegistration, which
                    // fails as registered.
                    HasSubstr("[  PASSED  ] 3 tests"),
                    HasSubstr("[  FAILED  ] 1 test, listed below:\n"
                              "[  FAILED  ] OpCheck/OpTest.MetaKernel/"
                              "meta_data_ptr")));
  ProcessRun isolated =
      RunCommand(std::string(GTEST_FX_CUSTOM_OPS_BIN) +
                 " --gtest_filter='*/meta_data_ptr*' --gtest_fx_isolate");
  EXPECT_EQ(isolated.exit_code, 1);
  // The fake and the symbolic cases, tracing and gradient, all trace on meta
  // tensors: those eight and MetaKernel fail; the real ones and the three
  // other op checks pass.
  EXPECT_THAT(isolated.output,
              AllOf(HasSubstr("[  PASSED  ] 7 tests"),
                    HasSubstr("[  FAILED  ] 9 tests"),
                    HasSubstr("a kernel that reads tensor data (data_ptr()) "
                              "reads a null pointer")));
  for (const char* mode : {"fake", "symbolic"}) {
    for (const char* data : kData) {
      for (const std::string& name : {Case("meta_data_ptr", mode, data),
                                      GradCase("meta_data_ptr", mode, data)}) {
        EXPECT_THAT(isolated.output, HasSubstr("[  FAILED  ] " + name + " ("));
      }
    }
  }
}

TEST(OpChecks, ExpectationsFileEntriesNameChecksAsCheckSlashOp) {
  const std::string path = TempPath("op_check_expectations.json");
  WriteFile(path, R"({"expectations": [
    {"case": "MetaKernel/meta_data_ptr", "status": "xfail", "reason": "reads data"}]})");
  ProcessRun run = RunCommand(std::string(GTEST_FX_CUSTOM_OPS_BIN) +
                              " --gtest_filter='OpCheck/*/meta_data_ptr' "
                              "--gtest_fx_expectations=" +
                              path);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("schema    meta      autograd"));
}

}  // namespace

namespace {

// A CTest test as `ctest --show-only=json-v1` describes it.
struct CtestTest {
  std::vector<std::string> command;  // the arguments after the executable
  std::set<std::string> labels;
  std::set<std::string> environment;
};

// Returns the build directory of test/granularity: one per process, since
// ctest runs these tests in parallel processes.
const std::string& GranularityDir() {
  static const auto* dir =
      new std::string(TempPath("granularity_" + std::to_string(getpid())));
  return *dir;
}

// Configures and builds test/granularity (a stand-in for the e2e cases binary
// registered once per granularity) in a temporary directory, once, and
// returns its CTest tests by name.
const std::map<std::string, CtestTest>& GranularityTests() {
  static const auto* tests = [] {
    auto* tests = new std::map<std::string, CtestTest>();
    const std::string& dir = GranularityDir();
    const std::string configure =
        "rm -rf " + dir + " && " + GTEST_FX_CMAKE + " -S " +
        GTEST_FX_SOURCE_DIR + "/test/granularity -B " + dir + " -G '" +
        GTEST_FX_CMAKE_GENERATOR +
        "' -DCMAKE_CXX_COMPILER=" + GTEST_FX_CXX_COMPILER +
        " -DGTEST_FX_SOURCE_DIR=" + GTEST_FX_SOURCE_DIR +
        " -DREAL_BINARY=" + GTEST_FX_CASES_BIN;
    ProcessRun run =
        RunCommand(configure + " && " + GTEST_FX_CMAKE + " --build " + dir);
    if (run.exit_code != 0) {
      ADD_FAILURE() << "configuring or building test/granularity failed:\n"
                    << run.output;
      return tests;
    }
    const std::string json_path = dir + "/tests.json";
    RunCommand("cd " + dir + " && " + GTEST_FX_CTEST +
               " --show-only=json-v1 > " + json_path);
    nlohmann::json json = nlohmann::json::parse(ReadFile(json_path));
    for (const auto& test : json["tests"]) {
      CtestTest& t = (*tests)[test["name"].get<std::string>()];
      const auto command = test.value("command", nlohmann::json::array());
      for (size_t i = 1; i < command.size(); ++i) {
        t.command.push_back(command[i].get<std::string>());
      }
      for (const auto& p : test.value("properties", nlohmann::json::array())) {
        std::set<std::string>* values = p["name"] == "LABELS" ? &t.labels
                                        : p["name"] == "ENVIRONMENT"
                                            ? &t.environment
                                            : nullptr;
        if (values == nullptr) continue;
        for (const auto& v : p["value"]) values->insert(v.get<std::string>());
      }
    }
    return tests;
  }();
  return *tests;
}

size_t CountWithPrefix(const std::string& prefix) {
  size_t count = 0;
  for (const auto& [name, test] : GranularityTests()) {
    count += name.compare(0, prefix.size(), prefix) == 0;
  }
  return count;
}

using Labels = std::set<std::string>;

TEST(Granularity, CaseIsOneTestPerCaseLabelledByModeDataOrCheck) {
  const auto& tests = GranularityTests();
  // 6 tracing cases per op; 6 gradient cases and GradCheck per
  // differentiable op; the stand-in's 3 OpCheck cases and 1 plain test.
  EXPECT_EQ(CountWithPrefix("case:"),
            kCaseOps * 6 + kDifferentiableCaseOps * (6 + 1) + 3u + 1u);
  EXPECT_EQ(tests.at("case:" + Case("lazy", "fake", "original")).labels,
            (Labels{"gtest_fx", "fake", "original", "op:lazy", "extra"}));
  EXPECT_THAT(tests.at("case:" + Case("lazy", "fake", "original")).command,
              Contains("--gtest_filter=" + Case("lazy", "fake", "original")));
  EXPECT_EQ(
      tests.at("case:" + GradCase("lazy", "fake", "original")).labels,
      (Labels{"gtest_fx", "grad", "fake", "original", "op:lazy", "extra"}));
  EXPECT_THAT(
      tests.at("case:" + GradCase("lazy", "fake", "original")).command,
      Contains("--gtest_filter=" + GradCase("lazy", "fake", "original")));
  EXPECT_EQ(tests.at("case:" + GradCheck("lazy")).labels,
            (Labels{"gtest_fx", "op_check", "GradCheck", "op:lazy", "extra"}));
  EXPECT_EQ(tests.at("case:OpCheck/OpTest.Schema/lazy").labels,
            (Labels{"gtest_fx", "op_check", "Schema", "op:lazy", "extra"}));
  EXPECT_EQ(tests.at("case:OpCheck/OpTest.AutogradRegistration/lazy").labels,
            (Labels{"gtest_fx", "op_check", "AutogradRegistration", "op:lazy",
                    "extra"}));
  EXPECT_EQ(tests.at("case:Plain.Test").labels, (Labels{"other", "extra"}));
}

TEST(Granularity, OpIsOneTestPerOpRunningExactlyItsCases) {
  const auto& tests = GranularityTests();
  // Every op, and the plain test on its own.
  EXPECT_EQ(CountWithPrefix("op:stand_in/"), kCaseOps);
  EXPECT_EQ(CountWithPrefix("op:"), kCaseOps + 1);
  EXPECT_EQ(tests.at("op:Plain.Test").labels, (Labels{"other", "extra"}));
  // `lazy` is a prefix of `lazy_throws`: the filter names the cases.
  const CtestTest& lazy = tests.at("op:stand_in/lazy");
  EXPECT_EQ(lazy.labels, (Labels{"gtest_fx", "op", "extra"}));
  // In the order of the listing: GradCheck (the binary lists its op checks
  // first), the tracing cases, the gradient cases, the stand-in's checks.
  std::string filter = "--gtest_filter=" + GradCheck("lazy") + ":";
  for (const char* mode : kModes) {
    for (const char* data : kData) filter += Case("lazy", mode, data) + ":";
  }
  for (const char* mode : kModes) {
    for (const char* data : kData) filter += GradCase("lazy", mode, data) + ":";
  }
  filter +=
      "OpCheck/OpTest.Schema/lazy:OpCheck/OpTest.MetaKernel/lazy:"
      "OpCheck/OpTest.AutogradRegistration/lazy";
  EXPECT_EQ(lazy.command, std::vector<std::string>{filter});
  // Run by ctest: `lazy` passes its 13 cases (the real binary has no other
  // op checks of it); `lazy_throws` fails its 13.
  const std::string ctest =
      "cd " + GranularityDir() + " && " + GTEST_FX_CTEST + " -V -R ";
  ProcessRun pass = RunCommand(ctest + "'^op:stand_in/lazy$'");
  EXPECT_THAT(pass.output, AllOf(HasSubstr("[  PASSED  ] 13 tests."),
                                 HasSubstr("100% tests passed")))
      << pass.output;
  ProcessRun fail = RunCommand(ctest + "'^op:stand_in/lazy_throws$'");
  EXPECT_THAT(fail.output, AllOf(HasSubstr("13 FAILED TESTS"),
                                 HasSubstr("0% tests passed, 1 tests failed")))
      << fail.output;
}

TEST(Granularity, ShardsAreTestsWithGoogleTestShardingEnvironment) {
  const auto& tests = GranularityTests();
  EXPECT_EQ(CountWithPrefix("shard:"), 3u);
  for (int i = 0; i < 3; ++i) {
    const CtestTest& shard =
        tests.at("shard:stand_in/shard_" + std::to_string(i) + "_of_3");
    EXPECT_EQ(shard.labels, (Labels{"gtest_fx", "shard", "extra"}));
    EXPECT_EQ(shard.environment,
              (Labels{"GTEST_TOTAL_SHARDS=3",
                      "GTEST_SHARD_INDEX=" + std::to_string(i)}));
    EXPECT_THAT(shard.command, ::testing::IsEmpty());
  }
}

}  // namespace

namespace {

// ---- Gradient cases (cases.cc, bad_registrations.cc, the examples) ----

TEST(GradCases, OnlyDifferentiableOpsGetThem) {
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CASES_BIN) + " --gtest_list_tests");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("MakeFx/OpGradTest.\n"));
  // A floating-point op: six gradient cases and GradCheck.
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      EXPECT_THAT(run.output, HasSubstr(std::string("  Grad/good_") + mode +
                                        "_" + data + "\n"));
    }
  }
  EXPECT_THAT(run.output, HasSubstr("  GradCheck/good\n"));
  // Integer tensors only, and declared NotDifferentiable: their tracing
  // cases and nothing else.
  for (const std::string op : {"integer_inputs", "not_differentiable"}) {
    EXPECT_THAT(run.output,
                AllOf(HasSubstr("  Trace/" + op + "_real_original\n"),
                      Not(HasSubstr("Grad/" + op + "_")),
                      Not(HasSubstr("GradCheck/" + op))));
    EXPECT_EQ(CountWithPrefix(FullRun(), "MakeFx/OpGradTest.Grad/" + op), 0u);
    EXPECT_EQ(FullRun().count(GradCheck(op)), 0u);
    EXPECT_EQ(CountWithPrefix(FullRun(), "MakeFx/OpTest.Trace/" + op + "_"),
              6u);
  }
}

TEST(GradCases, AnOpWithAnIntegerOutputHasThemSkippedWithTheReason) {
  // integer_output is argmax of a float tensor: it gets gradient cases, and
  // no output requires grad.
  for (const char* mode : kModes) {
    for (const char* data : kData) {
      const Result& r = FullRun().at(GradCase("integer_output", mode, data));
      EXPECT_EQ(r.result, "SKIPPED") << mode << " " << data;
      EXPECT_EQ(r.failures, "") << mode << " " << data;
      EXPECT_EQ(FullRun().at(Case("integer_output", mode, data)).failures, "")
          << mode << " " << data;
    }
  }
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_CASES_BIN) + " --gtest_filter='" +
                 GradCase("integer_output", "fake", "randomized") + "'");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output,
              AllOf(HasSubstr("cases.cc:"),
                    HasSubstr("sample 1: no output of the op requires grad"),
                    HasSubstr("[  SKIPPED ] 1 test,")));
}

TEST(GradCases, ExpectGradFailureMakesAFailingCaseAnExpectedFailure) {
  // expected_failure's gradient cases fail as its tracing cases do, and its
  // registration says so; the symbolic ones take the fake ones' reason.
  for (auto [mode, data, reason] :
       {std::tuple{"real", "randomized", "item bakes the value"},
        std::tuple{"fake", "original", "item needs data"},
        std::tuple{"fake", "randomized", "item needs data"},
        std::tuple{"symbolic", "original", "item needs data"},
        std::tuple{"symbolic", "randomized", "item needs data"}}) {
    const Result& r = FullRun().at(GradCase("expected_failure", mode, data));
    EXPECT_EQ(r.result, "COMPLETED") << mode << " " << data;
    EXPECT_EQ(r.failures, "") << mode << " " << data;
    EXPECT_EQ(r.raw.value("gtest_fx_expected_failure", ""), reason)
        << mode << " " << data;
  }
  const Result& passes =
      FullRun().at(GradCase("expected_failure", "real", "original"));
  EXPECT_EQ(passes.failures, "");
  EXPECT_FALSE(passes.raw.contains("gtest_fx_expected_failure"));
  EXPECT_EQ(FullRun()
                .at(GradCheck("expected_failure"))
                .raw.value("gtest_fx_expected_failure", ""),
            "item detaches x[0]: autograd misses its share of the gradient");
  // The same op without the declarations, bakes_value, fails them.
  EXPECT_THAT(
      FullRun().at(GradCase("bakes_value", "real", "randomized")).failures,
      AllOf(HasSubstr("op 'bakes_value' (gradient case: forward and backward "
                      "traced together), sample 1 of 1, mode real, data "
                      "randomized"),
            HasSubstr("the replay's outputs differ from eager"),
            HasSubstr("--gtest_filter='MakeFx/OpGradTest.Grad/"
                      "bakes_value_real_randomized'")));
  EXPECT_THAT(FullRun().at(GradCheck("bakes_value")).failures,
              HasSubstr("disagrees with the numerical gradient"));
}

TEST(GradCases, ExpectationsFileEntriesNameThemGradSlashCase) {
  const std::string path = TempPath("grad_expectations.json");
  WriteFile(path, R"({"expectations": [
    {"case": "Grad/bakes_value_real_randomized", "status": "xfail", "reason": "bakes x[0] into the joint graph"},
    {"case": "Grad/bakes_value_fake_original", "status": "xfail", "reason": "item needs data"},
    {"case": "Grad/bakes_value_fake_randomized", "status": "skip", "reason": "not now"},
    {"case": "GradCheck/bakes_value", "status": "xfail", "reason": "item detaches x[0]"}]})");
  auto results = RunCases(
      "--gtest_filter='*/bakes_value_*:*.GradCheck/bakes_value' "
      "--gtest_fx_expectations=" +
      path);
  for (auto [name, reason] :
       {std::pair{GradCase("bakes_value", "real", "randomized"),
                  "bakes x[0] into the joint graph"},
        std::pair{GradCase("bakes_value", "fake", "original"),
                  "item needs data"},
        // The symbolic case takes the fake case's expected failure.
        std::pair{GradCase("bakes_value", "symbolic", "original"),
                  "item needs data"},
        std::pair{GradCheck("bakes_value"), "item detaches x[0]"}}) {
    const Result& r = results.at(name);
    EXPECT_EQ(r.failures, "") << name;
    EXPECT_EQ(r.raw.value("gtest_fx_expected_failure", ""), reason) << name;
  }
  EXPECT_EQ(results.at(GradCase("bakes_value", "fake", "randomized")).result,
            "SKIPPED");
  // A skip is not taken over by the symbolic case.
  EXPECT_THAT(
      results.at(GradCase("bakes_value", "symbolic", "randomized")).failures,
      HasSubstr("the op reads a tensor value while tracing"));
  // The tracing cases of the same names are not covered.
  EXPECT_NE(results.at(Case("bakes_value", "real", "randomized")).failures, "");
  EXPECT_NE(results.at(Case("bakes_value", "fake", "original")).failures, "");
}

// Returns the names of the tests that `ctest -N <args>` lists in the
// example suite's build directory.
std::set<std::string> ExampleCtestNames(const std::string& args) {
  ProcessRun run = RunCommand(std::string(GTEST_FX_CTEST) + " --test-dir " +
                              GTEST_FX_EXAMPLES_DIR + " -N " + args);
  static const std::regex kTest(" *Test +#[0-9]+: (.+)");
  std::set<std::string> names;
  std::smatch match;
  size_t begin = 0;
  while (begin < run.output.size()) {
    size_t end = run.output.find('\n', begin);
    if (end == std::string::npos) end = run.output.size();
    const std::string line = run.output.substr(begin, end - begin);
    if (std::regex_match(line, match, kTest)) names.insert(match[1]);
    begin = end + 1;
  }
  return names;
}

TEST(GradCases, TheCtestLabelGradSelectsExactlyThem) {
  const std::set<std::string> all = ExampleCtestNames("");
  std::set<std::string> expected;
  for (const std::string& name : all) {
    if (name.rfind("MakeFx/OpGradTest.Grad/", 0) == 0) expected.insert(name);
  }
  // Every example op is differentiable: six each.
  EXPECT_EQ(expected.size(), 6u * 7u);
  EXPECT_EQ(ExampleCtestNames("-L '^grad$'"), expected);
  // -LE grad leaves exactly them out: tracing cases and op checks stay,
  // GradCheck among them.
  const std::set<std::string> rest = ExampleCtestNames("-LE '^grad$'");
  EXPECT_EQ(rest.size() + expected.size(), all.size());
  for (const std::string& name : expected) EXPECT_EQ(rest.count(name), 0u);
  EXPECT_EQ(rest.count("OpCheck/OpTest.GradCheck/scaled_add"), 1u);
  EXPECT_EQ(rest.count(Case("scaled_add", "fake", "original")), 1u);
}

TEST(GradCases, AnExpectationOfCasesTheOpDoesNotGetIsARegistrationError) {
  ProcessRun run =
      RunCommand(std::string(GTEST_FX_BAD_BIN) + " --gtest_list_tests");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(
      run.output,
      AllOf(::testing::ContainsRegex(
                "op 'grad_failure_of_integers' registered at [^\n]*"
                "bad_registrations\\.cc:[0-9]+: an expectation names the "
                "gradient cases, but the op gets none: no sample has a "
                "floating-point or complex tensor argument\n"),
            ::testing::ContainsRegex(
                "op 'grad_check_of_not_differentiable' registered at [^\n]*"
                "bad_registrations\\.cc:[0-9]+: an expectation names the op "
                "check GradCheck, but the op gets none: it is declared "
                "NotDifferentiable \\(kept out on purpose\\)\n"),
            Not(HasSubstr("Grad/"))));
}

}  // namespace
