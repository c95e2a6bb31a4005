// The op checks of a dispatcher op (include/gtest_fx/op_check.h): what the
// schema declares against what the kernels do, the Meta kernel against the
// real one, and where autograd is registered. Like check.h, they return a
// verdict and a message and know nothing of GoogleTest.
#ifndef GTEST_FX_SRC_OP_CHECKS_H_
#define GTEST_FX_SRC_OP_CHECKS_H_

#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/op_check.h>

#include <string>
#include <vector>

#include "check.h"

namespace gtest_fx::internal {

// Runs `check` on every sample of the dispatcher op `spec` (of any op, for
// kGradCheck: see grad_check.h). `rerun` is the command line that reruns
// just this case, for messages.
// REQUIRES: spec.dispatcher_name names an op the dispatcher knows (but for
// kGradCheck), and spec.invoke is set.
CheckResult RunOpCheck(Check check, const OpSpec& spec,
                       const std::vector<Args>& samples,
                       const std::string& rerun);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_OP_CHECKS_H_
