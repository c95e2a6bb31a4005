// The result matrix of a run: one record per generated case, printed as a
// compact table at the end of a run and written as JSON, Markdown or a
// self-contained HTML page on request. Knows nothing of GoogleTest.
#ifndef GTEST_FX_SRC_REPORT_H_
#define GTEST_FX_SRC_REPORT_H_

#include <absl/status/status.h>
#include <gtest_fx/op_check.h>
#include <gtest_fx/tracing_mode.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gtest_fx::internal {

enum class CaseVerdict { kPass, kFail, kExpectedFailure, kSkip };

// Returns "pass", "FAIL", "xfail" or "skip".
const char* VerdictMark(CaseVerdict verdict);

struct CaseRecord {
  std::string op;
  TracingMode mode;
  Data data;
  CaseVerdict verdict;
  std::string reason;  // why it failed, was expected to fail, or was skipped
  std::optional<Check> check;  // set: an op check's case; mode, data unused
};

// The records of this process's run, in the order the cases ran.
std::vector<CaseRecord>& RunRecords();

// Returns the terminal table: op rows x the six mode/data columns, totals
// per column, and the causes of expected failures and skips with their ops.
std::string FormatMatrix(const std::vector<CaseRecord>& records);

// `aten_ops`: the aten operators the run's traced graphs contain, listed in
// the JSON report when given.
std::string ReportJson(const std::vector<CaseRecord>& records,
                       const std::set<std::string>& aten_ops = {});
std::string ReportMarkdown(const std::vector<CaseRecord>& records);
std::string ReportHtml(const std::vector<CaseRecord>& records);

// Writes the report in the format named by `path`'s extension: .json, .md or
// .html.
absl::Status WriteReport(const std::vector<CaseRecord>& records,
                         const std::string& path,
                         const std::set<std::string>& aten_ops = {});

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_REPORT_H_
