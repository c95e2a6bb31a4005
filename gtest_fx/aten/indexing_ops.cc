// Samples for the indexing family of aten operators: selecting by index
// tensors, gather/scatter, index_* updates, advanced indexing, masking,
// nonzero and the *_scatter inverses of views. Index tensors are int64 (or
// bool masks) and are never randomized, so indices written in range stay in
// range in every case.
#include <ATen/ATen.h>
#include <ATen/TensorIndexing.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sample_values.h"

namespace {

using Tensors = std::vector<at::Tensor>;
using gtest_fx::aten::Bools;
using gtest_fx::aten::Indices;
using gtest_fx::aten::Iota;

}  // namespace

// ---------------------------------------------------------------------------
// Selecting by index tensors.

GTEST_FX_REGISTER_OP(index_select,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index) {
                       return x.index_select(dim, index);
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 2}, at::kHalf), 0, Indices({2, 0}))
    .Sample(at::randn({4, 3}), 0, Indices({0, 2, 2}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1, Indices({3, 0}))
    .Sample(Iota({2, 5}), -1, Indices({4}))
    .Sample(at::randn({}).requires_grad_(), 0, Indices({0}))
    .Sample(Bools({3, 2}), 0, Indices({}));

GTEST_FX_REGISTER_OP(gather,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index) {
                       return x.gather(dim, index);
                     })
    // Every index is < x.size(dim); index.size(d) <= x.size(d) elsewhere.
    .Sample(at::randn({2, 3}, at::kBFloat16), 1,
            Indices({2, 0}).reshape({2, 1}))
    .Sample(at::randn({3, 4}), 1, Indices({0, 3, 1, 1, 2, 0}).reshape({3, 2}))
    .Sample(at::randn({3, 4}, at::kDouble).t().requires_grad_(), 0,
            Indices({2, 0, 1, 1}).reshape({2, 2}))
    .Sample(Iota({2, 3}), 1, Indices({2, 2, 0, 1, 1, 0}).reshape({3, 2}).t())
    .Sample(at::randn({}), 0, at::zeros({}, at::kLong))
    .Sample(Bools({2, 3}), 0, at::zeros({0, 3}, at::kLong));

GTEST_FX_REGISTER_OP(take_along_dim,
                     [](const at::Tensor& x, const at::Tensor& indices,
                        int64_t dim) { return x.take_along_dim(indices, dim); })
    // Every index is < x.size(dim); other dims broadcast.
    .Sample(at::randn({3, 4}), Indices({0, 3, 1}).reshape({3, 1}), 1)
    .Sample(at::randn({3, 4}, at::kDouble),
            Indices({2, 0, 1, 1}).reshape({1, 4}), 0)
    .Sample(Iota({2, 3}), Indices({2, 0}).reshape({1, 2}).t(), -1);

GTEST_FX_REGISTER_OP(take_along_dim_flat,
                     [](const at::Tensor& x, const at::Tensor& indices) {
                       return x.take_along_dim(indices);
                     })
    // Every index is < x.numel().
    .Sample(at::randn({3, 4}), Indices({11, 0, 5}))
    .Sample(Iota({2, 3}), Indices({1, 4}).reshape({2, 1}));

GTEST_FX_REGISTER_OP(take,
                     [](const at::Tensor& x, const at::Tensor& index) {
                       return x.take(index);
                     })
    // Every index is in [-numel, numel).
    .Sample(at::randn({2, 3}, at::kComplexFloat), Indices({5, 0}))
    .Sample(at::randn({3, 4}), Indices({0, 11, -1, 5}))
    .Sample(at::randn({3, 4}, at::kDouble).t(),
            Indices({1, 2, 3, 4}).reshape({2, 2}))
    .Sample(Iota({5}), Indices({}))
    .Sample(at::randn({}), at::zeros({}, at::kLong));

GTEST_FX_REGISTER_OP(embedding,
                     [](const at::Tensor& weight, const at::Tensor& indices) {
                       return at::embedding(weight, indices);
                     })
    // Every index is < weight.size(0).
    .Sample(at::randn({5, 3}), Indices({0, 4, 2, 2}))
    .Sample(at::randn({5, 3}, at::kDouble).requires_grad_(),
            Indices({1, 0, 3, 4, 4, 1}).reshape({2, 3}))
    .Sample(at::randn({3, 4}).t(), Indices({}))
    .Sample(at::randn({4, 2}), at::scalar_tensor(3, at::kLong));

GTEST_FX_REGISTER_OP(embedding_padding_idx,
                     [](const at::Tensor& weight, const at::Tensor& indices,
                        int64_t padding_idx) {
                       return at::embedding(weight, indices, padding_idx);
                     })
    // Every index is < weight.size(0).
    .Sample(at::randn({5, 3}), Indices({0, 4, 2, 2}), 2);

GTEST_FX_REGISTER_OP(one_hot,
                     [](const at::Tensor& indices, int64_t num_classes) {
                       return at::one_hot(indices, num_classes);
                     })
    // Every index is in [0, num_classes).
    .Sample(Indices({0, 3, 1, 1}), 4)
    .Sample(Indices({2, 0, 1, 2, 0, 0}).reshape({2, 3}), 5)
    .Sample(at::scalar_tensor(1, at::kLong), 2);

GTEST_FX_REGISTER_OP(one_hot_inferred,
                     [](const at::Tensor& indices) {
                       return at::one_hot(indices);
                     })
    // num_classes = -1: the class count is read from the data (max + 1).
    .Sample(Indices({0, 3, 1, 1}));

// ---------------------------------------------------------------------------
// Scatter.

GTEST_FX_REGISTER_OP(scatter_src,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter(dim, index, src);
                     })
    // Indices are < x.size(dim) and distinct along dim, so the result does
    // not depend on the order of writes.
    .Sample(at::randn({3}, at::kHalf), 0, Indices({2, 0}),
            at::randn({2}, at::kHalf))
    .Sample(at::randn({3, 4}), 1, Indices({0, 3, 2, 1, 1, 0}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), 0,
            Indices({1, 2, 0}).reshape({1, 3}), at::randn({2, 5}, at::kDouble))
    .Sample(Iota({2, 3}), 0, Indices({1, 0, 1}).reshape({1, 3}),
            Iota({2, 3}).neg())
    .Sample(at::randn({4}).requires_grad_(), 0, Indices({3, 0}),
            at::randn({2}).requires_grad_());

GTEST_FX_REGISTER_OP(scatter_value,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.scatter(dim, index, value);
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 3, 2, 1, 1, 0}).reshape({3, 2}),
            at::Scalar(-1.5))
    .Sample(Iota({3, 4}).t(), 0, Indices({2, 2, 0, 1}).reshape({2, 2}),
            at::Scalar(int64_t{7}))
    .Sample(at::randn({}), 0, at::zeros({}, at::kLong), at::Scalar(3.0));

// A bool value: the tracer records a bool constant, for which the JIT knows
// no aten::scatter.value schema.
GTEST_FX_REGISTER_OP(scatter_value_bool,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.scatter(dim, index, value);
                     })
    // Every index is < x.size(dim).
    .Sample(Bools({5}), 0, Indices({1, 2}), at::Scalar(true));

GTEST_FX_REGISTER_OP(scatter_reduce_add,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter(dim, index, src, "add");
                     })
    // Every index is < x.size(dim); repeated indices accumulate.
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(Iota({4}), 0, Indices({3, 3, 0}), Iota({3}));

GTEST_FX_REGISTER_OP(scatter_value_reduce_multiply,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.scatter(dim, index, value, "multiply");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}, at::kDouble), 0,
            Indices({0, 2, 2, 1}).reshape({1, 4}), at::Scalar(2.5));

GTEST_FX_REGISTER_OP(scatter_add,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_add(dim, index, src);
                     })
    // Every index is < x.size(dim); repeated indices accumulate.
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(at::randn({3, 4}, at::kDouble).t().requires_grad_(), 0,
            Indices({2, 2, 0, 1}).reshape({2, 2}),
            at::randn({2, 3}, at::kDouble).requires_grad_())
    .Sample(Iota({5}), 0, Indices({4, 4, 0}), Iota({3}))
    .Sample(at::randn({2, 3}), 0, at::zeros({0, 3}, at::kLong),
            at::randn({0, 3}));

GTEST_FX_REGISTER_OP(scatter_reduce_sum,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce(dim, index, src, "sum");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(Iota({5}), 0, Indices({4, 4, 0}), Iota({3}));

GTEST_FX_REGISTER_OP(scatter_reduce_prod,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce(dim, index, src, "prod");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}, at::kDouble), 0,
            Indices({0, 2, 2, 1, 0, 0, 1, 1}).reshape({2, 4}),
            at::randn({2, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(scatter_reduce_mean,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce(dim, index, src, "mean");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(at::randn({4}, at::kDouble).requires_grad_(), 0, Indices({3, 3, 3}),
            at::randn({3}, at::kDouble));

GTEST_FX_REGISTER_OP(scatter_reduce_amax,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce(dim, index, src, "amax");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(Iota({3, 4}).t(), 0, Indices({2, 2, 0, 1}).reshape({2, 2}),
            Iota({2, 2}).mul(5));

GTEST_FX_REGISTER_OP(scatter_reduce_amin_exclude_self,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce(dim, index, src, "amin",
                                               /*include_self=*/false);
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(at::randn({5}, at::kDouble), 0, Indices({4, 4, 0}),
            at::randn({3}, at::kDouble));

// In place: the input is updated and compared after the call.
GTEST_FX_REGISTER_OP(scatter_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_(dim, index, src);
                     })
    // Indices are < x.size(dim) and distinct along dim.
    .Sample(at::randn({3, 4}), 1, Indices({0, 3, 2, 1, 1, 0}).reshape({3, 2}),
            at::randn({3, 2}))
    .Sample(Iota({4}), 0, Indices({3, 0}), Iota({2}).neg());

GTEST_FX_REGISTER_OP(scatter_add_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_add_(dim, index, src);
                     })
    // Every index is < x.size(dim); repeated indices accumulate.
    .Sample(at::randn({3, 4}, at::kDouble), 1,
            Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}, at::kDouble))
    .Sample(Iota({5}), 0, Indices({4, 4, 0}), Iota({3}));

GTEST_FX_REGISTER_OP(scatter_reduce_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& src) {
                       return x.scatter_reduce_(dim, index, src, "amax");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({3, 4}), 1, Indices({0, 0, 2, 1, 1, 1}).reshape({3, 2}),
            at::randn({3, 2}));

// ---------------------------------------------------------------------------
// index_* updates along one dimension.

GTEST_FX_REGISTER_OP(index_add,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source,
                        const at::Scalar& alpha) {
                       return x.index_add(dim, index, source, alpha);
                     })
    // Every index is < x.size(dim); repeated indices accumulate.
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}),
            at::Scalar(1))
    .Sample(at::randn({4, 3}, at::kDouble).t().requires_grad_(), 1,
            Indices({2, 1}), at::randn({3, 2}, at::kDouble), at::Scalar(-0.5))
    .Sample(Iota({5}), 0, Indices({4, 4}), Iota({2}), at::Scalar(3))
    .Sample(at::randn({}), 0, Indices({0}), at::randn({}), at::Scalar(2.0));

GTEST_FX_REGISTER_OP(index_copy,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_copy(dim, index, source);
                     })
    // Indices are < x.size(dim) and distinct, so the result is defined.
    .Sample(at::randn({4, 3}), 0, Indices({3, 0}), at::randn({2, 3}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1, Indices({1, 2, 0}),
            at::randn({3, 3}, at::kDouble))
    .Sample(Bools({5}), 0, Indices({4, 1}), Bools({2}).logical_not());

GTEST_FX_REGISTER_OP(index_fill_Scalar,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.index_fill(dim, index, value);
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({4, 3}), 0, Indices({3, 0, 3}), at::Scalar(-1.0))
    .Sample(at::randn({4, 3}, at::kDouble).t().requires_grad_(), 1,
            Indices({2}), at::Scalar(2.5))
    .Sample(Iota({2, 3}), -1, Indices({0, 2}), at::Scalar(int64_t{9}))
    .Sample(at::randn({0, 3}), 1, Indices({1}), at::Scalar(4.0));

// A bool value: the tracer records a bool constant, for which the JIT knows
// no aten::index_fill.int_Scalar schema.
GTEST_FX_REGISTER_OP(index_fill_bool,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.index_fill(dim, index, value);
                     })
    // Every index is < x.size(dim).
    .Sample(Bools({4}), 0, Indices({3, 1}), at::Scalar(true));

GTEST_FX_REGISTER_OP(index_fill_Tensor,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& value) {
                       return x.index_fill(dim, index, value);
                     })
    // Every index is < x.size(dim); the value is 0-d.
    .Sample(at::randn({4, 3}), 1, Indices({2, 0}), at::randn({}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), 0, Indices({1}),
            at::randn({}, at::kDouble));

GTEST_FX_REGISTER_OP(index_reduce_prod,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_reduce(dim, index, source, "prod");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1, Indices({2, 2}),
            at::randn({3, 2}, at::kDouble));

GTEST_FX_REGISTER_OP(index_reduce_mean,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_reduce(dim, index, source, "mean");
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}));

GTEST_FX_REGISTER_OP(index_reduce_amax_exclude_self,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_reduce(dim, index, source, "amax",
                                             /*include_self=*/false);
                     })
    // Every index is < x.size(dim).
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}))
    .Sample(Iota({2, 3}), 1, Indices({1, 1}), Iota({2, 2}));

GTEST_FX_REGISTER_OP(index_add_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_add_(dim, index, source);
                     })
    // Every index is < x.size(dim). The input is updated in place.
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}))
    .Sample(Iota({5}), 0, Indices({4, 4}), Iota({2}));

GTEST_FX_REGISTER_OP(index_copy_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_copy_(dim, index, source);
                     })
    // Indices are < x.size(dim) and distinct. The input is updated in place.
    .Sample(at::randn({4, 3}), 0, Indices({3, 0}), at::randn({2, 3}))
    .Sample(Iota({2, 3}), 1, Indices({2}), Iota({2, 1}).neg());

GTEST_FX_REGISTER_OP(index_fill_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Scalar& value) {
                       return x.index_fill_(dim, index, value);
                     })
    // Every index is < x.size(dim). The input is updated in place.
    .Sample(at::randn({4, 3}), 0, Indices({3, 0, 3}), at::Scalar(-1.0))
    .Sample(Iota({2, 3}), 1, Indices({1}), at::Scalar(int64_t{8}));

GTEST_FX_REGISTER_OP(index_reduce_inplace,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& index, const at::Tensor& source) {
                       return x.index_reduce_(dim, index, source, "amin");
                     })
    // Every index is < x.size(dim). The input is updated in place.
    .Sample(at::randn({4, 3}), 0, Indices({0, 3, 0}), at::randn({3, 3}));

// ---------------------------------------------------------------------------
// Advanced indexing.

GTEST_FX_REGISTER_OP(index_Tensor,
                     [](const at::Tensor& x,
                        const c10::optional<at::Tensor>& i0,
                        const c10::optional<at::Tensor>& i1) {
                       c10::List<c10::optional<at::Tensor>> indices;
                       indices.push_back(i0);
                       indices.push_back(i1);
                       return at::index(x, indices);
                     })
    // Every index is < the size of the dimension it indexes.
    .Sample(at::randn({4, 3}), Indices({0, 3, 1}), Indices({2, 0, 0}))
    // An absent first index: the second indexes dim 1 only.
    .Sample(at::randn({4, 3}, at::kDouble).t(), c10::nullopt, Indices({3, 3}))
    // Broadcast index tensors.
    .Sample(Iota({3, 4}), Indices({0, 2}).reshape({2, 1}), Indices({1, 3, 0}))
    .Sample(at::randn({3, 2}).requires_grad_(), Indices({2, 2}), c10::nullopt);

// Bool masks: the op turns them into indices with aten::nonzero.
GTEST_FX_REGISTER_OP(index_Tensor_mask,
                     [](const at::Tensor& x,
                        const c10::optional<at::Tensor>& i0,
                        const c10::optional<at::Tensor>& i1) {
                       c10::List<c10::optional<at::Tensor>> indices;
                       indices.push_back(i0);
                       indices.push_back(i1);
                       return at::index(x, indices);
                     })
    // A bool mask over dim 0 and an int index (< 2) over dim 1.
    .Sample(at::randn({3, 2}).requires_grad_(), Bools({3}), Indices({1}))
    .Sample(Iota({3, 4}), c10::nullopt, Bools({4}));

GTEST_FX_REGISTER_OP(index_mask,
                     [](const at::Tensor& x, const at::Tensor& mask) {
                       return x.index({mask});
                     })
    .Sample(at::randn({3, 4}), Bools({3, 4}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), Bools({4}))
    .Sample(Iota({6}), Bools({6}));

GTEST_FX_REGISTER_OP(index_TensorIndex,
                     [](const at::Tensor& x, const at::Tensor& idx) {
                       using at::indexing::Ellipsis;
                       using at::indexing::None;
                       using at::indexing::Slice;
                       return x.index({Slice(1, None), None, Ellipsis, idx});
                     })
    // idx indexes the last dimension: every index is < x.size(-1).
    .Sample(at::randn({3, 4}), Indices({0, 3, 3}))
    .Sample(at::randn({3, 2, 4}, at::kDouble).transpose(0, 2), Indices({2, 0}))
    .Sample(Iota({4, 5}), Indices({4}).reshape({1, 1}));

GTEST_FX_REGISTER_OP(index_TensorIndex_ints,
                     [](const at::Tensor& x) {
                       using at::indexing::Slice;
                       return x.index({1, Slice(0, 4, 2), -1});
                     })
    .Sample(at::randn({3, 4, 5}))
    .Sample(Iota({2, 5, 3}));

GTEST_FX_REGISTER_OP(index_put,
                     [](const at::Tensor& x,
                        const c10::optional<at::Tensor>& i0,
                        const c10::optional<at::Tensor>& i1,
                        const at::Tensor& values) {
                       c10::List<c10::optional<at::Tensor>> indices;
                       indices.push_back(i0);
                       indices.push_back(i1);
                       return at::index_put(x, indices, values);
                     })
    // Every index is < the size of its dimension; the (i0, i1) pairs are
    // distinct, so the result does not depend on the order of writes.
    .Sample(at::randn({3, 2}, at::kComplexFloat), Indices({2, 0}),
            Indices({1, 1}), at::randn({2}, at::kComplexFloat))
    .Sample(at::randn({4, 3}), Indices({0, 3, 1}), Indices({2, 0, 0}),
            at::randn({3}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), c10::nullopt, Indices({3, 1}),
            at::randn({}, at::kDouble))
    .Sample(Iota({3, 4}), Indices({0, 2}).reshape({2, 1}), Indices({1, 3, 0}),
            Iota({2, 3}).neg())
    .Sample(at::randn({3, 2}), Bools({3}), c10::nullopt, at::randn({2}));

GTEST_FX_REGISTER_OP(index_put_accumulate,
                     [](const at::Tensor& x, const at::Tensor& i0,
                        const at::Tensor& values) {
                       c10::List<c10::optional<at::Tensor>> indices;
                       indices.push_back(i0);
                       return at::index_put(x, indices, values,
                                            /*accumulate=*/true);
                     })
    // Every index is < x.size(0); repeated indices accumulate.
    .Sample(at::randn({4, 3}), Indices({0, 3, 0}), at::randn({3, 3}))
    .Sample(Iota({5}), Indices({4, 4, 1}), Iota({3}))
    .Sample(at::randn({4}, at::kDouble).requires_grad_(), Indices({1, 1}),
            at::randn({2}, at::kDouble));

GTEST_FX_REGISTER_OP(index_put_inplace,
                     [](const at::Tensor& x, const at::Tensor& i0,
                        const at::Tensor& values) {
                       c10::List<c10::optional<at::Tensor>> indices;
                       indices.push_back(i0);
                       return x.index_put_(indices, values);
                     })
    // Indices are < x.size(0) and distinct. The input is updated in place.
    .Sample(at::randn({4, 3}), Indices({0, 3}), at::randn({3}))
    .Sample(Iota({5}), Indices({4, 1}), Iota({2}));

GTEST_FX_REGISTER_OP(index_put_TensorIndex_inplace,
                     [](at::Tensor x, const at::Tensor& idx,
                        const at::Tensor& values) {
                       using at::indexing::Slice;
                       x.index_put_({Slice(), idx}, values);
                       return x;
                     })
    // Indices are < x.size(1) and distinct. The input is updated in place.
    .Sample(at::randn({3, 4}), Indices({3, 0}), at::randn({3, 2}))
    .Sample(at::randn({4, 3}, at::kDouble).t(), Indices({1}),
            at::randn({1}, at::kDouble));

// ---------------------------------------------------------------------------
// put.

GTEST_FX_REGISTER_OP(put,
                     [](const at::Tensor& x, const at::Tensor& index,
                        const at::Tensor& source) {
                       return x.put(index, source);
                     })
    // Indices are in [-numel, numel) and distinct.
    .Sample(at::randn({3, 4}), Indices({0, 11, 5}), at::randn({3}))
    .Sample(at::randn({3, 4}, at::kDouble).t(),
            Indices({1, -1}).reshape({2, 1}), at::randn({2, 1}, at::kDouble))
    .Sample(Iota({5}), Indices({}), Iota({0}));

GTEST_FX_REGISTER_OP(put_accumulate,
                     [](const at::Tensor& x, const at::Tensor& index,
                        const at::Tensor& source) {
                       return x.put(index, source, /*accumulate=*/true);
                     })
    // Every index is < numel; repeated indices accumulate.
    .Sample(at::randn({3, 4}), Indices({0, 11, 0}), at::randn({3}))
    .Sample(Iota({5}), Indices({2, 2}), Iota({2}));

GTEST_FX_REGISTER_OP(put_inplace,
                     [](const at::Tensor& x, const at::Tensor& index,
                        const at::Tensor& source) {
                       return x.put_(index, source);
                     })
    // Indices are < numel and distinct. The input is updated in place.
    .Sample(at::randn({3, 4}), Indices({0, 11, 5}), at::randn({3}));

// ---------------------------------------------------------------------------
// Masking.

GTEST_FX_REGISTER_OP(masked_fill_Scalar,
                     [](const at::Tensor& x, const at::Tensor& mask,
                        const at::Scalar& value) {
                       return x.masked_fill(mask, value);
                     })
    .Sample(at::randn({2, 3}, at::kHalf), Bools({2, 3}), at::Scalar(0.5))
    .Sample(at::randn({3, 4}), Bools({3, 4}), at::Scalar(-1.0))
    // A broadcast mask on a transposed input.
    .Sample(at::randn({3, 4}, at::kDouble).t().requires_grad_(), Bools({3}),
            at::Scalar(2.5))
    .Sample(Iota({2, 3}).t(), Bools({2, 3}).t(), at::Scalar(int64_t{7}))
    .Sample(at::randn({}), at::scalar_tensor(true, at::kBool), at::Scalar(0.0))
    .Sample(at::randn({0, 3}), Bools({3}), at::Scalar(1.0));

GTEST_FX_REGISTER_OP(masked_fill_Tensor,
                     [](const at::Tensor& x, const at::Tensor& mask,
                        const at::Tensor& value) {
                       return x.masked_fill(mask, value);
                     })
    // The value is 0-d.
    .Sample(at::randn({3, 4}), Bools({3, 4}), at::randn({}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), Bools({4, 1}),
            at::randn({}, at::kDouble).requires_grad_());

GTEST_FX_REGISTER_OP(masked_fill_inplace,
                     [](const at::Tensor& x, const at::Tensor& mask,
                        const at::Scalar& value) {
                       return x.masked_fill_(mask, value);
                     })
    // The input is updated in place.
    .Sample(at::randn({3, 4}), Bools({3, 4}), at::Scalar(-1.0))
    .Sample(Iota({2, 3}), Bools({3}), at::Scalar(int64_t{5}));

GTEST_FX_REGISTER_OP(masked_scatter,
                     [](const at::Tensor& x, const at::Tensor& mask,
                        const at::Tensor& source) {
                       return x.masked_scatter(mask, source);
                     })
    // source has at least as many elements as the mask has true values.
    .Sample(at::randn({3, 4}), Bools({3, 4}), at::randn({4}))
    .Sample(at::randn({3, 4}, at::kDouble).t(), Bools({3}),
            at::randn({3, 4}, at::kDouble))
    .Sample(Iota({5}), Bools({5}), Iota({2, 2}).neg());

GTEST_FX_REGISTER_OP(masked_scatter_inplace,
                     [](const at::Tensor& x, const at::Tensor& mask,
                        const at::Tensor& source) {
                       return x.masked_scatter_(mask, source);
                     })
    // source has at least as many elements as the mask has true values. The
    // input is updated in place.
    .Sample(at::randn({3, 4}), Bools({3, 4}), at::randn({4}))
    .Sample(Iota({5}), Bools({5}), Iota({2}).neg());

GTEST_FX_REGISTER_OP(masked_select,
                     [](const at::Tensor& x, const at::Tensor& mask) {
                       return x.masked_select(mask);
                     })
    .Sample(at::randn({2, 3}, at::kComplexFloat), Bools({2, 3}))
    .Sample(at::randn({3, 4}), Bools({3, 4}))
    // A broadcast mask on a transposed input.
    .Sample(at::randn({3, 4}, at::kDouble).t().requires_grad_(), Bools({3}))
    .Sample(Iota({2, 3}), Bools({2, 1}))
    .Sample(at::randn({0, 2}), Bools({2}));

// ---------------------------------------------------------------------------
// Where the values are (output shapes depend on data).

GTEST_FX_REGISTER_OP(nonzero, [](const at::Tensor& x) { return x.nonzero(); })
    .Sample(Bools({3, 4}))
    .Sample(Iota({2, 3}).remainder(2))
    .Sample(at::tensor({0.0, 1.5, 0.0, -2.0}))
    .Sample(at::zeros({0, 2}));

GTEST_FX_REGISTER_OP(nonzero_numpy,
                     [](const at::Tensor& x) { return x.nonzero_numpy(); })
    .Sample(Bools({3, 4}))
    .Sample(Iota({5}).remainder(2));

GTEST_FX_REGISTER_OP(argwhere, [](const at::Tensor& x) { return x.argwhere(); })
    .Sample(Bools({3, 4}))
    .Sample(at::tensor({0.0, 1.5, 0.0, -2.0}, at::kDouble))
    .Sample(Iota({2, 3}).t());

GTEST_FX_REGISTER_OP(where_condition,
                     [](const at::Tensor& cond) { return at::where(cond); })
    .Sample(Bools({3, 4}))
    .Sample(Iota({4}).remainder(2));

// ---------------------------------------------------------------------------
// Scatter counterparts of views, and narrow_copy.

GTEST_FX_REGISTER_OP(diagonal_scatter,
                     [](const at::Tensor& x, const at::Tensor& src,
                        int64_t offset, int64_t dim1, int64_t dim2) {
                       return at::diagonal_scatter(x, src, offset, dim1, dim2);
                     })
    // src has the shape of x.diagonal(offset, dim1, dim2).
    .Sample(at::randn({3, 4}), at::randn({3}), 0, 0, 1)
    .Sample(at::randn({3, 4}, at::kDouble).t(), at::randn({3}, at::kDouble), -1,
            0, 1)
    .Sample(Iota({2, 3, 3}), Iota({2, 3}), 0, 1, 2)
    .Sample(at::randn({4, 3}).requires_grad_(), at::randn({3}), 1, 1, 0);

GTEST_FX_REGISTER_OP(select_scatter,
                     [](const at::Tensor& x, const at::Tensor& src, int64_t dim,
                        int64_t index) {
                       return at::select_scatter(x, src, dim, index);
                     })
    // src has the shape of x.select(dim, index).
    .Sample(at::randn({3, 4}), at::randn({4}), 0, 1)
    .Sample(at::randn({3, 4}, at::kDouble).t(), at::randn({4}, at::kDouble), 1,
            -1)
    .Sample(Iota({2, 3}), Iota({2}), 1, 2)
    .Sample(at::randn({3}), at::randn({}), 0, 2);

GTEST_FX_REGISTER_OP(slice_scatter,
                     [](const at::Tensor& x, const at::Tensor& src, int64_t dim,
                        int64_t start, int64_t end, int64_t step) {
                       return at::slice_scatter(x, src, dim, start, end, step);
                     })
    // src has the shape of x.slice(dim, start, end, step).
    .Sample(at::randn({6, 4}), at::randn({2, 4}), 0, 1, 5, 2)
    .Sample(at::randn({3, 6}, at::kDouble).t(), at::randn({6, 2}, at::kDouble),
            1, 1, 3, 1)
    .Sample(Iota({10}), Iota({4}), 0, 0, 10, 3)
    .Sample(at::randn({3, 4}), at::randn({3, 0}), 1, 2, 2, 1);

GTEST_FX_REGISTER_OP(as_strided_scatter,
                     [](const at::Tensor& x, const at::Tensor& src,
                        at::IntArrayRef size, at::IntArrayRef stride,
                        int64_t offset) {
                       return at::as_strided_scatter(x, src, size, stride,
                                                     offset);
                     })
    // src has shape `size`; the window stays inside x's storage and its
    // elements do not overlap.
    .Sample(at::randn({12}), at::randn({2, 3}), gtest_fx::Size{2, 3},
            std::vector<int64_t>{4, 1}, 1)
    .Sample(at::randn({4, 4}, at::kDouble), at::randn({4, 2}, at::kDouble),
            gtest_fx::Size{4, 2}, std::vector<int64_t>{1, 4}, 0)
    .Sample(Iota({3, 4}), Iota({3}).neg(), gtest_fx::Size{3},
            std::vector<int64_t>{5}, 0);

GTEST_FX_REGISTER_OP(narrow_copy,
                     [](const at::Tensor& x, int64_t dim, int64_t start,
                        int64_t length) {
                       return x.narrow_copy(dim, start, length);
                     })
    .Sample(at::randn({5, 4}), 0, 1, 3)
    .Sample(at::randn({3, 6}, at::kDouble).t(), 1, 0, 2)
    .Sample(Iota({4}), 0, 2, 2)
    .Sample(Bools({3, 4}), 1, 4, 0);
