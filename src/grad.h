// The joint forward+backward function of an op, as AOTAutograd traces it:
// every floating-point and complex tensor argument made to require grad, the
// op called, its outputs reduced to one scalar, and the gradients of that
// scalar with respect to those arguments. The gradient cases trace and replay
// it like any op; the numerical gradient check (grad_check.h) shares its
// argument handling.
//
// Example:
//   Invoker joint = JointInvoker(spec.invoke, /*clone_inputs=*/false);
//   Output both = joint(args);  // (op's outputs, (grad of each input...))
#ifndef GTEST_FX_SRC_GRAD_H_
#define GTEST_FX_SRC_GRAD_H_

#include <ATen/core/Tensor.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gtest_fx::internal {

// Whether autograd can differentiate with respect to `t`: a defined
// floating-point or complex tensor.
bool IsDifferentiable(const at::Tensor& t);

// Whether `args` hold a differentiable tensor: an argument, a present
// optional tensor or an element of a tensor list.
bool HasDifferentiableTensor(const std::vector<ArgValue>& args);

// A differentiable tensor among an op's arguments, and where it is.
struct GradInput {
  at::Tensor tensor;
  size_t argument = 0;
  std::optional<size_t> element;  // set: the element of a tensor list
};

// Returns the differentiable tensors of `args`, in argument order, but those
// of the arguments whose indices are in `frozen`.
std::vector<GradInput> DifferentiableInputs(
    const std::vector<ArgValue>& args, const std::vector<size_t>& frozen = {});

// Returns the arguments of `spec` that are never differentiated: a
// dispatcher op's `out=` arguments, which autograd refuses to let require
// grad.
std::vector<size_t> OutArguments(const OpSpec& spec);

// Returns where `input` is, for messages: "argument 0 ('self')", or
// "argument 1 ('tensors') tensor 2"; names come from the schema of a
// dispatcher op.
std::string GradInputLabel(const OpSpec& spec, const GradInput& input);

// What the joint function throws when no output of the op requires grad
// although differentiable inputs do (integer outputs, detached outputs): the
// op has no gradient to check.
class NoDifferentiableOutput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the joint function throws when the op's forward call succeeded and
// its backward threw; the message is the backward's.
class BackwardFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `error` (what the op threw) is autograd refusing an in-place
// change of a leaf that requires grad: the op changes a differentiable
// argument in place, so the joint function must pass it clones.
bool IsLeafInPlaceError(const std::string& error);

// Returns `args` with each tensor that requires grad (an argument, a present
// optional tensor, an element of a tensor list), but those of the arguments
// in `frozen`, replaced by a clone: a tensor with autograd history, which an
// op may change in place where autograd refuses a change of a leaf.
std::vector<ArgValue> WithNonLeafClones(const std::vector<ArgValue>& args,
                                        const std::vector<size_t>& frozen = {});

// Adapts the joint function to an op after `error`, what the op threw with
// its differentiable inputs requiring grad: passes clones (`clone_inputs`)
// when autograd refuses an in-place change of a leaf, or leaves alone
// (`frozen`) an argument that autograd refuses to differentiate. Returns
// false when the error asks for neither, or for what was already done: the
// error is then the op's own.
bool AdaptToAutogradError(const OpSpec& spec, const std::string& error,
                          bool& clone_inputs, std::vector<size_t>& frozen);

// Returns the joint function of `invoke`. Called on `args` (copies: it marks
// their differentiable tensors as requiring grad), it returns a tuple of two:
// the op's output tree, and a tuple with the gradient of each
// DifferentiableInputs(args, frozen) entry (None where the reduced output
// does not depend on it). With `clone_inputs`, the op is called on clones of
// the differentiable arguments, for ops that change them in place; the
// arguments themselves are then left as they were. Throws what the op
// throws, NoDifferentiableOutput, or BackwardFailed.
Invoker JointInvoker(Invoker invoke, bool clone_inputs,
                     std::vector<size_t> frozen = {});

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_GRAD_H_
