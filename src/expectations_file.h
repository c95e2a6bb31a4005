// The expectations data file: one entry per case that is expected to fail
// (xfail) or is skipped (skip), each with its reason. The built-in aten suite
// keeps its expectations in one; any test binary can use one with
// --gtest_fx_expectations=PATH.
//
// Example content:
//   {
//     "about": "...",
//     "expectations": [
//       {"case": "relu_fake_original", "status": "xfail", "reason": "no Meta
//       kernel for aten::relu in LibTorch C++"},
//       {"case": "relu_fake_randomized", "status": "xfail", "reason": "no Meta
//       kernel for aten::relu in LibTorch C++"},
//       {"case": "MetaKernel/scale_add", "status": "xfail", "reason": "..."}
//     ]
//   }
#ifndef GTEST_FX_SRC_EXPECTATIONS_FILE_H_
#define GTEST_FX_SRC_EXPECTATIONS_FILE_H_

#include <absl/status/statusor.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/tracing_mode.h>

#include <optional>
#include <string>
#include <vector>

namespace gtest_fx::internal {

// One line of the file. Its "case" is `<op>_<mode>_<data>` for a tracing
// case, `Grad/<op>_<mode>_<data>` for a gradient case, or `<Check>/<op>`
// (e.g. "MetaKernel/scale_add") for an op check.
struct FileExpectation {
  std::string op;
  TracingMode mode;
  Data data;
  Expectation::Kind kind;
  std::string reason;
  std::optional<Check> check;  // set: an op check; mode and data unused
  bool grad = false;           // a gradient case
};

// Returns the "case" of `e` in the file.
std::string FileCaseName(const FileExpectation& e);

// Parses an expectations file's content. `source` names the file in errors.
absl::StatusOr<std::vector<FileExpectation>> ParseExpectations(
    const std::string& content, const std::string& source);

// Returns the content of an expectations file holding `entries`, sorted by
// case name, one line per case; `regenerate` is the command that regenerates
// it, written into the file's "about" line.
std::string FormatExpectations(std::vector<FileExpectation> entries,
                               const std::string& regenerate);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_EXPECTATIONS_FILE_H_
