// A test binary with one op per outcome a generated case can have, tracing
// cases and gradient cases; the e2e driver runs it and reads its output.
#include <ATen/ops/arange.h>
#include <ATen/ops/full.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/randn.h>
#include <gtest/gtest.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdio>
#include <stdexcept>

namespace {

at::Tensor ScaledAdd(const at::Tensor& x, const at::Tensor& y) {
  return x.add(y).mul(2);
}

int counter = 0;

// A registered sample, and a copy of it taken before any case runs: at the
// end of every iteration the two must still be equal.
at::Tensor& RegisteredSample() {
  static at::Tensor sample = at::randn({4});
  return sample;
}
const at::Tensor& SampleAtStart() {
  static const at::Tensor copy = RegisteredSample().clone();
  return copy;
}

class RegisteredSamplesUnchanged : public ::testing::Environment {
 public:
  void TearDown() override {
    if (RegisteredSample().equal(SampleAtStart())) {
      std::printf("[e2e] the registered sample is unchanged\n");
    } else {
      ADD_FAILURE() << "[e2e] a registered sample changed during the run";
    }
  }
};

[[maybe_unused]] const bool kSampleCopied = SampleAtStart().defined();
[[maybe_unused]] ::testing::Environment* const kSampleCheck =
    ::testing::AddGlobalTestEnvironment(new RegisteredSamplesUnchanged);

}  // namespace

// Changes its input in place; the registered sample must not change.
GTEST_FX_REGISTER_OP(in_place_on_sample, [](at::Tensor x) {
  return x.mul_(3);
}).Sample(RegisteredSample());

// Passes all six cases.
GTEST_FX_REGISTER_OP(good, &ScaledAdd)
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .Sample(at::randn({2, 1}), at::randn({4}));

// Passes, but its registration says real mode fails: an unexpected pass.
GTEST_FX_REGISTER_OP(unexpected_pass, &ScaledAdd)
    .Sample(at::randn({2}), at::randn({2}))
    .ExpectFailure(gtest_fx::TracingMode::kReal, "believed broken");

// Fails where expected: the cases pass and record the reason.
GTEST_FX_REGISTER_OP(expected_failure,
                     [](const at::Tensor& x) {
                       return x.mul(x[0].item<double>());
                     })
    .Sample(at::randn({4}))
    .ExpectFailure(gtest_fx::TracingMode::kReal, gtest_fx::Data::kRandomized,
                   "item bakes the value")
    .ExpectFailure(gtest_fx::TracingMode::kSymbolic,
                   gtest_fx::Data::kRandomized, "item bakes the value")
    .ExpectFailure(gtest_fx::TracingMode::kFake, "item needs data")
    // Forward and backward traced together fail the same ways; the
    // symbolic gradient cases take the fake ones' expectation.
    .ExpectGradFailure(gtest_fx::TracingMode::kReal,
                       gtest_fx::Data::kRandomized, "item bakes the value")
    .ExpectGradFailure(gtest_fx::TracingMode::kFake, "item needs data")
    .ExpectFailure(gtest_fx::Check::kGradCheck,
                   "item detaches x[0]: autograd misses its share of the "
                   "gradient");

// Reads a value into a C++ number: fails on randomized data, with the graph;
// its gradient cases and its GradCheck fail too (nothing is declared).
GTEST_FX_REGISTER_OP(bakes_value, [](const at::Tensor& x) {
  return x.mul(x[0].item<double>());
}).Sample(at::randn({4}));

// Reads and changes a global: fails every mode on original data.
GTEST_FX_REGISTER_OP(global_counter, [](const at::Tensor& x) {
  return x.add(++counter);
}).Sample(at::randn({3}));

// The same, declared: every case is skipped with the reason.
GTEST_FX_REGISTER_OP(declared_nondeterministic,
                     [](const at::Tensor& x) { return x.add(++counter); })
    .Sample(at::randn({3}))
    .Nondeterministic("adds a call counter")
    .Skip(gtest_fx::Check::kGradCheck,
          "each call adds a larger counter: central differences measure the "
          "counter's step, not the op's gradient");

// Skipped by its registration in fake mode.
GTEST_FX_REGISTER_OP(skipped, &ScaledAdd)
    .Sample(at::randn({2}), at::randn({2}))
    .Skip(gtest_fx::TracingMode::kFake, "not ready for meta yet");

// Rejects the randomized values: those cases are skipped with the reason.
GTEST_FX_REGISTER_OP(precondition,
                     [](const at::Tensor& x) {
                       TORCH_CHECK(x.min().item<double>() >= 1,
                                   "needs values of at least 1");
                       return x.mul(2);
                     })
    // Away from the precondition's bound, so that GradCheck's small steps
    // around the sample are accepted.
    .Sample(at::full({8}, 2.0))
    .ExpectFailure(gtest_fx::TracingMode::kFake, gtest_fx::Data::kOriginal,
                   "checking the values needs data")
    .ExpectGradFailure(gtest_fx::TracingMode::kFake, gtest_fx::Data::kOriginal,
                       "checking the values needs data");

// Lazy samples: built only when a case of the op runs, once.
GTEST_FX_REGISTER_OP(lazy, &ScaledAdd).SampleFn([] {
  std::fprintf(stderr, "[lazy sample built]\n");
  return gtest_fx::Args(at::randn({512, 512}), at::randn({512}));
});

GTEST_FX_REGISTER_OP(lazy_throws, &ScaledAdd).SampleFn([]() -> gtest_fx::Args {
  throw std::runtime_error("no data today");
});

// An exception that is not a std::exception.
GTEST_FX_REGISTER_OP(throws_int, [](const at::Tensor&) -> at::Tensor {
  throw 42;
}).Sample(at::ones({1}));

// Integer tensors only: nothing to differentiate, so no gradient cases and
// no GradCheck.
GTEST_FX_REGISTER_OP(integer_inputs, [](const at::Tensor& x,
                                        const at::Tensor& y) {
  return x.bitwise_and(y);
}).Sample(at::arange(8, at::kLong), at::full({8}, 5, at::kLong));

// Floating-point input, but declared not to be differentiated: no gradient
// cases and no GradCheck either.
GTEST_FX_REGISTER_OP(not_differentiable,
                     [](const at::Tensor& x) { return x.gt(0); })
    .Sample(at::randn({4}))
    .NotDifferentiable("a comparison");

// Floating-point input and an integer output: the gradient cases exist and
// are skipped, since no output requires grad.
GTEST_FX_REGISTER_OP(integer_output, [](const at::Tensor& x) {
  return x.argmax();
}).Sample(at::randn({3, 4}));
