// The result matrix of a run: one record per generated case, printed as a
// compact table at the end of a run and written as JSON, Markdown or a
// self-contained HTML page on request. JSON reports read back and merge, so
// that the shards of a run (GoogleTest's GTEST_TOTAL_SHARDS and
// GTEST_SHARD_INDEX) make one matrix. Knows nothing of GoogleTest.
//
// Example:
//   absl::StatusOr<MergedReport> merged =
//       MergeReportFiles({"shard0.json", "shard1.json"});
//   if (merged.ok()) {
//     absl::Status status = WriteReport(merged->records, "all.html");
//   }
#ifndef GTEST_FX_SRC_REPORT_H_
#define GTEST_FX_SRC_REPORT_H_

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/strings/string_view.h>
#include <gtest_fx/op_check.h>
#include <gtest_fx/tracing_mode.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace gtest_fx::internal {

enum class CaseVerdict { kPass, kFail, kExpectedFailure, kSkip };

// Returns "pass", "FAIL", "xfail" or "skip".
const char* VerdictMark(CaseVerdict verdict);

// How the reason of a failing case starts when the case was expected to fail
// and passed.
inline constexpr absl::string_view kUnexpectedPassReason =
    "unexpectedly passed; expected to fail because: ";

struct CaseRecord {
  std::string op;
  TracingMode mode;
  Data data;
  CaseVerdict verdict;
  std::string reason;  // why it failed, was expected to fail, or was skipped
  std::optional<Check> check;  // set: an op check's case; mode, data unused
  // The whole message when it says more than `reason`: the report of a
  // failure (numbers, graph, rerun command), also of an expected one.
  std::string message{};
  // The case's index among all tests of its binary, before filtering,
  // sharding and shuffling, or -1 when unknown. Orders the rows, so that
  // merged shards show the rows of one run in its order.
  int position = -1;
  // A gradient case (MakeFx/OpGradTest.Grad/<op>_<mode>_<data>); `check`
  // is then unset.
  bool grad = false;
};

// Returns true for a case that was expected to fail and passed.
bool IsUnexpectedPass(const CaseRecord& record);

// Returns the GoogleTest name of the case: "MakeFx/OpTest.Trace/<op>_<mode>_
// <data>", "MakeFx/OpGradTest.Grad/<op>_<mode>_<data>" or
// "OpCheck/OpTest.<Check>/<op>".
std::string CaseTestName(const CaseRecord& record);

// One shard of a run sharded by GoogleTest: GTEST_SHARD_INDEX and
// GTEST_TOTAL_SHARDS.
struct Shard {
  int index;
  int total;
};

// The records of this process's run, in the order the cases ran.
std::vector<CaseRecord>& RunRecords();

// Returns the terminal table: op rows x the six mode/data columns, then (when
// the run has them) one gradient column per mode, each holding both data
// variants, and one column per op check; totals per column, and the causes of
// expected failures and skips with their ops.
std::string FormatMatrix(const std::vector<CaseRecord>& records);

// Returns the JSON report: every case with its verdict, reason and message,
// each op's position, and the totals. `aten_ops`: the aten operators the
// run's traced graphs contain, listed when given. `shard`: the shard the run
// was, recorded when given.
std::string ReportJson(const std::vector<CaseRecord>& records,
                       const std::set<std::string>& aten_ops = {},
                       const std::optional<Shard>& shard = std::nullopt);
std::string ReportMarkdown(const std::vector<CaseRecord>& records);
// Returns one self-contained page (inline CSS and script, nothing loaded from
// elsewhere): the totals and what needs attention, then the matrix with a
// search box and a verdict filter, and each case's message on a click. The
// address may name a view: #verdict=FAIL&search=add&show=<op>/<column>.
std::string ReportHtml(const std::vector<CaseRecord>& records);

// Writes the report in the format named by `path`'s extension: .json, .md or
// .html. `aten_ops` and `shard` as for ReportJson.
absl::Status WriteReport(const std::vector<CaseRecord>& records,
                         const std::string& path,
                         const std::set<std::string>& aten_ops = {},
                         const std::optional<Shard>& shard = std::nullopt);

// What a JSON report holds.
struct ParsedReport {
  std::vector<CaseRecord> records;
  std::set<std::string> aten_ops;
  std::optional<Shard> shard;
};

// Reads back a report written by ReportJson. `source` names it in errors.
absl::StatusOr<ParsedReport> ParseReportJson(absl::string_view text,
                                             absl::string_view source);

// The reports of several shards joined into one.
struct MergedReport {
  std::vector<CaseRecord> records;  // in the order of one unsharded run
  std::set<std::string> aten_ops;
  // What makes the merged matrix incomplete or doubtful, one sentence each:
  // a shard without a report, reports of different shardings.
  std::vector<std::string> warnings;
};

// Joins reports named by their source (a path). Returns an error naming the
// sources and a case when one case is in two reports: "conflicting" when its
// verdicts differ, "overlapping" when they agree.
absl::StatusOr<MergedReport> MergeReports(
    const std::vector<std::pair<std::string, ParsedReport>>& reports);

// Reads the JSON reports at `paths` and joins them with MergeReports.
absl::StatusOr<MergedReport> MergeReportFiles(
    const std::vector<std::string>& paths);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_REPORT_H_
