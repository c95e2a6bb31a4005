#include "grad.h"

#include <ATen/ATen.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <utility>
#include <variant>

#include "check.h"
#include "dispatcher_op.h"

namespace gtest_fx::internal {
namespace {

// Calls `visit(tensor, argument, element)` on every tensor of `args`.
template <typename Visit>
void ForEachTensor(const std::vector<ArgValue>& args, Visit visit) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (const auto* t = std::get_if<at::Tensor>(&args[i])) {
      visit(*t, i, std::optional<size_t>());
    } else if (const auto* o = std::get_if<c10::optional<at::Tensor>>(&args[i]);
               o != nullptr && o->has_value()) {
      visit(**o, i, std::optional<size_t>());
    } else if (const auto* list =
                   std::get_if<std::vector<at::Tensor>>(&args[i])) {
      for (size_t j = 0; j < list->size(); ++j) {
        visit((*list)[j], i, std::optional<size_t>(j));
      }
    }
  }
}

// Replaces each differentiable tensor of `args` by what `replace` returns.
template <typename Replace>
std::vector<ArgValue> WithReplacedTensors(const std::vector<ArgValue>& args,
                                          const std::vector<size_t>& frozen,
                                          Replace replace) {
  std::vector<ArgValue> result = args;
  for (size_t i = 0; i < result.size(); ++i) {
    if (std::find(frozen.begin(), frozen.end(), i) != frozen.end()) continue;
    ArgValue& value = result[i];
    if (auto* t = std::get_if<at::Tensor>(&value)) {
      if (IsDifferentiable(*t)) *t = replace(*t);
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&value);
               o != nullptr && o->has_value()) {
      if (IsDifferentiable(**o)) *o = replace(**o);
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&value)) {
      for (at::Tensor& e : *list) {
        if (IsDifferentiable(e)) e = replace(e);
      }
    }
  }
  return result;
}

// Adds `term` for every tensor of `output` that carries a gradient.
void CollectGradOutputs(const Output& output, std::vector<at::Tensor>* terms) {
  switch (output.kind) {
    case Output::Kind::kTensor:
      if (output.tensor.defined() && output.tensor.requires_grad() &&
          IsDifferentiable(output.tensor)) {
        terms->push_back(output.tensor);
      }
      return;
    case Output::Kind::kTuple:
    case Output::Kind::kList:
      for (const Output& e : output.elements) CollectGradOutputs(e, terms);
      return;
    default:
      return;
  }
}

// If `error` is autograd refusing an argument that requires grad ("... is not
// differentiable with respect to argument 'running_mean'"), returns the
// index of that argument among `spec`'s, so that the joint function can leave
// it alone; else std::nullopt.
std::optional<size_t> RefusedArgument(const OpSpec& spec,
                                      const std::string& error) {
  static constexpr absl::string_view kMarker =
      "is not differentiable with respect to argument '";
  const size_t at = absl::string_view(error).find(kMarker);
  if (at == std::string::npos) return std::nullopt;
  const size_t start = at + kMarker.size();
  const size_t end = error.find('\'', start);
  if (end == std::string::npos) return std::nullopt;
  const std::string name = error.substr(start, end - start);
  for (size_t i = 0; i < spec.argument_names.size(); ++i) {
    if (spec.argument_names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace

bool IsDifferentiable(const at::Tensor& t) {
  return t.defined() && (at::isFloatingType(t.scalar_type()) ||
                         at::isComplexType(t.scalar_type()));
}

bool HasDifferentiableTensor(const std::vector<ArgValue>& args) {
  bool found = false;
  ForEachTensor(args, [&](const at::Tensor& t, size_t, std::optional<size_t>) {
    found |= IsDifferentiable(t);
  });
  return found;
}

std::vector<GradInput> DifferentiableInputs(const std::vector<ArgValue>& args,
                                            const std::vector<size_t>& frozen) {
  std::vector<GradInput> inputs;
  ForEachTensor(args, [&](const at::Tensor& t, size_t argument,
                          std::optional<size_t> element) {
    if (IsDifferentiable(t) &&
        std::find(frozen.begin(), frozen.end(), argument) == frozen.end()) {
      inputs.push_back({t, argument, element});
    }
  });
  return inputs;
}

std::vector<size_t> OutArguments(const OpSpec& spec) {
  std::vector<size_t> out;
  if (spec.dispatcher_name.empty()) return out;
  absl::StatusOr<c10::OperatorHandle> op =
      FindDispatcherOp(spec.dispatcher_name);
  if (!op.ok()) return out;
  const std::vector<c10::Argument>& arguments = op->schema().arguments();
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i].is_out()) out.push_back(i);
  }
  return out;
}

std::string GradInputLabel(const OpSpec& spec, const GradInput& input) {
  std::string label = absl::StrCat("argument ", input.argument);
  if (input.argument < spec.argument_names.size()) {
    absl::StrAppend(&label, " ('", spec.argument_names[input.argument], "')");
  }
  if (input.element.has_value()) {
    absl::StrAppend(&label, " tensor ", *input.element);
  }
  return label;
}

bool IsLeafInPlaceError(const std::string& error) {
  return absl::StrContains(error, "a leaf Variable that requires grad") &&
         absl::StrContains(error, "in-place operation");
}

std::vector<ArgValue> WithNonLeafClones(const std::vector<ArgValue>& args,
                                        const std::vector<size_t>& frozen) {
  return WithReplacedTensors(args, frozen, [](const at::Tensor& t) {
    return t.requires_grad() ? t.clone() : t;
  });
}

bool AdaptToAutogradError(const OpSpec& spec, const std::string& error,
                          bool& clone_inputs, std::vector<size_t>& frozen) {
  if (!clone_inputs && IsLeafInPlaceError(error)) {
    // The op changes a differentiable argument in place, which autograd
    // refuses on a leaf.
    clone_inputs = true;
    return true;
  }
  // An input that autograd cannot differentiate (batch norm's running
  // statistics, a loss's class weights): left alone, as a user would.
  if (std::optional<size_t> refused = RefusedArgument(spec, error);
      refused.has_value() &&
      std::find(frozen.begin(), frozen.end(), *refused) == frozen.end()) {
    frozen.push_back(*refused);
    return true;
  }
  return false;
}

Invoker JointInvoker(Invoker invoke, bool clone_inputs,
                     std::vector<size_t> frozen) {
  return [invoke = std::move(invoke), clone_inputs,
          frozen = std::move(frozen)](std::vector<ArgValue>& args) -> Output {
    // Not at::Tensor::requires_grad_(), which is an op the recorder would
    // see: a trace must start from inputs that already require grad.
    std::vector<GradInput> inputs = DifferentiableInputs(args, frozen);
    std::vector<at::Tensor> leaves;
    leaves.reserve(inputs.size());
    for (GradInput& input : inputs) {
      if (!input.tensor.requires_grad()) input.tensor.set_requires_grad(true);
      leaves.push_back(input.tensor);
    }
    at::AutoGradMode grad_mode(true);
    Output forward;
    if (clone_inputs) {
      std::vector<ArgValue> clones = WithNonLeafClones(args, frozen);
      forward = invoke(clones);
    } else {
      forward = invoke(args);
    }
    std::vector<at::Tensor> terms;
    CollectGradOutputs(forward, &terms);
    if (terms.empty()) {
      throw NoDifferentiableOutput(
          "no output of the op requires grad although its floating-point "
          "inputs do (its outputs are integers or bools, or detached), so it "
          "has no gradient to check");
    }
    // One real scalar, as torch.library.opcheck reduces outputs: |sum| of
    // each output (abs makes a complex sum real).
    at::Tensor total = terms[0].sum().abs();
    for (size_t i = 1; i < terms.size(); ++i) {
      total = total.add(terms[i].sum().abs());
    }
    std::vector<at::Tensor> grads;
    try {
      grads = torch::autograd::grad({total}, leaves, /*grad_outputs=*/{},
                                    /*retain_graph=*/false,
                                    /*create_graph=*/false,
                                    /*allow_unused=*/true);
    } catch (...) {
      throw BackwardFailed(DescribeException(std::current_exception()));
    }
    std::vector<Output> grad_outputs;
    grad_outputs.reserve(grads.size());
    for (at::Tensor& g : grads) {
      grad_outputs.push_back(g.defined() ? Output::OfTensor(std::move(g))
                                         : Output::None());
    }
    std::vector<Output> both;
    both.push_back(std::move(forward));
    both.push_back(
        Output::Sequence(Output::Kind::kTuple, std::move(grad_outputs)));
    return Output::Sequence(Output::Kind::kTuple, std::move(both));
  };
}

}  // namespace gtest_fx::internal
