// The graph of one trace: the ATen calls an op made below autograd, as the
// recorder (recorder.h) saw them at the dispatcher, and their replay on new
// inputs. It is what make_fx's FX graph is to Python: post-decomposition
// operators, each call with its arguments as graph values or constants.
//
// Example (what GraphText prints for at::linear(x, w) + .item()):
//   graph(%arg0: f32[2, 3], %arg1: f32[4, 3]):
//     %t = aten::t(%arg1) -> f32[3, 4]
//     %mm = aten::mm(%arg0, %t) -> f32[2, 4]
//     return (%mm)
#ifndef GTEST_FX_SRC_GRAPH_H_
#define GTEST_FX_SRC_GRAPH_H_

#include <ATen/core/Tensor.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <c10/util/SmallVector.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gtest_fx::internal {

// One argument (or result) of a recorded call.
struct GraphArg {
  enum class Kind {
    kConstant,            // a value fixed by the trace: numbers, dtypes, None
    kTensor,              // values[0]
    kTensorList,          // Tensor[]: one value per element
    kOptionalTensorList,  // Tensor?[]: -1 for None
    kSize,                // an int list that is a Size input of the graph
  };
  Kind kind = Kind::kConstant;
  c10::IValue constant;
  // Inline for one tensor: most arguments and results are one.
  c10::SmallVector<int, 1> values;
  int size_input = -1;
  std::string name;  // of a constant result (what .item() read)
};

// What a graph value looked like while tracing.
struct ValueInfo {
  std::string name;  // without the '%'
  at::ScalarType dtype = at::kFloat;
  c10::SmallVector<int64_t, 6> sizes;  // inline: one per recorded tensor
  bool is_constant = false;            // a tensor no recorded call made
};

struct GraphNode {
  c10::OperatorHandle op;
  std::vector<GraphArg> args;     // one per schema argument
  std::vector<GraphArg> results;  // one per schema return
  // The op has no Meta kernel in C++; the fake trace ran its CPU kernel on
  // zero-filled stand-ins of its inputs, as FakeTensor does.
  bool ran_on_placeholders = false;
  // A CompositeImplicitAutograd op recorded as one call (symbolic mode).
  bool whole_composite = false;
};

struct Graph {
  // Per argument of the traced call: its tensors' values (one, or one per
  // list element; empty for other arguments), and for a Size the index of
  // the graph's size input (-1 otherwise).
  std::vector<std::vector<int>> arg_values;
  std::vector<int> arg_size_input;
  std::vector<std::vector<int64_t>> size_inputs;  // at the traced shapes
  std::vector<ValueInfo> values;
  std::vector<GraphNode> nodes;
  // Tensors the graph uses that no recorded call made, by value.
  std::vector<std::pair<int, at::Tensor>> constants;
  std::vector<int> outputs;  // the traced call's tensor outputs
  bool traced_on_meta = false;
};

// Replays `graph` on `inputs` (per argument: its tensors, in the order of
// Graph::arg_values) with `sizes` for its size inputs, and returns the
// values of Graph::outputs. Device constants of a meta trace become
// `device`. With `check_placeholder_shapes`, a call that the trace ran on
// placeholders must give the shapes it gave then (data-dependent shapes
// otherwise); pass false when replaying at other shapes. Throws what a call
// throws.
std::vector<at::Tensor> ReplayGraph(
    const Graph& graph, const std::vector<std::vector<at::Tensor>>& inputs,
    const std::vector<std::vector<int64_t>>& sizes, c10::Device device,
    bool check_placeholder_shapes);

// Returns the graph as text: one line per call with named results, the
// operator's full name with overload, constants inline, and each result's
// dtype and shape.
std::string GraphText(const Graph& graph);

// Returns one line per call that read tensor data while tracing (.item()),
// with the value the graph holds as a constant; empty when none did.
std::vector<std::string> DataReads(const Graph& graph);

// Returns a sentence per tensor that an uninitialized factory (aten::empty
// and its kin) made and that the graph reads, or returns, before any
// recorded call writes it: a kernel wrote its values outside the dispatcher,
// where no recording sees them.
std::vector<std::string> UnwrittenOutputs(const Graph& graph);

// Returns the names of the ops that a fake trace ran on placeholders.
std::vector<std::string> PlaceholderOps(const Graph& graph);

// Returns the short dtype name used in graphs ("f32", "i64", ...).
std::string DtypeShortName(at::ScalarType dtype);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_GRAPH_H_
