#include "op_checks.h"

#include <ATen/ATen.h>
#include <ATen/core/alias_info.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/function_schema.h>
#include <absl/container/flat_hash_set.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd_not_implemented_fallback.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "compare.h"
#include "dispatcher_op.h"
#include "grad.h"
#include "grad_check.h"
#include "sample_copy.h"

namespace gtest_fx::internal {
namespace {

// What is wrong with one sample under one check.
struct Problem {
  std::string headline;  // what is wrong, in a few words
  std::string meaning;   // one sentence: what it usually means, what to do
  std::string detail;    // the evidence
  // One line for the matrix and expectations files; by default the headline
  // and the stable part of the detail.
  std::string cause = "";
};

Problem WithCause(Problem problem) {
  if (problem.cause.empty()) {
    problem.cause =
        absl::StrCat(problem.headline, ": ", StableCause(problem.detail));
  }
  return problem;
}

// A tensor among an op's arguments or outputs, and where it sits: the index
// of the argument or return in the schema, and its place in a tensor list.
struct Placed {
  at::Tensor tensor;
  size_t index;
  std::optional<size_t> element;
};

std::vector<Placed> ArgumentTensors(const std::vector<ArgValue>& args) {
  std::vector<Placed> tensors;
  for (size_t i = 0; i < args.size(); ++i) {
    if (auto* t = std::get_if<at::Tensor>(&args[i]); t && t->defined()) {
      tensors.push_back({*t, i, std::nullopt});
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&args[i]);
               o && o->has_value() && (*o)->defined()) {
      tensors.push_back({**o, i, std::nullopt});
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&args[i])) {
      for (size_t j = 0; j < list->size(); ++j) {
        if ((*list)[j].defined()) tensors.push_back({(*list)[j], i, j});
      }
    }
  }
  return tensors;
}

void CollectReturn(const Output& output, size_t index,
                   std::vector<Placed>* tensors) {
  if (output.kind == Output::Kind::kTensor && output.tensor.defined()) {
    tensors->push_back({output.tensor, index, std::nullopt});
  }
  if (output.kind == Output::Kind::kList) {
    for (size_t j = 0; j < output.elements.size(); ++j) {
      const Output& e = output.elements[j];
      if (e.kind == Output::Kind::kTensor && e.tensor.defined()) {
        tensors->push_back({e.tensor, index, j});
      }
    }
  }
}

// The boxed call returns one value per schema return; more than one come
// back as a tuple.
std::vector<Placed> OutputTensors(const Output& output, size_t returns) {
  std::vector<Placed> tensors;
  if (returns == 1) {
    CollectReturn(output, 0, &tensors);
  } else {
    for (size_t k = 0; k < output.elements.size(); ++k) {
      CollectReturn(output.elements[k], k, &tensors);
    }
  }
  return tensors;
}

std::string ArgumentLabel(const c10::FunctionSchema& schema, const Placed& p) {
  return absl::StrCat(
      "argument ", p.index, " ('", schema.arguments()[p.index].name(), "'",
      p.element ? absl::StrCat(", tensor ", *p.element, " of the list") : "",
      ")");
}

std::string OutputLabel(const Placed& p) {
  return absl::StrCat("output ", p.index,
                      p.element ? absl::StrCat("[", *p.element, "]") : "");
}

// What a schema says of one argument or return: whether it is written, and
// its alias sets (`a` in `Tensor(a!)`), including those of list elements.
struct AliasDecl {
  bool write = false;
  absl::flat_hash_set<c10::Symbol> sets;
};

AliasDecl DeclOf(const c10::Argument& argument) {
  AliasDecl decl;
  auto add = [&decl](const c10::AliasInfo& info) {
    decl.write |= info.isWrite();
    decl.sets.insert(info.beforeSets().begin(), info.beforeSets().end());
  };
  if (const c10::AliasInfo* info = argument.alias_info()) {
    add(*info);
    for (const c10::AliasInfo& contained : info->containedTypes()) {
      add(contained);
    }
  }
  return decl;
}

bool MayAlias(const AliasDecl& a, const AliasDecl& b) {
  if (a.sets.empty() || b.sets.empty()) return false;
  const c10::Symbol wildcard = c10::AliasInfo::wildcardSet();
  if (a.sets.contains(wildcard) || b.sets.contains(wildcard)) return true;
  for (c10::Symbol set : a.sets) {
    if (b.sets.contains(set)) return true;
  }
  return false;
}

std::vector<AliasDecl> DeclsOf(const std::vector<c10::Argument>& arguments) {
  std::vector<AliasDecl> decls;
  decls.reserve(arguments.size());
  for (const c10::Argument& argument : arguments) {
    decls.push_back(DeclOf(argument));
  }
  return decls;
}

// Returns "gtex" for the op "gtex::scale_add".
std::string NamespaceOf(const std::string& op_name) {
  return op_name.substr(0, op_name.find("::"));
}

bool SharesStorage(const at::Tensor& a, const at::Tensor& b) {
  return a.has_storage() && b.has_storage() && a.is_alias_of(b);
}

// The state of an argument before the call.
struct Snapshot {
  at::Tensor values;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  int64_t storage_offset;
  const c10::StorageImpl* storage;
  size_t nbytes;
};

Snapshot Take(const at::Tensor& t) {
  c10::NoGradGuard no_grad;
  return {t.detach().clone(),
          t.sizes().vec(),
          t.strides().vec(),
          t.storage_offset(),
          t.storage().unsafeGetStorageImpl(),
          t.storage().nbytes()};
}

// Returns how `after` differs from its snapshot, if it does.
std::optional<std::string> Change(const Snapshot& before,
                                  const at::Tensor& after) {
  if (after.storage().unsafeGetStorageImpl() != before.storage ||
      after.storage().nbytes() != before.nbytes) {
    return "its storage was replaced or resized";
  }
  if (after.sizes() != c10::IntArrayRef(before.sizes)) {
    return absl::StrCat("its size changed from ", ShapeString(before.sizes),
                        " to ", ShapeString(after.sizes()));
  }
  if (after.strides() != c10::IntArrayRef(before.strides)) {
    return absl::StrCat("its strides changed from ",
                        ShapeString(before.strides), " to ",
                        ShapeString(after.strides()));
  }
  if (after.storage_offset() != before.storage_offset) {
    return absl::StrCat("its storage offset changed from ",
                        before.storage_offset, " to ", after.storage_offset());
  }
  c10::NoGradGuard no_grad;
  if (auto diff =
          CompareTensors(before.values, after.detach(), Tolerance{0, 0})) {
    return absl::StrCat("its values changed: ", *diff);
  }
  return std::nullopt;
}

// Returns `problems` as one: the only one, or all of them under the first's
// headline, each with its evidence.
std::optional<Problem> AllOf(std::vector<Problem> problems) {
  if (problems.empty()) return std::nullopt;
  if (problems.size() == 1) return std::move(problems.front());
  Problem all = problems.front();
  all.headline =
      absl::StrCat(problems.front().headline, " (and ", problems.size() - 1,
                   " more schema problem", problems.size() > 2 ? "s" : "", ")");
  std::vector<std::string> details;
  for (size_t k = 0; k < problems.size(); ++k) {
    details.push_back(absl::StrCat(k + 1, ". ", problems[k].headline, ": ",
                                   problems[k].detail, "\n     ",
                                   problems[k].meaning));
  }
  all.meaning =
      "The schema does not describe what the kernel does, in "
      "each of the ways below; fix them together.";
  all.detail = absl::StrJoin(details, "\n  ");
  all.cause = absl::StrCat(WithCause(problems.front()).cause, " (and ",
                           problems.size() - 1, " more)");
  return all;
}

std::optional<Problem> SchemaProblem(const OpSpec& spec,
                                     const c10::FunctionSchema& schema,
                                     const Args& sample) {
  std::vector<ArgValue> args = CopyArgs(sample.values(), CopyKind::kClone);
  const std::vector<Placed> inputs = ArgumentTensors(args);
  std::vector<Snapshot> before;
  for (const Placed& input : inputs) before.push_back(Take(input.tensor));
  Output output;
  if (auto error = CallSeeded(spec, args, &output)) {
    return Problem{"the op throws",
                   "The op itself throws on this sample: fix the op or the "
                   "sample.",
                   *error};
  }
  const auto& arguments = schema.arguments();
  const std::vector<AliasDecl> argument_decls = DeclsOf(arguments);
  const std::vector<AliasDecl> return_decls = DeclsOf(schema.returns());
  // Every problem of the schema, so that one run names every missing
  // annotation rather than one per fix.
  std::vector<Problem> problems;

  // Arguments changed without `(a!)`. One that shares storage with a
  // declared-mutable argument changes with it, and is not to blame.
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (argument_decls[inputs[i].index].write) continue;
    std::optional<std::string> change = Change(before[i], inputs[i].tensor);
    if (!change) continue;
    bool through_mutable = false;
    for (const Placed& other : inputs) {
      through_mutable |= argument_decls[other.index].write &&
                         SharesStorage(other.tensor, inputs[i].tensor);
    }
    if (through_mutable) continue;
    problems.push_back(Problem{
        "an argument changes but is not declared mutable",
        absl::StrCat("The kernel writes to an argument that the schema "
                     "declares read-only, so autograd, functionalization and "
                     "graph passes assume it unchanged: declare it as "
                     "`Tensor(a!) ",
                     arguments[inputs[i].index].name(),
                     "` or write to a new tensor."),
        absl::StrCat(ArgumentLabel(schema, inputs[i]),
                     " after the call: ", *change)});
  }

  // Outputs that are, or alias, inputs.
  const std::vector<Placed> outputs =
      OutputTensors(output, schema.returns().size());
  const bool mutating =
      std::any_of(argument_decls.begin(), argument_decls.end(),
                  [](const AliasDecl& decl) { return decl.write; });
  for (const Placed& out : outputs) {
    const AliasDecl& out_decl = return_decls[out.index];
    for (const Placed& in : inputs) {
      const AliasDecl& in_decl = argument_decls[in.index];
      // Returning an input itself is declared like a view of it: `Tensor(a)
      // x -> Tensor(a)` (LibTorch's own `positive` and `contiguous` do it),
      // or `Tensor(a!)` for a written argument.
      if (out.tensor.unsafeGetTensorImpl() == in.tensor.unsafeGetTensorImpl()) {
        if (MayAlias(out_decl, in_decl)) continue;
        problems.push_back(Problem{
            mutating ? "an output is an input that the schema does not "
                       "declare as returned"
                     : "a functional op returns its input",
            "An output that is an input must be declared as aliasing it "
            "(`Tensor(a!) x -> Tensor(a!)` for a written argument, `Tensor(a) "
            "x -> Tensor(a)` otherwise); a functional op must return a new "
            "tensor (x.clone()).",
            absl::StrCat(OutputLabel(out), " is ", ArgumentLabel(schema, in),
                         " itself (the same tensor)")});
        continue;
      }
      if (SharesStorage(out.tensor, in.tensor) &&
          !MayAlias(out_decl, in_decl)) {
        problems.push_back(Problem{
            "an output aliases an input without an alias annotation",
            "The output shares memory with an input, which the schema does "
            "not declare, so passes that rely on the schema (autograd, "
            "functionalization) treat them as independent: annotate both "
            "(`Tensor(a) x -> Tensor(a)` for a view) or return a copy.",
            absl::StrCat(OutputLabel(out), " shares storage with ",
                         ArgumentLabel(schema, in))});
      }
    }
  }
  for (size_t k = 0; k < outputs.size(); ++k) {
    for (size_t m = k + 1; m < outputs.size(); ++m) {
      if (!SharesStorage(outputs[k].tensor, outputs[m].tensor)) continue;
      if (MayAlias(return_decls[outputs[k].index],
                   return_decls[outputs[m].index])) {
        continue;
      }
      problems.push_back(
          Problem{"two outputs alias each other unexpectedly",
                  "The outputs share memory, which the schema does not "
                  "declare: writing to one changes the other. Return "
                  "independent tensors, or declare the aliasing.",
                  absl::StrCat(OutputLabel(outputs[k]), " and ",
                               OutputLabel(outputs[m]), " share storage")});
    }
  }
  return AllOf(std::move(problems));
}

// Compares the strides of two tensors of one shape where they matter: dims
// of size 0 or 1 may have any stride.
bool SameSignificantStrides(const at::Tensor& a, const at::Tensor& b) {
  if (a.numel() == 0) return true;
  for (int64_t d = 0; d < a.dim(); ++d) {
    if (a.size(d) > 1 && a.stride(d) != b.stride(d)) return false;
  }
  return true;
}

std::optional<Problem> MetaKernelProblem(const OpSpec& spec,
                                         const c10::FunctionSchema& schema,
                                         const Args& sample) {
  std::vector<ArgValue> real_args = CopyArgs(sample.values(), CopyKind::kClone);
  Output real;
  if (auto error = CallSeeded(spec, real_args, &real)) {
    return Problem{"the op throws on real tensors",
                   "The op itself throws on this sample: fix the op or the "
                   "sample.",
                   *error};
  }
  std::vector<ArgValue> meta_args = CopyArgs(sample.values(), CopyKind::kMeta);
  Output meta;
  if (auto error = CallSeeded(spec, meta_args, &meta)) {
    if (std::optional<MetaFailure> failure = ParseMetaFailure(*error)) {
      if (failure->reads_data) {
        return Problem{"the Meta kernel reads tensor data",
                       "A Meta kernel must compute its outputs' metadata "
                       "from sizes, strides and dtypes alone: meta tensors "
                       "have no data (.item(), data_ptr()).",
                       *error};
      }
      // aten's missing kernels are LibTorch's, named as the fake-mode
      // expectations name them.
      const bool aten = absl::StartsWith(failure->op, "aten::");
      // The op's own Meta kernel ran and called another op that has none:
      // registering a kernel for that other op is rarely the fix.
      const std::optional<c10::OperatorHandle> self =
          c10::Dispatcher::singleton().findOp(schema.operator_name());
      if (self.has_value() && failure->op != schema.operator_name().name &&
          self->hasKernelForDispatchKey(c10::DispatchKey::Meta)) {
        return Problem{
            absl::StrCat("the Meta kernel calls ", failure->op,
                         ", which has no Meta kernel",
                         aten ? " in LibTorch C++" : ""),
            absl::StrCat(
                schema.operator_name().name,
                "'s own Meta kernel runs, and calls ", failure->op,
                " on meta tensors. A Meta kernel should compute its outputs' "
                "sizes, strides and dtypes from its inputs' metadata, not "
                "call ops that compute values: a validation helper shared "
                "with the CPU kernel (x.isnan().any().item(), a range "
                "check) reads data that meta tensors do not have. Check "
                "metadata only in the Meta kernel",
                aten ? ""
                     : absl::StrCat(", or register a Meta kernel for ",
                                    failure->op),
                "."),
            *error,
            absl::StrCat("the Meta kernel calls ", failure->op,
                         ", which has no Meta kernel",
                         aten ? " in LibTorch C++" : "")};
      }
      return Problem{
          absl::StrCat("no Meta kernel for ", failure->op),
          absl::StrCat("Without a Meta kernel the op cannot run on meta "
                       "tensors (fake tensors, shape inference, tracing "
                       "without data): register one with "
                       "TORCH_LIBRARY_IMPL(",
                       NamespaceOf(failure->op), ", Meta, m)."),
          *error,
          absl::StrCat("no Meta kernel for ", failure->op,
                       aten ? " in LibTorch C++" : "", failure->note)};
    }
    return Problem{"the op throws on meta tensors",
                   "The Meta kernel (or a kernel it reaches) throws on meta "
                   "copies of a sample the real kernel accepts.",
                   *error};
  }
  const std::string meaning =
      "The Meta kernel describes other outputs than the real kernel "
      "produces, so shape inference and fake-tensor tracing see a different "
      "op: make it compute the real kernel's sizes, strides and aliasing.";
  if (auto diff =
          CompareOutputMetadata(real, meta, "output", "the Meta kernel")) {
    return Problem{"the Meta kernel's outputs differ from the real kernel's",
                   meaning, absl::StrCat("real vs meta: ", *diff)};
  }
  const size_t returns = schema.returns().size();
  const std::vector<Placed> real_outputs = OutputTensors(real, returns);
  const std::vector<Placed> meta_outputs = OutputTensors(meta, returns);
  const std::vector<Placed> real_inputs = ArgumentTensors(real_args);
  const std::vector<Placed> meta_inputs = ArgumentTensors(meta_args);
  for (size_t k = 0; k < real_outputs.size() && k < meta_outputs.size(); ++k) {
    const at::Tensor& r = real_outputs[k].tensor;
    const at::Tensor& m = meta_outputs[k].tensor;
    const std::string label = OutputLabel(real_outputs[k]);
    auto differ = [&](const std::string& detail) {
      return Problem{"the Meta kernel's outputs differ from the real kernel's",
                     meaning, absl::StrCat(label, ": ", detail)};
    };
    if (!m.is_meta()) {
      return differ(absl::StrCat("the Meta kernel returns a tensor on ",
                                 m.device().str(), ", not on meta"));
    }
    if (!SameSignificantStrides(r, m)) {
      return differ(absl::StrCat(
          "strides ", ShapeString(m.strides()), " from the Meta kernel, ",
          ShapeString(r.strides()), " from the real kernel (shape ",
          ShapeString(r.sizes()), ")"));
    }
    if (r.storage_offset() != m.storage_offset()) {
      return differ(absl::StrCat("storage offset ", m.storage_offset(),
                                 " from the Meta kernel, ", r.storage_offset(),
                                 " from the real kernel"));
    }
    for (size_t j = 0; j < real_inputs.size() && j < meta_inputs.size(); ++j) {
      const bool real_alias = SharesStorage(r, real_inputs[j].tensor);
      const bool meta_alias = SharesStorage(m, meta_inputs[j].tensor);
      if (real_alias != meta_alias) {
        return differ(absl::StrCat(
            real_alias ? "the real kernel's" : "the Meta kernel's",
            " shares storage with ", ArgumentLabel(schema, real_inputs[j]),
            "; the ", real_alias ? "Meta kernel's" : "real kernel's",
            " does not"));
      }
    }
  }
  return std::nullopt;
}

// Returns the Autograd keys that would serve `device`'s tensors.
std::vector<c10::DispatchKey> AutogradKeysFor(c10::DeviceType device) {
  std::vector<c10::DispatchKey> keys = {c10::DispatchKey::Autograd};
  switch (device) {
    case c10::DeviceType::CPU:
      keys.push_back(c10::DispatchKey::AutogradCPU);
      break;
    case c10::DeviceType::CUDA:
      keys.push_back(c10::DispatchKey::AutogradCUDA);
      break;
    default:
      keys.push_back(c10::DispatchKey::AutogradOther);
      break;
  }
  return keys;
}

struct AutogradOutcome {
  bool checked = false;  // false: no input requires grad
  std::optional<Problem> problem;
  std::string note;  // something worth saying about a pass
};

AutogradOutcome AutogradProblem(const OpSpec& spec,
                                const c10::OperatorHandle& op,
                                const Args& sample) {
  // Copies, so that marking them below changes nothing the user registered.
  const std::vector<ArgValue> values =
      CopyArgs(sample.values(), CopyKind::kClone);
  auto first_requiring_grad = [](const std::vector<Placed>& inputs) {
    const Placed* found = nullptr;
    for (const Placed& input : inputs) {
      if (input.tensor.requires_grad()) {
        found = &input;
        break;
      }
    }
    return found;
  };
  std::vector<Placed> inputs = ArgumentTensors(values);
  const Placed* grad_input = first_requiring_grad(inputs);
  bool marked = false;
  if (grad_input == nullptr) {
    // No input of the sample requires grad: its floating-point and complex
    // inputs are made to, as a user would to differentiate the op.
    for (GradInput& input : DifferentiableInputs(values)) {
      input.tensor.set_requires_grad(true);
      marked = true;
    }
    inputs = ArgumentTensors(values);
    grad_input = first_requiring_grad(inputs);
  }
  if (grad_input == nullptr) return {};
  // CompositeImplicitAutograd: autograd comes from the ops it calls.
  if (op.hasKernelForDispatchKey(c10::DispatchKey::CompositeImplicitAutograd)) {
    return {true, std::nullopt, ""};
  }
  for (c10::DispatchKey key :
       AutogradKeysFor(grad_input->tensor.device().type())) {
    if (op.hasKernelForDispatchKey(key)) return {true, std::nullopt, ""};
  }
  std::vector<ArgValue> args = CopyArgs(values, CopyKind::kClone);
  Output output;
  std::optional<std::string> error;
  {
    // LibTorch 2.x gives an op without an autograd kernel a fallback at the
    // Autograd key that makes its outputs require grad (and warns if
    // backward reaches them). Switched to a plain redispatch, an output that
    // still requires grad has its history from the backend kernel, which is
    // what this check looks for (Python's opcheck does the same).
    const auto mode = torch::autograd::getAutogradFallbackMode();
    torch::autograd::setAutogradFallbackMode(
        torch::autograd::AutogradFallbackMode::Nothing);
    error = CallSeeded(spec, args, &output);
    if (error && marked && IsLeafInPlaceError(*error)) {
      // An in-place op on inputs gtest_fx made leaves that require grad,
      // which autograd refuses: it gets non-leaf copies, as a user would
      // pass it the result of an earlier op.
      args = WithNonLeafClones(CopyArgs(values, CopyKind::kClone));
      error = CallSeeded(spec, args, &output);
    }
    torch::autograd::setAutogradFallbackMode(mode);
  }
  if (error) {
    return {true,
            Problem{"the op throws on inputs that require grad",
                    "The op throws when an input requires grad, before "
                    "autograd can be judged.",
                    *error},
            ""};
  }
  const std::vector<Placed> called_with = ArgumentTensors(args);
  for (const Placed& out :
       OutputTensors(output, op.schema().returns().size())) {
    if (!out.tensor.requires_grad()) continue;
    // An output that is an input (an in-place op) requires grad because the
    // input does; it says nothing of where autograd is registered.
    if (std::any_of(
            called_with.begin(), called_with.end(),
            [&](const Placed& in) { return in.tensor.is_same(out.tensor); })) {
      continue;
    }
    return {
        true,
        Problem{
            "autograd is registered at a backend key",
            absl::StrCat(
                "The op has no kernel at an Autograd key and is not "
                "CompositeImplicitAutograd, yet its output requires "
                "grad: the backend kernel calls differentiable ops, so "
                "autograd records them and not the op, which gives wrong "
                "or missing gradients under other backends and "
                "transforms. Register the autograd kernel with "
                "TORCH_LIBRARY_IMPL(",
                NamespaceOf(op.schema().name()),
                ", Autograd, m), or the kernel as "
                "CompositeImplicitAutograd."),
            absl::StrCat(ArgumentLabel(op.schema(), *grad_input),
                         marked ? " (made to require grad by gtest_fx)" : "",
                         " requires grad, and ", OutputLabel(out),
                         " requires grad although no Autograd kernel "
                         "made it")},
        ""};
  }
  return {true, std::nullopt,
          "the op has no autograd kernel and its outputs do not require "
          "grad: it is not differentiable"};
}

std::string Report(const OpSpec& spec, Check check, size_t index, size_t count,
                   const c10::FunctionSchema& schema, const Problem& problem) {
  return absl::StrFormat(
      "[gtest_fx] op '%s' (%s), sample %d of %d, check %s: %s.\n  %s\n  %s\n"
      "  schema: %s\n",
      // Samples are counted from 1, in the order of the .Sample calls.
      spec.name, spec.dispatcher_name, index + 1, count, CheckName(check),
      problem.headline, problem.meaning, problem.detail, c10::toString(schema));
}

}  // namespace

CheckResult RunOpCheck(Check check, const OpSpec& spec,
                       const std::vector<Args>& samples,
                       const std::string& rerun) {
  QuietC10Backtraces();
  if (check == Check::kGradCheck) return RunGradCheck(spec, samples, rerun);
  CheckResult result;
  absl::StatusOr<c10::OperatorHandle> op =
      FindDispatcherOp(spec.dispatcher_name);
  if (!op.ok()) {
    result.verdict = CheckResult::Verdict::kFail;
    result.message = std::string(op.status().message());
    result.cause = result.message;
    return result;
  }
  const c10::FunctionSchema& schema = op->schema();
  std::vector<std::string> failures;
  std::vector<std::string> notes;
  size_t checked = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    std::optional<Problem> problem;
    switch (check) {
      case Check::kSchema:
        problem = SchemaProblem(spec, schema, samples[i]);
        ++checked;
        break;
      case Check::kMetaKernel:
        problem = MetaKernelProblem(spec, schema, samples[i]);
        ++checked;
        break;
      case Check::kAutogradRegistration: {
        AutogradOutcome outcome = AutogradProblem(spec, *op, samples[i]);
        problem = std::move(outcome.problem);
        if (outcome.checked) ++checked;
        if (!outcome.note.empty() && std::find(notes.begin(), notes.end(),
                                               outcome.note) == notes.end()) {
          notes.push_back(outcome.note);
        }
        break;
      }
      case Check::kGradCheck:
        break;  // returned above
    }
    if (!problem) continue;
    *problem = WithCause(std::move(*problem));
    if (failures.empty()) result.cause = problem->cause;
    failures.push_back(
        Report(spec, check, i, samples.size(), schema, *problem));
  }
  if (!failures.empty()) {
    result.verdict = CheckResult::Verdict::kFail;
    result.message =
        absl::StrCat(absl::StrJoin(failures, ""), "  registered at ",
                     Location(spec), "\n  rerun: ", rerun);
  } else if (checked == 0) {
    result.verdict = CheckResult::Verdict::kSkip;
    result.message =
        "no sample has a floating-point or complex tensor argument, so the "
        "op cannot be differentiated and where autograd is registered cannot "
        "be checked";
  } else {
    result.message = absl::StrJoin(notes, "; ");
  }
  return result;
}

}  // namespace gtest_fx::internal
