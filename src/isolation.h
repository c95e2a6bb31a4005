// Running one case's check in a child process (--gtest_fx_isolate), so that a
// crash or a hang in a kernel fails that case, named with its signal or time
// limit, and the run goes on; and a time limit for in-process runs.
#ifndef GTEST_FX_SRC_ISOLATION_H_
#define GTEST_FX_SRC_ISOLATION_H_

#include <functional>
#include <string>

#include "check.h"

namespace gtest_fx::internal {

struct IsolationOptions {
  bool isolate = false;
  // Seconds a case may take; 0: no limit. Under isolation the default is 60.
  double case_timeout = 0;
};

// The options of this process, set from the --gtest_fx_ flags.
IsolationOptions& Isolation();

// Runs `check` as the options say: in a forked child (POSIX) that reports its
// CheckResult through a pipe, or in this process under a watchdog that ends
// the process when the time limit passes. `what` names the case in messages.
CheckResult RunIsolated(const std::function<CheckResult()>& check,
                        const std::string& what);

// Runs `check` in a forked child (POSIX) that reports its CheckResult
// through a pipe; a crash or `timeout` seconds (0: none) fail the result,
// naming `what`.
CheckResult RunInChild(const std::function<CheckResult()>& check,
                       const std::string& what, double timeout);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_ISOLATION_H_
