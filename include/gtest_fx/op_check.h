// The checks that an op gets besides its tracing cases.
//
// Every op registered with GTEST_FX_REGISTER_DISPATCHER_OP also becomes one
// case per Check, named `OpCheck/OpTest.<Check>/<op>`, e.g.
// `OpCheck/OpTest.MetaKernel/scale_add`. They check what an operator author
// declares to the dispatcher: the schema's mutation and alias annotations, the
// Meta kernel, and where autograd is registered. Every differentiable op,
// callable or dispatcher op, also gets `OpCheck/OpTest.GradCheck/<op>`: its
// gradients against numerical ones.
//
// Example:
//   GTEST_FX_REGISTER_DISPATCHER_OP(scale_add, "gtex::scale_add")
//       .Sample(at::randn({3, 4}), at::randn({3, 4}))
//       .ExpectFailure(gtest_fx::Check::kMetaKernel, "Meta kernel coming");
#ifndef GTEST_FX_OP_CHECK_H_
#define GTEST_FX_OP_CHECK_H_

#include <array>
#include <ostream>

namespace gtest_fx {

enum class Check {
  // The op changes only the arguments its schema declares mutable
  // (`Tensor(a!)`), and its outputs alias inputs (or each other) only where
  // the schema says so.
  kSchema,
  // The Meta kernel gives outputs of the real kernel's shapes, dtypes,
  // strides, storage offsets and aliasing, without reading tensor data.
  kMetaKernel,
  // Given inputs that require grad, the op has an autograd kernel (or is
  // CompositeImplicitAutograd), rather than producing outputs that require
  // grad from a backend kernel.
  kAutogradRegistration,
  // The gradients that autograd computes (the op's backward) match numerical
  // ones, central differences on float64 copies of the samples, as
  // torch.autograd.gradcheck checks them. For differentiable ops only (see
  // register.h), callable ops too.
  kGradCheck,
};

inline constexpr std::array<Check, 4> kAllChecks = {
    Check::kSchema, Check::kMetaKernel, Check::kAutogradRegistration,
    Check::kGradCheck};

// Returns the name used in test names: "Schema", "MetaKernel",
// "AutogradRegistration", "GradCheck".
const char* CheckName(Check check);

inline std::ostream& operator<<(std::ostream& os, Check check) {
  return os << CheckName(check);
}

}  // namespace gtest_fx

#endif  // GTEST_FX_OP_CHECK_H_
