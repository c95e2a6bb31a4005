#include "graph.h"

#include <ATen/ATen.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <c10/core/DispatchKeySet.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "compare.h"
#include "trace.h"

namespace gtest_fx::internal {
namespace {

constexpr absl::string_view kLocalScalarDense = "aten::_local_scalar_dense";

std::string ValueText(const ValueInfo& info) {
  return absl::StrCat(DtypeShortName(info.dtype), ShapeString(info.sizes));
}

std::string FullName(const c10::OperatorHandle& op) {
  const c10::OperatorName& name = op.operator_name();
  return name.overload_name.empty()
             ? name.name
             : absl::StrCat(name.name, ".", name.overload_name);
}

std::string ConstantText(const c10::IValue& value) {
  if (value.isNone()) return "None";
  if (value.isDevice()) return value.toDevice().str();
  if (value.isString()) return absl::StrCat("\"", value.toStringRef(), "\"");
  if (value.isTensor()) return "<tensor>";
  if (value.isInt() && value.toInt() >= 0 && value.toInt() <= 64) {
    // Schemas type dtypes and layouts as ints: show the number; they are
    // rarely what a reader looks for.
    return absl::StrCat(value.toInt());
  }
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string ArgText(const Graph& graph, const GraphArg& arg) {
  auto name = [&](int value) {
    return value < 0 ? std::string("None")
                     : absl::StrCat("%", graph.values[value].name);
  };
  switch (arg.kind) {
    case GraphArg::Kind::kConstant:
      return ConstantText(arg.constant);
    case GraphArg::Kind::kTensor:
      return name(arg.values[0]);
    case GraphArg::Kind::kTensorList:
    case GraphArg::Kind::kOptionalTensorList: {
      std::vector<std::string> names;
      for (int value : arg.values) names.push_back(name(value));
      return absl::StrCat("[", absl::StrJoin(names, ", "), "]");
    }
    case GraphArg::Kind::kSize:
      return absl::StrCat("%size", arg.size_input,
                          ShapeString(graph.size_inputs[arg.size_input]));
  }
  return "?";
}

void PushArg(const GraphArg& arg, const std::vector<at::Tensor>& env,
             const std::vector<std::vector<int64_t>>& sizes,
             const std::optional<c10::Device>& meta_device,
             torch::jit::Stack* stack) {
  switch (arg.kind) {
    case GraphArg::Kind::kConstant:
      if (meta_device && arg.constant.isDevice() &&
          arg.constant.toDevice().is_meta()) {
        stack->emplace_back(*meta_device);
      } else {
        stack->push_back(arg.constant);
      }
      return;
    case GraphArg::Kind::kTensor:
      stack->emplace_back(env[arg.values[0]]);
      return;
    case GraphArg::Kind::kTensorList: {
      c10::List<at::Tensor> list;
      list.reserve(arg.values.size());
      for (int value : arg.values) list.push_back(env[value]);
      stack->emplace_back(std::move(list));
      return;
    }
    case GraphArg::Kind::kOptionalTensorList: {
      c10::List<std::optional<at::Tensor>> list;
      list.reserve(arg.values.size());
      for (int value : arg.values) {
        list.push_back(value < 0 ? std::optional<at::Tensor>()
                                 : std::optional<at::Tensor>(env[value]));
      }
      stack->emplace_back(std::move(list));
      return;
    }
    case GraphArg::Kind::kSize:
      stack->emplace_back(sizes[arg.size_input]);
      return;
  }
}

}  // namespace

std::string DtypeShortName(at::ScalarType dtype) {
  switch (dtype) {
    case at::kFloat:
      return "f32";
    case at::kDouble:
      return "f64";
    case at::kHalf:
      return "f16";
    case at::kBFloat16:
      return "bf16";
    case at::kComplexFloat:
      return "c64";
    case at::kComplexDouble:
      return "c128";
    case at::kLong:
      return "i64";
    case at::kInt:
      return "i32";
    case at::kShort:
      return "i16";
    case at::kChar:
      return "i8";
    case at::kByte:
      return "u8";
    case at::kBool:
      return "b8";
    default:
      return c10::toString(dtype);
  }
}

std::vector<at::Tensor> ReplayGraph(
    const Graph& graph, const std::vector<std::vector<at::Tensor>>& inputs,
    const std::vector<std::vector<int64_t>>& sizes, c10::Device device,
    bool check_placeholder_shapes) {
  std::vector<at::Tensor> env(graph.values.size());
  for (size_t i = 0; i < graph.arg_values.size() && i < inputs.size(); ++i) {
    const std::vector<int>& ids = graph.arg_values[i];
    for (size_t k = 0; k < ids.size() && k < inputs[i].size(); ++k) {
      env[ids[k]] = inputs[i][k];
    }
  }
  for (const auto& [value, tensor] : graph.constants) {
    if (tensor.is_meta()) {
      throw TraceError(absl::StrCat(
          "the graph uses %", graph.values[value].name, " (",
          ValueText(graph.values[value]),
          "), a meta tensor that no recorded call made: computed on another "
          "thread (only the tracing thread's calls are recorded) or kept "
          "from an earlier call; it has no values to replay with"));
    }
    env[value] = tensor;
  }
  std::optional<c10::Device> meta_device;
  if (graph.traced_on_meta) meta_device = device;
  // The graph holds the calls that ran below autograd, so it replays there,
  // as a graph from make_fx or AOTAutograd runs: autograd would only build
  // history nobody uses (and cost about a microsecond per call).
  c10::impl::ExcludeDispatchKeyGuard below_autograd(
      c10::autograd_dispatch_keyset_with_ADInplaceOrView);
  torch::jit::Stack stack;
  for (const GraphNode& node : graph.nodes) {
    stack.clear();
    for (const GraphArg& arg : node.args) {
      PushArg(arg, env, sizes, meta_device, &stack);
    }
    node.op.callBoxed(&stack);
    for (size_t r = 0; r < node.results.size() && r < stack.size(); ++r) {
      const GraphArg& result = node.results[r];
      const c10::IValue& value = stack[r];
      // A result the trace saw undefined (a backward's output that its
      // mask turned off) has no value id.
      if (result.kind == GraphArg::Kind::kTensor) {
        if (!result.values.empty() && result.values[0] >= 0) {
          env[result.values[0]] = value.toTensor();
        }
      } else if (result.kind == GraphArg::Kind::kTensorList) {
        c10::List<at::Tensor> list = value.toTensorList();
        for (size_t k = 0; k < result.values.size() && k < list.size(); ++k) {
          if (result.values[k] >= 0) env[result.values[k]] = list.get(k);
        }
      }
    }
    if (check_placeholder_shapes && node.ran_on_placeholders) {
      for (const GraphArg& result : node.results) {
        for (int value : result.values) {
          if (value < 0 || !env[value].defined()) continue;
          const ValueInfo& info = graph.values[value];
          if (env[value].sizes() != c10::IntArrayRef(info.sizes)) {
            throw TraceError(absl::StrCat(
                "data-dependent output shape: ", FullName(node.op), " gives %",
                info.name, " the shape ", ShapeString(env[value].sizes()),
                " on the real values and ", ShapeString(info.sizes),
                " on the zero-filled placeholders the fake trace ran it on "
                "(it has no Meta kernel in C++); its output shape depends on "
                "its inputs' values, which a fake trace cannot know"));
          }
        }
      }
    }
  }
  std::vector<at::Tensor> outputs;
  outputs.reserve(graph.outputs.size());
  for (int value : graph.outputs) outputs.push_back(env[value]);
  return outputs;
}

std::string GraphText(const Graph& graph) {
  std::vector<std::string> inputs;
  for (size_t i = 0; i < graph.arg_values.size(); ++i) {
    for (int value : graph.arg_values[i]) {
      inputs.push_back(absl::StrCat("%", graph.values[value].name, ": ",
                                    ValueText(graph.values[value])));
    }
    if (graph.arg_size_input[i] >= 0) {
      const int k = graph.arg_size_input[i];
      inputs.push_back(absl::StrCat("%size", k, ": Size",
                                    ShapeString(graph.size_inputs[k])));
    }
  }
  std::string text =
      absl::StrCat("graph(", absl::StrJoin(inputs, ", "), "):\n");
  for (const auto& [value, tensor] : graph.constants) {
    absl::StrAppend(&text, "  %", graph.values[value].name, " = constant -> ",
                    ValueText(graph.values[value]),
                    "  # no recorded call made it: captured from outside the "
                    "op, or computed on another thread\n");
  }
  for (const GraphNode& node : graph.nodes) {
    std::vector<std::string> results;
    std::vector<std::string> types;
    for (const GraphArg& result : node.results) {
      if (result.kind == GraphArg::Kind::kConstant) {
        results.push_back(result.name.empty() ? "_"
                                              : absl::StrCat("%", result.name));
        types.push_back(ConstantText(result.constant));
        continue;
      }
      std::vector<std::string> names;
      std::vector<std::string> shapes;
      for (int value : result.values) {
        if (value < 0) continue;
        names.push_back(absl::StrCat("%", graph.values[value].name));
        shapes.push_back(ValueText(graph.values[value]));
      }
      if (result.kind == GraphArg::Kind::kTensor) {
        results.push_back(names.empty() ? "_" : names[0]);
        types.push_back(shapes.empty() ? "None" : shapes[0]);
      } else {
        results.push_back(absl::StrCat("[", absl::StrJoin(names, ", "), "]"));
        types.push_back(absl::StrCat("[", absl::StrJoin(shapes, ", "), "]"));
      }
    }
    std::vector<std::string> args;
    for (const GraphArg& arg : node.args) args.push_back(ArgText(graph, arg));
    absl::StrAppend(&text, "  ", absl::StrJoin(results, ", "),
                    results.empty() ? "" : " = ", FullName(node.op), "(",
                    absl::StrJoin(args, ", "), ")");
    if (!types.empty()) {
      absl::StrAppend(&text, " -> ", absl::StrJoin(types, ", "));
    }
    if (node.op.operator_name().name == kLocalScalarDense) {
      absl::StrAppend(&text,
                      "  # reads tensor data (.item()); a constant of "
                      "the trace");
    }
    if (node.ran_on_placeholders) {
      absl::StrAppend(&text,
                      "  # no Meta kernel: ran on zero-filled "
                      "placeholders");
    }
    if (node.whole_composite) {
      absl::StrAppend(&text, "  # composite, recorded whole");
    }
    absl::StrAppend(&text, "\n");
  }
  std::vector<std::string> outputs;
  for (int value : graph.outputs) {
    outputs.push_back(absl::StrCat("%", graph.values[value].name));
  }
  absl::StrAppend(&text, "  return (", absl::StrJoin(outputs, ", "), ")");
  return text;
}

std::vector<std::string> DataReads(const Graph& graph) {
  std::vector<std::string> reads;
  for (const GraphNode& node : graph.nodes) {
    if (node.op.operator_name().name != kLocalScalarDense) continue;
    std::string value = node.results.empty()
                            ? std::string("?")
                            : ConstantText(node.results[0].constant);
    reads.push_back(absl::StrCat(
        "%", node.results.empty() ? "?" : node.results[0].name, " = ",
        FullName(node.op), "(", ArgText(graph, node.args[0]),
        ") (.item()) read ", value, " while tracing; the graph holds ", value,
        " as a constant"));
  }
  return reads;
}

std::vector<std::string> UnwrittenOutputs(const Graph& graph) {
  std::vector<std::string> unwritten;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const GraphNode& node = graph.nodes[n];
    const std::string& name = node.op.operator_name().name;
    if (!absl::StartsWith(name, "aten::empty") &&
        !absl::StartsWith(name, "aten::new_empty")) {
      continue;
    }
    for (const GraphArg& result : node.results) {
      for (int value : result.values) {
        if (value < 0) continue;
        // The first later call that takes the value: does it write it?
        std::optional<std::string> reader;
        bool written = false;
        for (size_t later = n + 1;
             later < graph.nodes.size() && !reader && !written; ++later) {
          const GraphNode& user = graph.nodes[later];
          const auto& arguments = user.op.schema().arguments();
          for (size_t k = 0; k < user.args.size(); ++k) {
            const auto& values = user.args[k].values;
            if (std::find(values.begin(), values.end(), value) ==
                values.end()) {
              continue;
            }
            const c10::AliasInfo* alias =
                k < arguments.size() ? arguments[k].alias_info() : nullptr;
            if (alias != nullptr && alias->isWrite()) {
              written = true;
            } else {
              reader = FullName(user.op);
            }
            break;
          }
        }
        const bool output =
            std::find(graph.outputs.begin(), graph.outputs.end(), value) !=
            graph.outputs.end();
        if (written || (!reader && !output)) continue;
        unwritten.push_back(absl::StrCat(
            "%", graph.values[value].name, " is made by ", FullName(node.op),
            reader ? absl::StrCat(" and read by ", *reader,
                                  " before any recorded call writes it")
                   : std::string(" and returned with no recorded call "
                                 "writing it"),
            ": a kernel filled it outside the dispatcher (through data_ptr "
            "or an accessor), which no trace records"));
      }
    }
  }
  return unwritten;
}

std::vector<std::string> PlaceholderOps(const Graph& graph) {
  std::vector<std::string> ops;
  for (const GraphNode& node : graph.nodes) {
    if (!node.ran_on_placeholders) continue;
    std::string name = FullName(node.op);
    if (std::find(ops.begin(), ops.end(), name) == ops.end()) {
      ops.push_back(std::move(name));
    }
  }
  return ops;
}

}  // namespace gtest_fx::internal
