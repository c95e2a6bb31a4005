#include "trace.h"

#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <absl/container/flat_hash_set.h>
#include <absl/strings/str_cat.h>
#include <c10/util/Exception.h>

#include <cmath>
#include <utility>

#include "graph.h"
#include "recorder.h"
#include "seeded_call.h"

namespace gtest_fx::internal {
namespace {

class CollectWarnings : public c10::WarningHandler {
 public:
  void process(const c10::Warning& warning) override {
    warnings.push_back(warning.msg());
  }
  std::vector<std::string> warnings;
};

void CollectTensors(const Output& output, std::vector<at::Tensor>* tensors) {
  if (output.kind == Output::Kind::kTensor && output.tensor.defined()) {
    tensors->push_back(output.tensor);
  }
  for (const Output& e : output.elements) CollectTensors(e, tensors);
}

Output Rebuild(const Output& traced, const std::vector<at::Tensor>& outputs,
               size_t* next) {
  Output result = traced;
  if (traced.kind == Output::Kind::kTensor && traced.tensor.defined()) {
    result.tensor = outputs.at((*next)++);
  }
  for (size_t i = 0; i < traced.elements.size(); ++i) {
    result.elements[i] = Rebuild(traced.elements[i], outputs, next);
  }
  return result;
}

// The tensors of each argument, in the order Graph::arg_values lists them.
std::vector<std::vector<at::Tensor>> InputsOf(
    const std::vector<ArgValue>& args) {
  std::vector<std::vector<at::Tensor>> inputs(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    const ArgValue& arg = args[i];
    if (auto* t = std::get_if<at::Tensor>(&arg)) {
      if (t->defined()) inputs[i].push_back(*t);
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&arg)) {
      if (o->has_value() && (*o)->defined()) inputs[i].push_back(**o);
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&arg)) {
      inputs[i] = *list;
    }
  }
  return inputs;
}

// The operators of every graph traced in this process, by schema (whose
// address is stable): inserting a pointer is cheap enough for every trace.
absl::flat_hash_set<const c10::FunctionSchema*>& TracedSchemas() {
  static auto* schemas = new absl::flat_hash_set<const c10::FunctionSchema*>();
  return *schemas;
}

}  // namespace

TraceResult Trace(const Invoker& invoke, std::vector<ArgValue>& args,
                  TracingMode mode, bool composites_whole) {
  TraceResult result;
  result.graph = std::make_shared<Graph>();
  Graph& graph = *result.graph;
  graph.arg_values.resize(args.size());
  graph.arg_size_input.assign(args.size(), -1);

  CollectWarnings warnings;
  c10::WarningUtils::WarningHandlerGuard warning_guard(&warnings);
  bool on_meta = false;
  for (const std::vector<at::Tensor>& tensors : InputsOf(args)) {
    for (const at::Tensor& t : tensors) on_meta = on_meta || t.is_meta();
  }
  {
    ScopedCallSeed seed;
    Recording recording(
        &graph, {.on_meta = on_meta,
                 .keep_composites_whole =
                     composites_whole && mode == TracingMode::kSymbolic});
    for (size_t i = 0; i < args.size(); ++i) {
      const ArgValue& arg = args[i];
      if (auto* t = std::get_if<at::Tensor>(&arg)) {
        if (t->defined()) recording.AddInput(i, *t);
      } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&arg)) {
        if (o->has_value() && (*o)->defined()) recording.AddInput(i, **o);
      } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&arg)) {
        for (size_t k = 0; k < list->size(); ++k) {
          recording.AddInput(i, (*list)[k], static_cast<int>(k));
        }
      } else if (auto* size = std::get_if<Size>(&arg);
                 size != nullptr && mode == TracingMode::kSymbolic) {
        recording.AddSizeInput(i, size->dims());
      }
    }
    result.outputs = invoke(args);
    std::vector<at::Tensor> outputs;
    CollectTensors(result.outputs, &outputs);
    for (const at::Tensor& output : outputs) {
      graph.outputs.push_back(recording.ValueOf(output));
    }
  }
  for (const GraphNode& node : graph.nodes) {
    if (node.op.operator_name().name.rfind("aten::", 0) == 0) {
      TracedSchemas().insert(&node.op.schema());
    }
  }
  result.warnings = std::move(warnings.warnings);
  return result;
}

void PrepareFakeReplay(TraceResult& trace, const std::vector<ArgValue>& args) {
  for (const std::vector<at::Tensor>& tensors : InputsOf(args)) {
    if (!tensors.empty()) {
      trace.replay_device = tensors[0].device();
      return;
    }
  }
}

Output Replay(TraceResult& trace, std::vector<ArgValue>& args, TracingMode mode,
              bool at_traced_shapes) {
  const Graph& graph = *trace.graph;
  std::vector<std::vector<int64_t>> sizes = graph.size_inputs;
  if (mode == TracingMode::kSymbolic) {
    for (size_t i = 0; i < args.size() && i < graph.arg_size_input.size();
         ++i) {
      if (auto* size = std::get_if<Size>(&args[i]);
          size != nullptr && graph.arg_size_input[i] >= 0) {
        sizes[graph.arg_size_input[i]] = size->dims();
      }
    }
  }
  std::vector<at::Tensor> outputs;
  {
    ScopedCallSeed seed;
    outputs = ReplayGraph(graph, InputsOf(args), sizes, trace.replay_device,
                          at_traced_shapes);
  }
  size_t next = 0;
  return Rebuild(trace.outputs, outputs, &next);
}

std::set<std::string> TracedAtenOps() {
  std::set<std::string> names;
  for (const c10::FunctionSchema* schema : TracedSchemas()) {
    names.insert(schema->name());
  }
  return names;
}

std::optional<std::vector<DifferingConstant>> DifferingIntConstants(
    const TraceResult& first, const TraceResult& second) {
  const std::vector<GraphNode>& a = first.graph->nodes;
  const std::vector<GraphNode>& b = second.graph->nodes;
  if (a.size() != b.size()) return std::nullopt;
  // A size multiplied in as a number is a whole double.
  auto whole = [](const c10::IValue& v) -> std::optional<int64_t> {
    if (v.isInt()) return v.toInt();
    if (v.isDouble() && std::nearbyint(v.toDouble()) == v.toDouble() &&
        std::abs(v.toDouble()) < 9e15) {
      return static_cast<int64_t>(v.toDouble());
    }
    return std::nullopt;
  };
  std::vector<DifferingConstant> differing;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].op != b[i].op || a[i].args.size() != b[i].args.size()) {
      return std::nullopt;
    }
    for (size_t k = 0; k < a[i].args.size(); ++k) {
      const GraphArg& x = a[i].args[k];
      const GraphArg& y = b[i].args[k];
      if (x.kind != GraphArg::Kind::kConstant ||
          y.kind != GraphArg::Kind::kConstant) {
        continue;
      }
      c10::IValue p = x.constant;
      c10::IValue q = y.constant;
      if (p.isScalar())
        p = p.toScalar().isIntegral(false)
                ? c10::IValue(p.toScalar().toLong())
                : c10::IValue(p.toScalar().toDouble());
      if (q.isScalar())
        q = q.toScalar().isIntegral(false)
                ? c10::IValue(q.toScalar().toLong())
                : c10::IValue(q.toScalar().toDouble());
      std::optional<int64_t> m = whole(p);
      std::optional<int64_t> n = whole(q);
      if (m && n && *m != *n) {
        differing.push_back({{*m}, {*n}, /*is_list=*/false});
      } else if (p.isIntList() && q.isIntList() &&
                 p.toIntVector() != q.toIntVector()) {
        differing.push_back(
            {p.toIntVector(), q.toIntVector(), /*is_list=*/true});
      }
    }
  }
  return differing;
}

std::string GraphText(const TraceResult& trace) {
  return trace.graph ? GraphText(*trace.graph) : std::string();
}

std::vector<std::string> DataReads(const TraceResult& trace) {
  return trace.graph ? DataReads(*trace.graph) : std::vector<std::string>();
}

std::optional<std::string> CompositeNote(const std::string& dispatcher_name) {
  const size_t dot = dispatcher_name.find('.');
  std::optional<c10::OperatorHandle> op = c10::Dispatcher::singleton().findOp(
      {dispatcher_name.substr(0, dot),
       dot == std::string::npos ? "" : dispatcher_name.substr(dot + 1)});
  if (!op.has_value() || !op->hasKernelForDispatchKey(
                             c10::DispatchKey::CompositeImplicitAutograd)) {
    return std::nullopt;
  }
  return absl::StrCat(
      dispatcher_name,
      " is CompositeImplicitAutograd: its decomposition was recorded (the "
      "ATen calls its kernel makes, below autograd, as make_fx records "
      "them), not one call of it.");
}

std::vector<std::string> UnwrittenOutputs(const TraceResult& trace) {
  return trace.graph ? UnwrittenOutputs(*trace.graph)
                     : std::vector<std::string>();
}

std::vector<std::string> PlaceholderOps(const TraceResult& trace) {
  return trace.graph ? PlaceholderOps(*trace.graph)
                     : std::vector<std::string>();
}

}  // namespace gtest_fx::internal
