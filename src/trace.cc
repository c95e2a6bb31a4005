#include "trace.h"

#include <ATen/ATen.h>
#include <ATen/TracerMode.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <c10/util/Exception.h>
#include <torch/csrc/jit/frontend/tracer.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/runtime/interpreter.h>
#include <torch/library.h>

#include <cmath>
#include <unordered_set>
#include <utility>

#include "seeded_call.h"

namespace gtest_fx::internal {
namespace {

namespace jit = torch::jit;

// The key at which gtest_fx sees every op call of a symbolic trace before the
// tracer records it. It is only ever included in the dispatch key set while
// gtest_fx traces in kSymbolic mode.
constexpr c10::DispatchKey kSymbolicSizesKey =
    c10::DispatchKey::TESTING_ONLY_GenericMode;

// A Size argument of a symbolic trace and the graph input that holds it.
struct SymbolicSize {
  std::vector<int64_t> dims;
  at::Tensor holder;
};

thread_local const std::vector<SymbolicSize>* active_symbolic_sizes = nullptr;

// Removes whatever the tracer left stashed under `name` (when an op's tracer
// kernel did not read the argument by that name), so that it cannot be
// picked up by a later op with an argument of the same name. The only public
// way to pop the stash is to record an int list; the nodes that recording
// makes are destroyed again.
void DrainStash(const std::string& name, c10::IntArrayRef dims) {
  std::shared_ptr<jit::Graph> graph = jit::tracer::getTracingState()->graph;
  jit::Node* insert_point = graph->insertPoint();
  jit::Node* last_before = insert_point->prev();
  jit::Node* scratch = graph->create(jit::prim::ListConstruct, 0);
  jit::tracer::addInputs(scratch, name.c_str(), dims);
  scratch->destroy();
  for (jit::Node* node = insert_point->prev(); node != last_before;) {
    jit::Node* prev = node->prev();
    if (!node->hasUses()) node->destroy();
    node = prev;
  }
}

// Boxed fallback at kSymbolicSizesKey: where an op receives a Size of the
// trace unchanged as an int list, stashes the graph's reads of the holder's
// sizes under that argument's name, so the tracer records them instead of
// constants.
void StashSymbolicSizes(const c10::OperatorHandle& op, c10::DispatchKeySet keys,
                        jit::Stack* stack) {
  std::vector<std::pair<std::string, std::vector<int64_t>>> stashed;
  // Only the outermost op is recorded: inside a traced op the Tracer key is
  // excluded and nothing must be stashed.
  if (active_symbolic_sizes != nullptr && jit::tracer::isTracing() &&
      at::tracer::impl::is_dispatch_enabled()) {
    const auto& arguments = op.schema().arguments();
    const size_t first = stack->size() - arguments.size();
    for (size_t i = 0; i < arguments.size(); ++i) {
      const c10::IValue& value = (*stack)[first + i];
      if (!value.isIntList()) continue;
      std::vector<int64_t> list = value.toIntVector();
      if (list.empty()) continue;
      for (const SymbolicSize& size : *active_symbolic_sizes) {
        if (size.dims != list) continue;
        const std::string& name = arguments[i].name();
        for (size_t d = 0; d < list.size(); ++d) {
          jit::tracer::ArgumentStash::stashIntArrayRefElem(
              name, list.size(), d,
              jit::tracer::getSizeOf(size.holder, static_cast<int64_t>(d)));
        }
        stashed.emplace_back(name, std::move(list));
        break;
      }
    }
  }
  op.redispatchBoxed(keys & c10::DispatchKeySet(c10::DispatchKeySet::FULL_AFTER,
                                                kSymbolicSizesKey),
                     stack);
  for (const auto& [name, dims] : stashed) DrainStash(name, dims);
}

TORCH_LIBRARY_IMPL(_, TESTING_ONLY_GenericMode, m) {
  m.fallback(torch::CppFunction::makeFromBoxedFunction<&StashSymbolicSizes>());
}

// In LibTorch 1.13 an op defined with TORCH_LIBRARY and called with meta
// tensors stops at the AutogradMeta key unless it has a kernel there, with an
// error that hides the real question (is there a Meta kernel?). Ops without
// their own AutogradMeta kernel fall through to the Meta kernel instead.
TORCH_LIBRARY_IMPL(_, AutogradMeta, m) {
  m.fallback(torch::CppFunction::makeFallthrough());
}

class ScopedSymbolicSizes {
 public:
  explicit ScopedSymbolicSizes(const std::vector<SymbolicSize>* sizes)
      : previous_(active_symbolic_sizes) {
    active_symbolic_sizes = sizes;
  }
  ~ScopedSymbolicSizes() { active_symbolic_sizes = previous_; }

 private:
  const std::vector<SymbolicSize>* previous_;
};

class CollectWarnings : public c10::WarningHandler {
 public:
  void process(const c10::SourceLocation& /*location*/, const std::string& msg,
               const bool /*verbatim*/) override {
    warnings.push_back(msg);
  }
  std::vector<std::string> warnings;
};

// Returns the graph inputs for `args`, in argument order. In kSymbolic mode
// each Size adds a holder tensor, recorded in `sizes`.
jit::Stack FlattenInputs(const std::vector<ArgValue>& args, TracingMode mode,
                         std::vector<SymbolicSize>* sizes) {
  jit::Stack inputs;
  for (const ArgValue& arg : args) {
    if (auto* t = std::get_if<at::Tensor>(&arg)) {
      if (t->defined()) inputs.emplace_back(*t);
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&arg)) {
      if (o->has_value() && (*o)->defined()) inputs.emplace_back(**o);
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&arg)) {
      inputs.emplace_back(c10::List<at::Tensor>(*list));
    } else if (auto* size = std::get_if<Size>(&arg);
               size != nullptr && mode == TracingMode::kSymbolic) {
      // One byte, expanded: a Size of 10^10 elements allocates nothing.
      at::Tensor holder = at::zeros({}, at::kByte).expand(size->dims());
      sizes->push_back({size->dims(), holder});
      inputs.emplace_back(holder);
    }
  }
  return inputs;
}

// Returns `args` with their tensors replaced by the graph's traced inputs,
// which FlattenInputs made from them in `mode`.
std::vector<ArgValue> WithTracedInputs(const std::vector<ArgValue>& args,
                                       const jit::Stack& inputs,
                                       TracingMode mode) {
  std::vector<ArgValue> traced = args;
  size_t next = 0;
  for (ArgValue& arg : traced) {
    if (auto* t = std::get_if<at::Tensor>(&arg)) {
      if (t->defined()) *t = inputs[next++].toTensor();
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&arg)) {
      if (o->has_value() && (*o)->defined()) *o = inputs[next++].toTensor();
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&arg)) {
      *list = inputs[next++].toTensorVector();
    } else if (std::holds_alternative<Size>(arg) &&
               mode == TracingMode::kSymbolic) {
      ++next;  // the Size's holder; the op still gets the Size's numbers
    }
  }
  return traced;
}

void CollectTensors(const Output& output, jit::Stack* tensors) {
  if (output.kind == Output::Kind::kTensor) {
    if (output.tensor.defined()) tensors->emplace_back(output.tensor);
  }
  for (const Output& e : output.elements) CollectTensors(e, tensors);
}

Output Rebuild(const Output& traced, const jit::Stack& outputs, size_t* next) {
  Output result = traced;
  if (traced.kind == Output::Kind::kTensor && traced.tensor.defined()) {
    result.tensor = outputs.at((*next)++).toTensor();
  }
  for (size_t i = 0; i < traced.elements.size(); ++i) {
    result.elements[i] = Rebuild(traced.elements[i], outputs, next);
  }
  return result;
}

// A meta trace records `device=meta` wherever the op passed its inputs'
// options on (e.g. at::zeros(shape, x.options())). The meta tensors stand in
// for tensors on `device`, so the graph must create its tensors there.
void ReplaceMetaDevices(jit::Graph& graph, jit::Block* block,
                        c10::Device device) {
  std::vector<jit::Node*> meta_constants;
  for (jit::Node* node : block->nodes()) {
    for (jit::Block* inner : node->blocks()) {
      ReplaceMetaDevices(graph, inner, device);
    }
    if (node->kind() == jit::prim::Constant &&
        node->output()->type()->kind() == c10::TypeKind::DeviceObjType &&
        jit::toIValue(node->output())->toDevice().is_meta()) {
      meta_constants.push_back(node);
    }
  }
  for (jit::Node* node : meta_constants) {
    jit::WithInsertPoint guard(node);
    node->output()->replaceAllUsesWith(graph.insertConstant(device));
    node->destroy();
  }
}

// Interned symbols: recording one is a hash of an integer, cheap enough for
// every trace.
std::unordered_set<c10::Symbol>& TracedAtenSymbols() {
  static auto* symbols = new std::unordered_set<c10::Symbol>();
  return *symbols;
}

void CollectAtenOps(const jit::Block* block) {
  for (const jit::Node* node : block->nodes()) {
    if (node->kind().is_aten()) TracedAtenSymbols().insert(node->kind());
    for (const jit::Block* inner : node->blocks()) CollectAtenOps(inner);
  }
}

c10::Device FirstTensorDevice(const std::vector<ArgValue>& args) {
  for (const ArgValue& arg : args) {
    if (auto* t = std::get_if<at::Tensor>(&arg); t && t->defined()) {
      return t->device();
    }
  }
  return c10::Device(c10::kCPU);
}

}  // namespace

TraceResult Trace(const Invoker& invoke, std::vector<ArgValue>& args,
                  TracingMode mode) {
  TraceResult result;
  std::vector<SymbolicSize> sizes;
  jit::Stack inputs = FlattenInputs(args, mode, &sizes);

  CollectWarnings warnings;
  c10::Warning::WarningHandlerGuard warning_guard(&warnings);
  std::optional<c10::impl::IncludeDispatchKeyGuard> include_sizes_key;
  ScopedSymbolicSizes active_sizes(mode == TracingMode::kSymbolic ? &sizes
                                                                  : nullptr);
  if (mode == TracingMode::kSymbolic)
    include_sizes_key.emplace(kSymbolicSizesKey);

  auto traced_fn = [&](jit::Stack traced_inputs) -> jit::Stack {
    std::vector<ArgValue> traced_args =
        WithTracedInputs(args, traced_inputs, mode);
    {
      ScopedCallSeed seed;
      result.outputs = invoke(traced_args);
    }
    // The op may have replaced tensors in its arguments (at::Tensor&
    // parameters); the caller's copies must see what the op saw.
    args = std::move(traced_args);
    jit::Stack outputs;
    CollectTensors(result.outputs, &outputs);
    return outputs;
  };
  auto traced = jit::tracer::trace(
      std::move(inputs), traced_fn,
      [](const at::Tensor&) { return std::string(); }, /*strict=*/false,
      /*force_outplace=*/false);
  result.graph = traced.first->graph;
  CollectAtenOps(result.graph->block());
  result.warnings = std::move(warnings.warnings);
  return result;
}

void PrepareFakeReplay(TraceResult& trace, const std::vector<ArgValue>& args) {
  ReplaceMetaDevices(*trace.graph, trace.graph->block(),
                     FirstTensorDevice(args));
}

Output Replay(TraceResult& trace, std::vector<ArgValue>& args,
              TracingMode mode) {
  if (!trace.code) {
    trace.code = std::make_shared<jit::Code>(trace.graph, "gtest_fx_replay");
  }
  std::vector<SymbolicSize> sizes;
  jit::Stack stack = FlattenInputs(args, mode, &sizes);
  {
    ScopedCallSeed seed;
    jit::InterpreterState(*trace.code).run(stack);
  }
  size_t next = 0;
  return Rebuild(trace.outputs, stack, &next);
}

std::set<std::string> TracedAtenOps() {
  std::set<std::string> names;
  for (c10::Symbol symbol : TracedAtenSymbols()) {
    names.insert(symbol.toQualString());
  }
  return names;
}

std::optional<std::vector<DifferingConstant>> DifferingIntConstants(
    const TraceResult& first, const TraceResult& second) {
  std::vector<const jit::Node*> a(first.graph->nodes().begin(),
                                  first.graph->nodes().end());
  std::vector<const jit::Node*> b(second.graph->nodes().begin(),
                                  second.graph->nodes().end());
  if (a.size() != b.size()) return std::nullopt;
  std::vector<DifferingConstant> differing;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]->kind() != b[i]->kind()) return std::nullopt;
    if (a[i]->kind() != jit::prim::Constant) continue;
    std::optional<c10::IValue> x = jit::toIValue(a[i]->output());
    std::optional<c10::IValue> y = jit::toIValue(b[i]->output());
    if (!x || !y) continue;
    // A size multiplied in as a number is a whole double.
    auto whole = [](const c10::IValue& v) -> std::optional<int64_t> {
      if (v.isInt()) return v.toInt();
      if (v.isDouble() && std::nearbyint(v.toDouble()) == v.toDouble() &&
          std::abs(v.toDouble()) < 9e15) {
        return static_cast<int64_t>(v.toDouble());
      }
      return std::nullopt;
    };
    std::optional<int64_t> p = whole(*x);
    std::optional<int64_t> q = whole(*y);
    if (p && q && *p != *q) {
      differing.push_back({{*p}, {*q}, /*is_list=*/false});
    } else if (x->isIntList() && y->isIntList() &&
               x->toIntVector() != y->toIntVector()) {
      differing.push_back(
          {x->toIntVector(), y->toIntVector(), /*is_list=*/true});
    }
  }
  return differing;
}

std::string GraphText(const TraceResult& trace) {
  return trace.graph ? trace.graph->toString() : std::string();
}

}  // namespace gtest_fx::internal
