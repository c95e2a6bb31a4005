// The test of shared_ops.cc's op: it names the op by string only.
#include <ATen/ops/ones.h>
#include <gtest_fx/gtest_fx.h>

GTEST_FX_REGISTER_DISPATCHER_OP(twice, "gtest_fx_shared::twice")
    .Sample(at::ones({3}));
