// The recorder: gtest_fx's make_fx. While a Recording is alive on a thread,
// every ATen call that thread makes below autograd is recorded into a Graph
// (graph.h), the way make_fx's ProxyTorchDispatchMode records at the Python
// dispatch key: composite ops arrive decomposed (at::linear as aten::t and
// aten::mm), factories and .item() (aten::_local_scalar_dense) arrive too,
// and only the outermost call at that level is recorded, not the calls a
// kernel makes inside.
//
// On meta inputs the recording has FakeTensor's semantics: Meta kernels run
// first; an aten op without one runs its CPU kernel on zero-filled stand-ins
// and its outputs become meta tensors of the same shapes; a read of tensor
// data fails, naming the read.
//
// Example:
//   Graph graph;
//   {
//     Recording recording(&graph, {.on_meta = false});
//     recording.AddInput(0, x);
//     recording.AddInput(1, w);
//     at::Tensor y = at::linear(x, w);
//     graph.outputs.push_back(recording.ValueOf(y));
//   }
//   // graph: %t = aten::t(%arg1); %mm = aten::mm(%arg0, %t)
#ifndef GTEST_FX_SRC_RECORDER_H_
#define GTEST_FX_SRC_RECORDER_H_

#include <ATen/core/Tensor.h>
#include <absl/container/flat_hash_map.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <c10/util/SmallVector.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph.h"

namespace gtest_fx::internal {

struct RecordingOptions {
  // The inputs are meta tensors: record with FakeTensor's semantics.
  bool on_meta = false;
  // Record a CompositeImplicitAutograd op called by the op itself as one
  // call instead of its decomposition, so that sizes it derives from a Size
  // input are computed again at replay (symbolic mode).
  bool keep_composites_whole = false;
};

// Records the calling thread's ATen calls into a Graph while alive.
// REQUIRES: at most one Recording per thread at a time.
class Recording {
 public:
  Recording(Graph* graph, RecordingOptions options);
  ~Recording();
  Recording(const Recording&) = delete;
  Recording& operator=(const Recording&) = delete;

  // Makes `tensor` a graph input of argument `arg` (of element `element`
  // of a list argument) and returns its value.
  int AddInput(size_t arg, const at::Tensor& tensor, int element = -1);
  // Makes `dims` (a Size argument `arg`) a size input: an int list equal to
  // it that a recorded call receives is recorded as that input.
  void AddSizeInput(size_t arg, const std::vector<int64_t>& dims);
  // Returns the value of `tensor`: the graph value that holds it, or a new
  // constant when no recorded call made it.
  int ValueOf(const at::Tensor& tensor);

  // Called by the dispatcher fallbacks (recorder.cc).
  void Record(const c10::OperatorHandle& op, c10::DispatchKeySet keys,
              torch::jit::Stack* stack, bool whole_composite);
  const RecordingOptions& options() const { return options_; }

 private:
  struct Known {
    c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> impl;
    int value;
  };
  // Where a value's elements live, to recognize a shallow copy of it after
  // the value's own TensorImpl is gone.
  struct Geometry {
    c10::weak_intrusive_ptr<c10::StorageImpl> storage;
    int64_t offset;
    // Inline up to 6 dimensions: a trace remembers every tensor it sees,
    // and two heap allocations per tensor were a visible part of its cost.
    c10::SmallVector<int64_t, 6> sizes;
    c10::SmallVector<int64_t, 6> strides;
    at::ScalarType dtype;
    int value;
  };
  int NewValue(const at::Tensor& tensor, std::string name, bool constant);
  std::string UniqueName(std::string name);
  void Remember(const at::Tensor& tensor, int value);
  std::optional<int> Find(const at::Tensor& tensor);
  GraphArg ArgOf(c10::IValue& value);
  GraphArg ResultOf(c10::IValue& value, const std::string& base_name);
  void RunOnPlaceholders(const c10::OperatorHandle& op,
                         std::vector<c10::IValue> args,
                         torch::jit::Stack* stack);

  Graph* graph_;
  RecordingOptions options_;
  // Weak references: a tensor freed during the trace keeps its TensorImpl's
  // memory, so its address cannot name an unrelated tensor later.
  absl::flat_hash_map<const c10::TensorImpl*, Known> known_;
  std::vector<Geometry> geometries_;  // in the order values were made
  absl::flat_hash_map<std::string, int> name_counts_;
  c10::impl::IncludeDispatchKeyGuard include_record_key_;
  std::optional<c10::impl::IncludeDispatchKeyGuard> include_composite_key_;
  Recording* previous_;
};

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_RECORDER_H_
