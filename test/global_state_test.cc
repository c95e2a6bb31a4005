// GlobalState: each kind of state an op can leave changed is named, and
// Restore puts it back.
#include "global_state.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <c10/core/DefaultDtype.h>
#include <c10/core/GradMode.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <c10/util/Exception.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace {

using gtest_fx::internal::GlobalState;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Captures the state, runs `change`, and returns what ChangesIn says, after
// restoring the state and checking that nothing differs any more.
std::vector<std::string> ChangesMadeBy(const std::function<void()>& change) {
  const GlobalState before = GlobalState::Capture();
  change();
  std::vector<std::string> changes = before.ChangesIn(GlobalState::Capture());
  before.Restore();
  EXPECT_THAT(before.ChangesIn(GlobalState::Capture()), IsEmpty())
      << "Restore left a difference";
  return changes;
}

TEST(GlobalState, NothingChangedSaysNothing) {
  EXPECT_THAT(ChangesMadeBy([] { at::ones({2}).mul(2); }), IsEmpty());
}

TEST(GlobalState, GradModeSwitchedOff) {
  EXPECT_THAT(ChangesMadeBy([] { at::GradMode::set_enabled(false); }),
              ElementsAre("the op switched grad mode off and did not "
                          "restore it"));
  EXPECT_TRUE(at::GradMode::is_enabled());
}

TEST(GlobalState, InferenceModeEnteredAndNotLeft) {
  EXPECT_THAT(ChangesMadeBy([] { new c10::InferenceMode(); }),
              ElementsAre(HasSubstr("entered inference mode")));
  EXPECT_FALSE(c10::InferenceMode::is_enabled());
}

TEST(GlobalState, IntraOpThreads) {
  const int threads = at::get_num_threads();
  EXPECT_THAT(ChangesMadeBy([&] { at::set_num_threads(threads + 1); }),
              ElementsAre(HasSubstr("changed the number of intra-op threads")));
  EXPECT_EQ(at::get_num_threads(), threads);
}

TEST(GlobalState, DefaultDtype) {
  EXPECT_THAT(ChangesMadeBy([] {
                c10::set_default_dtype(c10::scalarTypeToTypeMeta(at::kDouble));
              }),
              ElementsAre(HasSubstr(
                  "changed the default dtype from float32 to float64")));
  EXPECT_EQ(c10::get_default_dtype_as_scalartype(), at::kFloat);
}

TEST(GlobalState, DeterministicAlgorithms) {
  EXPECT_THAT(ChangesMadeBy([] {
                at::globalContext().setDeterministicAlgorithms(true, false);
              }),
              ElementsAre(HasSubstr("switched deterministic algorithms on")));
  EXPECT_FALSE(at::globalContext().deterministicAlgorithms());
}

TEST(GlobalState, CpuAutocastIsNamedOnceNotAsItsKey) {
  EXPECT_THAT(
      ChangesMadeBy([] { at::autocast::set_autocast_enabled(at::kCPU, true); }),
      ElementsAre(HasSubstr("switched CPU autocast on")));
  EXPECT_FALSE(at::autocast::is_autocast_enabled(at::kCPU));
}

TEST(GlobalState, ADispatchKeyLeftIncluded) {
  EXPECT_THAT(ChangesMadeBy([] {
                new c10::impl::IncludeDispatchKeyGuard(
                    c10::DispatchKey::TESTING_ONLY_GenericWrapper);
              }),
              ElementsAre(AllOf(HasSubstr("left dispatch keys in the thread's "
                                          "included set"),
                                HasSubstr("TESTING_ONLY_GenericWrapper"))));
  EXPECT_FALSE(c10::impl::tls_is_dispatch_key_included(
      c10::DispatchKey::TESTING_ONLY_GenericWrapper));
}

TEST(GlobalState, WarnAlways) {
  EXPECT_THAT(ChangesMadeBy([] { c10::WarningUtils::set_warnAlways(true); }),
              ElementsAre(HasSubstr("switched always-warn on")));
  EXPECT_FALSE(c10::WarningUtils::get_warnAlways());
}

TEST(GlobalState, SeveralChangesAreAllNamed) {
  EXPECT_EQ(ChangesMadeBy([] {
              at::GradMode::set_enabled(false);
              c10::set_default_dtype(c10::scalarTypeToTypeMeta(at::kDouble));
            }).size(),
            2u);
}

}  // namespace
