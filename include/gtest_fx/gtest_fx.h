// gtest_fx: make_fx-style trace checks for LibTorch operators, as GoogleTest
// cases.
//
// Register an op once with a few samples; every registration becomes one case
// per tracing mode (real, fake, symbolic) and data variant (original,
// randomized), named `MakeFx/OpTest.Trace/<op>_<mode>_<data>`. Each case
// checks that tracing the op into a graph and replaying the graph gives what
// running the op eagerly gives.
//
// Example:
//   #include <ATen/ATen.h>
//   #include <gtest_fx/gtest_fx.h>
//
//   GTEST_FX_REGISTER_OP(scaled_add,
//       [](const at::Tensor& x, const at::Tensor& y) {
//         return x.add(y).mul(2);
//       })
//       .Sample(at::randn({3, 4}), at::randn({3, 4}));
//
// Link `gtest_fx::gtest_fx_main` (or `gtest_fx::gtest_fx` and your own main)
// and run the binary, or register it with `gtest_fx_discover_tests()`.
#ifndef GTEST_FX_GTEST_FX_H_
#define GTEST_FX_GTEST_FX_H_

#include <gtest_fx/args.h>           // IWYU pragma: export
#include <gtest_fx/init.h>           // IWYU pragma: export
#include <gtest_fx/make_fx_check.h>  // IWYU pragma: export
#include <gtest_fx/matchers.h>       // IWYU pragma: export
#include <gtest_fx/op_check.h>       // IWYU pragma: export
#include <gtest_fx/register.h>       // IWYU pragma: export
#include <gtest_fx/size.h>           // IWYU pragma: export
#include <gtest_fx/tracing_mode.h>   // IWYU pragma: export

#endif  // GTEST_FX_GTEST_FX_H_
