// A test binary with an op that switches grad mode off and leaves it off,
// registered before a correct op that needs grad mode: only the first op's
// cases may fail, and in any order of the cases.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdio>

GTEST_FX_REGISTER_OP(leaves_grad_mode_off, [](const at::Tensor& x) {
  at::GradMode::set_enabled(false);
  return x.mul(2);
}).Sample(at::ones({2, 3}));

// Needs grad mode: it checks that a tensor made to require grad passes that
// on through a multiplication, as code that builds a graph to differentiate
// does.
GTEST_FX_REGISTER_OP(needs_grad_mode, [](const at::Tensor& x) {
  at::Tensor leaf = at::ones({1}).requires_grad_();
  TORCH_CHECK(leaf.mul(2).requires_grad(),
              "needs_grad_mode: grad mode is off, so nothing can be "
              "differentiated");
  return x.add(1);
}).Sample(at::ones({2, 3}));

// How many intra-op threads the ops run with (--gtest_fx_threads, or one
// unless OMP_NUM_THREADS is set).
TEST(Threads, PrintsTheIntraOpThreadCount) {
  std::printf("intra-op threads: %d\n", at::get_num_threads());
}
