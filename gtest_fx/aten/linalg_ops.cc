// Samples for the linalg family of aten operators: products, contractions,
// triangles and diagonals, distances and norms, decompositions and solvers.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cmath>
#include <cstdint>
#include <tuple>
#include <vector>

namespace {

using Dims = std::vector<int64_t>;

// A Hermitian positive-definite matrix (or batch): A = B B^H + n I. Built
// inside the traced callables, so the randomized data stays positive-definite.
at::Tensor Spd(const at::Tensor& b) {
  const int64_t n = b.size(-1);
  return b.matmul(b.mH()).add(at::eye(n, b.options()), static_cast<double>(n));
}

// A well-conditioned upper-triangular matrix: triu(randn) + 3 I.
at::Tensor UpperTriangular(int64_t n, at::ScalarType dtype = at::kFloat) {
  return at::randn({n, n}, dtype).triu().add(at::eye(n, dtype), 3.0);
}

// A well-conditioned square matrix (or batch): randn + n I on the diagonal.
at::Tensor WellConditioned(std::vector<int64_t> sizes,
                           at::ScalarType dtype = at::kFloat) {
  const int64_t n = sizes.back();
  return at::randn(sizes, dtype).add(at::eye(n, dtype), static_cast<double>(n));
}

}  // namespace

// ---------------------------------------------------------------------------
// matrix and vector products

GTEST_FX_REGISTER_OP(mm, [](const at::Tensor& a,
                            const at::Tensor& b) { return at::mm(a, b); })
    .Sample(at::randn({3, 4}).requires_grad_(), at::randn({4, 5}))
    .Sample(at::randn({4, 3}, at::kDouble).t(),
            at::randn({5, 4}, at::kDouble).t())
    .Sample(at::randn({0, 3}), at::randn({3, 2}))
    .Sample(at::randn({2, 3}, at::kComplexFloat),
            at::randn({3, 2}, at::kComplexFloat))
    .Sample(at::arange(6, at::kLong).reshape({2, 3}),
            at::arange(6, at::kLong).reshape({3, 2}));

GTEST_FX_REGISTER_OP(bmm, [](const at::Tensor& a,
                             const at::Tensor& b) { return at::bmm(a, b); })
    .Sample(at::randn({2, 3, 4}).requires_grad_(), at::randn({2, 4, 5}))
    .Sample(at::randn({2, 4, 3}, at::kDouble).transpose(1, 2),
            at::randn({2, 4, 2}, at::kDouble))
    .Sample(at::randn({0, 3, 4}), at::randn({0, 4, 2}))
    .Sample(at::randn({3, 2, 2}, at::kComplexFloat),
            at::randn({3, 2, 2}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(matmul,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::matmul(a, b);
                     })
    .Sample(at::randn({4}), at::randn({4}))
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({4}, at::kDouble))
    .Sample(at::randn({4}), at::randn({4, 3}).requires_grad_())
    .Sample(at::randn({2, 1, 3, 4}), at::randn({5, 4, 2}))
    .Sample(at::randn({2, 3, 4}, at::kComplexFloat).transpose(1, 2),
            at::randn({3, 2}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(mv, [](const at::Tensor& a,
                            const at::Tensor& v) { return at::mv(a, v); })
    .Sample(at::randn({3, 4}).requires_grad_(), at::randn({4}))
    .Sample(at::randn({4, 3}, at::kDouble).t(),
            at::randn({8}, at::kDouble).slice(0, 0, 8, 2))
    .Sample(at::randn({0, 4}), at::randn({4}));

GTEST_FX_REGISTER_OP(dot, [](const at::Tensor& a,
                             const at::Tensor& b) { return at::dot(a, b); })
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}))
    .Sample(at::randn({10}, at::kDouble).slice(0, 0, 10, 2),
            at::randn({5}, at::kDouble))
    .Sample(at::randn({4}, at::kComplexFloat),
            at::randn({4}, at::kComplexFloat))
    .Sample(at::arange(4, at::kLong), at::arange(4, at::kLong))
    .Sample(at::randn({0}), at::randn({0}));

GTEST_FX_REGISTER_OP(vdot, [](const at::Tensor& a,
                              const at::Tensor& b) { return at::vdot(a, b); })
    .Sample(at::randn({4}, at::kComplexFloat),
            at::randn({4}, at::kComplexFloat))
    .Sample(at::randn({5}, at::kDouble), at::randn({5}, at::kDouble))
    .Sample(at::randn({6}), at::randn({12}).slice(0, 0, 12, 2));

GTEST_FX_REGISTER_OP(inner, [](const at::Tensor& a,
                               const at::Tensor& b) { return at::inner(a, b); })
    .Sample(at::randn({4}), at::randn({4}))
    .Sample(at::randn({2, 3, 4}, at::kDouble), at::randn({5, 4}, at::kDouble))
    .Sample(at::randn({}), at::randn({3, 2}));

GTEST_FX_REGISTER_OP(outer, [](const at::Tensor& a,
                               const at::Tensor& b) { return at::outer(a, b); })
    .Sample(at::randn({3}).requires_grad_(), at::randn({4}))
    .Sample(at::randn({6}, at::kDouble).slice(0, 0, 6, 2),
            at::randn({2}, at::kDouble))
    .Sample(at::arange(3, at::kLong), at::arange(2, at::kLong))
    .Sample(at::randn({0}), at::randn({3}));

// ---------------------------------------------------------------------------
// fused multiply-add products

GTEST_FX_REGISTER_OP(addmm,
                     [](const at::Tensor& self, const at::Tensor& a,
                        const at::Tensor& b, const at::Scalar& beta,
                        const at::Scalar& alpha) {
                       return at::addmm(self, a, b, beta, alpha);
                     })
    .Sample(at::randn({3, 5}), at::randn({3, 4}), at::randn({4, 5}), 1.0, 1.0)
    .Sample(at::randn({5}, at::kDouble), at::randn({4, 3}, at::kDouble).t(),
            at::randn({4, 5}, at::kDouble), 0.5, 2.0)
    .Sample(at::randn({}).requires_grad_(), at::randn({2, 3}),
            at::randn({3, 2}), 1.0, -1.0)
    .Sample(at::randn({3, 1}), at::randn({3, 0}), at::randn({0, 2}), 2.0, 1.0);

GTEST_FX_REGISTER_OP(addmv,
                     [](const at::Tensor& self, const at::Tensor& a,
                        const at::Tensor& v, const at::Scalar& beta,
                        const at::Scalar& alpha) {
                       return at::addmv(self, a, v, beta, alpha);
                     })
    .Sample(at::randn({3}), at::randn({3, 4}), at::randn({4}), 1.0, 1.0)
    .Sample(at::randn({1}, at::kDouble), at::randn({4, 3}, at::kDouble).t(),
            at::randn({4}, at::kDouble), 0.5, 2.0)
    .Sample(at::randn({3}).requires_grad_(), at::randn({3, 2}), at::randn({2}),
            0.0, 1.0);

GTEST_FX_REGISTER_OP(addr,
                     [](const at::Tensor& self, const at::Tensor& u,
                        const at::Tensor& v, const at::Scalar& beta,
                        const at::Scalar& alpha) {
                       return at::addr(self, u, v, beta, alpha);
                     })
    .Sample(at::randn({3, 4}), at::randn({3}), at::randn({4}), 1.0, 1.0)
    .Sample(at::randn({4}, at::kDouble), at::randn({3}, at::kDouble),
            at::randn({4}, at::kDouble), 2.0, 0.5)
    .Sample(at::randn({4, 3}).t(), at::randn({3}).requires_grad_(),
            at::randn({4}), 1.0, -1.0)
    .Sample(at::arange(6, at::kLong).reshape({2, 3}), at::arange(2, at::kLong),
            at::arange(3, at::kLong), 1, 2);

GTEST_FX_REGISTER_OP(addbmm,
                     [](const at::Tensor& self, const at::Tensor& a,
                        const at::Tensor& b, const at::Scalar& beta,
                        const at::Scalar& alpha) {
                       return at::addbmm(self, a, b, beta, alpha);
                     })
    .Sample(at::randn({3, 5}), at::randn({2, 3, 4}), at::randn({2, 4, 5}), 1.0,
            1.0)
    .Sample(at::randn({5}, at::kDouble),
            at::randn({2, 4, 3}, at::kDouble).transpose(1, 2),
            at::randn({2, 4, 5}, at::kDouble), 0.5, 2.0);

GTEST_FX_REGISTER_OP(baddbmm,
                     [](const at::Tensor& self, const at::Tensor& a,
                        const at::Tensor& b, const at::Scalar& beta,
                        const at::Scalar& alpha) {
                       return at::baddbmm(self, a, b, beta, alpha);
                     })
    .Sample(at::randn({2, 3, 5}), at::randn({2, 3, 4}), at::randn({2, 4, 5}),
            1.0, 1.0)
    .Sample(at::randn({3, 1}, at::kDouble),
            at::randn({2, 4, 3}, at::kDouble).transpose(1, 2),
            at::randn({2, 4, 2}, at::kDouble), 0.5, 2.0)
    .Sample(at::randn({2, 2, 2}).requires_grad_(), at::randn({2, 2, 3}),
            at::randn({2, 3, 2}), 1.0, -1.0);

// ---------------------------------------------------------------------------
// contractions

GTEST_FX_REGISTER_OP(einsum_bmm,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::einsum("bij,bjk->bik", {a, b});
                     })
    .Sample(at::randn({2, 3, 4}), at::randn({2, 4, 5}))
    .Sample(at::randn({2, 4, 3}, at::kDouble).transpose(1, 2),
            at::randn({2, 4, 2}, at::kDouble));

GTEST_FX_REGISTER_OP(einsum_trace_outer,
                     [](const at::Tensor& a, const at::Tensor& u,
                        const at::Tensor& v) {
                       return at::einsum("ii,j,k->jk", {a, u, v});
                     })
    .Sample(at::randn({3, 3}), at::randn({2}), at::randn({4}))
    .Sample(at::randn({4, 4}, at::kDouble).t(), at::randn({3}, at::kDouble),
            at::randn({1}, at::kDouble));

GTEST_FX_REGISTER_OP(einsum_ellipsis,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::einsum("...ij,...j->...i", {a, b});
                     })
    .Sample(at::randn({2, 3, 4}), at::randn({4}))
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({2, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(tensordot,
                     [](const at::Tensor& a, const at::Tensor& b,
                        at::IntArrayRef dims_a, at::IntArrayRef dims_b) {
                       return at::tensordot(a, b, dims_a, dims_b);
                     })
    .Sample(at::randn({3, 4, 5}), at::randn({4, 5, 2}), Dims{1, 2}, Dims{0, 1})
    .Sample(at::randn({3, 4}, at::kDouble).t(), at::randn({3, 2}, at::kDouble),
            Dims{1}, Dims{0})
    .Sample(at::randn({2, 3}), at::randn({4}), Dims{}, Dims{});

GTEST_FX_REGISTER_OP(kron, [](const at::Tensor& a,
                              const at::Tensor& b) { return at::kron(a, b); })
    .Sample(at::randn({2, 3}), at::randn({3, 2}))
    .Sample(at::randn({3}, at::kDouble), at::randn({2, 2}, at::kDouble))
    .Sample(at::randn({2, 3}), at::randn({2}).requires_grad_())
    // A non-contiguous input that is not a transpose (LibTorch 1.13's kron
    // threw on transposed inputs).
    .Sample(at::randn({2, 6}).narrow(1, 1, 3), at::randn({2, 2}))
    .Sample(at::arange(4, at::kLong).reshape({2, 2}),
            at::ones({2, 2}, at::kLong));

GTEST_FX_REGISTER_OP(cross, [](const at::Tensor& a, const at::Tensor& b,
                               int64_t dim) { return at::cross(a, b, dim); })
    .Sample(at::randn({4, 3}), at::randn({4, 3}), 1)
    .Sample(at::randn({3, 5}, at::kDouble), at::randn({3, 5}, at::kDouble), 0)
    .Sample(at::randn({2, 4, 3}).transpose(1, 2), at::randn({2, 3, 4}), -2);

GTEST_FX_REGISTER_OP(linalg_cross,
                     [](const at::Tensor& a, const at::Tensor& b, int64_t dim) {
                       return at::linalg_cross(a, b, dim);
                     })
    // Broadcast inputs of the same number of dimensions.
    .Sample(at::randn({4, 3}).requires_grad_(), at::randn({1, 3}), -1)
    .Sample(at::randn({2, 1, 3}, at::kDouble),
            at::randn({1, 4, 3}, at::kDouble), 2)
    .Sample(at::randn({3, 2}, at::kComplexFloat),
            at::randn({3, 2}, at::kComplexFloat), 0);

// ---------------------------------------------------------------------------
// triangles and diagonals

GTEST_FX_REGISTER_OP(triu,
                     [](const at::Tensor& x, int64_t diagonal) {
                       return at::triu(x, diagonal);
                     })
    .Sample(at::randn({4, 5}).requires_grad_(), 0)
    .Sample(at::randn({2, 4, 3}, at::kDouble).transpose(1, 2), 1)
    .Sample(at::arange(12, at::kLong).reshape({3, 4}), -1)
    .Sample(at::randn({3, 3}) > 0, 2)
    .Sample(at::randn({0, 3}), 0);

GTEST_FX_REGISTER_OP(tril,
                     [](const at::Tensor& x, int64_t diagonal) {
                       return at::tril(x, diagonal);
                     })
    .Sample(at::randn({4, 5}).requires_grad_(), 0)
    .Sample(at::randn({2, 4, 3}, at::kDouble).transpose(1, 2), -1)
    .Sample(at::randn({3, 3}, at::kComplexFloat), 1)
    .Sample(at::arange(12, at::kInt).reshape({4, 3}), 5);

GTEST_FX_REGISTER_OP(trace, [](const at::Tensor& x) { return at::trace(x); })
    .Sample(at::randn({3, 3}).requires_grad_())
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::arange(12, at::kLong).reshape({3, 4}))
    .Sample(at::randn({0, 0}));

GTEST_FX_REGISTER_OP(diag,
                     [](const at::Tensor& x, int64_t diagonal) {
                       return at::diag(x, diagonal);
                     })
    .Sample(at::randn({4}).requires_grad_(), 0)
    .Sample(at::randn({3}, at::kDouble), -1)
    .Sample(at::randn({3, 4}), 1)
    .Sample(at::randn({5, 4}, at::kDouble).t(), -2)
    .Sample(at::arange(9, at::kLong).reshape({3, 3}), 0);

GTEST_FX_REGISTER_OP(diagonal,
                     [](const at::Tensor& x, int64_t offset, int64_t dim1,
                        int64_t dim2) {
                       return at::diagonal(x, offset, dim1, dim2);
                     })
    .Sample(at::randn({3, 4}), 0, 0, 1)
    .Sample(at::randn({2, 3, 4}, at::kDouble), 1, -1, 1)
    .Sample(at::randn({4, 3, 2}).transpose(0, 2), -1, 0, 2)
    .Sample(at::randn({3, 3}).requires_grad_(), 5, 0, 1);

GTEST_FX_REGISTER_OP(diag_embed,
                     [](const at::Tensor& x, int64_t offset, int64_t dim1,
                        int64_t dim2) {
                       return at::diag_embed(x, offset, dim1, dim2);
                     })
    .Sample(at::randn({2, 3}), 0, -2, -1)
    .Sample(at::randn({3}, at::kDouble), 1, 0, 1)
    .Sample(at::randn({2, 3}).t(), -1, 0, 2)
    .Sample(at::randn({2, 2}).requires_grad_(), 0, 1, 0);

GTEST_FX_REGISTER_OP(diagflat,
                     [](const at::Tensor& x, int64_t offset) {
                       return at::diagflat(x, offset);
                     })
    .Sample(at::randn({3}), 0)
    .Sample(at::randn({2, 2}, at::kDouble), 1)
    .Sample(at::randn({3, 2}).t(), -2)
    .Sample(at::randn({}), 0);

GTEST_FX_REGISTER_OP(linalg_diagonal,
                     [](const at::Tensor& x, int64_t offset) {
                       return at::linalg_diagonal(x, offset);
                     })
    .Sample(at::randn({2, 3, 4}), 0)
    .Sample(at::randn({4, 4}, at::kDouble), -1);

// ---------------------------------------------------------------------------
// distances and norms

GTEST_FX_REGISTER_OP(cdist, [](const at::Tensor& a, const at::Tensor& b,
                               double p) { return at::cdist(a, b, p); })
    .Sample(at::randn({4, 3}), at::randn({5, 3}), 2.0)
    .Sample(at::randn({2, 4, 3}, at::kDouble),
            at::randn({2, 2, 3}, at::kDouble), 1.0)
    .Sample(at::randn({3, 4}).t(), at::randn({2, 3}), INFINITY)
    .Sample(at::randn({4, 2}).requires_grad_(), at::randn({3, 2}), 0.5);

GTEST_FX_REGISTER_OP(dist,
                     [](const at::Tensor& a, const at::Tensor& b,
                        const at::Scalar& p) { return at::dist(a, b, p); })
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 2.0)
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({4}, at::kDouble), 1.0)
    .Sample(at::randn({4, 3}).t().requires_grad_(), at::randn({3, 1}), INFINITY)
    .Sample(at::randn({}), at::randn({2}), 3.0);

GTEST_FX_REGISTER_OP(linalg_vector_norm,
                     [](const at::Tensor& x, const at::Scalar& ord,
                        at::IntArrayRef dims, bool keepdim) {
                       return at::linalg_vector_norm(x, ord, dims, keepdim);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), 2.0, Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), 1.0, Dims{0, 2},
            true)
    .Sample(at::randn({3, 4}), INFINITY, Dims{}, false)
    .Sample(at::randn({3, 4}, at::kComplexFloat), 3.0, Dims{-1}, false)
    .Sample(at::randn({}), 0.0, Dims{}, false);

GTEST_FX_REGISTER_OP(linalg_vector_norm_dtype, [](const at::Tensor& x,
                                                  const at::Scalar& ord,
                                                  at::ScalarType dtype) {
  return at::linalg_vector_norm(x, ord, c10::nullopt, false, dtype);
}).Sample(at::randn({3, 4}), 2.0, at::kDouble);

GTEST_FX_REGISTER_OP(linalg_matrix_norm,
                     [](const at::Tensor& x, const at::Scalar& ord,
                        at::IntArrayRef dims, bool keepdim) {
                       return at::linalg_matrix_norm(x, ord, dims, keepdim);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), 1.0, Dims{-2, -1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), -INFINITY, Dims{0, 2}, true)
    .Sample(at::randn({2, 4, 3}).transpose(1, 2), 2.0, Dims{1, 2}, false)
    .Sample(at::randn({3, 3}, at::kComplexFloat), INFINITY, Dims{0, 1}, false);

GTEST_FX_REGISTER_OP(
    linalg_matrix_norm_fro,
    [](const at::Tensor& x, bool keepdim) {
      return at::linalg_matrix_norm(x, "fro", {-2, -1}, keepdim);
    })
    .Sample(at::randn({3, 4}), false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), true);

GTEST_FX_REGISTER_OP(linalg_matrix_norm_nuc,
                     [](const at::Tensor& x) {
                       return at::linalg_matrix_norm(x, "nuc");
                     })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_norm,
                     [](const at::Tensor& x) { return at::linalg_norm(x); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({5}, at::kDouble))
    .Sample(at::randn({2, 3, 4}).transpose(0, 1));

GTEST_FX_REGISTER_OP(linalg_norm_ord_dim,
                     [](const at::Tensor& x, const at::Scalar& ord,
                        at::IntArrayRef dims, bool keepdim) {
                       return at::linalg_norm(x, ord, dims, keepdim);
                     })
    .Sample(at::randn({3, 4}), 1.0, Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), INFINITY, Dims{1, 2}, true)
    .Sample(at::randn({3, 4}).t().requires_grad_(), -1.0, Dims{0, 1}, false);

GTEST_FX_REGISTER_OP(frobenius_norm_dim,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) {
                       return at::frobenius_norm(x, dims, keepdim);
                     })
    .Sample(at::randn({3, 4}), Dims{0, 1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), Dims{1}, true);

GTEST_FX_REGISTER_OP(nuclear_norm,
                     [](const at::Tensor& x, bool keepdim) {
                       return at::nuclear_norm(x, keepdim);
                     })
    .Sample(at::randn({3, 4}), false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), true);

GTEST_FX_REGISTER_OP(linalg_cond,
                     [](const at::Tensor& x) { return at::linalg_cond(x); })
    .Sample(WellConditioned({3, 3}))
    .Sample(WellConditioned({2, 4, 4}, at::kDouble))
    .Sample(at::randn({3, 5}));

GTEST_FX_REGISTER_OP(linalg_matrix_rank,
                     [](const at::Tensor& x) {
                       return at::linalg_matrix_rank(x);
                     })
    .Sample(at::randn({3, 4}))
    .Sample(
        at::randn({4, 2}, at::kDouble).matmul(at::randn({2, 4}, at::kDouble)))
    .Sample(at::randn({2, 3, 3}));

// ---------------------------------------------------------------------------
// determinants and inverses (the square samples are well-conditioned)

GTEST_FX_REGISTER_OP(det, [](const at::Tensor& a) { return at::det(a); })
    .Sample(WellConditioned({3, 3}).requires_grad_())
    .Sample(WellConditioned({2, 4, 4}, at::kDouble))
    .Sample(at::randn({3, 3}).t())
    .Sample(WellConditioned({3, 3}, at::kComplexFloat))
    .Sample(at::randn({0, 0}));

GTEST_FX_REGISTER_OP(linalg_det,
                     [](const at::Tensor& a) { return at::linalg_det(a); })
    .Sample(WellConditioned({3, 3}))
    .Sample(WellConditioned({2, 2, 2}, at::kDouble).transpose(1, 2));

GTEST_FX_REGISTER_OP(slogdet,
                     [](const at::Tensor& a) { return at::slogdet(a); })
    .Sample(at::randn({3, 3}))
    .Sample(WellConditioned({2, 4, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_slogdet,
                     [](const at::Tensor& a) { return at::linalg_slogdet(a); })
    .Sample(at::randn({3, 3}, at::kDouble))
    .Sample(WellConditioned({3, 3}, at::kComplexFloat));

// A negative determinant gives NaN; NaNs at the same places compare equal.
GTEST_FX_REGISTER_OP(logdet, [](const at::Tensor& a) { return at::logdet(a); })
    .Sample(WellConditioned({3, 3}))
    .Sample(WellConditioned({2, 3, 3}, at::kDouble).transpose(1, 2));

GTEST_FX_REGISTER_OP(inverse,
                     [](const at::Tensor& a) { return at::inverse(a); })
    .Sample(WellConditioned({3, 3}).requires_grad_())
    .Sample(WellConditioned({2, 4, 4}, at::kDouble).transpose(1, 2))
    .Sample(at::randn({0, 0}));

GTEST_FX_REGISTER_OP(linalg_inv,
                     [](const at::Tensor& a) { return at::linalg_inv(a); })
    .Sample(WellConditioned({3, 3}))
    .Sample(WellConditioned({2, 3, 3}, at::kDouble))
    .Sample(WellConditioned({3, 3}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(linalg_inv_ex,
                     [](const at::Tensor& a) { return at::linalg_inv_ex(a); })
    .Sample(WellConditioned({3, 3}))
    .Sample(WellConditioned({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(pinverse,
                     [](const at::Tensor& a, double rcond) {
                       return at::pinverse(a, rcond);
                     })
    .Sample(at::randn({3, 4}), 1e-15)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1e-5)
    .Sample(at::randn({2, 3, 2}), 1e-15);

GTEST_FX_REGISTER_OP(linalg_pinv,
                     [](const at::Tensor& a, bool hermitian) {
                       return at::linalg_pinv(a, c10::optional<at::Tensor>(),
                                              c10::optional<at::Tensor>(),
                                              hermitian);
                     })
    .Sample(at::randn({3, 4}), false)
    .Sample(at::randn({2, 4, 3}, at::kDouble), false)
    // Symmetric, for hermitian=true.
    .Sample(Spd(at::randn({3, 3})), true);

GTEST_FX_REGISTER_OP(matrix_power,
                     [](const at::Tensor& a, int64_t n) {
                       return at::matrix_power(a, n);
                     })
    .Sample(at::randn({3, 3}).requires_grad_(), 3)
    .Sample(at::randn({2, 3, 3}, at::kDouble).transpose(1, 2), 0)
    // A negative power inverts: well-conditioned.
    .Sample(WellConditioned({3, 3}), -2)
    .Sample(at::arange(4, at::kLong).reshape({2, 2}), 5);

GTEST_FX_REGISTER_OP(linalg_matrix_power,
                     [](const at::Tensor& a, int64_t n) {
                       return at::linalg_matrix_power(a, n);
                     })
    .Sample(at::randn({3, 3}), 2)
    .Sample(WellConditioned({2, 2}, at::kDouble), -1);

GTEST_FX_REGISTER_OP(linalg_matrix_exp,
                     [](const at::Tensor& a) {
                       return at::linalg_matrix_exp(a);
                     })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 3, 3}, at::kDouble).transpose(1, 2));

GTEST_FX_REGISTER_OP(chain_matmul,
                     [](at::TensorList matrices) {
                       return at::chain_matmul(matrices);
                     })
    .Sample(std::vector<at::Tensor>{at::randn({2, 3}), at::randn({3, 4}),
                                    at::randn({4, 2})})
    .Sample(std::vector<at::Tensor>{at::randn({3, 3}, at::kDouble).t(),
                                    at::randn({3, 2}, at::kDouble)});

GTEST_FX_REGISTER_OP(linalg_multi_dot,
                     [](at::TensorList tensors) {
                       return at::linalg_multi_dot(tensors);
                     })
    .Sample(std::vector<at::Tensor>{at::randn({3}), at::randn({3, 4}),
                                    at::randn({4, 2}), at::randn({2})})
    .Sample(std::vector<at::Tensor>{at::randn({2, 3}, at::kDouble),
                                    at::randn({4, 3}, at::kDouble).t(),
                                    at::randn({4, 5}, at::kDouble)});

// ---------------------------------------------------------------------------
// solvers

GTEST_FX_REGISTER_OP(linalg_solve,
                     [](const at::Tensor& a, const at::Tensor& b, bool left) {
                       return at::linalg_solve(a, b, left);
                     })
    .Sample(WellConditioned({3, 3}), at::randn({3, 2}), true)
    .Sample(WellConditioned({2, 3, 3}, at::kDouble),
            at::randn({3}, at::kDouble), true)
    .Sample(WellConditioned({3, 3}).t(), at::randn({2, 3}).requires_grad_(),
            false)
    .Sample(WellConditioned({3, 3}, at::kComplexFloat),
            at::randn({3, 1}, at::kComplexFloat), true);

// The triangular samples are well-conditioned (triu(randn) + 3 I).
GTEST_FX_REGISTER_OP(triangular_solve,
                     [](const at::Tensor& b, const at::Tensor& a, bool upper,
                        bool transpose, bool unitriangular) {
                       return at::triangular_solve(b, a, upper, transpose,
                                                   unitriangular);
                     })
    .Sample(at::randn({3, 2}), UpperTriangular(3), true, false, false)
    .Sample(at::randn({3, 2}, at::kDouble), UpperTriangular(3, at::kDouble).t(),
            false, true, false)
    .Sample(at::randn({2, 4, 1}), UpperTriangular(4), true, false, true);

GTEST_FX_REGISTER_OP(linalg_solve_triangular,
                     [](const at::Tensor& a, const at::Tensor& b, bool upper,
                        bool left, bool unitriangular) {
                       return at::linalg_solve_triangular(a, b, upper, left,
                                                          unitriangular);
                     })
    .Sample(UpperTriangular(3), at::randn({3, 2}), true, true, false)
    .Sample(UpperTriangular(3, at::kDouble).t(), at::randn({2, 3}, at::kDouble),
            false, false, false)
    .Sample(UpperTriangular(4), at::randn({2, 4, 1}).requires_grad_(), true,
            true, true);

GTEST_FX_REGISTER_OP(linalg_lstsq,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::linalg_lstsq(a, b);
                     })
    .Sample(at::randn({5, 3}), at::randn({5, 2}))
    .Sample(at::randn({2, 4, 3}, at::kDouble),
            at::randn({2, 4, 1}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_tensorsolve,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       return at::linalg_tensorsolve(a, b);
                     })
    // a reshapes to a well-conditioned 6x6 matrix.
    .Sample(WellConditioned({6, 6}).reshape({2, 3, 6}), at::randn({2, 3}))
    .Sample(WellConditioned({4, 4}, at::kDouble).reshape({4, 2, 2}),
            at::randn({4}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_tensorinv,
                     [](const at::Tensor& a, int64_t ind) {
                       return at::linalg_tensorinv(a, ind);
                     })
    .Sample(WellConditioned({6, 6}).reshape({6, 2, 3}), 1)
    .Sample(WellConditioned({4, 4}, at::kDouble).reshape({2, 2, 4}), 2);

// ---------------------------------------------------------------------------
// Cholesky: every callable builds its positive-definite matrix A = B B^H + n I
// from B, so randomized data stays positive-definite.

GTEST_FX_REGISTER_OP(cholesky,
                     [](const at::Tensor& b, bool upper) {
                       return at::cholesky(Spd(b), upper);
                     })
    .Sample(at::randn({3, 3}), false)
    .Sample(at::randn({2, 4, 4}, at::kDouble), true);

GTEST_FX_REGISTER_OP(linalg_cholesky,
                     [](const at::Tensor& b, bool upper) {
                       return at::linalg_cholesky(Spd(b), upper);
                     })
    .Sample(at::randn({3, 3}).requires_grad_(), false)
    .Sample(at::randn({2, 4, 4}, at::kDouble).transpose(1, 2), true)
    .Sample(at::randn({3, 3}, at::kComplexFloat), false);

GTEST_FX_REGISTER_OP(linalg_cholesky_ex,
                     [](const at::Tensor& b) {
                       return at::linalg_cholesky_ex(Spd(b));
                     })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(cholesky_solve,
                     [](const at::Tensor& b, const at::Tensor& rhs,
                        bool upper) {
                       return at::cholesky_solve(
                           rhs, at::linalg_cholesky(Spd(b), upper), upper);
                     })
    .Sample(at::randn({3, 3}), at::randn({3, 2}), false)
    .Sample(at::randn({2, 4, 4}, at::kDouble), at::randn({4, 1}, at::kDouble),
            true);

GTEST_FX_REGISTER_OP(cholesky_inverse,
                     [](const at::Tensor& b, bool upper) {
                       return at::cholesky_inverse(
                           at::linalg_cholesky(Spd(b), upper), upper);
                     })
    .Sample(at::randn({3, 3}), false)
    .Sample(at::randn({4, 4}, at::kDouble), true);

// ---------------------------------------------------------------------------
// LU

GTEST_FX_REGISTER_OP(linalg_lu_factor,
                     [](const at::Tensor& a, bool pivot) {
                       return at::linalg_lu_factor(a, pivot);
                     })
    .Sample(at::randn({3, 3}), true)
    .Sample(at::randn({2, 4, 4}, at::kDouble).transpose(1, 2), true)
    .Sample(WellConditioned({3, 3}, at::kComplexFloat), true);

GTEST_FX_REGISTER_OP(linalg_lu,
                     [](const at::Tensor& a) { return at::linalg_lu(a); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 4, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_lu_solve,
                     [](const at::Tensor& a, const at::Tensor& b, bool left,
                        bool adjoint) {
                       auto [lu, pivots] = at::linalg_lu_factor(a);
                       return at::linalg_lu_solve(lu, pivots, b, left, adjoint);
                     })
    .Sample(WellConditioned({3, 3}), at::randn({3, 2}), true, false)
    .Sample(WellConditioned({2, 3, 3}, at::kDouble),
            at::randn({2, 2, 3}, at::kDouble), false, true);

GTEST_FX_REGISTER_OP(lu_solve,
                     [](const at::Tensor& a, const at::Tensor& b) {
                       auto [lu, pivots] = at::linalg_lu_factor(a);
                       return at::lu_solve(b, lu, pivots);
                     })
    .Sample(WellConditioned({3, 3}), at::randn({3, 2}))
    .Sample(WellConditioned({2, 4, 4}, at::kDouble),
            at::randn({2, 4, 1}, at::kDouble));

GTEST_FX_REGISTER_OP(lu_unpack,
                     [](const at::Tensor& a) {
                       auto [lu, pivots] = at::linalg_lu_factor(a);
                       return at::lu_unpack(lu, pivots);
                     })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 4, 4}, at::kDouble));

// LDL^T of a symmetric matrix (built from the input).
GTEST_FX_REGISTER_OP(linalg_ldl_factor,
                     [](const at::Tensor& b) {
                       return at::linalg_ldl_factor(b + b.mT());
                     })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 4, 4}, at::kDouble));

// ---------------------------------------------------------------------------
// QR and Householder

GTEST_FX_REGISTER_OP(linalg_qr_reduced,
                     [](const at::Tensor& a) {
                       return at::linalg_qr(a, "reduced");
                     })
    .Sample(at::randn({4, 3}).requires_grad_())
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(1, 2))
    .Sample(at::randn({3, 3}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(linalg_qr_complete,
                     [](const at::Tensor& a) {
                       return at::linalg_qr(a, "complete");
                     })
    .Sample(at::randn({4, 3}))
    .Sample(at::randn({3, 5}, at::kDouble));

GTEST_FX_REGISTER_OP(qr, [](const at::Tensor& a,
                            bool some) { return at::qr(a, some); })
    .Sample(at::randn({4, 3}), true)
    .Sample(at::randn({4, 3}, at::kDouble), false);

GTEST_FX_REGISTER_OP(geqrf, [](const at::Tensor& a) { return at::geqrf(a); })
    .Sample(at::randn({4, 3}))
    .Sample(at::randn({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_householder_product,
                     [](const at::Tensor& a) {
                       auto [reflectors, tau] = at::geqrf(a);
                       return at::linalg_householder_product(reflectors, tau);
                     })
    .Sample(at::randn({4, 3}))
    .Sample(at::randn({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(orgqr, [](const at::Tensor& a) {
  auto [reflectors, tau] = at::geqrf(a);
  return at::orgqr(reflectors, tau);
}).Sample(at::randn({4, 3}));

GTEST_FX_REGISTER_OP(ormqr,
                     [](const at::Tensor& a, const at::Tensor& c, bool left,
                        bool transpose) {
                       auto [reflectors, tau] = at::geqrf(a);
                       return at::ormqr(reflectors, tau, c, left, transpose);
                     })
    .Sample(at::randn({4, 3}), at::randn({4, 2}), true, false)
    .Sample(at::randn({3, 3}, at::kDouble), at::randn({2, 3}, at::kDouble),
            false, true);

// ---------------------------------------------------------------------------
// SVD and eigendecompositions. Singular and eigenvectors are defined up to
// sign (phase); eager and replay run the same kernel, so they agree.

GTEST_FX_REGISTER_OP(linalg_svd,
                     [](const at::Tensor& a, bool full_matrices) {
                       return at::linalg_svd(a, full_matrices);
                     })
    .Sample(at::randn({4, 3}), false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(1, 2), true)
    .Sample(at::randn({3, 3}, at::kComplexFloat), false);

GTEST_FX_REGISTER_OP(svd, [](const at::Tensor& a,
                             bool some) { return at::svd(a, some); })
    .Sample(at::randn({4, 3}), true)
    .Sample(at::randn({3, 4}, at::kDouble), false);

GTEST_FX_REGISTER_OP(linalg_svdvals,
                     [](const at::Tensor& a) { return at::linalg_svdvals(a); })
    .Sample(at::randn({4, 3}).requires_grad_())
    .Sample(at::randn({2, 3, 4}, at::kDouble))
    .Sample(at::randn({0, 3}));

// linalg_eigh reads one triangle; the input is made Hermitian anyway.
GTEST_FX_REGISTER_OP(linalg_eigh,
                     [](const at::Tensor& b) {
                       return at::linalg_eigh(b + b.mH(), "L");
                     })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 4, 4}, at::kDouble))
    .Sample(at::randn({3, 3}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(linalg_eigh_upper,
                     [](const at::Tensor& a) {
                       return at::linalg_eigh(a, "U");
                     })
    .Sample(Spd(at::randn({3, 3})))
    .Sample(Spd(at::randn({4, 4}, at::kDouble)).t());

GTEST_FX_REGISTER_OP(linalg_eigvalsh,
                     [](const at::Tensor& b) {
                       return at::linalg_eigvalsh(b + b.mH());
                     })
    .Sample(at::randn({3, 3}).requires_grad_())
    .Sample(at::randn({2, 4, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_eig,
                     [](const at::Tensor& a) { return at::linalg_eig(a); })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({2, 3, 3}, at::kDouble));

GTEST_FX_REGISTER_OP(linalg_eigvals,
                     [](const at::Tensor& a) { return at::linalg_eigvals(a); })
    .Sample(at::randn({3, 3}))
    .Sample(at::randn({4, 4}, at::kDouble).t());
