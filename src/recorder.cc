#include "recorder.h"

#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <absl/container/flat_hash_set.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <c10/util/Exception.h>
#include <torch/library.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "trace.h"

namespace gtest_fx::internal {
namespace {

// The dispatch key at which gtest_fx records. In LibTorch 2.x `Fake` sits
// just below `Python` (where make_fx's ProxyTorchDispatchMode runs) and below
// Functionalize, ADInplaceOrView and autograd. LibTorch 2.13 reserves it for
// a C++ FakeTensor mode but registers nothing there (no fallback, and none of
// its 3,466 operators has a kernel at it), so the fallback below sees every
// call. It is in a thread's included keys only while that thread records.
// Another LibTorch may need another key: this is the line to change.
constexpr c10::DispatchKey kRecordKey = c10::DispatchKey::Fake;

// A key above autograd, included only while a symbolic trace with its
// composite ops whole records (for AlsoAt): it sees the op's own calls
// before autograd decomposes the composite ones.
constexpr c10::DispatchKey kCompositeKey =
    c10::DispatchKey::TESTING_ONLY_GenericMode;

const c10::DispatchKeySet kRecordingKeys({kRecordKey, kCompositeKey});

constexpr absl::string_view kLocalScalarDense = "aten::_local_scalar_dense";

thread_local Recording* active_recording = nullptr;

// Whether the kernel that `keys` reaches for `op` is its
// CompositeImplicitAutograd kernel: a composite op that reaches the record
// key (autograd keys off, e.g. under c10::InferenceMode) and that must still
// be decomposed for the graph to hold what runs.
bool RunsCompositeKernel(const c10::OperatorHandle& op,
                         c10::DispatchKeySet keys) {
  return op.hasKernelForDispatchKey(
             c10::DispatchKey::CompositeImplicitAutograd) &&
         !op.hasKernelForDispatchKey(keys.highestPriorityTypeId());
}

// Whether autograd will decompose `op`: it has a CompositeImplicitAutograd
// kernel and no kernel of its own at the autograd or backend keys.
bool DecomposedByAutograd(const c10::OperatorHandle& op) {
  using K = c10::DispatchKey;
  return op.hasKernelForDispatchKey(K::CompositeImplicitAutograd) &&
         !op.hasKernelForDispatchKey(K::Autograd) &&
         !op.hasKernelForDispatchKey(K::AutogradCPU) &&
         !op.hasKernelForDispatchKey(K::AutogradMeta) &&
         !op.hasKernelForDispatchKey(K::CPU) &&
         !op.hasKernelForDispatchKey(K::Meta);
}

void RecordBelowAutograd(const c10::OperatorHandle& op,
                         c10::DispatchKeySet keys, torch::jit::Stack* stack) {
  const c10::DispatchKeySet below =
      keys & c10::DispatchKeySet(c10::DispatchKeySet::FULL_AFTER, kRecordKey);
  Recording* recording = active_recording;
  // No recording on this thread (a worker that inherited the key), or a
  // composite whose decomposition is to be recorded: pass through.
  if (recording == nullptr || RunsCompositeKernel(op, below)) {
    op.redispatchBoxed(below, stack);
    return;
  }
  recording->Record(op, below, stack, /*whole_composite=*/false);
}

void RecordCompositeWhole(const c10::OperatorHandle& op,
                          c10::DispatchKeySet keys, torch::jit::Stack* stack) {
  const c10::DispatchKeySet below =
      keys &
      c10::DispatchKeySet(c10::DispatchKeySet::FULL_AFTER, kCompositeKey);
  Recording* recording = active_recording;
  // aten::item decomposes into the data read that the recorder names.
  if (recording != nullptr && DecomposedByAutograd(op) &&
      op.operator_name().name != "aten::item") {
    recording->Record(op, below, stack, /*whole_composite=*/true);
    return;
  }
  op.redispatchBoxed(below, stack);
}

TORCH_LIBRARY_IMPL(_, Fake, m) {
  m.fallback(torch::CppFunction::makeFromBoxedFunction<&RecordBelowAutograd>());
}

TORCH_LIBRARY_IMPL(_, TESTING_ONLY_GenericMode, m) {
  m.fallback(
      torch::CppFunction::makeFromBoxedFunction<&RecordCompositeWhole>());
}

bool IsAten(const c10::OperatorHandle& op) {
  return absl::StartsWith(op.operator_name().name, "aten::");
}

std::string BaseName(const c10::OperatorHandle& op) {
  const std::string& name = op.operator_name().name;
  const size_t colons = name.rfind("::");
  return colons == std::string::npos ? name : name.substr(colons + 2);
}

// Whether LibTorch's error says that a kernel the op reached has no Meta
// kernel (LibTorch 2.x words it "attempted to run this operator with Meta
// tensors, but there was no fake impl or Meta kernel registered"; a
// convolution or its backward on meta tensors falls to the hook for
// out-of-tree backends).
bool MissingMetaKernel(const std::string& error) {
  return absl::StrContains(error, "with Meta tensors, but there was no") ||
         absl::StrContains(error, "from the 'Meta' backend") ||
         absl::StrContains(error, "convolution_overrideable not implemented") ||
         absl::StrContains(error, "convolution_backward_overrideable: ");
}

// Appends to `signature` what a kernel on meta tensors can see of `value`
// (a tensor's metadata, another value itself); false for a value it cannot
// describe (a generator, an object).
bool AppendMetaSignature(const c10::IValue& value, std::string* signature) {
  auto tensor = [signature](const at::Tensor& t) {
    if (!t.defined()) {
      absl::StrAppend(signature, "T-;");
      return;
    }
    absl::StrAppend(signature, "T", static_cast<int>(t.scalar_type()), ",",
                    static_cast<int>(t.layout()), ",", t.device().str(), ",",
                    t.key_set().raw_repr(), ",", t.storage_offset(), ",");
    for (int64_t d : t.sizes()) absl::StrAppend(signature, d, "x");
    absl::StrAppend(signature, "/");
    for (int64_t d : t.strides()) absl::StrAppend(signature, d, "x");
    absl::StrAppend(signature, ";");
  };
  if (value.isTensor()) {
    tensor(value.toTensor());
  } else if (value.isTensorList()) {
    absl::StrAppend(signature, "[");
    for (const at::Tensor& t : value.toTensorVector()) tensor(t);
    absl::StrAppend(signature, "];");
  } else if (value.isOptionalTensorList()) {
    absl::StrAppend(signature, "[");
    for (const std::optional<at::Tensor>& t : value.toOptionalTensorList()) {
      tensor(t.has_value() ? *t : at::Tensor());
    }
    absl::StrAppend(signature, "];");
  } else if (value.isNone()) {
    absl::StrAppend(signature, "N;");
  } else if (value.isBool()) {
    absl::StrAppend(signature, "B", value.toBool(), ";");
  } else if (value.isInt()) {
    absl::StrAppend(signature, "I", value.toInt(), ";");
  } else if (value.isSymInt() && !value.toSymInt().is_symbolic()) {
    absl::StrAppend(signature, "I", value.toSymInt().as_int_unchecked(), ";");
  } else if (value.isDouble()) {
    // Exact: two doubles that print alike may still take two paths.
    absl::StrAppend(signature, absl::StrFormat("D%a;", value.toDouble()));
  } else if (value.isComplexDouble()) {
    const c10::complex<double> z = value.toComplexDouble();
    absl::StrAppend(signature, absl::StrFormat("C%a,%a;", z.real(), z.imag()));
  } else if (value.isString()) {
    absl::StrAppend(signature, "S", value.toStringRef(), ";");
  } else if (value.isDevice()) {
    absl::StrAppend(signature, "V", value.toDevice().str(), ";");
  } else if (value.isIntList()) {
    absl::StrAppend(signature, "L", absl::StrJoin(value.toIntVector(), ","),
                    ";");
  } else if (value.isBoolList()) {
    absl::StrAppend(signature, "L");
    for (bool b : value.toBoolList()) absl::StrAppend(signature, b, ",");
    absl::StrAppend(signature, ";");
  } else if (value.isDoubleList()) {
    absl::StrAppend(signature, "L");
    for (double d : value.toDoubleVector()) {
      absl::StrAppend(signature, absl::StrFormat("%a,", d));
    }
    absl::StrAppend(signature, ";");
  } else {
    return false;
  }
  return true;
}

// The calls on meta tensors that this thread ran on placeholders because a
// kernel they reach has no Meta kernel. On meta tensors a kernel sees only
// the arguments' metadata and values, so a call equal in all of them, with
// the same dispatch keys, fails the same way: a later trace (the same op's
// next case, the joint function's final `abs` in every op's gradient case)
// runs it on placeholders at once. Finding out costs LibTorch building and
// throwing its error, most of such a call's cost. Calls are looked up by
// operator first, so that calls of other operators build no signature.
class PlaceholderCalls {
 public:
  static PlaceholderCalls& OfThisThread() {
    thread_local PlaceholderCalls calls;
    return calls;
  }

  // Whether a call of `op` with `args` under `keys` is known to need
  // placeholders.
  bool Knows(const c10::OperatorHandle& op, c10::DispatchKeySet keys,
             const c10::IValue* args, size_t count) const {
    if (!ops_.contains(&op.schema())) return false;
    std::optional<std::string> signature = Signature(op, keys, args, count);
    return signature.has_value() && calls_.contains(*signature);
  }
  void Add(const c10::OperatorHandle& op, c10::DispatchKeySet keys,
           const c10::IValue* args, size_t count) {
    if (std::optional<std::string> signature =
            Signature(op, keys, args, count)) {
      ops_.insert(&op.schema());
      calls_.insert(*std::move(signature));
    }
  }

 private:
  static std::optional<std::string> Signature(const c10::OperatorHandle& op,
                                              c10::DispatchKeySet keys,
                                              const c10::IValue* args,
                                              size_t count) {
    std::string signature = absl::StrCat(
        reinterpret_cast<uintptr_t>(&op.schema()), "|", keys.raw_repr(), "|");
    for (size_t i = 0; i < count; ++i) {
      if (!AppendMetaSignature(args[i], &signature)) return std::nullopt;
    }
    return signature;
  }

  absl::flat_hash_set<const c10::FunctionSchema*> ops_;
  absl::flat_hash_set<std::string> calls_;
};

std::string FirstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// A meta tensor standing for `tensor`: same sizes, strides and dtype.
at::Tensor MetaTwin(const at::Tensor& tensor) {
  return at::empty_strided(tensor.sizes(), tensor.strides(),
                           tensor.options().device(at::kMeta));
}

}  // namespace

Recording::Recording(Graph* graph, RecordingOptions options)
    : graph_(graph),
      options_(options),
      include_record_key_(kRecordKey),
      previous_(active_recording) {
  if (options_.keep_composites_whole) {
    include_composite_key_.emplace(kCompositeKey);
  }
  graph_->traced_on_meta = options_.on_meta;
  known_.reserve(16);
  geometries_.reserve(16);
  graph_->values.reserve(16);
  graph_->nodes.reserve(8);
  active_recording = this;
}

Recording::~Recording() { active_recording = previous_; }

std::string Recording::UniqueName(std::string name) {
  int& count = name_counts_[name];
  if (count++ > 0) absl::StrAppend(&name, "_", count - 1);
  return name;
}

int Recording::NewValue(const at::Tensor& tensor, std::string name,
                        bool constant) {
  ValueInfo info;
  info.name = UniqueName(std::move(name));
  info.dtype = tensor.scalar_type();
  info.sizes.assign(tensor.sizes().begin(), tensor.sizes().end());
  info.is_constant = constant;
  graph_->values.push_back(std::move(info));
  return static_cast<int>(graph_->values.size()) - 1;
}

void Recording::Remember(const at::Tensor& tensor, int value) {
  if (tensor.has_storage()) {
    geometries_.push_back(
        Geometry{tensor.storage().getWeakStorageImpl(), tensor.storage_offset(),
                 c10::SmallVector<int64_t, 6>(tensor.sizes().begin(),
                                              tensor.sizes().end()),
                 c10::SmallVector<int64_t, 6>(tensor.strides().begin(),
                                              tensor.strides().end()),
                 tensor.scalar_type(), value});
  }
  known_.insert_or_assign(
      tensor.unsafeGetTensorImpl(),
      Known{c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(
                tensor.getIntrusivePtr()),
            value});
}

std::optional<int> Recording::Find(const at::Tensor& tensor) {
  if (auto it = known_.find(tensor.unsafeGetTensorImpl()); it != known_.end()) {
    return it->second.value;
  }
  // A shallow copy (detach(), variable_data(), the tensor autograd hands
  // out for a view) of a recorded tensor is a new TensorImpl over the same
  // storage with the same geometry; the newest such value is the one that
  // holds the current contents.
  if (!tensor.has_storage()) return std::nullopt;
  const c10::StorageImpl* storage = tensor.storage().unsafeGetStorageImpl();
  for (auto it = geometries_.rbegin(); it != geometries_.rend(); ++it) {
    // The weak reference keeps a freed StorageImpl's address from being
    // reused, so equal addresses mean the same storage.
    if (it->storage._unsafe_get_target() == storage &&
        it->offset == tensor.storage_offset() &&
        tensor.sizes() ==
            c10::IntArrayRef(it->sizes.data(), it->sizes.size()) &&
        tensor.strides() ==
            c10::IntArrayRef(it->strides.data(), it->strides.size()) &&
        it->dtype == tensor.scalar_type()) {
      const int value = it->value;
      Remember(tensor, value);
      return value;
    }
  }
  return std::nullopt;
}

int Recording::ValueOf(const at::Tensor& tensor) {
  if (std::optional<int> value = Find(tensor)) return *value;
  const int value = NewValue(tensor, "_tensor_constant", /*constant=*/true);
  graph_->constants.emplace_back(value, tensor);
  Remember(tensor, value);
  return value;
}

int Recording::AddInput(size_t arg, const at::Tensor& tensor, int element) {
  if (graph_->arg_values.size() <= arg) {
    graph_->arg_values.resize(arg + 1);
    graph_->arg_size_input.resize(arg + 1, -1);
  }
  std::string name = absl::StrCat("arg", arg);
  if (element >= 0) absl::StrAppend(&name, "_", element);
  const int value = NewValue(tensor, std::move(name), /*constant=*/false);
  graph_->arg_values[arg].push_back(value);
  Remember(tensor, value);
  return value;
}

void Recording::AddSizeInput(size_t arg, const std::vector<int64_t>& dims) {
  if (graph_->arg_values.size() <= arg) {
    graph_->arg_values.resize(arg + 1);
    graph_->arg_size_input.resize(arg + 1, -1);
  }
  graph_->arg_size_input[arg] = static_cast<int>(graph_->size_inputs.size());
  graph_->size_inputs.push_back(dims);
}

GraphArg Recording::ArgOf(c10::IValue& value) {
  GraphArg arg;
  if (value.isTensor()) {
    const at::Tensor& tensor = value.toTensor();
    if (!tensor.defined()) {
      arg.constant = value;
      return arg;
    }
    arg.kind = GraphArg::Kind::kTensor;
    arg.values.push_back(ValueOf(tensor));
    // A fake trace computes on meta tensors only: a real tensor from outside
    // the trace takes part through a meta twin.
    if (options_.on_meta && !tensor.is_meta()) value = MetaTwin(tensor);
    return arg;
  }
  if (value.isTensorList()) {
    arg.kind = GraphArg::Kind::kTensorList;
    for (const at::Tensor& tensor : value.toTensorVector()) {
      arg.values.push_back(ValueOf(tensor));
    }
    return arg;
  }
  if (value.isOptionalTensorList()) {
    arg.kind = GraphArg::Kind::kOptionalTensorList;
    for (const std::optional<at::Tensor>& tensor :
         value.toOptionalTensorList()) {
      arg.values.push_back(
          tensor.has_value() && tensor->defined() ? ValueOf(*tensor) : -1);
    }
    return arg;
  }
  if (!graph_->size_inputs.empty() && value.isIntList()) {
    std::vector<int64_t> list = value.toIntVector();
    for (size_t k = 0; k < graph_->size_inputs.size(); ++k) {
      if (!list.empty() && graph_->size_inputs[k] == list) {
        arg.kind = GraphArg::Kind::kSize;
        arg.size_input = static_cast<int>(k);
        return arg;
      }
    }
  }
  arg.constant = value;
  return arg;
}

GraphArg Recording::ResultOf(c10::IValue& value, const std::string& base) {
  GraphArg result;
  if (value.isTensor()) {
    at::Tensor tensor = value.toTensor();
    if (!tensor.defined()) {
      result.kind = GraphArg::Kind::kTensor;
      result.values.push_back(-1);
      return result;
    }
    // A factory in a fake trace (no tensor input to take the device from)
    // makes a real tensor: what the trace goes on with is its meta twin.
    if (options_.on_meta && !tensor.is_meta()) {
      tensor = MetaTwin(tensor);
      value = tensor;
    }
    result.kind = GraphArg::Kind::kTensor;
    const int id = NewValue(tensor, base, /*constant=*/false);
    Remember(tensor, id);
    result.values.push_back(id);
    return result;
  }
  if (value.isTensorList()) {
    result.kind = GraphArg::Kind::kTensorList;
    std::vector<at::Tensor> tensors = value.toTensorVector();
    bool replaced = false;
    for (at::Tensor& tensor : tensors) {
      if (options_.on_meta && tensor.defined() && !tensor.is_meta()) {
        tensor = MetaTwin(tensor);
        replaced = true;
      }
      const int id = NewValue(tensor, base, /*constant=*/false);
      Remember(tensor, id);
      result.values.push_back(id);
    }
    if (replaced) value = c10::List<at::Tensor>(tensors);
    return result;
  }
  result.constant = value;
  result.name = UniqueName(base);
  return result;
}

void Recording::RunOnPlaceholders(const c10::OperatorHandle& op,
                                  std::vector<c10::IValue> args,
                                  torch::jit::Stack* stack) {
  std::vector<std::pair<at::Tensor, at::Tensor>> meta_and_cpu;
  auto stand_in = [&](const at::Tensor& tensor) -> at::Tensor {
    if (!tensor.defined() || !tensor.is_meta()) return tensor;
    at::Tensor cpu = at::empty_strided(tensor.sizes(), tensor.strides(),
                                       tensor.options().device(at::kCPU));
    cpu.zero_();
    meta_and_cpu.emplace_back(tensor, cpu);
    return cpu;
  };
  torch::jit::Stack cpu_stack;
  for (c10::IValue& arg : args) {
    if (arg.isTensor()) {
      cpu_stack.emplace_back(stand_in(arg.toTensor()));
    } else if (arg.isTensorList()) {
      c10::List<at::Tensor> list;
      for (const at::Tensor& t : arg.toTensorVector()) {
        list.push_back(stand_in(t));
      }
      cpu_stack.emplace_back(std::move(list));
    } else if (arg.isOptionalTensorList()) {
      c10::List<std::optional<at::Tensor>> list;
      for (const std::optional<at::Tensor>& t : arg.toOptionalTensorList()) {
        list.push_back(t.has_value() ? std::optional<at::Tensor>(stand_in(*t))
                                     : std::nullopt);
      }
      cpu_stack.emplace_back(std::move(list));
    } else if (arg.isDevice() && arg.toDevice().is_meta()) {
      cpu_stack.emplace_back(c10::Device(c10::kCPU));
    } else {
      cpu_stack.push_back(std::move(arg));
    }
  }
  try {
    op.callBoxed(&cpu_stack);
  } catch (const std::exception& e) {
    const auto* error = dynamic_cast<const c10::Error*>(&e);
    throw TraceError(absl::StrCat(
        op.operator_name().name,
        " has no Meta kernel in C++ (where it has a Meta implementation, it "
        "is registered from Python), and its CPU kernel, run on zero-filled "
        "placeholders as FakeTensor does for such ops, refused them: ",
        FirstLine(error ? error->what_without_backtrace() : e.what())));
  }
  // Outputs: the meta input an output is (in-place ops), a view of it, or a
  // new meta tensor of the same geometry.
  auto to_meta = [&](const at::Tensor& out) -> at::Tensor {
    if (!out.defined()) return out;
    for (const auto& [meta, cpu] : meta_and_cpu) {
      if (out.is_same(cpu)) return meta;
    }
    for (const auto& [meta, cpu] : meta_and_cpu) {
      if (out.has_storage() && out.storage().is_alias_of(cpu.storage())) {
        return meta.as_strided(out.sizes(), out.strides(),
                               out.storage_offset());
      }
    }
    return MetaTwin(out);
  };
  for (c10::IValue& out : cpu_stack) {
    if (out.isTensor()) {
      stack->emplace_back(to_meta(out.toTensor()));
    } else if (out.isTensorList()) {
      c10::List<at::Tensor> list;
      for (const at::Tensor& t : out.toTensorVector())
        list.push_back(to_meta(t));
      stack->emplace_back(std::move(list));
    } else {
      stack->push_back(std::move(out));
    }
  }
}

void Recording::Record(const c10::OperatorHandle& op, c10::DispatchKeySet keys,
                       torch::jit::Stack* stack, bool whole_composite) {
  // Nothing below is recorded: not the op's own inner calls, nor the
  // tensors made here.
  c10::impl::ExcludeDispatchKeyGuard exclude(kRecordingKeys);
  keys = keys - kRecordingKeys;
  const c10::FunctionSchema& schema = op.schema();
  const size_t first = stack->size() - schema.arguments().size();
  GraphNode node{op, {}, {}, false, whole_composite};
  node.args.reserve(schema.arguments().size());
  for (size_t i = first; i < stack->size(); ++i) {
    node.args.push_back(ArgOf((*stack)[i]));
  }
  if (options_.on_meta && op.operator_name().name == kLocalScalarDense) {
    throw TraceError(
        "the op reads a tensor value while tracing "
        "(aten::_local_scalar_dense: .item()); a fake trace has meta tensors, "
        "which hold no values");
  }
  if (options_.on_meta && IsAten(op)) {
    std::vector<c10::IValue> saved(stack->begin() + first, stack->end());
    PlaceholderCalls& placeholder_calls = PlaceholderCalls::OfThisThread();
    bool on_placeholders =
        placeholder_calls.Knows(op, keys, saved.data(), saved.size());
    if (!on_placeholders) {
      try {
        op.redispatchBoxed(keys, stack);
      } catch (const c10::Error& e) {
        const std::string error = e.what_without_backtrace();
        // A kernel that reads data inside: no placeholder may answer for it.
        if (absl::StrContains(error, kLocalScalarDense) ||
            absl::StrContains(error, "cannot be called on meta tensors")) {
          throw TraceError(absl::StrCat(
              "the op reads a tensor value while tracing "
              "(aten::_local_scalar_dense: .item(), inside ",
              op.operator_name().name,
              "); a fake trace has meta tensors, which hold no values"));
        }
        if (!MissingMetaKernel(error)) throw;
        placeholder_calls.Add(op, keys, saved.data(), saved.size());
        on_placeholders = true;
      }
    }
    if (on_placeholders) {
      stack->resize(first);
      RunOnPlaceholders(op, std::move(saved), stack);
      node.ran_on_placeholders = true;
    }
  } else {
    op.redispatchBoxed(keys, stack);
  }
  const size_t returns = schema.returns().size();
  const std::string base = BaseName(op);
  node.results.reserve(returns);
  for (size_t i = stack->size() - returns; i < stack->size(); ++i) {
    node.results.push_back(ResultOf((*stack)[i], base));
  }
  graph_->nodes.push_back(std::move(node));
}

}  // namespace gtest_fx::internal
