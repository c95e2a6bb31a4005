#include "seeded_call.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/Generator.h>

#include <mutex>

namespace gtest_fx::internal {
namespace {

// The engine that set_current_seed(kCallSeed) would build. Seeding an
// mt19937 fills its 624 words one by one; copying a seeded one is a memcpy,
// and a case seeds three times.
const at::mt19937& CallSeedEngine() {
  static const at::mt19937 engine(kCallSeed);
  return engine;
}

// Guards alive on this thread: only the outermost saves and restores the
// generator, so a case that holds one around its three seeded calls copies
// the generator's state twice instead of six times.
thread_local int active_guards = 0;

at::CPUGeneratorImpl* DefaultCpuGenerator() {
  return at::check_generator<at::CPUGeneratorImpl>(
      at::detail::getDefaultCPUGenerator());
}

}  // namespace

ScopedCallSeed::ScopedCallSeed() {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  at::CPUGeneratorImpl* impl = DefaultCpuGenerator();
  if (active_guards++ == 0) {
    saved_engine_.emplace(impl->engine());
    saved_float_normal_ = impl->next_float_normal_sample();
    saved_double_normal_ = impl->next_double_normal_sample();
  }
  // What set_current_seed(kCallSeed) does: a freshly seeded engine and no
  // cached normal sample.
  impl->set_engine(CallSeedEngine());
  impl->set_next_float_normal_sample(std::nullopt);
  impl->set_next_double_normal_sample(std::nullopt);
}

ScopedCallSeed::~ScopedCallSeed() {
  if (--active_guards > 0) return;
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  at::CPUGeneratorImpl* impl = DefaultCpuGenerator();
  impl->set_engine(*saved_engine_);
  impl->set_next_float_normal_sample(saved_float_normal_);
  impl->set_next_double_normal_sample(saved_double_normal_);
}

}  // namespace gtest_fx::internal
