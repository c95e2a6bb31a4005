// gtest_fx's flags and GoogleTest event listeners: the result matrix and
// reports at the end of a run, the expectations file, the progress line.
#include <ATen/Parallel.h>
#include <absl/container/flat_hash_map.h>
#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/strings/match.h>
#include <absl/strings/numbers.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_split.h>
#include <gtest/gtest.h>
#include <gtest_fx/init.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check.h"
#include "expectations_file.h"
#include "isolation.h"
#include "registry.h"
#include "report.h"
#include "trace.h"

namespace gtest_fx {
namespace internal {
namespace {

enum class Switch { kAuto, kOn, kOff };

struct Flags {
  std::vector<std::string> reports;
  std::vector<std::string> merge_reports;  // set: merge, run no case
  std::optional<std::string> expectations_path;
  std::optional<std::string> update_path;  // set: update mode
  Switch progress = Switch::kAuto;
  Switch matrix = Switch::kAuto;
  int threads = 0;  // intra-op threads; 0: one unless OMP_NUM_THREADS is set
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::exit(1);
}

Switch ParseSwitch(const std::string& flag, const std::string& value) {
  if (value == "auto") return Switch::kAuto;
  if (value == "on") return Switch::kOn;
  if (value == "off") return Switch::kOff;
  Die(absl::StrCat("[gtest_fx] --", flag, " takes auto, on or off, not '",
                   value, "'"));
}

// Parses and removes the --gtest_fx_ flags from argv.
Flags ParseFlags(int* argc, char** argv, const InitOptions& options) {
  Flags flags;
  if (const char* env = std::getenv("GTEST_FX_REPORT"); env && *env) {
    flags.reports = absl::StrSplit(env, ',', absl::SkipEmpty());
  }
  if (const char* env = std::getenv("GTEST_FX_EXPECTATIONS"); env && *env) {
    flags.expectations_path = env;
  }
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    const std::string arg = argv[i];
    if (!absl::StartsWith(arg, "--gtest_fx_")) {
      argv[kept++] = argv[i];
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name =
        arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (name == "gtest_fx_report" && !value.empty()) {
      flags.reports = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (name == "gtest_fx_merge_reports" && !value.empty()) {
      flags.merge_reports = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (name == "gtest_fx_expectations" && !value.empty()) {
      flags.expectations_path = value;
    } else if (name == "gtest_fx_update_expectations") {
      flags.update_path =
          value.empty() ? options.default_expectations_path : value;
      if (flags.update_path->empty()) {
        Die("[gtest_fx] --gtest_fx_update_expectations needs =PATH: this "
            "binary has no expectations file of its own");
      }
    } else if (name == "gtest_fx_progress") {
      flags.progress = ParseSwitch(name, value);
    } else if (name == "gtest_fx_matrix") {
      flags.matrix = ParseSwitch(name, value);
    } else if (name == "gtest_fx_isolate" && value.empty()) {
      Isolation().isolate = true;
    } else if (name == "gtest_fx_case_timeout" &&
               absl::SimpleAtod(value, &Isolation().case_timeout) &&
               Isolation().case_timeout > 0) {
    } else if (name == "gtest_fx_op" && !value.empty()) {
      Registry::Get().SelectOps(absl::StrSplit(value, ',', absl::SkipEmpty()));
    } else if (name == "gtest_fx_threads" &&
               absl::SimpleAtoi(value, &flags.threads) && flags.threads > 0) {
    } else {
      Die(absl::StrCat(
          "[gtest_fx] unknown flag '", arg,
          "'; gtest_fx's flags are --gtest_fx_report=PATH, "
          "--gtest_fx_merge_reports=A.json,B.json,..., "
          "--gtest_fx_expectations=PATH, "
          "--gtest_fx_update_expectations[=PATH], "
          "--gtest_fx_progress=auto|on|off, --gtest_fx_matrix=auto|on|off, "
          "--gtest_fx_op=NAME[,NAME...], "
          "--gtest_fx_isolate, --gtest_fx_case_timeout=SECONDS, "
          "--gtest_fx_threads=N"));
    }
  }
  if (flags.update_path && !Registry::Get().selected_ops().empty()) {
    Die("[gtest_fx] --gtest_fx_update_expectations rewrites the whole file "
        "from the run's results: it cannot be combined with --gtest_fx_op, "
        "which runs only some ops");
  }
  *argc = kept;
  argv[kept] = nullptr;
  return flags;
}

// Runs the ops with `threads` intra-op threads, or with one when it is 0
// and the user set no OpenMP or MKL thread count. Samples are small, so
// more threads buy nothing; and under ctest -j on a busy machine, OpenMP's
// waiting threads made the aten suite 3 to 7 times slower (2.4 s against 8
// to 18 s with another compile running).
void SetIntraOpThreads(int threads) {
  if (threads == 0) {
    if (std::getenv("OMP_NUM_THREADS") != nullptr ||
        std::getenv("MKL_NUM_THREADS") != nullptr) {
      return;
    }
    threads = 1;
  }
  at::set_num_threads(threads);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die(absl::StrCat("[gtest_fx] cannot read '", path, "'"));
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Loads the expectations into the registry before GoogleTest generates the
// cases.
void LoadExpectations(const Flags& flags, const InitOptions& options) {
  std::string content;
  std::string source;
  if (flags.expectations_path) {
    content = ReadFile(*flags.expectations_path);
    source = *flags.expectations_path;
  } else if (flags.update_path && std::ifstream(*flags.update_path)) {
    content = ReadFile(*flags.update_path);
    source = *flags.update_path;
  } else if (!options.default_expectations.empty()) {
    content = options.default_expectations;
    source = options.default_expectations_path.empty()
                 ? "(embedded)"
                 : options.default_expectations_path;
  } else {
    return;
  }
  absl::StatusOr<std::vector<FileExpectation>> entries =
      ParseExpectations(content, source);
  if (!entries.ok()) Die(std::string(entries.status().message()));
  Registry::Get().SetFileExpectations(*std::move(entries), source,
                                      /*apply=*/!flags.update_path);
}

// Writes the expectations file from this run's results.
void UpdateExpectations(const std::string& path) {
  std::vector<FileExpectation> entries;
  const auto& old = Registry::Get().file_expectations();
  const std::vector<CaseRecord>& records = RunRecords();
  // A symbolic failure that the fake case of the same op and data shares is
  // covered by the fake case's line (see FindExpectation): no line of its
  // own. A gradient case borrows from the gradient fake case only, a tracing
  // case from the tracing one.
  auto covered_by_fake = [&records](const CaseRecord& r) {
    if (r.check || r.mode != TracingMode::kSymbolic ||
        !absl::StartsWith(r.reason, kFailsInFakeModeToo)) {
      return false;
    }
    for (const CaseRecord& f : records) {
      if (!f.check && f.grad == r.grad && f.op == r.op &&
          f.mode == TracingMode::kFake && f.data == r.data &&
          f.verdict == CaseVerdict::kFail) {
        return true;
      }
    }
    return false;
  };
  for (const CaseRecord& r : records) {
    if (r.verdict != CaseVerdict::kFail || covered_by_fake(r)) continue;
    FileExpectation e{
        r.op,     r.mode,  r.data, Expectation::Kind::kExpectFailure,
        r.reason, r.check, r.grad};
    // A reason someone wrote or reviewed outlives the regeneration.
    for (const FileExpectation& o : old) {
      if (FileCaseName(o) == FileCaseName(e) && o.kind == e.kind) {
        e.reason = o.reason;
      }
    }
    entries.push_back(std::move(e));
  }
  std::ofstream out(path, std::ios::trunc);
  out << FormatExpectations(entries,
                            "<test binary> --gtest_fx_update_expectations");
  out.close();
  if (!out) Die(absl::StrCat("[gtest_fx] could not write '", path, "'"));
  std::printf("[gtest_fx] wrote %zu expectations to %s\n", entries.size(),
              path.c_str());
}

// Returns the shard this process runs when GoogleTest shards the run.
std::optional<Shard> ShardOfThisRun() {
  const char* total = std::getenv("GTEST_TOTAL_SHARDS");
  const char* index = std::getenv("GTEST_SHARD_INDEX");
  Shard shard{};
  if (total == nullptr || index == nullptr ||
      !absl::SimpleAtoi(total, &shard.total) ||
      !absl::SimpleAtoi(index, &shard.index) || shard.index < 0 ||
      shard.index >= shard.total) {
    return std::nullopt;
  }
  return shard;
}

// Writes the report files and prints a line for each.
void WriteReports(const std::vector<std::string>& paths,
                  const std::vector<CaseRecord>& records,
                  const std::set<std::string>& aten_ops,
                  const std::optional<Shard>& shard) {
  for (const std::string& path : paths) {
    absl::Status status = WriteReport(records, path, aten_ops, shard);
    if (status.ok()) {
      std::printf("[gtest_fx] wrote the result matrix to %s\n", path.c_str());
    } else {
      std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
    }
  }
}

// Merges the shards' JSON reports into one matrix, printed and written as
// --gtest_fx_report asks, without running a case. Returns the exit code: 1
// when the reports cannot be merged, when a case failed, or when a shard's
// report is missing, as one unsharded run would fail; 0 otherwise.
int MergeShardReports(const Flags& flags) {
  absl::StatusOr<MergedReport> merged = MergeReportFiles(flags.merge_reports);
  if (!merged.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(merged.status().message()).c_str());
    return 1;
  }
  if (flags.matrix != Switch::kOff) {
    std::printf("%s", FormatMatrix(merged->records).c_str());
    if (!merged->aten_ops.empty()) {
      std::printf(
          "[gtest_fx] the recorded graphs contain %zu distinct aten "
          "operators\n",
          merged->aten_ops.size());
    }
  }
  std::fflush(stdout);
  for (const std::string& warning : merged->warnings) {
    std::fprintf(stderr, "[gtest_fx] warning: %s\n", warning.c_str());
  }
  if (flags.reports.empty()) {
    std::fprintf(stderr,
                 "[gtest_fx] note: no --gtest_fx_report=PATH given; the "
                 "merged matrix is only printed\n");
  }
  WriteReports(flags.reports, merged->records, merged->aten_ops, std::nullopt);
  size_t failed = 0;
  for (const CaseRecord& record : merged->records) {
    if (record.verdict == CaseVerdict::kFail) ++failed;
  }
  std::printf("[gtest_fx] merged %zu reports: %zu cases, %zu failed\n",
              flags.merge_reports.size(), merged->records.size(), failed);
  std::fflush(stdout);
  return failed > 0 || !merged->warnings.empty() ? 1 : 0;
}

class ReportListener : public ::testing::EmptyTestEventListener {
 public:
  explicit ReportListener(Flags flags) : flags_(std::move(flags)) {}

  // Numbers every test in the binary's order, before --gtest_shuffle
  // reorders them: the order that every shard and an unsharded run share.
  void OnTestProgramStart(const ::testing::UnitTest& unit_test) override {
    int position = 0;
    for (int i = 0; i < unit_test.total_test_suite_count(); ++i) {
      const ::testing::TestSuite* suite = unit_test.GetTestSuite(i);
      for (int j = 0; j < suite->total_test_count(); ++j) {
        positions_[suite->GetTestInfo(j)] = position++;
      }
    }
  }

  // With --gtest_repeat the matrix describes the last iteration.
  void OnTestIterationStart(const ::testing::UnitTest&, int) override {
    RunRecords().clear();
  }

  void OnTestStart(const ::testing::TestInfo&) override {
    first_record_ = RunRecords().size();
  }

  void OnTestEnd(const ::testing::TestInfo& info) override {
    auto it = positions_.find(&info);
    if (it == positions_.end()) return;
    std::vector<CaseRecord>& records = RunRecords();
    for (size_t i = first_record_; i < records.size(); ++i) {
      records[i].position = it->second;
    }
  }

  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    const std::vector<CaseRecord>& records = RunRecords();
    const bool matrix =
        !records.empty() &&
        (flags_.matrix == Switch::kOn ||
         (flags_.matrix == Switch::kAuto && records.size() > 1));
    if (matrix) {
      std::printf("%s", FormatMatrix(records).c_str());
      // A run of custom ops only reaches no aten operator worth counting.
      if (const size_t aten_ops = TracedAtenOps().size(); aten_ops > 0) {
        std::printf(
            "[gtest_fx] the recorded graphs contain %zu distinct aten "
            "operators\n",
            aten_ops);
      }
    }
    // Also when no case ran: a shard may get none, and its report tells the
    // merge so.
    WriteReports(flags_.reports, records, TracedAtenOps(), ShardOfThisRun());
    if (flags_.update_path && !records.empty()) {
      UpdateExpectations(*flags_.update_path);
    }
    std::fflush(stdout);
  }

 private:
  Flags flags_;
  absl::flat_hash_map<const ::testing::TestInfo*, int> positions_;
  size_t first_record_ = 0;  // of the running test, in RunRecords()
};

// Replaces GoogleTest's line-per-test output on a terminal: one progress line
// (cases done / total, current case), failures in full as they happen, and a
// summary.
class ProgressPrinter : public ::testing::EmptyTestEventListener {
 public:
  void OnTestProgramStart(const ::testing::UnitTest& unit_test) override {
    total_ = unit_test.test_to_run_count();
  }
  void OnTestStart(const ::testing::TestInfo& info) override {
    std::printf("\r\033[K[gtest_fx] %d/%d %s.%s", done_, total_,
                info.test_suite_name(), info.name());
    std::fflush(stdout);
  }
  void OnTestPartResult(const ::testing::TestPartResult& result) override {
    if (!result.failed()) return;
    std::printf("\r\033[K%s:%d: Failure\n%s\n",
                result.file_name() ? result.file_name() : "unknown",
                result.line_number(), result.message());
  }
  void OnTestEnd(const ::testing::TestInfo& info) override {
    ++done_;
    if (info.result()->Failed()) {
      failed_.push_back(absl::StrCat(info.test_suite_name(), ".", info.name()));
      std::printf("\r\033[K[  FAILED  ] %s\n", failed_.back().c_str());
    } else if (info.result()->Skipped()) {
      ++skipped_;
    }
  }
  void OnTestProgramEnd(const ::testing::UnitTest& unit_test) override {
    std::printf(
        "\r\033[K[==========] %d tests ran (%lld ms): %d passed, %d "
        "failed, %d skipped\n",
        done_, static_cast<long long>(unit_test.elapsed_time()),
        done_ - static_cast<int>(failed_.size()) - skipped_,
        static_cast<int>(failed_.size()), skipped_);
    for (const std::string& name : failed_) {
      std::printf("[  FAILED  ] %s\n", name.c_str());
    }
    std::fflush(stdout);
  }

 private:
  int total_ = 0;
  int done_ = 0;
  int skipped_ = 0;
  std::vector<std::string> failed_;
};

}  // namespace
}  // namespace internal

void InitGoogleTest(int* argc, char** argv, const InitOptions& options) {
  internal::Flags flags = internal::ParseFlags(argc, argv, options);
  if (!flags.merge_reports.empty()) {
    std::exit(internal::MergeShardReports(flags));
  }
  internal::SetIntraOpThreads(flags.threads);
  internal::LoadExpectations(flags, options);
  ::testing::InitGoogleTest(argc, argv);
  if (internal::Registry::Get().entries().empty() &&
      ::testing::UnitTest::GetInstance()->total_test_count() == 0) {
    // A binary with no test at all: the usual cause is registrations in a
    // static library that the linker dropped. Say so rather than pass with
    // nothing checked.
    std::fprintf(stderr,
                 "[gtest_fx] note: no op is registered in this binary. If "
                 "your GTEST_FX_REGISTER_OP calls are in a static library, "
                 "link it with gtest_fx_link_ops(<test> <library>) (see "
                 "docs/usage.md).\n");
  }
  ::testing::TestEventListeners& listeners =
      ::testing::UnitTest::GetInstance()->listeners();
  const bool progress = flags.progress == internal::Switch::kOn ||
                        (flags.progress == internal::Switch::kAuto &&
                         isatty(STDOUT_FILENO) && !GTEST_FLAG_GET(list_tests));
  // End-of-run events reach listeners in reverse order: the summary of the
  // progress printer comes before the matrix, GoogleTest's after it.
  listeners.Append(new internal::ReportListener(std::move(flags)));
  if (progress && listeners.default_result_printer() != nullptr) {
    delete listeners.Release(listeners.default_result_printer());
    listeners.Append(new internal::ProgressPrinter);
  }
}

}  // namespace gtest_fx
