// Tracing an op into a TorchScript graph with LibTorch's tracer, and
// replaying the graph. The JIT headers stay inside trace.cc.
#ifndef GTEST_FX_SRC_TRACE_H_
#define GTEST_FX_SRC_TRACE_H_

#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>
#include <gtest_fx/tracing_mode.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace torch::jit {
struct Graph;
struct Code;
}  // namespace torch::jit

namespace gtest_fx::internal {

struct TraceResult {
  std::shared_ptr<torch::jit::Graph> graph;
  // What the op returned while being traced. Its tensor leaves are the
  // graph's outputs, in order; its other leaves are constants of the trace.
  Output outputs;
  // Warnings the tracer (or the op) emitted while tracing.
  std::vector<std::string> warnings;
  // The interpreter code for replays, built on the first replay.
  std::shared_ptr<torch::jit::Code> code;
};

// Traces one seeded call of `invoke` on `args`. Tensors, present optional
// tensors and tensor lists become graph inputs; in kSymbolic mode every Size
// argument becomes one more graph input (a zero-stride tensor of that shape)
// whose sizes the graph reads wherever an op receives the Size unchanged as an
// int list. `args` must be copies: for kFake, meta copies. Throws what the op
// or the tracer throws.
TraceResult Trace(const Invoker& invoke, std::vector<ArgValue>& args,
                  TracingMode mode);

// For a kFake trace, whose graph records `device=meta` wherever the op passed
// its inputs' options on: makes the graph create those tensors on the device
// of `real_args` instead, as the meta tensors stood in for them.
void PrepareFakeReplay(TraceResult& trace,
                       const std::vector<ArgValue>& real_args);

// Replays the traced graph in one seeded run on `args` (same kinds as the
// traced ones; Size values may differ in kSymbolic mode) and returns the
// outputs in the structure the op returned while tracing. Tensors in `args`
// are modified by in-place ops of the graph. Throws what the graph throws.
Output Replay(TraceResult& trace, std::vector<ArgValue>& args,
              TracingMode mode);

// Returns the names of the aten operators ("aten::add", ...) that the graphs
// traced so far in this process contain.
std::set<std::string> TracedAtenOps();

// An integer (or int list, or whole double) constant that two traces of one
// op hold with different values.
struct DifferingConstant {
  std::vector<int64_t> first;  // one element for a number
  std::vector<int64_t> second;
  bool is_list = false;
};

// Returns the int and int list constants that differ between two traces of
// the same op (e.g. at two shapes), in graph order; std::nullopt when the
// graphs differ in more than constants.
std::optional<std::vector<DifferingConstant>> DifferingIntConstants(
    const TraceResult& first, const TraceResult& second);

// Returns the graph as text, for messages.
std::string GraphText(const TraceResult& trace);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_TRACE_H_
