// A test binary with a crashing op, a hanging op, a non-deterministic op and
// a correct op: run with --gtest_fx_isolate, exactly the first three fail,
// each with its cause. The crash and the hang happen in the forward call, so
// gradient cases of those two would only repeat them (and the hang's time
// limit): they are declared not differentiable.
#include <ATen/ops/ones.h>
#include <ATen/ops/randn.h>
#include <gtest_fx/gtest_fx.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace {
int calls = 0;
}  // namespace

GTEST_FX_REGISTER_OP(crashes,
                     [](const at::Tensor& x) {
                       std::raise(SIGSEGV);
                       return x;
                     })
    .Sample(at::ones({2}))
    .NotDifferentiable(
        "it crashes before it returns: gradient cases would only repeat the "
        "crash");

GTEST_FX_REGISTER_OP(hangs,
                     [](const at::Tensor& x) {
                       while (true) {
                         std::this_thread::sleep_for(
                             std::chrono::milliseconds(50));
                       }
                       return x;
                     })
    .Sample(at::ones({2}))
    .NotDifferentiable(
        "it never returns: gradient cases would only repeat the hang and its "
        "time limit");

GTEST_FX_REGISTER_OP(nondeterministic, [](const at::Tensor& x) {
  return x.add(++calls);
}).Sample(at::ones({2}));

GTEST_FX_REGISTER_OP(correct, [](const at::Tensor& x) {
  return x.mul(2).add(1);
}).Sample(at::randn({3, 2}));
