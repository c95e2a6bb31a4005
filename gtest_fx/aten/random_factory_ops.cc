// Samples for the random_factory family of aten operators: dropout, random
// sampling, in-place random fills, factory functions, and the `_like` and
// `new_` constructors.
//
// Random ops are deterministic here: gtest_fx seeds the global CPU generator
// around every call (eager, trace and replay). In-place random fills act on a
// fresh tensor made inside the callable from an input, never on the input
// itself. Nothing returns uninitialized memory: every `empty*` tensor is
// filled before it is returned. Every shape is a gtest_fx::Size, so symbolic
// mode makes it a graph input.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdint>
#include <vector>

#include "sample_values.h"

namespace {

using Ints = std::vector<int64_t>;
using gtest_fx::Size;
using gtest_fx::aten::Probs;

at::TensorOptions Dtype(at::ScalarType dtype) {
  return at::TensorOptions().dtype(dtype);
}

// ---------------------------------------------------------------------------
// Dropout.

GTEST_FX_REGISTER_OP(dropout,
                     [](const at::Tensor& x, double p, bool train) {
                       return at::dropout(x, p, train);
                     })
    .Sample(at::randn({8, 8}), 0.5, true)
    .Sample(at::randn({4, 5}, at::kDouble), 0.2, false)
    .Sample(at::randn({6}), 0.0, true)
    .Sample(at::randn({6, 5}).t().requires_grad_(), 0.3, true)
    .Sample(at::randn({0, 3}), 0.5, true);

GTEST_FX_REGISTER_OP(alpha_dropout,
                     [](const at::Tensor& x, double p, bool train) {
                       return at::alpha_dropout(x, p, train);
                     })
    .Sample(at::randn({8, 8}), 0.5, true)
    .Sample(at::randn({4, 5}, at::kDouble), 0.2, false)
    .Sample(at::randn({6, 5}).t().requires_grad_(), 0.3, true);

// Drops whole channels: dim 1 of an (N, C, ...) input.
GTEST_FX_REGISTER_OP(feature_dropout,
                     [](const at::Tensor& x, double p, bool train) {
                       return at::feature_dropout(x, p, train);
                     })
    .Sample(at::randn({2, 4, 3, 3}), 0.5, true)
    .Sample(at::randn({2, 4, 5}, at::kDouble), 0.3, true)
    .Sample(at::randn({2, 4, 5}), 0.3, false)
    .Sample(at::randn({3, 6, 2}).transpose(0, 1).requires_grad_(), 0.5, true);

GTEST_FX_REGISTER_OP(feature_alpha_dropout,
                     [](const at::Tensor& x, double p, bool train) {
                       return at::feature_alpha_dropout(x, p, train);
                     })
    .Sample(at::randn({2, 4, 3, 3}), 0.5, true)
    .Sample(at::randn({2, 4, 5}, at::kDouble), 0.3, true)
    .Sample(at::randn({2, 4, 5}), 0.3, false);

GTEST_FX_REGISTER_OP(native_dropout,
                     [](const at::Tensor& x, double p, bool train) {
                       return at::native_dropout(x, p, train);
                     })
    .Sample(at::randn({8, 8}), 0.5, true)
    .Sample(at::randn({4, 5}, at::kDouble), 0.2, false)
    .Sample(at::randn({6, 5}).t().requires_grad_(), 0.3, true);

// training=true draws the negative slopes at random.
GTEST_FX_REGISTER_OP(rrelu_training,
                     [](const at::Tensor& x, const at::Scalar& lower,
                        const at::Scalar& upper) {
                       return at::rrelu(x, lower, upper, /*training=*/true);
                     })
    .Sample(at::randn({4, 5}), 0.125, 1.0 / 3)
    .Sample(at::randn({5, 3}, at::kDouble).t(), 0.1, 0.5);

// ---------------------------------------------------------------------------
// Sampling from distributions.

// The input holds the probabilities, in [0, 1] in every variant.
GTEST_FX_REGISTER_OP(bernoulli,
                     [](const at::Tensor& p) { return at::bernoulli(p); })
    .Sample(Probs({4, 5}))
    .Sample(Probs({3, 3}, at::kDouble).t())
    .Sample(at::tensor(0.5))
    .Sample(at::randn({0, 2}).abs().clamp_max(1));

GTEST_FX_REGISTER_OP(bernoulli_p, [](const at::Tensor& x,
                                     double p) { return at::bernoulli(x, p); })
    .Sample(at::randn({4, 5}), 0.3)
    .Sample(at::randn({3, 3}, at::kDouble).t(), 0.9)
    .Sample(at::randn({6}), 0.0);

// The bernoulli.Tensor overload: `x` gives the shape, `p` the probabilities.
GTEST_FX_REGISTER_OP(bernoulli_Tensor,
                     [](const at::Tensor& x, const at::Tensor& p) {
                       return at::bernoulli(x, p);
                     })
    .Sample(at::randn({4, 5}), Probs({4, 5}))
    .Sample(at::randn({3, 4}, at::kDouble), Probs({4}, at::kDouble));

GTEST_FX_REGISTER_OP(bernoulli_inplace,
                     [](const at::Tensor& x, double p) {
                       return at::empty_like(x).bernoulli_(p);
                     })
    .Sample(at::randn({4, 5}), 0.3)
    .Sample(at::randn({3, 3}, at::kDouble).t(), 0.7);

GTEST_FX_REGISTER_OP(bernoulli_inplace_Tensor,
                     [](const at::Tensor& x, const at::Tensor& p) {
                       return x.clone().bernoulli_(p);
                     })
    .Sample(at::randn({4, 5}), Probs({4, 5}))
    .Sample(at::randn({3, 4}, at::kDouble), Probs({4}, at::kDouble));

// Weights are positive (every row has a nonzero weight in every variant
// but a vanishingly unlikely one).
GTEST_FX_REGISTER_OP(multinomial,
                     [](const at::Tensor& probs, int64_t num_samples,
                        bool replacement) {
                       return at::multinomial(probs, num_samples, replacement);
                     })
    .Sample(at::rand({3, 5}) + 0.1, 3, false)
    .Sample(at::rand({3, 5}) + 0.1, 8, true)
    .Sample(at::rand({6}, at::kDouble) + 0.1, 4, false)
    .Sample((at::rand({5, 2}) + 0.1).t(), 1, true);

// Standard deviations are nonnegative.
GTEST_FX_REGISTER_OP(normal_Tensor_Tensor,
                     [](const at::Tensor& mean, const at::Tensor& std) {
                       return at::normal(mean, std);
                     })
    .Sample(at::randn({3, 4}), at::rand({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::rand({3, 4}, at::kDouble))
    .Sample(at::randn({}), at::rand({}));

GTEST_FX_REGISTER_OP(normal_Tensor_float,
                     [](const at::Tensor& mean, double std) {
                       return at::normal(mean, std);
                     })
    .Sample(at::randn({3, 4}), 2.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5);

GTEST_FX_REGISTER_OP(normal_float_Tensor,
                     [](double mean, const at::Tensor& std) {
                       return at::normal(mean, std);
                     })
    .Sample(1.5, at::rand({3, 4}))
    .Sample(-2.0, at::rand({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_OP(normal_float_float,
                     [](double mean, double std, at::IntArrayRef size) {
                       return at::normal(mean, std, size);
                     })
    .Sample(0.0, 1.0, Size{3, 4})
    .Sample(5.0, 0.1, Size{2, 0, 3})
    .Sample(-1.0, 3.0, Size{7});

// Rates are nonnegative.
GTEST_FX_REGISTER_OP(poisson,
                     [](const at::Tensor& rates) { return at::poisson(rates); })
    .Sample(at::rand({3, 4}) * 4)
    .Sample(at::rand({4, 3}, at::kDouble).t() * 10)
    .Sample(at::tensor(2.5));

// Counts are whole and nonnegative, probabilities in (0, 1).
GTEST_FX_REGISTER_OP(binomial,
                     [](const at::Tensor& count, const at::Tensor& prob) {
                       return at::binomial(count, prob);
                     })
    .Sample((at::rand({3, 4}) * 10).floor(), Probs({3, 4}))
    .Sample((at::rand({5}, at::kDouble) * 20).floor(), Probs({5}, at::kDouble));

// Concentrations are positive.
GTEST_FX_REGISTER_OP(standard_gamma,
                     [](const at::Tensor& alpha) {
                       return at::_standard_gamma(alpha);
                     })
    .Sample(at::rand({3, 4}) + 0.5)
    .Sample(at::rand({4, 3}, at::kDouble).t() * 3 + 0.1);

GTEST_FX_REGISTER_OP(sample_dirichlet,
                     [](const at::Tensor& alpha) {
                       return at::_sample_dirichlet(alpha);
                     })
    .Sample(at::rand({3, 4}) + 0.5)
    .Sample(at::rand({5}, at::kDouble) * 3 + 0.1);

// ---------------------------------------------------------------------------
// Random tensors shaped like an input.

GTEST_FX_REGISTER_OP(rand_like,
                     [](const at::Tensor& x) { return at::rand_like(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 3}))
    .Sample(at::randn({2, 3}, at::kBFloat16))
    .Sample(at::randn({2, 2}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(rand_like_dtype,
                     [](const at::Tensor& x, at::ScalarType dtype) {
                       return at::rand_like(x, Dtype(dtype));
                     })
    .Sample(at::randn({3, 4}), at::kDouble)
    .Sample(at::randint(0, 5, {2, 3}, at::kLong), at::kFloat);

GTEST_FX_REGISTER_OP(randn_like,
                     [](const at::Tensor& x) { return at::randn_like(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 3}))
    .Sample(at::randn({2, 2}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(randint_like,
                     [](const at::Tensor& x, int64_t high) {
                       return at::randint_like(x, high);
                     })
    .Sample(at::randn({3, 4}), 10)
    .Sample(at::randint(0, 5, {4, 3}, at::kLong).t(), 100)
    .Sample(at::randn({}, at::kDouble), 3);

GTEST_FX_REGISTER_OP(randint_like_low,
                     [](const at::Tensor& x, int64_t low, int64_t high) {
                       return at::randint_like(x, low, high);
                     })
    .Sample(at::randn({3, 4}), -5, 5)
    .Sample(at::randint(0, 5, {2, 3}, at::kInt), 10, 20);

// ---------------------------------------------------------------------------
// Random tensors of a given shape.

GTEST_FX_REGISTER_OP(randperm, [](int64_t n) { return at::randperm(n); })
    .Sample(10)
    .Sample(1)
    .Sample(0);

GTEST_FX_REGISTER_OP(randperm_dtype,
                     [](int64_t n, at::ScalarType dtype) {
                       return at::randperm(n, Dtype(dtype));
                     })
    .Sample(7, at::kInt)
    .Sample(5, at::kDouble);

GTEST_FX_REGISTER_OP(rand, [](at::IntArrayRef size) { return at::rand(size); })
    .Sample(Size{3, 4})
    .Sample(Size{2, 0, 3})
    .Sample(Size{})
    .Sample(Size{2, 3, 4});

GTEST_FX_REGISTER_OP(rand_dtype,
                     [](at::IntArrayRef size, at::ScalarType dtype) {
                       return at::rand(size, Dtype(dtype));
                     })
    .Sample(Size{3, 4}, at::kDouble)
    .Sample(Size{5}, at::kBFloat16)
    .Sample(Size{2, 2}, at::kComplexFloat);

GTEST_FX_REGISTER_OP(randn,
                     [](at::IntArrayRef size) { return at::randn(size); })
    .Sample(Size{3, 4})
    .Sample(Size{2, 0, 3})
    .Sample(Size{})
    .Sample(Size{2, 3, 4});

GTEST_FX_REGISTER_OP(randn_dtype,
                     [](at::IntArrayRef size, at::ScalarType dtype) {
                       return at::randn(size, Dtype(dtype));
                     })
    .Sample(Size{3, 4}, at::kDouble)
    .Sample(Size{2, 2}, at::kComplexFloat);

GTEST_FX_REGISTER_OP(randint,
                     [](int64_t high, at::IntArrayRef size) {
                       return at::randint(high, size);
                     })
    .Sample(10, Size{3, 4})
    .Sample(2, Size{0, 5})
    .Sample(1000, Size{7});

GTEST_FX_REGISTER_OP(randint_low,
                     [](int64_t low, int64_t high, at::IntArrayRef size) {
                       return at::randint(low, high, size);
                     })
    .Sample(-5, 5, Size{3, 4})
    .Sample(100, 200, Size{2, 2, 2});

// ---------------------------------------------------------------------------
// In-place random fills, on a fresh tensor made from the input.

GTEST_FX_REGISTER_OP(uniform_,
                     [](const at::Tensor& x, double from, double to) {
                       return at::empty_like(x).uniform_(from, to);
                     })
    .Sample(at::randn({3, 4}), 0.0, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), -2.0, 5.0)
    .Sample(at::randn({}), 1.0, 1.5)
    .Sample(at::randn({2, 3}, at::kBFloat16), 0.0, 1.0);

GTEST_FX_REGISTER_OP(normal_,
                     [](const at::Tensor& x, double mean, double std) {
                       return at::empty_like(x).normal_(mean, std);
                     })
    .Sample(at::randn({3, 4}), 0.0, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 3.0, 0.5)
    .Sample(at::randn({0, 2}), 0.0, 1.0);

GTEST_FX_REGISTER_OP(exponential_,
                     [](const at::Tensor& x, double lambd) {
                       return x.clone().exponential_(lambd);
                     })
    .Sample(at::randn({3, 4}), 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 2.5);

GTEST_FX_REGISTER_OP(geometric_,
                     [](const at::Tensor& x, double p) {
                       return at::empty_like(x).geometric_(p);
                     })
    .Sample(at::randn({3, 4}), 0.3)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.9)
    .Sample(at::zeros({5}, at::kLong), 0.5);

GTEST_FX_REGISTER_OP(cauchy_,
                     [](const at::Tensor& x, double median, double sigma) {
                       return x.clone().cauchy_(median, sigma);
                     })
    .Sample(at::randn({3, 4}), 0.0, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 2.0, 0.5);

GTEST_FX_REGISTER_OP(log_normal_,
                     [](const at::Tensor& x, double mean, double std) {
                       return at::empty_like(x).log_normal_(mean, std);
                     })
    .Sample(at::randn({3, 4}), 1.0, 2.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.0, 0.25);

GTEST_FX_REGISTER_OP(random_,
                     [](const at::Tensor& x) {
                       return at::empty_like(x).random_();
                     })
    .Sample(at::randn({3, 4}))
    .Sample(at::zeros({2, 3}, at::kLong))
    .Sample(at::zeros({4}, at::kBool));

GTEST_FX_REGISTER_OP(random_to,
                     [](const at::Tensor& x, int64_t to) {
                       return at::empty_like(x).random_(to);
                     })
    .Sample(at::randn({3, 4}), 10)
    .Sample(at::zeros({2, 3}, at::kLong), 1000);

GTEST_FX_REGISTER_OP(random_from,
                     [](const at::Tensor& x, int64_t from, int64_t to) {
                       return x.clone().random_(from, to);
                     })
    .Sample(at::randn({3, 4}), -10, 10)
    .Sample(at::zeros({2, 3}, at::kInt), 5, 6);

// ---------------------------------------------------------------------------
// Factories of a given shape.

GTEST_FX_REGISTER_OP(zeros,
                     [](at::IntArrayRef size) { return at::zeros(size); })
    .Sample(Size{3, 4})
    .Sample(Size{2, 0, 3})
    .Sample(Size{})
    .Sample(Size{2, 1, 3});

GTEST_FX_REGISTER_OP(zeros_dtype,
                     [](at::IntArrayRef size, at::ScalarType dtype) {
                       return at::zeros(size, Dtype(dtype));
                     })
    .Sample(Size{3, 4}, at::kDouble)
    .Sample(Size{5}, at::kLong)
    .Sample(Size{2, 2}, at::kBool)
    .Sample(Size{2, 3}, at::kComplexFloat);

GTEST_FX_REGISTER_OP(ones, [](at::IntArrayRef size) { return at::ones(size); })
    .Sample(Size{3, 4})
    .Sample(Size{2, 0, 3})
    .Sample(Size{});

GTEST_FX_REGISTER_OP(ones_dtype,
                     [](at::IntArrayRef size, at::ScalarType dtype) {
                       return at::ones(size, Dtype(dtype));
                     })
    .Sample(Size{3, 4}, at::kHalf)
    .Sample(Size{5}, at::kInt)
    .Sample(Size{2, 2}, at::kBool);

// The result's dtype follows the fill value: float or int64.
GTEST_FX_REGISTER_OP(full,
                     [](at::IntArrayRef size, const at::Scalar& value) {
                       return at::full(size, value);
                     })
    .Sample(Size{2, 3}, 1.5)
    .Sample(Size{4}, 7)
    .Sample(Size{0, 3}, -1.0);

// A bool fill value gives a bool tensor; the graph holds it as a bool Scalar
// (TorchScript's tracer, used before gtest_fx's own recorder, recorded a bool
// constant that no aten::full schema took).
GTEST_FX_REGISTER_OP(full_bool,
                     [](at::IntArrayRef size, const at::Scalar& value) {
                       return at::full(size, value);
                     })
    .Sample(Size{2, 2}, true)
    .Sample(Size{3}, false);

GTEST_FX_REGISTER_OP(full_dtype,
                     [](at::IntArrayRef size, const at::Scalar& value,
                        at::ScalarType dtype) {
                       return at::full(size, value, Dtype(dtype));
                     })
    .Sample(Size{2, 3}, 2.5, at::kDouble)
    .Sample(Size{3}, 4, at::kBFloat16)
    .Sample(Size{2}, 1.0, at::kComplexFloat);

GTEST_FX_REGISTER_OP(empty_fill,
                     [](at::IntArrayRef size, const at::Scalar& value,
                        bool channels_last) {
                       return at::empty(size, at::TensorOptions(),
                                        channels_last
                                            ? at::MemoryFormat::ChannelsLast
                                            : at::MemoryFormat::Contiguous)
                           .fill_(value);
                     })
    .Sample(Size{2, 3}, 1.5, false)
    .Sample(Size{1, 2, 3, 3}, -2.0, true)
    .Sample(Size{0}, 1.0, false);

GTEST_FX_REGISTER_OP(empty_zero,
                     [](at::IntArrayRef size, at::ScalarType dtype) {
                       return at::empty(size, Dtype(dtype)).zero_();
                     })
    .Sample(Size{2, 3}, at::kFloat)
    .Sample(Size{4}, at::kLong)
    .Sample(Size{}, at::kDouble);

// The strides are constants of the trace; every element is written.
GTEST_FX_REGISTER_OP(empty_strided_fill,
                     [](at::IntArrayRef size, at::IntArrayRef stride,
                        const at::Scalar& value) {
                       return at::empty_strided(size, stride).fill_(value);
                     })
    .Sample(Size{2, 3}, Ints{1, 2}, 3.0)
    .Sample(Size{3, 2, 2}, Ints{4, 1, 2}, -1.0);

// at::zeros and at::full with the options (dtype, device) of an input.
GTEST_FX_REGISTER_OP(zeros_options,
                     [](const at::Tensor& x, at::IntArrayRef size) {
                       return at::zeros(size, x.options());
                     })
    .Sample(at::randn({3}), Size{2, 4})
    .Sample(at::randn({2}, at::kDouble), Size{3})
    .Sample(at::zeros({1}, at::kLong), Size{2, 2});

GTEST_FX_REGISTER_OP(full_options,
                     [](const at::Tensor& x, at::IntArrayRef size,
                        const at::Scalar& value) {
                       return at::full(size, value, x.options());
                     })
    .Sample(at::randn({3}), Size{2, 4}, 0.25)
    .Sample(at::zeros({1}, at::kInt), Size{3}, 5);

// ---------------------------------------------------------------------------
// Factories shaped like an input.

GTEST_FX_REGISTER_OP(zeros_like,
                     [](const at::Tensor& x) { return at::zeros_like(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 3}))
    .Sample(at::randint(0, 5, {2, 3}, at::kLong))
    .Sample(at::ones({3}, at::kBool))
    .Sample(at::randn({2, 2}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(zeros_like_dtype,
                     [](const at::Tensor& x, at::ScalarType dtype) {
                       return at::zeros_like(x, Dtype(dtype));
                     })
    .Sample(at::randn({3, 4}), at::kLong)
    .Sample(at::randn({4, 3}).t(), at::kDouble);

GTEST_FX_REGISTER_OP(ones_like,
                     [](const at::Tensor& x) { return at::ones_like(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randint(0, 5, {2, 3}, at::kLong))
    .Sample(at::zeros({3}, at::kBool))
    .Sample(at::randn({2}).requires_grad_());

GTEST_FX_REGISTER_OP(full_like,
                     [](const at::Tensor& x, const at::Scalar& value) {
                       return at::full_like(x, value);
                     })
    .Sample(at::randn({3, 4}), 2.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), -1.0)
    .Sample(at::randint(0, 5, {2, 3}, at::kLong), 7)
    .Sample(at::randn({}), 0.5)
    .Sample(at::randn({0, 2}), 1.0);

GTEST_FX_REGISTER_OP(full_like_dtype,
                     [](const at::Tensor& x, const at::Scalar& value,
                        at::ScalarType dtype) {
                       return at::full_like(x, value, Dtype(dtype));
                     })
    .Sample(at::randn({3, 4}), 3, at::kInt)
    .Sample(at::randint(0, 5, {2, 3}, at::kLong), 1.5, at::kDouble);

GTEST_FX_REGISTER_OP(empty_like_fill,
                     [](const at::Tensor& x, const at::Scalar& value) {
                       return at::empty_like(x).fill_(value);
                     })
    .Sample(at::randn({3, 4}), 2.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), -1.0)
    .Sample(at::randint(0, 5, {2, 3}, at::kLong), 7);

GTEST_FX_REGISTER_OP(new_zeros,
                     [](const at::Tensor& x, at::IntArrayRef size) {
                       return x.new_zeros(size);
                     })
    .Sample(at::randn({3}), Size{2, 4})
    .Sample(at::randn({2, 2}, at::kDouble).t(), Size{3})
    .Sample(at::zeros({1}, at::kLong), Size{0, 2});

GTEST_FX_REGISTER_OP(new_ones,
                     [](const at::Tensor& x, at::IntArrayRef size) {
                       return x.new_ones(size);
                     })
    .Sample(at::randn({3}), Size{2, 4})
    .Sample(at::randn({2}, at::kDouble), Size{})
    .Sample(at::zeros({1}, at::kBool), Size{3});

GTEST_FX_REGISTER_OP(new_full,
                     [](const at::Tensor& x, at::IntArrayRef size,
                        const at::Scalar& value) {
                       return x.new_full(size, value);
                     })
    .Sample(at::randn({3}), Size{2, 4}, 1.5)
    .Sample(at::randn({2}, at::kDouble), Size{3}, -2.0)
    .Sample(at::zeros({1}, at::kLong), Size{2, 2}, 9);

GTEST_FX_REGISTER_OP(new_empty_fill,
                     [](const at::Tensor& x, at::IntArrayRef size,
                        const at::Scalar& value) {
                       return x.new_empty(size).fill_(value);
                     })
    .Sample(at::randn({3}), Size{2, 4}, 1.5)
    .Sample(at::zeros({1}, at::kLong), Size{3}, 4);

GTEST_FX_REGISTER_OP(new_empty_strided_zero,
                     [](const at::Tensor& x, at::IntArrayRef size,
                        at::IntArrayRef stride) {
                       return x.new_empty_strided(size, stride).zero_();
                     })
    .Sample(at::randn({3}), Size{2, 3}, Ints{1, 2})
    .Sample(at::randn({2}, at::kDouble), Size{4}, Ints{1});

// ---------------------------------------------------------------------------
// Ranges.

// An integer end gives int64, a floating point one float.
GTEST_FX_REGISTER_OP(arange,
                     [](const at::Scalar& end) { return at::arange(end); })
    .Sample(5)
    .Sample(4.5)
    .Sample(0);

GTEST_FX_REGISTER_OP(arange_start,
                     [](const at::Scalar& start, const at::Scalar& end) {
                       return at::arange(start, end);
                     })
    .Sample(2, 7)
    .Sample(-1.5, 2.0);

GTEST_FX_REGISTER_OP(arange_start_step,
                     [](const at::Scalar& start, const at::Scalar& end,
                        const at::Scalar& step) {
                       return at::arange(start, end, step);
                     })
    .Sample(0, 10, 3)
    .Sample(1.0, -1.0, -0.25)
    .Sample(0.0, 1.0, 0.1);

GTEST_FX_REGISTER_OP(arange_dtype,
                     [](const at::Scalar& end, at::ScalarType dtype) {
                       return at::arange(end, Dtype(dtype));
                     })
    .Sample(6, at::kDouble)
    .Sample(5, at::kInt);

// aten::range is deprecated (it warns) and includes its end.
GTEST_FX_REGISTER_OP(range,
                     [](const at::Scalar& start, const at::Scalar& end,
                        const at::Scalar& step) {
                       return at::range(start, end, step);
                     })
    .Sample(0, 4, 1)
    .Sample(1.0, 2.0, 0.25);

GTEST_FX_REGISTER_OP(linspace,
                     [](const at::Scalar& start, const at::Scalar& end,
                        int64_t steps) {
                       return at::linspace(start, end, steps);
                     })
    .Sample(0.0, 1.0, 5)
    .Sample(-2, 2, 1)
    .Sample(0.0, 10.0, 0)
    .Sample(1, 10, 4);

GTEST_FX_REGISTER_OP(linspace_dtype,
                     [](const at::Scalar& start, const at::Scalar& end,
                        int64_t steps, at::ScalarType dtype) {
                       return at::linspace(start, end, steps, Dtype(dtype));
                     })
    .Sample(0, 20, 6, at::kLong)
    .Sample(-1.0, 1.0, 7, at::kDouble);

GTEST_FX_REGISTER_OP(logspace,
                     [](const at::Scalar& start, const at::Scalar& end,
                        int64_t steps, double base) {
                       return at::logspace(start, end, steps, base);
                     })
    .Sample(0.0, 2.0, 3, 10.0)
    .Sample(-1, 1, 5, 2.0)
    .Sample(0.0, 1.0, 0, 10.0);

GTEST_FX_REGISTER_OP(logspace_dtype,
                     [](const at::Scalar& start, const at::Scalar& end,
                        int64_t steps, at::ScalarType dtype) {
                       return at::logspace(start, end, steps, 10.0,
                                           Dtype(dtype));
                     })
    .Sample(0.0, 3.0, 4, at::kDouble)
    .Sample(0, 2, 3, at::kLong);

// ---------------------------------------------------------------------------
// Matrices, index lists, scalars and windows.

GTEST_FX_REGISTER_OP(eye, [](int64_t n) { return at::eye(n); })
    .Sample(3)
    .Sample(1)
    .Sample(0);

GTEST_FX_REGISTER_OP(eye_m,
                     [](int64_t n, int64_t m, at::ScalarType dtype) {
                       return at::eye(n, m, Dtype(dtype));
                     })
    .Sample(2, 4, at::kFloat)
    .Sample(4, 3, at::kDouble)
    .Sample(3, 3, at::kBool);

GTEST_FX_REGISTER_OP(tril_indices,
                     [](int64_t row, int64_t col, int64_t offset) {
                       return at::tril_indices(row, col, offset);
                     })
    .Sample(3, 3, 0)
    .Sample(4, 3, 1)
    .Sample(3, 5, -1)
    .Sample(0, 0, 0);

GTEST_FX_REGISTER_OP(triu_indices,
                     [](int64_t row, int64_t col, int64_t offset) {
                       return at::triu_indices(row, col, offset);
                     })
    .Sample(3, 3, 0)
    .Sample(4, 3, 1)
    .Sample(3, 5, -1)
    .Sample(0, 0, 0);

// The default dtype is float, whatever the kind of the value.
GTEST_FX_REGISTER_OP(scalar_tensor,
                     [](const at::Scalar& s) { return at::scalar_tensor(s); })
    .Sample(1.5)
    .Sample(3);

// As for full_bool, the tracer records a bool Scalar as a bool constant.
GTEST_FX_REGISTER_OP(scalar_tensor_bool, [](const at::Scalar& s) {
  return at::scalar_tensor(s);
}).Sample(true);

GTEST_FX_REGISTER_OP(scalar_tensor_dtype,
                     [](const at::Scalar& s, at::ScalarType dtype) {
                       return at::scalar_tensor(s, Dtype(dtype));
                     })
    .Sample(2.5, at::kDouble)
    .Sample(7, at::kLong)
    .Sample(1, at::kBool);

GTEST_FX_REGISTER_OP(hann_window,
                     [](int64_t length, bool periodic) {
                       return at::hann_window(length, periodic);
                     })
    .Sample(8, true)
    .Sample(5, false)
    .Sample(1, true)
    .Sample(0, true);

GTEST_FX_REGISTER_OP(hamming_window,
                     [](int64_t length, bool periodic, double alpha,
                        double beta) {
                       return at::hamming_window(length, periodic, alpha, beta);
                     })
    .Sample(8, true, 0.54, 0.46)
    .Sample(5, false, 0.5, 0.5);

GTEST_FX_REGISTER_OP(bartlett_window,
                     [](int64_t length, bool periodic) {
                       return at::bartlett_window(length, periodic);
                     })
    .Sample(8, true)
    .Sample(5, false);

GTEST_FX_REGISTER_OP(blackman_window,
                     [](int64_t length, bool periodic) {
                       return at::blackman_window(length, periodic);
                     })
    .Sample(8, true)
    .Sample(5, false);

GTEST_FX_REGISTER_OP(kaiser_window,
                     [](int64_t length, bool periodic, double beta) {
                       return at::kaiser_window(length, periodic, beta);
                     })
    .Sample(8, true, 12.0)
    .Sample(5, false, 4.0);

}  // namespace
