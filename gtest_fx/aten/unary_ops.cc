// Samples for the unary family of aten operators: elementwise math of one
// tensor (trigonometric, exponential, rounding, classification, special
// functions), clamping, and a few in-place forms.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include "sample_values.h"

namespace {

using gtest_fx::aten::Bools;
using gtest_fx::aten::kInf;
using gtest_fx::aten::kNan;
using gtest_fx::aten::Uniform;

// A tensor of edge values: signed zeros, infinities, a NaN, halves (for
// rounding) and ordinary numbers.
at::Tensor EdgeValues(at::ScalarType dtype) {
  return at::tensor({0.0, -0.0, 0.5, -1.5, 2.5, -3.7, 1e30, kInf, -kInf, kNan},
                    at::dtype(at::kDouble))
      .to(dtype);
}

// An integer tensor with negative, zero and positive values.
at::Tensor Ints(at::IntArrayRef shape, at::ScalarType dtype = at::kLong) {
  return at::randint(-9, 10, shape, at::dtype(dtype));
}

}  // namespace

// ---------------------------------------------------------------------------
// Sign and magnitude.

GTEST_FX_REGISTER_DISPATCHER_OP(abs, "aten::abs")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({6}, at::kHalf))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(Ints({2, 5}))
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(neg, "aten::neg")
    .Sample(at::randn({3, 4}).narrow(1, 1, 2))
    .Sample(at::randn({}, at::kDouble))
    .Sample(Ints({6}, at::kInt))
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(at::randn({2, 3}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(sign, "aten::sign")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kHalf))
    .Sample(Ints({2, 3}))
    .Sample(Bools({3}))
    .Sample(at::randn({4, 2}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(sgn, "aten::sgn")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({5}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t())
    .Sample(at::randn({4}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(signbit, "aten::signbit")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble))
    .Sample(Ints({5}))
    .Sample(at::randn({3, 2}).t());

GTEST_FX_REGISTER_DISPATCHER_OP(positive, "aten::positive")
    .Sample(at::randn({3, 4}))
    .Sample(Ints({4}))
    .Sample(at::randn({2, 2}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(square, "aten::square")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 3}, at::kBFloat16))
    .Sample(Ints({5}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({3}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(reciprocal, "aten::reciprocal")
    .Sample(at::randn({3, 4}))
    .Sample(EdgeValues(at::kDouble))
    .Sample(Ints({5}))  // Integers promote to float; 0 gives inf.
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(Uniform({4}, 0.5, 2.0).requires_grad_());

// ---------------------------------------------------------------------------
// Trigonometric and hyperbolic functions.

GTEST_FX_REGISTER_DISPATCHER_OP(sin, "aten::sin")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({0, 3}))
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(cos, "aten::cos")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::randn({6}, at::kBFloat16))
    .Sample(Ints({4}))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(tan, "aten::tan")
    .Sample(Uniform({3, 4}, -1.5, 1.5))
    .Sample(Uniform({4, 3}, -1.5, 1.5, at::kDouble).t())
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(Uniform({5}, -1.0, 1.0).requires_grad_());

// The inverse functions are NaN outside their domains, which is a value that
// compares equal to itself here; most samples stay inside the domain.
GTEST_FX_REGISTER_DISPATCHER_OP(asin, "aten::asin")
    .Sample(Uniform({3, 4}, -1.0, 1.0))
    .Sample(Uniform({4, 3}, -1.0, 1.0, at::kDouble).t())
    .Sample(EdgeValues(at::kFloat))
    .Sample(Uniform({5}, -0.9, 0.9).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(acos, "aten::acos")
    .Sample(Uniform({3, 4}, -1.0, 1.0))
    .Sample(Uniform({4, 3}, -1.0, 1.0, at::kDouble).t())
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(Uniform({5}, -0.9, 0.9).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(atan, "aten::atan")
    .Sample(at::randn({3, 4}))
    .Sample(EdgeValues(at::kDouble))
    .Sample(Ints({4}))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(sinh, "aten::sinh")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(cosh, "aten::cosh")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 6}, at::kDouble).narrow(1, 2, 3))
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(tanh, "aten::tanh")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({6}, at::kBFloat16))
    .Sample(EdgeValues(at::kFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(asinh, "aten::asinh")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

// acosh is defined on [1, inf).
GTEST_FX_REGISTER_DISPATCHER_OP(acosh, "aten::acosh")
    .Sample(Uniform({3, 4}, 1.0, 5.0))
    .Sample(Uniform({4, 3}, 1.0, 5.0, at::kDouble).t())
    .Sample(Uniform({5}, 1.5, 3.0).requires_grad_());

// atanh is defined on (-1, 1).
GTEST_FX_REGISTER_DISPATCHER_OP(atanh, "aten::atanh")
    .Sample(Uniform({3, 4}, -0.99, 0.99))
    .Sample(Uniform({4, 3}, -0.99, 0.99, at::kDouble).t())
    .Sample(Uniform({5}, -0.9, 0.9).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(sinc, "aten::sinc")
    .Sample(at::randn({3, 4}))
    .Sample(at::tensor({0.0, 1.0, -0.5, 2.5}, at::dtype(at::kDouble)))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(deg2rad, "aten::deg2rad")
    .Sample(at::randn({3, 4}) * 180)
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(rad2deg, "aten::rad2deg")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::randn({5}).requires_grad_());

// ---------------------------------------------------------------------------
// Exponentials and logarithms.

GTEST_FX_REGISTER_DISPATCHER_OP(exp, "aten::exp")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({6}, at::kBFloat16))
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(exp2, "aten::exp2")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(Ints({4}))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(expm1, "aten::expm1")
    .Sample(at::randn({3, 4}) * 1e-3)
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({0}))
    .Sample(at::randn({5}).requires_grad_());

// The logarithms are NaN for negative inputs; the samples are positive.
GTEST_FX_REGISTER_DISPATCHER_OP(log, "aten::log")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(EdgeValues(at::kFloat))
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(Uniform({5}, 0.5, 2.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(log2, "aten::log2")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(at::randint(1, 100, {5}))
    .Sample(Uniform({5}, 0.5, 2.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(log10, "aten::log10")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(Uniform({5}, 0.5, 2.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(log1p, "aten::log1p")
    .Sample(Uniform({3, 4}, -0.5, 10.0))
    .Sample(at::randn({4, 3}, at::kDouble).t().abs() * 1e-4)
    .Sample(Uniform({5}, 0.0, 2.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(sqrt, "aten::sqrt")
    .Sample(Uniform({3, 4}, 0.0, 10.0))
    .Sample(Uniform({4, 3}, 0.0, 10.0, at::kDouble).t())
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(EdgeValues(at::kFloat))
    .Sample(Uniform({5}, 0.5, 2.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(rsqrt, "aten::rsqrt")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(Uniform({5}, 0.5, 2.0).requires_grad_());

// ---------------------------------------------------------------------------
// Sigmoid, logit and error functions.

GTEST_FX_REGISTER_DISPATCHER_OP(sigmoid, "aten::sigmoid")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({6}, at::kBFloat16))
    .Sample(at::randn({5}).requires_grad_());

// logit(x, eps=None) is NaN outside [0, 1]; with eps it clamps first.
GTEST_FX_REGISTER_DISPATCHER_OP(logit, "aten::logit")
    .Sample(Uniform({3, 4}, 0.01, 0.99))
    .Sample(Uniform({4, 3}, 0.0, 1.0, at::kDouble).t(), 1e-6)
    .Sample(Uniform({5}, 0.1, 0.9).requires_grad_(), 0.05);

GTEST_FX_REGISTER_DISPATCHER_OP(erf, "aten::erf")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(EdgeValues(at::kFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(erfc, "aten::erfc")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

// erfinv is defined on [-1, 1].
GTEST_FX_REGISTER_DISPATCHER_OP(erfinv, "aten::erfinv")
    .Sample(Uniform({3, 4}, -0.99, 0.99))
    .Sample(Uniform({4, 3}, -0.99, 0.99, at::kDouble).t())
    .Sample(Uniform({5}, -0.9, 0.9).requires_grad_());

// ---------------------------------------------------------------------------
// Gamma family and Bessel-like functions.

GTEST_FX_REGISTER_DISPATCHER_OP(lgamma, "aten::lgamma")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(Uniform({5}, 0.5, 5.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(digamma, "aten::digamma")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(Uniform({5}, 0.5, 5.0).requires_grad_());

// polygamma(int n, Tensor self).
GTEST_FX_REGISTER_DISPATCHER_OP(polygamma, "aten::polygamma")
    .Sample(1, Uniform({3, 4}, 0.1, 10.0))
    .Sample(2, Uniform({4, 3}, 0.1, 10.0, at::kDouble).t())
    .Sample(0, Uniform({5}, 0.5, 5.0))
    .Sample(3, Uniform({5}, 0.5, 5.0).requires_grad_());

// mvlgamma(x, p) is defined for elements > (p - 1) / 2, which the samples
// keep to.
GTEST_FX_REGISTER_DISPATCHER_OP(mvlgamma, "aten::mvlgamma")
    .Sample(Uniform({3, 4}, 1.0, 5.0), 2)
    .Sample(Uniform({4, 3}, 2.0, 6.0, at::kDouble).t(), 3)
    .Sample(Uniform({5}, 0.1, 3.0).requires_grad_(), 1);

GTEST_FX_REGISTER_DISPATCHER_OP(i0, "aten::i0")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

// ---------------------------------------------------------------------------
// Rounding.

GTEST_FX_REGISTER_DISPATCHER_OP(floor, "aten::floor")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(EdgeValues(at::kDouble))
    .Sample(Ints({4}))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(ceil, "aten::ceil")
    .Sample(at::randn({3, 4}) * 5)
    .Sample((at::randn({4, 3}, at::kDouble) * 5).t())
    .Sample(EdgeValues(at::kFloat))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(round, "aten::round")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(EdgeValues(at::kDouble))
    .Sample(Ints({4}))
    .Sample(at::randn({5}).requires_grad_());

// round(x, *, int decimals).
GTEST_FX_REGISTER_DISPATCHER_OP(round_decimals, "aten::round.decimals")
    .Sample(at::randn({3, 4}) * 100, 2)
    .Sample((at::randn({4, 3}, at::kDouble) * 1000).t(), -1)
    .Sample(at::randn({5}).requires_grad_(), 1);

GTEST_FX_REGISTER_DISPATCHER_OP(trunc, "aten::trunc")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(EdgeValues(at::kDouble))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(fix, "aten::fix")
    .Sample(at::randn({3, 4}) * 5)
    .Sample((at::randn({4, 3}, at::kDouble) * 5).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(frac, "aten::frac")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(EdgeValues(at::kDouble))
    .Sample(at::randn({5}).requires_grad_());

// ---------------------------------------------------------------------------
// Logical and bitwise negation.

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_not, "aten::bitwise_not")
    .Sample(Ints({3, 4}))
    .Sample(Bools({2, 3}))
    .Sample(Ints({4, 3}, at::kInt).t())
    .Sample(at::randint(0, 255, {6}, at::dtype(at::kByte)));

GTEST_FX_REGISTER_DISPATCHER_OP(logical_not, "aten::logical_not")
    .Sample(Bools({2, 3}))
    .Sample(Ints({3, 4}))
    .Sample(EdgeValues(at::kFloat))
    .Sample(at::randn({4, 3}, at::kDouble).t());

// ---------------------------------------------------------------------------
// Classification of values.

GTEST_FX_REGISTER_DISPATCHER_OP(isnan, "aten::isnan")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble).reshape({2, 5}).t())
    .Sample(Ints({4}))
    .Sample(at::randn({3}, at::kComplexFloat));

GTEST_FX_REGISTER_DISPATCHER_OP(isinf, "aten::isinf")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble).reshape({2, 5}).t())
    .Sample(Ints({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(isfinite, "aten::isfinite")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble).reshape({5, 2}))
    .Sample(Ints({4}))
    .Sample(at::randn({3}, at::kComplexFloat));

GTEST_FX_REGISTER_DISPATCHER_OP(isposinf, "aten::isposinf")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble).reshape({2, 5}).t())
    .Sample(Ints({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(isneginf, "aten::isneginf")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble).reshape({2, 5}).t())
    .Sample(Ints({4}));

// nan_to_num(x, nan=None, posinf=None, neginf=None).
GTEST_FX_REGISTER_DISPATCHER_OP(nan_to_num, "aten::nan_to_num")
    .Sample(EdgeValues(at::kFloat))
    .Sample(EdgeValues(at::kDouble), 0.5, 100.0, -100.0)
    .Sample(EdgeValues(at::kFloat).reshape({2, 5}).t(), 1.0)
    .Sample(at::randn({5}).requires_grad_(), 0.0, 1.0, -1.0);

// ---------------------------------------------------------------------------
// Clamping.

// clamp(x, Scalar? min, Scalar? max).
GTEST_FX_REGISTER_DISPATCHER_OP(clamp, "aten::clamp")
    .Sample(at::randn({3, 4}), -0.5, 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), c10::nullopt, 0.0)
    .Sample(Ints({6}), -3, c10::nullopt)
    .Sample(at::randn({5}).requires_grad_(), at::Scalar(-1.0), at::Scalar(1.0));

// clamp(x, Tensor? min, Tensor? max): bounds broadcast against x.
GTEST_FX_REGISTER_DISPATCHER_OP(clamp_Tensor, "aten::clamp.Tensor")
    .Sample(at::randn({3, 4}), at::full({4}, -0.5), at::full({3, 1}, 0.5))
    .Sample(at::randn({4, 3}, at::kDouble).t(), c10::nullopt,
            at::randn({3, 4}, at::kDouble))
    .Sample(at::randn({5}).requires_grad_(), at::tensor(-0.2), c10::nullopt);

GTEST_FX_REGISTER_DISPATCHER_OP(clamp_min, "aten::clamp_min")
    .Sample(at::randn({3, 4}), 0.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), -0.5)
    .Sample(Ints({6}), 2)
    .Sample(at::randn({5}).requires_grad_(), 0.1);

GTEST_FX_REGISTER_DISPATCHER_OP(clamp_max, "aten::clamp_max")
    .Sample(at::randn({3, 4}), 0.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5)
    .Sample(Ints({6}), -2)
    .Sample(at::randn({5}).requires_grad_(), 0.1);

// ---------------------------------------------------------------------------
// Special functions (torch.special).

GTEST_FX_REGISTER_DISPATCHER_OP(special_entr, "aten::special_entr")
    .Sample(Uniform({3, 4}, 0.0, 2.0))
    .Sample(at::tensor({-1.0, 0.0, 0.5, 1.0, kInf}, at::dtype(at::kDouble)))
    .Sample(Uniform({5}, 0.1, 1.0).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(special_erfcx, "aten::special_erfcx")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 10);

// ndtri is the inverse of the normal CDF, defined on [0, 1].
GTEST_FX_REGISTER_DISPATCHER_OP(special_ndtri, "aten::special_ndtri")
    .Sample(Uniform({3, 4}, 0.01, 0.99))
    .Sample(Uniform({4, 3}, 0.0, 1.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_ndtr, "aten::special_ndtr")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(special_log_ndtr, "aten::special_log_ndtr")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_i0e, "aten::special_i0e")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(special_i1, "aten::special_i1")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(special_i1e, "aten::special_i1e")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_bessel_j0, "aten::special_bessel_j0")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_bessel_j1, "aten::special_bessel_j1")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t());

// ---------------------------------------------------------------------------
// Angle of complex and real numbers.

GTEST_FX_REGISTER_DISPATCHER_OP(angle, "aten::angle")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4}, at::kComplexFloat))
    .Sample(at::randn({3, 2}, at::kComplexDouble).t())
    .Sample(at::randn({5}).requires_grad_());

// ---------------------------------------------------------------------------
// In-place forms, on an input without requires_grad (in-place on a leaf that
// requires grad is an error). The mutated input is compared after the call.

GTEST_FX_REGISTER_OP(abs_inplace, [](const at::Tensor& x) { return x.abs_(); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(Ints({5}));

GTEST_FX_REGISTER_OP(sin_inplace, [](const at::Tensor& x) { return x.sin_(); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 6}, at::kDouble).narrow(1, 1, 4));

GTEST_FX_REGISTER_OP(clamp_inplace,
                     [](const at::Tensor& x, const at::Scalar& lo,
                        const at::Scalar& hi) { return x.clamp_(lo, hi); })
    .Sample(at::randn({3, 4}), -0.5, 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::Scalar(-1.0),
            at::Scalar(0.0));

// In place on a non-leaf: the intermediate of a tensor that requires grad.
GTEST_FX_REGISTER_OP(exp_inplace_nonleaf,
                     [](const at::Tensor& x) { return x.mul(2).exp_(); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({4, 3}, at::kDouble).t());

// Via the dispatcher by name: aten::sigmoid_ mutates its input.
GTEST_FX_REGISTER_DISPATCHER_OP(sigmoid_inplace, "aten::sigmoid_")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t());

// ---------------------------------------------------------------------------
// Chains through method calls, half precision and the out= form. The chain
// keeps to unary ops with float16 CPU kernels in every LibTorch this suite
// has run on (abs, neg, square, reciprocal).

GTEST_FX_REGISTER_OP(unary_chain_half,
                     [](const at::Tensor& x) {
                       return x.abs().square().neg().reciprocal();
                     })
    .Sample(at::randn({3, 4}, at::kHalf))
    .Sample(at::randn({3, 4}, at::kBFloat16))
    .Sample(at::randn({4, 3}).t().requires_grad_());

GTEST_FX_REGISTER_OP(cos_out,
                     [](const at::Tensor& x) {
                       at::Tensor out = at::zeros_like(x);
                       at::cos_out(out, x);
                       return out;
                     })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t());
