// Ops registered by dispatcher name ("namespace::name[.overload]"): lookup,
// conversion of samples to the schema's arguments, boxed calls.
#ifndef GTEST_FX_SRC_DISPATCHER_OP_H_
#define GTEST_FX_SRC_DISPATCHER_OP_H_

#include <ATen/core/dispatch/Dispatcher.h>
#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <gtest_fx/internal/op_spec.h>

#include <string>

namespace gtest_fx::internal {

// Returns the dispatcher's op named "namespace::name[.overload]", or NotFound
// (InvalidArgument for a malformed name) saying what to check.
absl::StatusOr<c10::OperatorHandle> FindDispatcherOp(const std::string& name);

// Looks `spec.dispatcher_name` up and fills `spec.invoke`, `spec.check_args`
// and `spec.bind_kwargs`. Returns NotFound naming the op when the dispatcher
// does not know it.
absl::Status ResolveDispatcherOp(OpSpec& spec);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_DISPATCHER_OP_H_
