// What an op can change for a whole thread or process (grad mode, inference
// mode, intra-op threads, the default dtype, deterministic algorithms,
// autocast, the thread's dispatch key sets, always-warn), captured around a
// case so that a case that changes it fails, naming the change, and the
// next case starts from the state before it.
//
//   GlobalState before = GlobalState::Capture();
//   RunTheCase();
//   std::vector<std::string> changes =
//   before.ChangesIn(GlobalState::Capture()); before.Restore();
#ifndef GTEST_FX_SRC_GLOBAL_STATE_H_
#define GTEST_FX_SRC_GLOBAL_STATE_H_

#include <c10/core/AutogradState.h>
#include <c10/core/ScalarType.h>
#include <c10/core/impl/LocalDispatchKeySet.h>

#include <string>
#include <vector>

namespace gtest_fx::internal {

class GlobalState {
 public:
  static GlobalState Capture();

  // One sentence per difference between this state and `later`, each
  // saying what the op changed and did not restore, e.g. "the op switched
  // grad mode off and did not restore it".
  std::vector<std::string> ChangesIn(const GlobalState& later) const;

  // Puts this state back.
  void Restore() const;

 private:
  explicit GlobalState(const c10::AutogradState& autograd)
      : autograd_(autograd) {}

  c10::AutogradState autograd_;  // grad mode, inference mode, ...
  int intra_op_threads_ = 0;
  c10::ScalarType default_dtype_ = c10::ScalarType::Float;
  bool deterministic_ = false;
  bool deterministic_warn_only_ = false;
  bool autocast_cpu_ = false;
  c10::ScalarType autocast_cpu_dtype_ = c10::ScalarType::BFloat16;
  c10::DispatchKeySet included_keys_;  // the thread's dispatch key sets
  c10::DispatchKeySet excluded_keys_;
  bool warn_always_ = false;
};

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_GLOBAL_STATE_H_
