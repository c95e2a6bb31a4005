// gtest_fx::InitGoogleTest: GoogleTest's initialization plus gtest_fx's own
// flags and reports. gtest_fx::gtest_fx_main calls it; call it instead of
// testing::InitGoogleTest in a main() of your own.
//
// Flags (each also settable by the environment variable in brackets):
//   --gtest_fx_report=PATH[,PATH...]  [GTEST_FX_REPORT]
//       writes the result matrix as JSON, Markdown or HTML, by extension.
//   --gtest_fx_merge_reports=A.json,B.json,...
//       runs no case: joins the JSON reports of GoogleTest shards into one
//       matrix, printed and written to --gtest_fx_report. Exits with 1 when
//       two reports share a case, a shard's report is missing, or a case
//       failed; with 0 otherwise.
//   --gtest_fx_expectations=PATH      [GTEST_FX_EXPECTATIONS]
//       applies an expectations file (xfail/skip per case, with reasons).
//   --gtest_fx_update_expectations[=PATH]
//       runs every case without the file's expectations and rewrites the
//       file from the results: failing cases become xfail entries, keeping
//       existing reasons.
//   --gtest_fx_progress=auto|on|off   one updating progress line instead of
//       a line per case; auto: when standard output is a terminal.
//   --gtest_fx_matrix=auto|on|off     the result matrix at the end of a run;
//       auto: when more than one case ran.
//   --gtest_fx_isolate                runs each case's check in a forked
//       child (POSIX): a crash fails that case with its signal, and the run
//       goes on. Costs a fork per case: 17-30 ms each on a 2-core machine.
//   --gtest_fx_case_timeout=SECONDS   a time limit per case: 60 s by default
//       under isolation (the child is killed and the case fails), off by
//       default in-process (where the process ends, naming the case).
//
// Example:
//   int main(int argc, char** argv) {
//     gtest_fx::InitGoogleTest(&argc, argv);
//     return RUN_ALL_TESTS();
//   }
#ifndef GTEST_FX_INIT_H_
#define GTEST_FX_INIT_H_

#include <string>

namespace gtest_fx {

struct InitOptions {
  // The content of an expectations file applied when no
  // --gtest_fx_expectations flag or GTEST_FX_EXPECTATIONS is given, e.g. one
  // embedded into the binary at build time; empty for none.
  std::string default_expectations;
  // Where that file lives, for messages and as the default path of
  // --gtest_fx_update_expectations.
  std::string default_expectations_path;
};

// Parses and removes gtest_fx's flags from argv, then calls
// testing::InitGoogleTest, then installs gtest_fx's event listeners. An
// unknown --gtest_fx_ flag or an unreadable file is an error: it is printed
// and the process exits with status 1.
void InitGoogleTest(int* argc, char** argv, const InitOptions& options = {});

}  // namespace gtest_fx

#endif  // GTEST_FX_INIT_H_
