// Samples for the binary family of aten operators: elementwise arithmetic of
// two tensors (or a tensor and a scalar), comparisons, logical and bitwise
// operations, selection and interpolation (where, lerp, addcmul), with
// broadcasting, type promotion and in-place forms.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include "sample_values.h"

namespace {

using gtest_fx::aten::Bools;
using gtest_fx::aten::kInf;
using gtest_fx::aten::kNan;
using gtest_fx::aten::Uniform;

// Edge values in a fixed order: signed zeros, infinities, a NaN and ordinary
// numbers. Two calls with different `shift`s give pairs that mix them.
at::Tensor EdgeValues(at::ScalarType dtype, int64_t shift = 0) {
  return at::tensor({0.0, -0.0, 1.5, -2.5, 3.0, kInf, -kInf, kNan},
                    at::dtype(at::kDouble))
      .roll(shift)
      .to(dtype);
}

// Integers in [lo, hi).
at::Tensor Ints(at::IntArrayRef shape, int64_t lo = -9, int64_t hi = 10,
                at::ScalarType dtype = at::kLong) {
  return at::randint(lo, hi, shape, at::dtype(dtype));
}

// Nonzero integers in [-hi, -1] and [1, hi]: safe integer divisors.
at::Tensor NonzeroInts(at::IntArrayRef shape, int64_t hi = 5,
                       at::ScalarType dtype = at::kLong) {
  at::Tensor magnitude = at::randint(1, hi + 1, shape, at::dtype(at::kLong));
  at::Tensor sign = at::randint(0, 2, shape, at::dtype(at::kLong)) * 2 - 1;
  return (magnitude * sign).to(dtype);
}

}  // namespace

// ---------------------------------------------------------------------------
// Addition, subtraction, multiplication.

// add(self, other, *, alpha=1).
GTEST_FX_REGISTER_DISPATCHER_OP(add_Tensor, "aten::add.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}), 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(Ints({2, 3}), at::randn({2, 3}))  // int64 + float32 -> float32.
    .Sample(at::randn({5}, at::kHalf), at::randn({5}, at::kHalf), 2)
    .Sample(at::randn({3}).requires_grad_(), at::tensor(2.0, at::kDouble));

GTEST_FX_REGISTER_DISPATCHER_OP(add_Scalar, "aten::add.Scalar")
    .Sample(at::randn({3, 4}), 2.5)
    .Sample(Ints({5}), 3, 2)
    .Sample(Ints({5}), 0.5)  // An int64 tensor plus a float -> float32.
    .Sample(at::randn({2, 3}, at::kComplexFloat),
            at::Scalar(c10::complex<double>(1, -1)));

GTEST_FX_REGISTER_DISPATCHER_OP(sub_Tensor, "aten::sub.Tensor")
    .Sample(at::randn({3, 4}), at::randn({3, 1}), 2)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({4}, at::kDouble))
    .Sample(Ints({6}), Ints({6}, -3, 3, at::kInt))
    .Sample(at::randn({0, 3}), at::randn({3}))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}).requires_grad_());

GTEST_FX_REGISTER_DISPATCHER_OP(rsub_Tensor, "aten::rsub.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}), 0.5)
    .Sample(Ints({5}), at::randn({5}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({1}));

GTEST_FX_REGISTER_DISPATCHER_OP(rsub_Scalar, "aten::rsub.Scalar")
    .Sample(at::randn({3, 4}), 1.0)
    .Sample(Ints({5}), 10, 2);

GTEST_FX_REGISTER_DISPATCHER_OP(mul_Tensor, "aten::mul.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({}, at::kDouble))
    .Sample(Bools({2, 3}), Ints({2, 3}))  // bool * int64 -> int64.
    .Sample(at::randn({3}, at::kComplexFloat), at::randn({3}))
    .Sample(at::randn({2, 1}).requires_grad_(), at::randn({1, 3}));

GTEST_FX_REGISTER_DISPATCHER_OP(mul_Scalar, "aten::mul.Scalar")
    .Sample(at::randn({3, 4}), 2.5)
    .Sample(Ints({5}), 3)
    .Sample(at::randn({4}, at::kBFloat16), -0.5);

// ---------------------------------------------------------------------------
// Division and remainders. Integer division and remainder by zero throw, so
// integer divisors are nonzero; float division by zero gives inf or NaN.

GTEST_FX_REGISTER_DISPATCHER_OP(div_Tensor, "aten::div.Tensor")
    .Sample(at::randn({3, 4}), Uniform({4}, 0.5, 2.0))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(Ints({6}), NonzeroInts({6}))  // True division: int64 -> float32.
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 3))
    .Sample(at::randn({4}).requires_grad_(), Uniform({4}, 1.0, 2.0));

GTEST_FX_REGISTER_DISPATCHER_OP(div_Scalar, "aten::div.Scalar")
    .Sample(at::randn({3, 4}), 2.5)
    .Sample(Ints({5}), 2);

// rounding_mode is a string, which a dispatcher sample cannot hold.
GTEST_FX_REGISTER_OP(div_Tensor_mode_floor,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::div(a, b, "floor");
                     })
    .Sample(at::randn({3, 4}) * 5, Uniform({4}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5,
            at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), Uniform({4}, 0.5, 2.0));

GTEST_FX_REGISTER_OP(div_Tensor_mode_trunc,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::div(a, b, "trunc");
                     })
    .Sample(at::randn({3, 4}) * 5, Uniform({4}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5,
            at::randn({3, 1}, at::kDouble));

GTEST_FX_REGISTER_DISPATCHER_OP(true_divide, "aten::true_divide.Tensor")
    .Sample(at::randn({3, 4}), Uniform({3, 1}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4}).requires_grad_(), at::tensor(3.0));

GTEST_FX_REGISTER_DISPATCHER_OP(floor_divide, "aten::floor_divide")
    .Sample(at::randn({3, 4}) * 5, Uniform({4}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5,
            Uniform({3, 1}, 0.5, 2.0, at::kDouble));

GTEST_FX_REGISTER_DISPATCHER_OP(remainder_Tensor, "aten::remainder.Tensor")
    .Sample(at::randn({3, 4}) * 5, Uniform({4}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5,
            at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), Uniform({4}, 0.5, 2.0));

GTEST_FX_REGISTER_DISPATCHER_OP(remainder_Scalar, "aten::remainder.Scalar")
    .Sample(at::randn({3, 4}) * 5, 1.5)
    .Sample(Ints({6}), -4);

GTEST_FX_REGISTER_DISPATCHER_OP(fmod_Tensor, "aten::fmod.Tensor")
    .Sample(at::randn({3, 4}) * 5, Uniform({4}, 0.5, 2.0))
    .Sample(Ints({6}), NonzeroInts({6}))
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5,
            at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), Uniform({4}, 0.5, 2.0));

GTEST_FX_REGISTER_DISPATCHER_OP(fmod_Scalar, "aten::fmod.Scalar")
    .Sample(at::randn({3, 4}) * 5, 1.5)
    .Sample(Ints({6}), 4);

// ---------------------------------------------------------------------------
// Powers. Integers to negative integer powers throw, so integer exponents
// are nonnegative; a negative base to a fractional power gives NaN.

GTEST_FX_REGISTER_DISPATCHER_OP(pow_Tensor_Tensor, "aten::pow.Tensor_Tensor")
    .Sample(Uniform({3, 4}, 0.1, 3.0), at::randn({4}))
    .Sample(Ints({5}), Ints({5}, 0, 4))
    .Sample(at::randn({4, 3}, at::kDouble).t(), Ints({3, 1}, 0, 4))
    .Sample(at::randn({3}, at::kComplexFloat),
            at::randn({3}, at::kComplexFloat))
    .Sample(Uniform({4}, 0.5, 2.0).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(pow_Tensor_Scalar, "aten::pow.Tensor_Scalar")
    .Sample(at::randn({3, 4}), 2)
    .Sample(Uniform({4, 3}, 0.1, 3.0, at::kDouble).t(), 0.5)
    .Sample(Ints({5}), 3)
    .Sample(at::randn({4}, at::kHalf), -1)
    .Sample(at::randn({4}).requires_grad_(), 3.0);

GTEST_FX_REGISTER_DISPATCHER_OP(pow_Scalar, "aten::pow.Scalar")
    .Sample(2.0, at::randn({3, 4}))
    .Sample(2, Ints({5}, 0, 10))
    .Sample(0.5, at::randn({4, 3}, at::kDouble).t())
    .Sample(3.0, at::randn({4}).requires_grad_());

// float_power computes in double (complex double for complex inputs).
GTEST_FX_REGISTER_DISPATCHER_OP(float_power_Tensor_Tensor,
                                "aten::float_power.Tensor_Tensor")
    .Sample(Uniform({3, 4}, 0.1, 3.0), at::randn({4}))
    .Sample(Ints({5}), Ints({5}))  // Negative integer powers are fine here.
    .Sample(Uniform({4}, 0.5, 2.0).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(float_power_Tensor_Scalar,
                                "aten::float_power.Tensor_Scalar")
    .Sample(at::randn({3, 4}), 2)
    .Sample(Uniform({4, 3}, 0.1, 3.0).t(), -1.5);

// ldexp(x, e) = x * 2^e, with an integer exponent tensor.
GTEST_FX_REGISTER_DISPATCHER_OP(ldexp, "aten::ldexp.Tensor")
    .Sample(at::randn({3, 4}), Ints({4}, -3, 4))
    .Sample(at::randn({4, 3}, at::kDouble).t(), Ints({3, 1}, -3, 4))
    .Sample(at::randn({5}).requires_grad_(), Ints({5}, 0, 3))
    // LibTorch's derivative with respect to `self` is grad * pow(2, other),
    // in integers for an integer exponent: 0 where the exponent is negative
    // (torch.ldexp gives the same). GradCheck finds that in some builds and
    // runs and not in others (a fresh CI build passed it three times where
    // this machine's build failed it five times); until that is understood,
    // no verdict is claimed.
    .Skip(gtest_fx::Check::kGradCheck,
          "LibTorch's gradient for self is 0 where the integer exponent is "
          "negative, and GradCheck's verdict on it varies between builds and "
          "runs");

// ---------------------------------------------------------------------------
// Other elementwise math of two tensors.

GTEST_FX_REGISTER_DISPATCHER_OP(atan2, "aten::atan2")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 2))
    .Sample(Ints({5}), Ints({5}))  // Integers promote to float32.
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(hypot, "aten::hypot")
    .Sample(at::randn({3, 4}), at::randn({3, 1}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({4}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(copysign, "aten::copysign.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 1))
    .Sample(Ints({5}), at::randn({5}))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

// nextafter needs both inputs of one floating-point dtype.
GTEST_FX_REGISTER_DISPATCHER_OP(nextafter, "aten::nextafter")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 3))
    .Sample(at::zeros({3}), at::ones({3}));

GTEST_FX_REGISTER_DISPATCHER_OP(logaddexp, "aten::logaddexp")
    .Sample(at::randn({3, 4}) * 10, at::randn({4}) * 10)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(logaddexp2, "aten::logaddexp2")
    .Sample(at::randn({3, 4}) * 10, at::randn({4}) * 10)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

// xlogy(x, y) = x * log(y), and 0 where x == 0 (even for y == 0).
GTEST_FX_REGISTER_DISPATCHER_OP(xlogy, "aten::xlogy.Tensor")
    .Sample(at::randn({3, 4}), Uniform({4}, 0.1, 3.0))
    .Sample(at::tensor({0.0, 0.0, 1.0, 2.0}, at::dtype(at::kDouble)),
            at::tensor({0.0, 1.0, 0.0, kNan}, at::dtype(at::kDouble)))
    .Sample(Ints({5}), Uniform({5}, 0.1, 3.0))
    .Sample(at::randn({4}).requires_grad_(), Uniform({4}, 0.5, 2.0));

GTEST_FX_REGISTER_DISPATCHER_OP(special_xlog1py, "aten::special_xlog1py")
    .Sample(at::randn({3, 4}), Uniform({4}, 0.0, 3.0))
    .Sample(at::randn({4, 3}, at::kDouble).t(),
            Uniform({3, 1}, 0.0, 3.0, at::kDouble));

// zeta(x, q): the Hurwitz zeta function, finite for x > 1 and q > 0.
GTEST_FX_REGISTER_DISPATCHER_OP(special_zeta, "aten::special_zeta")
    .Sample(Uniform({3, 4}, 1.5, 4.0), Uniform({4}, 0.5, 3.0))
    .Sample(Uniform({4, 3}, 1.5, 4.0, at::kDouble).t(),
            Uniform({3, 1}, 0.5, 3.0, at::kDouble));

// The regularized incomplete gamma functions, defined for a > 0, x >= 0.
GTEST_FX_REGISTER_DISPATCHER_OP(igamma, "aten::igamma")
    .Sample(Uniform({3, 4}, 0.5, 4.0), Uniform({4}, 0.0, 5.0))
    .Sample(Uniform({4, 3}, 0.5, 4.0, at::kDouble).t(),
            Uniform({3, 1}, 0.0, 5.0, at::kDouble));

GTEST_FX_REGISTER_DISPATCHER_OP(igammac, "aten::igammac")
    .Sample(Uniform({3, 4}, 0.5, 4.0), Uniform({4}, 0.0, 5.0))
    .Sample(Uniform({4, 3}, 0.5, 4.0, at::kDouble).t(),
            Uniform({3, 1}, 0.0, 5.0, at::kDouble));

// heaviside needs both inputs of one dtype.
GTEST_FX_REGISTER_DISPATCHER_OP(heaviside, "aten::heaviside")
    .Sample(at::tensor({-1.5f, 0.0f, 2.0f, 0.0f}), at::tensor(0.5f))
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(Ints({5}, -1, 2), Ints({5}));

// ---------------------------------------------------------------------------
// Maximum and minimum. maximum/minimum propagate NaN, fmax/fmin ignore it.

GTEST_FX_REGISTER_DISPATCHER_OP(maximum, "aten::maximum")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 3))
    .Sample(Ints({5}), at::randn({5}))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(minimum, "aten::minimum")
    .Sample(at::randn({3, 4}), at::randn({3, 1}))
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 3))
    .Sample(Ints({5}), Ints({5}, -3, 3, at::kInt))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(fmax, "aten::fmax")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 3))
    .Sample(Ints({5}), Ints({5}));

GTEST_FX_REGISTER_DISPATCHER_OP(fmin, "aten::fmin")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 3))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

// The binary overloads of max and min.
GTEST_FX_REGISTER_DISPATCHER_OP(max_other, "aten::max.other")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble));

GTEST_FX_REGISTER_DISPATCHER_OP(min_other, "aten::min.other")
    .Sample(at::randn({3, 4}), at::randn({3, 1}))
    .Sample(Ints({5}), Ints({5}));

// ---------------------------------------------------------------------------
// Bitwise operations: integers and bools. Shift amounts are in [0, 8).

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_and, "aten::bitwise_and.Tensor")
    .Sample(Ints({3, 4}, -100, 100), Ints({4}, -100, 100))
    .Sample(Bools({6}), Bools({6}, 2))
    .Sample(Ints({4, 3}, 0, 64, at::kInt).t(), Ints({3, 1}, 0, 64, at::kInt));

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_and_Scalar, "aten::bitwise_and.Scalar")
    .Sample(Ints({3, 4}, -100, 100), 12)
    .Sample(Ints({4, 3}, 0, 64, at::kInt).t(), -8);

// A bool Scalar argument, which the graph must hold as a bool Scalar
// (TorchScript's tracer, used before gtest_fx's own recorder, failed here).
GTEST_FX_REGISTER_OP(bitwise_and_Scalar_bool,
                     [](const at::Tensor& x, const at::Scalar& other) {
                       return at::bitwise_and(x, other);
                     })
    .Sample(Bools({6}), true)
    .Sample(Bools({2, 3}), false);

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_or, "aten::bitwise_or.Tensor")
    .Sample(Ints({3, 4}, -100, 100), Ints({3, 1}, -100, 100))
    .Sample(Bools({6}), Bools({6}, 2))
    .Sample(Ints({5}, 0, 255, at::kByte), Ints({5}, 0, 255, at::kByte));

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_xor, "aten::bitwise_xor.Tensor")
    .Sample(Ints({3, 4}, -100, 100), Ints({4}, -100, 100))
    .Sample(Bools({6}), Bools({6}, 2))
    .Sample(Ints({5}, -100, 100, at::kInt), Ints({5}, -100, 100));

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_left_shift,
                                "aten::bitwise_left_shift.Tensor")
    .Sample(Ints({3, 4}, -100, 100), Ints({4}, 0, 8))
    .Sample(Ints({4, 3}, 0, 16, at::kInt).t(), Ints({3, 1}, 0, 8, at::kInt));

GTEST_FX_REGISTER_DISPATCHER_OP(bitwise_right_shift,
                                "aten::bitwise_right_shift.Tensor")
    .Sample(Ints({3, 4}, -1000, 1000), Ints({4}, 0, 8))
    .Sample(Ints({5}, 0, 255, at::kByte), Ints({5}, 0, 8, at::kByte));

// ---------------------------------------------------------------------------
// Logical operations: any dtype, nonzero is true, the result is bool.

GTEST_FX_REGISTER_DISPATCHER_OP(logical_and, "aten::logical_and")
    .Sample(Bools({3, 4}), Bools({4}, 2))
    .Sample(Ints({5}, -1, 2), at::randn({5}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 1));

GTEST_FX_REGISTER_DISPATCHER_OP(logical_or, "aten::logical_or")
    .Sample(Bools({3, 4}), Bools({3, 1}, 2))
    .Sample(Ints({5}, -1, 2), Ints({5}, -1, 2))
    .Sample(at::randn({4, 3}).t(), at::zeros({3, 4}));

GTEST_FX_REGISTER_DISPATCHER_OP(logical_xor, "aten::logical_xor")
    .Sample(Bools({3, 4}), Bools({4}, 2))
    .Sample(Ints({5}, -1, 2), at::randn({5}, at::kDouble));

// ---------------------------------------------------------------------------
// Comparisons: the result is bool; NaN compares unequal to everything.

GTEST_FX_REGISTER_DISPATCHER_OP(eq_Tensor, "aten::eq.Tensor")
    .Sample(Ints({3, 4}, 0, 3), Ints({4}, 0, 3))
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 1))
    .Sample(Ints({5}, 0, 3), Ints({5}, 0, 3).to(at::kFloat))
    .Sample(at::randn({3}, at::kComplexFloat),
            at::randn({3}, at::kComplexFloat))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(eq_Scalar, "aten::eq.Scalar")
    .Sample(Ints({3, 4}, 0, 3), 1)
    .Sample(EdgeValues(at::kDouble), 1.5);

GTEST_FX_REGISTER_DISPATCHER_OP(ne_Tensor, "aten::ne.Tensor")
    .Sample(Ints({3, 4}, 0, 3), Ints({3, 1}, 0, 3))
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 1))
    .Sample(Bools({5}), Bools({5}, 2));

GTEST_FX_REGISTER_DISPATCHER_OP(lt_Tensor, "aten::lt.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble, 1))
    .Sample(Ints({5}), at::randn({5}));

GTEST_FX_REGISTER_DISPATCHER_OP(le_Tensor, "aten::le.Tensor")
    .Sample(at::randn({3, 4}), at::randn({3, 1}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::tensor(0.0, at::kDouble))
    .Sample(Ints({5}, 0, 3), Ints({5}, 0, 3));

GTEST_FX_REGISTER_DISPATCHER_OP(le_Scalar, "aten::le.Scalar")
    .Sample(at::randn({3, 4}), 0.0)
    .Sample(Ints({5}), 2);

GTEST_FX_REGISTER_DISPATCHER_OP(gt_Tensor, "aten::gt.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(EdgeValues(at::kFloat), EdgeValues(at::kFloat, 1))
    .Sample(at::randn({0, 4}), at::randn({4}));

GTEST_FX_REGISTER_DISPATCHER_OP(ge_Tensor, "aten::ge.Tensor")
    .Sample(at::randn({3, 4}), at::randn({3, 1}))
    .Sample(Ints({5}, 0, 3), Ints({5}, 0, 3, at::kInt))
    .Sample(at::randn({4, 3}, at::kBFloat16).t(),
            at::randn({3, 4}, at::kBFloat16));

// isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False): both inputs
// of one dtype.
GTEST_FX_REGISTER_DISPATCHER_OP(isclose, "aten::isclose")
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 1.0, 0.5)
    .Sample(EdgeValues(at::kDouble), EdgeValues(at::kDouble), 1e-5, 1e-8, true)
    .Sample(Ints({5}, 0, 3), Ints({5}, 0, 3))
    .Sample(at::randn({4, 3}).t(), at::randn({4}), 0.1, 0.5);

// equal returns one bool: whether the tensors have the same size and values.
GTEST_FX_REGISTER_DISPATCHER_OP(equal, "aten::equal")
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .Sample(at::ones({4, 3}).t(), at::ones({3, 4}));

// ---------------------------------------------------------------------------
// Selection and interpolation.

// where(condition, self, other): the condition is a bool tensor; all three
// broadcast.
GTEST_FX_REGISTER_DISPATCHER_OP(where_self, "aten::where.self")
    .Sample(Bools({3, 4}), at::randn({3, 4}), at::randn({4}))
    .Sample(Bools({3, 1}), at::randn({4}, at::kDouble), at::randn({3, 4}))
    .Sample(Bools({5}), Ints({5}),
            at::randn({5}))  // int64, float32 -> float32.
    .Sample(Bools({4}), at::randn({4}).requires_grad_(), at::tensor(0.0));

// lerp(self, end, weight): self and end of one dtype.
GTEST_FX_REGISTER_DISPATCHER_OP(lerp_Scalar, "aten::lerp.Scalar")
    .Sample(at::randn({3, 4}), at::randn({4}), 0.25)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            1.5)
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}), 0.5);

GTEST_FX_REGISTER_DISPATCHER_OP(lerp_Tensor, "aten::lerp.Tensor")
    .Sample(at::randn({3, 4}), at::randn({4}), at::rand({3, 1}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            at::rand({4}, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}), at::rand({4}));

// addcmul(self, tensor1, tensor2, *, value=1) = self + value * t1 * t2.
GTEST_FX_REGISTER_DISPATCHER_OP(addcmul, "aten::addcmul")
    .Sample(at::randn({3, 4}), at::randn({4}), at::randn({3, 1}), 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            at::randn({3, 4}, at::kDouble))
    .Sample(Ints({5}), Ints({5}), Ints({5}), 2)
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}), at::randn({4}));

// addcdiv(self, tensor1, tensor2, *, value=1) = self + value * t1 / t2;
// integer inputs are rejected.
GTEST_FX_REGISTER_DISPATCHER_OP(addcdiv, "aten::addcdiv")
    .Sample(at::randn({3, 4}), at::randn({4}), Uniform({3, 1}, 0.5, 2.0), 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            Uniform({3, 4}, 0.5, 2.0, at::kDouble))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}),
            Uniform({4}, 0.5, 2.0));

// ---------------------------------------------------------------------------
// Greatest common divisor and least common multiple: integers only.

GTEST_FX_REGISTER_DISPATCHER_OP(gcd, "aten::gcd")
    .Sample(Ints({3, 4}, -50, 50), Ints({4}, -50, 50))
    .Sample(Ints({5}, 0, 100, at::kInt), Ints({5}, 0, 100, at::kInt))
    .Sample(at::zeros({2}, at::kLong), at::tensor({0, 6}, at::kLong));

GTEST_FX_REGISTER_DISPATCHER_OP(lcm, "aten::lcm")
    .Sample(Ints({3, 4}, -50, 50), Ints({3, 1}, -50, 50))
    .Sample(Ints({5}, 0, 100, at::kInt), Ints({5}, 0, 100, at::kInt));

// ---------------------------------------------------------------------------
// In-place forms. On an input without requires_grad, the mutation is
// compared after the call; on a non-leaf (an intermediate of an input that
// requires grad) the in-place op is recorded in the graph.

GTEST_FX_REGISTER_OP(add_inplace,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       return x.add_(y, 2);
                     })
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({5}), Ints({5}));  // The float32 result may take int64.

GTEST_FX_REGISTER_OP(add_inplace_nonleaf,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       at::Tensor t = x.mul(1.5);
                       t.add_(y);
                       return t;
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), at::randn({4}))
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}).requires_grad_());

GTEST_FX_REGISTER_OP(mul_inplace_nonleaf,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       at::Tensor t = x.sin();
                       t.mul_(y);
                       return t.add(1);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), at::randn({3, 1}))
    .Sample(at::randn({4, 3}, at::kDouble).t().requires_grad_(),
            at::randn({}, at::kDouble));

// A view written in place: the base tensor changes too.
GTEST_FX_REGISTER_OP(mul_inplace_view,
                     [](const at::Tensor& x, const at::Tensor& y) {
                       x.narrow(0, 1, 2).mul_(y);
                       return x.sum();
                     })
    .Sample(at::randn({4, 3}), at::randn({3}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), at::randn({2, 1}, at::kDouble));

// ---------------------------------------------------------------------------
// Type promotion across a chain: int64, float32, float64 0-d and bool mixed.

GTEST_FX_REGISTER_OP(binary_promotion_chain,
                     [](const at::Tensor& i, const at::Tensor& f,
                        const at::Tensor& d0, const at::Tensor& b) {
                       return (i + f) * d0 - b.logical_not() / (i.abs() + 1);
                     })
    .Sample(Ints({3, 4}), at::randn({4}), at::tensor(2.0, at::kDouble),
            Bools({3, 4}))
    .Sample(Ints({5}, -3, 3, at::kInt), at::randn({5}, at::kHalf),
            at::tensor(0.5, at::kDouble), Bools({5}))
    .Sample(Ints({2, 3}), at::randn({2, 3}).requires_grad_(),
            at::randn({}, at::kDouble), Bools({1, 3}));
