// The numerical gradient check, Check::kGradCheck: the gradients autograd
// computes for an op (its backward formulas, a torch::autograd::Function's
// backward) against central differences, on float64 copies of each sample,
// in the manner of torch.autograd.gradcheck's fast mode.
//
// Example:
//   CheckResult result = RunGradCheck(spec, samples, rerun);
#ifndef GTEST_FX_SRC_GRAD_CHECK_H_
#define GTEST_FX_SRC_GRAD_CHECK_H_

#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>

#include <string>
#include <vector>

#include "check.h"

namespace gtest_fx::internal {

// The numerical settings, as torch.autograd.gradcheck's defaults.
inline constexpr double kGradCheckEps = 1e-6;
inline constexpr double kGradCheckAtol = 1e-5;
inline constexpr double kGradCheckRtol = 1e-3;

// Checks the gradients of `spec`'s op on every sample. Fails naming the
// argument whose gradient disagrees, with the largest disagreement and both
// values; skips a sample whose op has no float64 kernel, or whose outputs do
// not require grad. `rerun` reruns just this case, for messages.
// REQUIRES: spec.invoke is set.
CheckResult RunGradCheck(const OpSpec& spec, const std::vector<Args>& samples,
                         const std::string& rerun);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_GRAD_CHECK_H_
