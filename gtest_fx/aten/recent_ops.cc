// Samples for operators that the suite gained with LibTorch 2.x: the special
// functions added after 1.13 (Bessel functions, orthogonal polynomials) and
// the newer nn operators (rms_norm, scaled_dot_product_attention).
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include "sample_values.h"

namespace {

using gtest_fx::aten::Uniform;

// ---------------------------------------------------------------------------
// Special functions of one tensor.

GTEST_FX_REGISTER_DISPATCHER_OP(special_airy_ai, "aten::special_airy_ai")
    .Sample(at::randn({3, 4}) * 3)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_bessel_y0, "aten::special_bessel_y0")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_bessel_y1, "aten::special_bessel_y1")
    .Sample(Uniform({3, 4}, 0.1, 10.0))
    .Sample(Uniform({4, 3}, 0.1, 10.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_modified_bessel_i0,
                                "aten::special_modified_bessel_i0")
    .Sample(at::randn({3, 4}) * 3)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_modified_bessel_i1,
                                "aten::special_modified_bessel_i1")
    .Sample(at::randn({3, 4}) * 3)
    .Sample(at::randn({4, 3}, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_modified_bessel_k0,
                                "aten::special_modified_bessel_k0")
    .Sample(Uniform({3, 4}, 0.1, 5.0))
    .Sample(Uniform({4, 3}, 0.1, 5.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_modified_bessel_k1,
                                "aten::special_modified_bessel_k1")
    .Sample(Uniform({3, 4}, 0.1, 5.0))
    .Sample(Uniform({4, 3}, 0.1, 5.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_scaled_modified_bessel_k0,
                                "aten::special_scaled_modified_bessel_k0")
    .Sample(Uniform({3, 4}, 0.1, 5.0))
    .Sample(Uniform({4, 3}, 0.1, 5.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_scaled_modified_bessel_k1,
                                "aten::special_scaled_modified_bessel_k1")
    .Sample(Uniform({3, 4}, 0.1, 5.0))
    .Sample(Uniform({4, 3}, 0.1, 5.0, at::kDouble).t());

GTEST_FX_REGISTER_DISPATCHER_OP(special_spherical_bessel_j0,
                                "aten::special_spherical_bessel_j0")
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t());

// ---------------------------------------------------------------------------
// Orthogonal polynomials: p_n(x) for a tensor of x and a tensor of degrees
// n (whole numbers; randomized data makes them fractions, which the kernels
// truncate the same way in eager and replay).

at::Tensor Degrees(at::ScalarType dtype) {
  return at::tensor({0.0, 1.0, 2.0, 3.0}, at::dtype(dtype));
}

#define GTEST_FX_ATEN_POLYNOMIAL(name, lo, hi)                       \
  GTEST_FX_REGISTER_DISPATCHER_OP(name, "aten::" #name)              \
      .Sample(Uniform({3, 4}, lo, hi), Degrees(at::kFloat))          \
      .Sample(Uniform({4, 3}, lo, hi, at::kDouble).t().contiguous(), \
              Degrees(at::kDouble).reshape({4, 1}).expand({4, 3}).t())

GTEST_FX_ATEN_POLYNOMIAL(special_chebyshev_polynomial_t, -1.0, 1.0);
GTEST_FX_ATEN_POLYNOMIAL(special_chebyshev_polynomial_u, -1.0, 1.0);
GTEST_FX_ATEN_POLYNOMIAL(special_chebyshev_polynomial_v, -1.0, 1.0);
GTEST_FX_ATEN_POLYNOMIAL(special_chebyshev_polynomial_w, -1.0, 1.0);
GTEST_FX_ATEN_POLYNOMIAL(special_hermite_polynomial_h, -2.0, 2.0);
GTEST_FX_ATEN_POLYNOMIAL(special_hermite_polynomial_he, -2.0, 2.0);
GTEST_FX_ATEN_POLYNOMIAL(special_laguerre_polynomial_l, 0.0, 3.0);
GTEST_FX_ATEN_POLYNOMIAL(special_legendre_polynomial_p, -1.0, 1.0);

#undef GTEST_FX_ATEN_POLYNOMIAL

// ---------------------------------------------------------------------------
// nn operators of LibTorch 2.x.

GTEST_FX_REGISTER_OP(rms_norm,
                     [](const at::Tensor& x, at::IntArrayRef normalized_shape,
                        const std::optional<at::Tensor>& weight) {
                       return at::rms_norm(x, normalized_shape, weight, 1e-6);
                     })
    .Sample(at::randn({2, 3, 4}), gtest_fx::Size{4},
            std::optional<at::Tensor>(at::randn({4})))
    .Sample(at::randn({4, 3}).t(), gtest_fx::Size{3, 4},
            std::optional<at::Tensor>());

GTEST_FX_REGISTER_OP(scaled_dot_product_attention,
                     [](const at::Tensor& q, const at::Tensor& k,
                        const at::Tensor& v, bool is_causal) {
                       return at::scaled_dot_product_attention(
                           q, k, v, /*attn_mask=*/{}, /*dropout_p=*/0.0,
                           is_causal);
                     })
    .Sample(at::randn({2, 3, 5, 8}), at::randn({2, 3, 5, 8}),
            at::randn({2, 3, 5, 8}), false)
    .Sample(at::randn({1, 2, 4, 8}, at::kDouble),
            at::randn({1, 2, 4, 8}, at::kDouble),
            at::randn({1, 2, 4, 8}, at::kDouble), true);

}  // namespace
