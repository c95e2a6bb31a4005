// Tracing an op into a graph with the recorder (recorder.h: ATen calls at
// the dispatcher, below autograd, as make_fx records them) and replaying the
// graph. The check (check.h) sees only this interface.
#ifndef GTEST_FX_SRC_TRACE_H_
#define GTEST_FX_SRC_TRACE_H_

#include <c10/core/Device.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>
#include <gtest_fx/tracing_mode.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace gtest_fx::internal {

struct Graph;

// What the recorder and the replay throw for what they find wrong with the
// op (a data read, a data-dependent shape); its message is for the user.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TraceResult {
  std::shared_ptr<Graph> graph;
  // What the op returned while being traced. Its tensor leaves are the
  // graph's outputs, in order; its other leaves are constants of the trace.
  Output outputs;
  // Warnings the op emitted while tracing.
  std::vector<std::string> warnings;
  // The device a fake trace's meta tensors stand for (PrepareFakeReplay).
  c10::Device replay_device = c10::Device(c10::kCPU);
};

// Traces one seeded call of `invoke` on `args`. Tensors, present optional
// tensors and tensor lists become graph inputs; in kSymbolic mode every Size
// argument becomes a size input of the graph, used wherever a recorded call
// receives the Size unchanged as an int list. With `composites_whole`
// (kSymbolic only, for replays at other shapes), CompositeImplicitAutograd
// ops the op calls are recorded as one call each, so that the int lists they
// derive from sizes are derived again at replay. `args` must be copies: for
// kFake and kSymbolic, meta copies. Throws what the op or the recorder
// throws.
TraceResult Trace(const Invoker& invoke, std::vector<ArgValue>& args,
                  TracingMode mode, bool composites_whole = false);

// For a trace on meta tensors, whose graph records `device=meta` wherever the
// op passed its inputs' options on: makes the replay create those tensors on
// the device of `real_args` instead, as the meta tensors stood in for them.
void PrepareFakeReplay(TraceResult& trace,
                       const std::vector<ArgValue>& real_args);

// Replays the traced graph in one seeded run on `args` (same kinds as the
// traced ones; Size values may differ in kSymbolic mode) and returns the
// outputs in the structure the op returned while tracing. Tensors in `args`
// are modified by in-place ops of the graph. `at_traced_shapes`: false for a
// replay at other shapes (AlsoAt), where ops a fake trace ran on placeholders
// may give other shapes. Throws what the graph throws.
Output Replay(TraceResult& trace, std::vector<ArgValue>& args, TracingMode mode,
              bool at_traced_shapes = true);

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

// Returns a sentence per call that read tensor data while tracing (.item()),
// naming the value the graph holds; empty when none did.
std::vector<std::string> DataReads(const TraceResult& trace);

// Returns a sentence per uninitialized tensor the graph reads or returns
// unwritten (see UnwrittenOutputs in graph.h).
std::vector<std::string> UnwrittenOutputs(const TraceResult& trace);

// For an op by dispatcher name ("mylib::foo.overload") whose kernel is
// CompositeImplicitAutograd: a sentence telling that the graph holds its
// decomposition, not one call of it; std::nullopt for other ops.
std::optional<std::string> CompositeNote(const std::string& dispatcher_name);

// Returns the ops that a trace on meta tensors ran on zero-filled
// placeholders, having no Meta kernel.
std::vector<std::string> PlaceholderOps(const TraceResult& trace);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_TRACE_H_
