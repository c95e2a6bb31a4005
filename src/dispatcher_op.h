// Ops registered by dispatcher name ("namespace::name[.overload]"): lookup,
// conversion of samples to the schema's arguments, boxed calls.
#ifndef GTEST_FX_SRC_DISPATCHER_OP_H_
#define GTEST_FX_SRC_DISPATCHER_OP_H_

#include <absl/status/status.h>
#include <gtest_fx/internal/op_spec.h>

namespace gtest_fx::internal {

// Looks `spec.dispatcher_name` up and fills `spec.invoke` and
// `spec.check_args`. Returns NotFound naming the op when the dispatcher does
// not know it.
absl::Status ResolveDispatcherOp(OpSpec& spec);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_DISPATCHER_OP_H_
