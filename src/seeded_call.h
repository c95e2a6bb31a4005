// Seeded calls: every call of an op (eager, while tracing, replaying) runs
// with the global CPU generator seeded to kCallSeed, and leaves the generator
// as it found it. Random ops then agree between eager and replay.
#ifndef GTEST_FX_SRC_SEEDED_CALL_H_
#define GTEST_FX_SRC_SEEDED_CALL_H_

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace gtest_fx::internal {

inline constexpr uint64_t kCallSeed = 42;

// Seeds the default CPU generator with kCallSeed for its lifetime, then
// restores the generator's previous state.
class ScopedCallSeed {
 public:
  ScopedCallSeed();
  ~ScopedCallSeed();
  ScopedCallSeed(const ScopedCallSeed&) = delete;
  ScopedCallSeed& operator=(const ScopedCallSeed&) = delete;

 private:
  at::Tensor saved_state_;
};

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_SEEDED_CALL_H_
