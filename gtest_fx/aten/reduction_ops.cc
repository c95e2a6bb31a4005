// Samples for the reduction family of aten operators: full and per-dim
// reductions, statistics, scans, sorting, top-k, binning and uniqueness.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cmath>
#include <cstdint>
#include <tuple>
#include <vector>

namespace {

using Dims = std::vector<int64_t>;

// Returns a contiguous copy of `x` with every third element set to NaN, for
// the nan* reductions. (The randomized variant refills it without NaNs.)
at::Tensor WithNans(const at::Tensor& x) {
  at::Tensor y = x.contiguous().clone();
  y.view({-1}).slice(0, 0, y.numel(), 3).fill_(NAN);
  return y;
}

// An int64 tensor with repeated values, for mode, unique and stable sorting.
at::Tensor Repeated(std::vector<int64_t> sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return at::arange(n, at::kLong).mul(7).remainder(5).reshape(sizes);
}

}  // namespace

// ---------------------------------------------------------------------------
// sum, mean, prod

GTEST_FX_REGISTER_OP(sum, [](const at::Tensor& x) { return at::sum(x); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 3}))
    .Sample(at::arange(12, at::kLong).reshape({3, 4}).t())
    .Sample(at::randn({4, 5}) > 0);

GTEST_FX_REGISTER_OP(sum_dtype,
                     [](const at::Tensor& x, at::ScalarType dtype) {
                       return at::sum(x, dtype);
                     })
    .Sample(at::randn({3, 4}), at::kDouble)
    .Sample(at::arange(6, at::kInt), at::kFloat)
    .Sample(at::randn({5}, at::kDouble), at::kFloat);

GTEST_FX_REGISTER_OP(sum_dim_IntList,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::sum(x, dims, keepdim); })
    .Sample(at::randn({3, 4}).requires_grad_(), Dims{1}, true)
    .Sample(at::randn({2, 3, 4}).transpose(0, 2), Dims{0, 2}, false)
    .Sample(at::randn({0, 3}, at::kDouble), Dims{0}, false)
    .Sample(at::randn({4, 5}, at::kBFloat16), Dims{-1}, true)
    .Sample(at::arange(24, at::kLong).reshape({2, 3, 4}), Dims{1}, false);

GTEST_FX_REGISTER_OP(sum_dim_dtype,
                     [](const at::Tensor& x, at::IntArrayRef dims, bool keepdim,
                        at::ScalarType dtype) {
                       return at::sum(x, dims, keepdim, dtype);
                     })
    .Sample(at::randn({3, 4}), Dims{0}, false, at::kDouble)
    .Sample(at::randn({6, 4}, at::kHalf).narrow(0, 1, 3), Dims{1}, true,
            at::kFloat);

GTEST_FX_REGISTER_OP(mean, [](const at::Tensor& x) { return at::mean(x); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::randn({4, 6}).t())
    .Sample(at::randn({3, 3}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(mean_dim,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::mean(x, dims, keepdim); })
    .Sample(at::randn({3, 4}), Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(1, 2), Dims{0, -1},
            true)
    .Sample(at::randn({4, 5}, at::kBFloat16), Dims{0}, false)
    .Sample(at::randn({0, 4}), Dims{1}, true);

GTEST_FX_REGISTER_OP(prod, [](const at::Tensor& x) { return at::prod(x); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::randn({0, 2}))
    .Sample(at::arange(1, 7, at::kLong).reshape({2, 3}));

GTEST_FX_REGISTER_OP(prod_dim_int,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::prod(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({3, 4}, at::kDouble).t(), 0, true)
    .Sample(at::randn({2, 3, 4}).requires_grad_(), -2, false);

GTEST_FX_REGISTER_OP(prod_dim_dtype,
                     [](const at::Tensor& x, int64_t dim, bool keepdim,
                        at::ScalarType dtype) {
                       return at::prod(x, dim, keepdim, dtype);
                     })
    .Sample(at::randn({3, 4}), 0, false, at::kDouble)
    .Sample(at::arange(1, 7, at::kInt).reshape({2, 3}), 1, true, at::kLong);

// ---------------------------------------------------------------------------
// max, min and friends

GTEST_FX_REGISTER_OP(amax,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::amax(x, dims, keepdim); })
    .Sample(at::randn({3, 4}).requires_grad_(), Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), Dims{0, 1}, true)
    .Sample(at::randn({3, 4}), Dims{}, false)
    .Sample(at::arange(12, at::kLong).reshape({3, 4}), Dims{0}, false);

GTEST_FX_REGISTER_OP(amin,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::amin(x, dims, keepdim); })
    .Sample(at::randn({3, 4}), Dims{0}, true)
    .Sample(at::randn({2, 3, 4}, at::kDouble).narrow(2, 1, 2), Dims{-1}, false)
    .Sample(at::randn({4, 5}, at::kBFloat16), Dims{1}, false);

GTEST_FX_REGISTER_OP(max, [](const at::Tensor& x) { return at::max(x); })
    .Sample(at::randn({3, 4}).requires_grad_())
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::arange(12, at::kInt).reshape({3, 4}).t())
    .Sample(at::randn({5}) > 0);

GTEST_FX_REGISTER_OP(max_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::max(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({3, 4}, at::kDouble).t(), 0, true)
    .Sample(at::randn({2, 3, 4}).requires_grad_(), -1, false)
    .Sample(at::randn({}), 0, false);

GTEST_FX_REGISTER_OP(min, [](const at::Tensor& x) { return at::min(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({6}, at::kDouble).narrow(0, 2, 3))
    .Sample(at::arange(12, at::kLong).reshape({3, 4}));

GTEST_FX_REGISTER_OP(min_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::min(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 0, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), 1, true)
    .Sample(at::randn({4, 0}), 0, false);

GTEST_FX_REGISTER_OP(argmax, [](const at::Tensor& x) { return at::argmax(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::randn({4, 6}).t());

GTEST_FX_REGISTER_OP(argmax_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::argmax(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), 0, true)
    .Sample(at::arange(12, at::kLong).reshape({3, 4}).t(), -1, false);

GTEST_FX_REGISTER_OP(argmin_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::argmin(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 0, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(1, 2), 2, true)
    .Sample(at::randn({}), 0, false);

GTEST_FX_REGISTER_DISPATCHER_OP(argmin, "aten::argmin")
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({5}, at::kDouble));

GTEST_FX_REGISTER_OP(aminmax,
                     [](const at::Tensor& x) { return at::aminmax(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble))
    .Sample(at::arange(12, at::kLong).reshape({3, 4}).t());

GTEST_FX_REGISTER_OP(aminmax_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::aminmax(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 1), 0, true);

// ---------------------------------------------------------------------------
// statistics: std, var, norm, logsumexp

GTEST_FX_REGISTER_OP(std, [](const at::Tensor& x,
                             bool unbiased) { return at::std(x, unbiased); })
    .Sample(at::randn({3, 4}).requires_grad_(), true)
    .Sample(at::randn({10}, at::kDouble), false)
    .Sample(at::randn({4, 6}).t(), true);

GTEST_FX_REGISTER_OP(std_correction,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        int64_t correction, bool keepdim) {
                       return at::std(x, dims, correction, keepdim);
                     })
    .Sample(at::randn({3, 4}), Dims{1}, 0, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), Dims{0, 2}, 1,
            true)
    .Sample(at::randn({5, 4}, at::kComplexFloat), Dims{0}, 2, false);

GTEST_FX_REGISTER_OP(var, [](const at::Tensor& x,
                             bool unbiased) { return at::var(x, unbiased); })
    .Sample(at::randn({3, 4}).requires_grad_(), true)
    .Sample(at::randn({10}, at::kDouble), false);

GTEST_FX_REGISTER_OP(var_correction,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        int64_t correction, bool keepdim) {
                       return at::var(x, dims, correction, keepdim);
                     })
    .Sample(at::randn({3, 4}), Dims{0}, 1, true)
    .Sample(at::randn({2, 3, 4}, at::kDouble).narrow(2, 1, 3), Dims{-1}, 0,
            false)
    .Sample(at::randn({4, 5}).requires_grad_(), Dims{0, 1}, 1, false);

GTEST_FX_REGISTER_OP(std_mean_correction,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        int64_t correction, bool keepdim) {
                       return at::std_mean(x, dims, correction, keepdim);
                     })
    .Sample(at::randn({3, 4}), Dims{1}, 1, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(1, 2), Dims{0}, 0,
            true);

GTEST_FX_REGISTER_OP(var_mean_unbiased,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool unbiased, bool keepdim) {
                       return at::var_mean(x, dims, unbiased, keepdim);
                     })
    .Sample(at::randn({3, 4}), Dims{0}, true, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), Dims{1, 2}, false, true)
    .Sample(at::randn({4, 3}).t().requires_grad_(), Dims{-1}, true, false);

GTEST_FX_REGISTER_OP(norm_Scalar,
                     [](const at::Tensor& x, const at::Scalar& p) {
                       return at::norm(x, p);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), 2.0)
    .Sample(at::randn({5}, at::kDouble), 1.0)
    .Sample(at::randn({4, 6}).t(), 3.0)
    .Sample(at::randn({3, 3}, at::kComplexFloat), 2.0);

GTEST_FX_REGISTER_OP(norm_ScalarOpt_dim,
                     [](const at::Tensor& x, const at::Scalar& p,
                        at::IntArrayRef dims,
                        bool keepdim) { return at::norm(x, p, dims, keepdim); })
    .Sample(at::randn({3, 4}), 2.0, Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), 1.0, Dims{0, 2}, true)
    .Sample(at::randn({3, 4}), INFINITY, Dims{0}, false);

GTEST_FX_REGISTER_OP(logsumexp,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) {
                       return at::logsumexp(x, dims, keepdim);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), Dims{1}, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), Dims{0, 1}, true)
    .Sample(at::randn({}), Dims{0}, false)
    .Sample(at::randn({0, 3}), Dims{0}, false);

// ---------------------------------------------------------------------------
// logical reductions

GTEST_FX_REGISTER_OP(all, [](const at::Tensor& x) { return at::all(x); })
    .Sample(at::randn({3, 4}) > -3)
    .Sample(at::randn({3, 4}))
    .Sample(at::arange(6, at::kLong).reshape({2, 3}))
    .Sample(at::randn({0, 3}) > 0);

GTEST_FX_REGISTER_OP(all_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::all(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}) > -1, 1, false)
    .Sample(at::randn({3, 4}).t(), 0, true)
    .Sample(Repeated({2, 5}), 1, false);

GTEST_FX_REGISTER_OP(any, [](const at::Tensor& x) { return at::any(x); })
    .Sample(at::randn({3, 4}) > 1)
    .Sample(at::zeros({3, 4}, at::kDouble))
    .Sample(at::randn({0}) > 0);

GTEST_FX_REGISTER_OP(any_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::any(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 4}) > 1, 0, false)
    .Sample(at::randn({2, 3, 4}).relu().transpose(0, 2), 1, true)
    .Sample(Repeated({4, 3}), 0, false);

// ---------------------------------------------------------------------------
// nan-aware reductions (the samples hold NaNs)

GTEST_FX_REGISTER_OP(nansum,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::nansum(x, dims, keepdim); })
    .Sample(WithNans(at::randn({3, 4})), Dims{}, false)
    .Sample(WithNans(at::randn({3, 4}, at::kDouble)), Dims{1}, true)
    .Sample(WithNans(at::randn({2, 3, 4})).transpose(0, 2), Dims{0, 2}, false);

GTEST_FX_REGISTER_OP(nanmean,
                     [](const at::Tensor& x, at::IntArrayRef dims,
                        bool keepdim) { return at::nanmean(x, dims, keepdim); })
    .Sample(WithNans(at::randn({3, 4})), Dims{}, false)
    .Sample(WithNans(at::randn({3, 4}, at::kDouble)), Dims{0}, true)
    .Sample(WithNans(at::randn({4, 5})).t(), Dims{1}, false);

GTEST_FX_REGISTER_OP(median, [](const at::Tensor& x) { return at::median(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({7}, at::kDouble))
    .Sample(Repeated({3, 5}).t());

GTEST_FX_REGISTER_OP(median_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::median(x, dim, keepdim);
                     })
    .Sample(at::randn({3, 5}), 1, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0, true)
    .Sample(at::randn({}), 0, false);

GTEST_FX_REGISTER_OP(nanmedian,
                     [](const at::Tensor& x) { return at::nanmedian(x); })
    .Sample(WithNans(at::randn({3, 4})))
    .Sample(WithNans(at::randn({7}, at::kDouble)));

GTEST_FX_REGISTER_OP(nanmedian_dim,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::nanmedian(x, dim, keepdim);
                     })
    .Sample(WithNans(at::randn({3, 5})), 1, false)
    .Sample(WithNans(at::randn({4, 3}, at::kDouble)).t(), 0, true);

// ---------------------------------------------------------------------------
// order statistics and counting

GTEST_FX_REGISTER_OP(mode,
                     [](const at::Tensor& x, int64_t dim, bool keepdim) {
                       return at::mode(x, dim, keepdim);
                     })
    .Sample(Repeated({3, 6}), 1, false)
    .Sample(Repeated({6, 3}).t(), 0, true)
    .Sample(at::randn({3, 4}), -1, false)
    .Sample(at::randn({2, 5}, at::kDouble), 0, false);

// k must be in [1, size of dim].
GTEST_FX_REGISTER_OP(kthvalue,
                     [](const at::Tensor& x, int64_t k, int64_t dim,
                        bool keepdim) {
                       return at::kthvalue(x, k, dim, keepdim);
                     })
    .Sample(at::randn({3, 5}), 2, 1, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 4, 1, true)
    .Sample(at::randn({2, 3, 4}), 1, 0, false);

GTEST_FX_REGISTER_OP(count_nonzero_dim_IntList,
                     [](const at::Tensor& x, at::IntArrayRef dims) {
                       return at::count_nonzero(x, dims);
                     })
    .Sample(at::randn({3, 4}).relu(), Dims{1})
    .Sample(at::randn({2, 3, 4}, at::kDouble).relu().transpose(0, 2),
            Dims{0, 2})
    .Sample(Repeated({3, 4}), Dims{});

GTEST_FX_REGISTER_OP(count_nonzero,
                     [](const at::Tensor& x) { return at::count_nonzero(x); })
    .Sample(at::randn({3, 4}).relu())
    .Sample(at::randn({5}) > 0)
    .Sample(at::randn({0, 3}));

// ---------------------------------------------------------------------------
// scans

GTEST_FX_REGISTER_OP(cumsum, [](const at::Tensor& x,
                                int64_t dim) { return at::cumsum(x, dim); })
    .Sample(at::randn({3, 4}).requires_grad_(), 1)
    .Sample(at::randn({3, 4}, at::kDouble).t(), 0)
    .Sample(at::arange(12, at::kInt).reshape({3, 4}), -1)
    .Sample(at::randn({}), 0)
    .Sample(at::randn({0, 3}), 0);

GTEST_FX_REGISTER_OP(cumsum_dtype,
                     [](const at::Tensor& x, int64_t dim,
                        at::ScalarType dtype) {
                       return at::cumsum(x, dim, dtype);
                     })
    .Sample(at::randn({3, 4}), 0, at::kDouble)
    .Sample(at::randn({5}) > 0, 0, at::kLong);

GTEST_FX_REGISTER_OP(cumprod, [](const at::Tensor& x,
                                 int64_t dim) { return at::cumprod(x, dim); })
    .Sample(at::randn({3, 4}).requires_grad_(), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0)
    .Sample(at::arange(1, 7, at::kLong).reshape({2, 3}), 1);

GTEST_FX_REGISTER_OP(cummax, [](const at::Tensor& x,
                                int64_t dim) { return at::cummax(x, dim); })
    .Sample(at::randn({3, 4}), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0)
    .Sample(Repeated({2, 6}), -1);

GTEST_FX_REGISTER_OP(cummin, [](const at::Tensor& x,
                                int64_t dim) { return at::cummin(x, dim); })
    .Sample(at::randn({3, 4}), 0)
    .Sample(at::randn({2, 3, 4}, at::kDouble).narrow(2, 1, 3), 2)
    .Sample(at::randn({}), 0);

GTEST_FX_REGISTER_OP(logcumsumexp,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::logcumsumexp(x, dim);
                     })
    .Sample(at::randn({3, 4}).requires_grad_(), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0);

GTEST_FX_REGISTER_OP(diff,
                     [](const at::Tensor& x, int64_t n, int64_t dim,
                        const c10::optional<at::Tensor>& prepend,
                        const c10::optional<at::Tensor>& append) {
                       return at::diff(x, n, dim, prepend, append);
                     })
    .Sample(at::randn({3, 5}), 1, -1, c10::nullopt, c10::nullopt)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 2, 1,
            c10::optional<at::Tensor>(at::randn({3, 2}, at::kDouble)),
            c10::nullopt)
    .Sample(at::randn({5, 3}), 1, 0, c10::nullopt,
            c10::optional<at::Tensor>(at::randn({1, 3})))
    .Sample(at::randn({6}) > 0, 1, 0, c10::nullopt, c10::nullopt);

// ---------------------------------------------------------------------------
// sorting and top-k

GTEST_FX_REGISTER_OP(sort,
                     [](const at::Tensor& x, int64_t dim, bool descending) {
                       return at::sort(x, dim, descending);
                     })
    .Sample(at::randn({3, 5}), -1, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0, true)
    .Sample(at::randn({}), 0, false)
    .Sample(at::randn({2, 0}), 1, false);

GTEST_FX_REGISTER_OP(sort_stable,
                     [](const at::Tensor& x, bool stable, int64_t dim,
                        bool descending) {
                       return at::sort(x, stable, dim, descending);
                     })
    // Repeated values: a stable sort fixes the order of the indices.
    .Sample(Repeated({3, 6}), true, 1, false)
    .Sample(Repeated({6, 3}).t(), true, 1, true)
    .Sample(at::randn({3, 4}, at::kDouble), true, 0, true)
    .Sample(at::randn({4, 5}).requires_grad_(), false, -1, false);

GTEST_FX_REGISTER_OP(argsort,
                     [](const at::Tensor& x, int64_t dim, bool descending) {
                       return at::argsort(x, dim, descending);
                     })
    .Sample(at::randn({3, 5}), 1, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0, true);

GTEST_FX_REGISTER_OP(argsort_stable,
                     [](const at::Tensor& x, bool stable, int64_t dim,
                        bool descending) {
                       return at::argsort(x, stable, dim, descending);
                     })
    .Sample(Repeated({3, 6}), true, 1, false)
    .Sample(at::randn({3, 4}), true, 0, true);

GTEST_FX_REGISTER_OP(msort, [](const at::Tensor& x) { return at::msort(x); })
    .Sample(at::randn({4, 3}))
    .Sample(at::randn({3, 4}, at::kDouble).t())
    .Sample(Repeated({5}));

// k must not exceed the size of dim.
GTEST_FX_REGISTER_OP(topk,
                     [](const at::Tensor& x, int64_t k, int64_t dim,
                        bool largest, bool sorted) {
                       return at::topk(x, k, dim, largest, sorted);
                     })
    .Sample(at::randn({3, 6}), 2, -1, true, true)
    .Sample(at::randn({5, 3}, at::kDouble).t(), 3, 1, false, true)
    .Sample(at::randn({4, 4}).requires_grad_(), 4, 0, true, true)
    .Sample(at::randn({3, 5}), 0, 1, true, true);

// ---------------------------------------------------------------------------
// binning

// The boundaries of the original samples are sorted (searchsorted requires
// it; on unsorted randomized data the result is merely meaningless).
GTEST_FX_REGISTER_OP(searchsorted_Tensor,
                     [](const at::Tensor& seq, const at::Tensor& x,
                        bool out_int32, bool right) {
                       return at::searchsorted(seq, x, out_int32, right);
                     })
    .Sample(std::get<0>(at::randn({8}).sort()), at::randn({3, 4}), false, false)
    .Sample(std::get<0>(at::randn({3, 6}, at::kDouble).sort()),
            at::randn({3, 4}, at::kDouble), true, true)
    .Sample(at::arange(0, 10, 2, at::kLong), Repeated({7}), false, true);

GTEST_FX_REGISTER_OP(searchsorted_Scalar,
                     [](const at::Tensor& seq, const at::Scalar& x) {
                       return at::searchsorted(seq, x);
                     })
    .Sample(std::get<0>(at::randn({8}).sort()), 0.25)
    .Sample(at::arange(0, 10, 2, at::kLong), 5);

GTEST_FX_REGISTER_OP(bucketize,
                     [](const at::Tensor& x, const at::Tensor& boundaries,
                        bool out_int32, bool right) {
                       return at::bucketize(x, boundaries, out_int32, right);
                     })
    .Sample(at::randn({3, 4}), std::get<0>(at::randn({5}).sort()), false, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(),
            std::get<0>(at::randn({6}, at::kDouble).sort()), true, true)
    .Sample(Repeated({2, 4}), at::arange(0, 5, 2, at::kLong), false, true);

GTEST_FX_REGISTER_OP(histc,
                     [](const at::Tensor& x, int64_t bins, const at::Scalar& lo,
                        const at::Scalar& hi) {
                       return at::histc(x, bins, lo, hi);
                     })
    .Sample(at::randn({3, 4}), 5, -2.0, 2.0)
    .Sample(at::randn({20}, at::kDouble), 10, 0.0, 0.0)
    .Sample(at::randn({4, 5}).t(), 4, 0.0, 1.0);

// q in [0, 1].
GTEST_FX_REGISTER_OP(quantile_scalar,
                     [](const at::Tensor& x, double q, int64_t dim,
                        bool keepdim) {
                       return at::quantile(x, q, dim, keepdim, "linear");
                     })
    .Sample(at::randn({3, 5}), 0.3, 1, false)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5, 0, true);

GTEST_FX_REGISTER_OP(quantile_Tensor,
                     [](const at::Tensor& x, const at::Tensor& q) {
                       return at::quantile(x, q, c10::nullopt, false,
                                           "nearest");
                     })
    .Sample(at::randn({3, 5}), at::tensor({0.1f, 0.5f, 0.9f}))
    .Sample(at::randn({7}, at::kDouble), at::tensor(0.25, at::kDouble));

GTEST_FX_REGISTER_OP(nanquantile,
                     [](const at::Tensor& x, double q, int64_t dim,
                        bool keepdim) {
                       return at::nanquantile(x, q, dim, keepdim, "midpoint");
                     })
    .Sample(WithNans(at::randn({3, 5})), 0.4, 1, false)
    .Sample(WithNans(at::randn({4, 3}, at::kDouble)), 0.75, 0, true);

// ---------------------------------------------------------------------------
// uniqueness (the output shape depends on the data)

GTEST_FX_REGISTER_OP(unique_consecutive,
                     [](const at::Tensor& x, bool return_inverse,
                        bool return_counts) {
                       return at::unique_consecutive(x, return_inverse,
                                                     return_counts);
                     })
    .Sample(at::tensor({1, 1, 2, 2, 3, 1, 1, 2}, at::kLong), true, true)
    .Sample(Repeated({3, 4}).div(2, "floor"), false, true)
    .Sample(at::randn({6}, at::kDouble).round(), true, false);

GTEST_FX_REGISTER_OP(unique_consecutive_dim,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::unique_consecutive(x, true, true, dim);
                     })
    .Sample(at::tensor({1, 1, 2, 2, 3, 3, 3, 4}, at::kLong).reshape({4, 2}), 0)
    .Sample(at::tensor({1, 1, 2, 2, 3, 3}, at::kLong).reshape({2, 3}), 1);

GTEST_FX_REGISTER_OP(unique2,
                     [](const at::Tensor& x, bool sorted, bool return_inverse,
                        bool return_counts) {
                       return at::_unique2(x, sorted, return_inverse,
                                           return_counts);
                     })
    .Sample(Repeated({3, 4}), true, true, true)
    .Sample(at::randn({8}, at::kDouble).round(), true, false, true)
    .Sample(at::randn({5}) > 0, true, true, false);

GTEST_FX_REGISTER_OP(unique_dim,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::unique_dim(x, dim, true, true, true);
                     })
    .Sample(at::tensor({1, 2, 3, 4, 1, 2, 0, 0}, at::kLong).reshape({4, 2}), 0)
    .Sample(at::tensor({1, 2, 1, 3, 4, 3}, at::kLong).reshape({2, 3}), 1);
