// Seeded calls: every call of an op (eager, while tracing, replaying) runs
// with the global CPU generator seeded to kCallSeed, and leaves the generator
// as it found it. Random ops then agree between eager and replay.
#ifndef GTEST_FX_SRC_SEEDED_CALL_H_
#define GTEST_FX_SRC_SEEDED_CALL_H_

#include <ATen/core/MT19937RNGEngine.h>

#include <cstdint>
#include <optional>

namespace gtest_fx::internal {

inline constexpr uint64_t kCallSeed = 42;

// Seeds the default CPU generator with kCallSeed for its lifetime. The
// outermost guard of a thread restores the generator's previous state when it
// ends; a guard inside another one only reseeds, and leaves the generator as
// its call left it until the outer guard ends.
class ScopedCallSeed {
 public:
  ScopedCallSeed();
  ~ScopedCallSeed();
  ScopedCallSeed(const ScopedCallSeed&) = delete;
  ScopedCallSeed& operator=(const ScopedCallSeed&) = delete;

 private:
  // The generator's state, saved field by field: get_state/set_state would
  // serialize it through a tensor, several times slower.
  // (optional: a default-constructed engine would seed itself for nothing.)
  std::optional<at::mt19937> saved_engine_;
  std::optional<float> saved_float_normal_;
  std::optional<double> saved_double_normal_;
};

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_SEEDED_CALL_H_
