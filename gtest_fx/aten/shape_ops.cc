// Samples for the shape family of aten operators: views, reshapes,
// concatenation and splitting, reordering, repetition, broadcasting and the
// complex views. Every shape argument is a gtest_fx::Size (dynamic in symbolic
// mode); dims and permutations are constant std::vector<int64_t> lists.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdint>
#include <vector>

#include "sample_values.h"

namespace {

using Dims = std::vector<int64_t>;
using Tensors = std::vector<at::Tensor>;
using gtest_fx::aten::Bools;
using gtest_fx::aten::Iota;

}  // namespace

// ---------------------------------------------------------------------------
// Views and reshapes with a shape argument.

GTEST_FX_REGISTER_OP(view, [](const at::Tensor& x,
                              at::IntArrayRef shape) { return x.view(shape); })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4})
    .Sample(at::randn({2, 3, 4}, at::kDouble).requires_grad_(),
            gtest_fx::Size{6, 4})
    // A sliced (offset) input whose strides still allow the view.
    .Sample(at::randn({4, 6}).narrow(0, 1, 2), gtest_fx::Size{2, 2, 3})
    .Sample(at::randn({}), gtest_fx::Size{1, 1})
    .Sample(at::randn({0, 3}), gtest_fx::Size{3, 0});

GTEST_FX_REGISTER_OP(view_int64,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return x.view(shape);
                     })
    .Sample(Iota({2, 6}), gtest_fx::Size{3, 2, 2})
    .Sample(Bools({8}), gtest_fx::Size{2, 4});

GTEST_FX_REGISTER_OP(reshape,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return x.reshape(shape);
                     })
    .Sample(at::randn({2, 3}, at::kHalf), gtest_fx::Size{3, 2})
    .Sample(at::randn({12}), gtest_fx::Size{3, 4})
    // Transposed input: reshape has to copy.
    .Sample(at::randn({4, 6}).t(), gtest_fx::Size{4, 6})
    .Sample(at::randn({2, 3, 4}, at::kDouble).requires_grad_(),
            gtest_fx::Size{4, 3, 2})
    .Sample(Bools({3, 4}).t(), gtest_fx::Size{12})
    .Sample(at::randn({0, 4}), gtest_fx::Size{2, 0, 2});

GTEST_FX_REGISTER_OP(view_copy,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return at::view_copy(x, shape);
                     })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4})
    .Sample(Iota({2, 3, 4}), gtest_fx::Size{6, 4});

GTEST_FX_REGISTER_OP(reshape_alias,
                     [](const at::Tensor& x, at::IntArrayRef shape,
                        at::IntArrayRef strides) {
                       return x._reshape_alias(shape, strides);
                     })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4}, Dims{4, 1})
    .Sample(at::randn({2, 3, 4}, at::kDouble), gtest_fx::Size{6, 4},
            Dims{4, 1});

GTEST_FX_REGISTER_OP(reshape_alias_copy,
                     [](const at::Tensor& x, at::IntArrayRef shape,
                        at::IntArrayRef strides) {
                       return at::_reshape_alias_copy(x, shape, strides);
                     })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4}, Dims{4, 1})
    .Sample(Iota({2, 6}), gtest_fx::Size{4, 3}, Dims{3, 1});

GTEST_FX_REGISTER_OP(unsafe_view,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return at::_unsafe_view(x, shape);
                     })
    .Sample(at::randn({12}), gtest_fx::Size{3, 4})
    .Sample(Iota({2, 3, 4}), gtest_fx::Size{6, 4});

// Reinterprets the bytes as another dtype (same element size).
GTEST_FX_REGISTER_OP(view_dtype,
                     [](const at::Tensor& x, at::ScalarType dtype) {
                       return x.view(dtype);
                     })
    .Sample(at::randn({3, 4}), at::kInt)
    .Sample(at::randn({2, 3}, at::kDouble).t(), at::kLong)
    .Sample(Iota({4}), at::kDouble);

GTEST_FX_REGISTER_OP(view_copy_dtype, [](const at::Tensor& x,
                                         at::ScalarType dtype) {
  return at::view_copy(x, dtype);
}).Sample(at::randn({3, 4}), at::kInt);

GTEST_FX_REGISTER_OP(shape_as_tensor,
                     [](const at::Tensor& x) {
                       return at::_shape_as_tensor(x);
                     })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble))
    .Sample(Iota({2, 0, 3}));

GTEST_FX_REGISTER_OP(expand,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return x.expand(shape);
                     })
    .Sample(at::randn({2, 1}, at::kBFloat16), gtest_fx::Size{2, 3})
    .Sample(at::randn({3, 1}), gtest_fx::Size{3, 4})
    .Sample(at::randn({}), gtest_fx::Size{2, 3})
    // Transposed input, expanded into a new leading dimension.
    .Sample(at::randn({1, 3}, at::kDouble).t(), gtest_fx::Size{2, 3, 5})
    .Sample(Bools({4}), gtest_fx::Size{2, 4})
    .Sample(at::randn({1, 2}).requires_grad_(), gtest_fx::Size{0, 2});

GTEST_FX_REGISTER_OP(expand_copy,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return at::expand_copy(x, shape);
                     })
    .Sample(at::randn({3, 1}), gtest_fx::Size{3, 4})
    .Sample(Iota({1, 4}), gtest_fx::Size{2, 3, 4});

GTEST_FX_REGISTER_OP(broadcast_to,
                     [](const at::Tensor& x, at::IntArrayRef shape) {
                       return at::broadcast_to(x, shape);
                     })
    .Sample(at::randn({3, 1}), gtest_fx::Size{2, 3, 4})
    .Sample(at::scalar_tensor(1.5, at::kDouble), gtest_fx::Size{3})
    .Sample(Iota({4}), gtest_fx::Size{2, 4});

GTEST_FX_REGISTER_OP(expand_as,
                     [](const at::Tensor& x, const at::Tensor& other) {
                       return x.expand_as(other);
                     })
    .Sample(at::randn({3, 1}), at::randn({3, 4}))
    .Sample(at::randn({}, at::kDouble), at::randn({2, 2}, at::kDouble))
    .Sample(Bools({1, 4}), Bools({0, 4}));

GTEST_FX_REGISTER_OP(view_as,
                     [](const at::Tensor& x, const at::Tensor& other) {
                       return x.view_as(other);
                     })
    .Sample(at::randn({12}), at::randn({3, 4}))
    .Sample(Iota({2, 6}), at::randn({4, 3}))
    .Sample(at::randn({2, 3}).requires_grad_(), at::randn({6}));

GTEST_FX_REGISTER_OP(reshape_as,
                     [](const at::Tensor& x, const at::Tensor& other) {
                       return x.reshape_as(other);
                     })
    .Sample(at::randn({4, 3}).t(), at::randn({12}))
    .Sample(Iota({2, 6}), at::randn({3, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(as_strided,
                     [](const at::Tensor& x, at::IntArrayRef shape,
                        at::IntArrayRef strides, int64_t offset) {
                       return x.as_strided(shape, strides, offset);
                     })
    // Every size/stride/offset below stays inside the input's storage.
    .Sample(at::randn({12}), gtest_fx::Size{3, 3}, Dims{3, 1}, 1)
    .Sample(at::randn({4, 4}, at::kDouble), gtest_fx::Size{2, 2}, Dims{1, 4}, 0)
    .Sample(Iota({10}), gtest_fx::Size{4, 3}, Dims{2, 1}, 1);

GTEST_FX_REGISTER_OP(as_strided_copy,
                     [](const at::Tensor& x, at::IntArrayRef shape,
                        at::IntArrayRef strides) {
                       return at::as_strided_copy(x, shape, strides);
                     })
    // The window stays inside the input's storage.
    .Sample(at::randn({12}), gtest_fx::Size{3, 3}, Dims{3, 1})
    .Sample(at::randn({4, 4}, at::kDouble), gtest_fx::Size{4, 2}, Dims{1, 4});

// ---------------------------------------------------------------------------
// Reordering dimensions.

GTEST_FX_REGISTER_OP(permute,
                     [](const at::Tensor& x, at::IntArrayRef dims) {
                       return x.permute(dims);
                     })
    .Sample(at::randn({2, 3, 2}, at::kBFloat16), Dims{2, 1, 0})
    .Sample(at::randn({2, 3, 4}), Dims{2, 0, 1})
    .Sample(at::randn({3, 4}, at::kDouble).t(), Dims{1, 0})
    .Sample(Iota({2, 1, 3}), Dims{-1, 0, 1})
    .Sample(at::randn({}), Dims{})
    .Sample(at::randn({0, 2, 3}).requires_grad_(), Dims{1, 2, 0});

GTEST_FX_REGISTER_OP(permute_copy,
                     [](const at::Tensor& x, at::IntArrayRef dims) {
                       return at::permute_copy(x, dims);
                     })
    .Sample(at::randn({2, 3, 4}), Dims{2, 0, 1})
    .Sample(Bools({3, 4}), Dims{1, 0});

GTEST_FX_REGISTER_OP(transpose,
                     [](const at::Tensor& x, int64_t dim0, int64_t dim1) {
                       return x.transpose(dim0, dim1);
                     })
    .Sample(at::randn({2, 3}, at::kComplexFloat), 0, 1)
    .Sample(at::randn({2, 3, 4}), 0, 2)
    .Sample(at::randn({3, 4}, at::kDouble).requires_grad_(), -1, -2)
    .Sample(Iota({2, 3}), 0, 1)
    .Sample(at::randn({0, 3}), 0, 1);

GTEST_FX_REGISTER_OP(transpose_copy,
                     [](const at::Tensor& x, int64_t dim0, int64_t dim1) {
                       return at::transpose_copy(x, dim0, dim1);
                     })
    .Sample(at::randn({2, 3, 4}), 0, 2)
    .Sample(Iota({3, 4}), 1, 0);

GTEST_FX_REGISTER_OP(t, [](const at::Tensor& x) { return x.t(); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({5}, at::kDouble))
    .Sample(Iota({2, 3}).t())
    .Sample(at::randn({}));

GTEST_FX_REGISTER_OP(t_copy, [](const at::Tensor& x) { return at::t_copy(x); })
    .Sample(at::randn({3, 4}))
    .Sample(Bools({2, 5}));

GTEST_FX_REGISTER_OP(swapaxes, [](const at::Tensor& x, int64_t a,
                                  int64_t b) { return x.swapaxes(a, b); })
    .Sample(at::randn({2, 3, 4}), 0, 2)
    .Sample(Iota({3, 4}), -1, 0);

GTEST_FX_REGISTER_OP(swapdims, [](const at::Tensor& x, int64_t a,
                                  int64_t b) { return x.swapdims(a, b); })
    .Sample(at::randn({2, 3, 4}, at::kDouble), 1, 2)
    .Sample(Bools({3, 4}), 0, 1);

GTEST_FX_REGISTER_OP(movedim_int,
                     [](const at::Tensor& x, int64_t source,
                        int64_t destination) {
                       return x.movedim(source, destination);
                     })
    .Sample(at::randn({2, 3, 4}), 0, -1)
    .Sample(Iota({2, 3, 4}).transpose(0, 1), 2, 0);

GTEST_FX_REGISTER_OP(movedim_intlist,
                     [](const at::Tensor& x, at::IntArrayRef source,
                        at::IntArrayRef destination) {
                       return x.movedim(source, destination);
                     })
    .Sample(at::randn({2, 3, 4, 5}), Dims{0, 1}, Dims{2, 3})
    .Sample(at::randn({2, 3, 4}, at::kDouble), Dims{2}, Dims{0});

GTEST_FX_REGISTER_OP(moveaxis,
                     [](const at::Tensor& x, at::IntArrayRef source,
                        at::IntArrayRef destination) {
                       return x.moveaxis(source, destination);
                     })
    .Sample(at::randn({2, 3, 4}), Dims{0, 2}, Dims{2, 0})
    .Sample(Iota({2, 3}), Dims{1}, Dims{0});

GTEST_FX_REGISTER_OP(numpy_T, [](const at::Tensor& x) { return x.numpy_T(); })
    .Sample(at::randn({2, 3, 4}))
    .Sample(Iota({3, 4}))
    .Sample(at::randn({}, at::kDouble));

GTEST_FX_REGISTER_OP(mT, [](const at::Tensor& x) { return x.mT(); })
    .Sample(at::randn({2, 3, 4}))
    .Sample(at::randn({3, 4}, at::kDouble).t());

GTEST_FX_REGISTER_OP(mH, [](const at::Tensor& x) { return x.mH(); })
    .Sample(at::randn({2, 3, 4}, at::kComplexFloat))
    .Sample(at::randn({3, 4}, at::kDouble));

GTEST_FX_REGISTER_OP(adjoint, [](const at::Tensor& x) { return x.adjoint(); })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3, 4}));

// In-place view ops: they change the input's own sizes and strides.
GTEST_FX_REGISTER_OP(transpose_inplace,
                     [](const at::Tensor& x, int64_t dim0, int64_t dim1) {
                       return x.transpose_(dim0, dim1);
                     })
    .Sample(at::randn({2, 3, 4}), 0, 2)
    .Sample(Iota({3, 4}), 1, 0);

GTEST_FX_REGISTER_OP(t_inplace, [](const at::Tensor& x) { return x.t_(); })
    .Sample(at::randn({3, 4}))
    .Sample(Iota({5}));

// ---------------------------------------------------------------------------
// Adding and removing dimensions.

GTEST_FX_REGISTER_OP(squeeze, [](const at::Tensor& x) { return x.squeeze(); })
    .Sample(at::randn({1, 3, 1, 4}))
    .Sample(at::randn({1, 1}, at::kDouble))
    .Sample(Iota({3, 1}).t())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 1, 2}));

GTEST_FX_REGISTER_OP(squeeze_dim, [](const at::Tensor& x,
                                     int64_t dim) { return x.squeeze(dim); })
    .Sample(at::randn({1, 3, 1, 4}), 2)
    .Sample(at::randn({3, 4}, at::kDouble), 0)  // not of size 1: unchanged
    .Sample(Bools({2, 1}), -1)
    .Sample(at::randn({}).requires_grad_(), 0);

GTEST_FX_REGISTER_OP(squeeze_copy_dim,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::squeeze_copy(x, dim);
                     })
    .Sample(at::randn({1, 3, 1, 4}), 2)
    .Sample(Iota({2, 1}), 1);

GTEST_FX_REGISTER_OP(squeeze_inplace,
                     [](const at::Tensor& x) { return x.squeeze_(); })
    .Sample(at::randn({1, 3, 1, 4}))
    .Sample(Iota({2, 1}));

GTEST_FX_REGISTER_OP(unsqueeze, [](const at::Tensor& x,
                                   int64_t dim) { return x.unsqueeze(dim); })
    .Sample(at::randn({3, 4}), 1)
    .Sample(at::randn({3, 4}, at::kDouble).t(), -1)
    .Sample(at::randn({}), 0)
    .Sample(Bools({0, 2}), 0)
    .Sample(Iota({2, 3}), 2);

GTEST_FX_REGISTER_OP(unsqueeze_copy,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::unsqueeze_copy(x, dim);
                     })
    .Sample(at::randn({3, 4}), 1)
    .Sample(Iota({3}), 0);

GTEST_FX_REGISTER_OP(unsqueeze_inplace,
                     [](const at::Tensor& x, int64_t dim) {
                       return x.unsqueeze_(dim);
                     })
    .Sample(at::randn({3, 4}), 1)
    .Sample(Iota({3}), 0);

GTEST_FX_REGISTER_OP(flatten, [](const at::Tensor& x, int64_t start,
                                 int64_t end) { return x.flatten(start, end); })
    .Sample(at::randn({2, 3, 4}), 0, -1)
    .Sample(at::randn({2, 3, 4, 5}, at::kDouble), 1, 2)
    .Sample(at::randn({3, 4}).t(), 0, 1)
    .Sample(at::randn({}), 0, -1)
    .Sample(Iota({0, 3}), 0, 1);

GTEST_FX_REGISTER_OP(ravel, [](const at::Tensor& x) { return x.ravel(); })
    .Sample(at::randn({2, 3, 4}))
    .Sample(at::randn({3, 4}, at::kDouble).t())
    .Sample(Bools({2, 2}))
    .Sample(at::randn({}));

GTEST_FX_REGISTER_OP(unflatten,
                     [](const at::Tensor& x, int64_t dim,
                        at::IntArrayRef sizes) {
                       return x.unflatten(dim, sizes);
                     })
    .Sample(at::randn({2, 12}), 1, gtest_fx::Size{3, 4})
    .Sample(at::randn({6, 4}, at::kDouble).t(), -1, gtest_fx::Size{2, 3})
    .Sample(Iota({8}), 0, gtest_fx::Size{2, 2, 2})
    .Sample(at::randn({0, 4}), 1, gtest_fx::Size{4, 1});

GTEST_FX_REGISTER_OP(atleast_1d,
                     [](const at::Tensor& x) { return at::atleast_1d(x); })
    .Sample(at::randn({}))
    .Sample(at::randn({3}, at::kDouble))
    .Sample(Iota({2, 3}));

GTEST_FX_REGISTER_OP(atleast_2d,
                     [](const at::Tensor& x) { return at::atleast_2d(x); })
    .Sample(at::randn({}))
    .Sample(at::randn({3}, at::kDouble))
    .Sample(Bools({2, 3}));

GTEST_FX_REGISTER_OP(atleast_3d,
                     [](const at::Tensor& x) { return at::atleast_3d(x); })
    .Sample(at::randn({}))
    .Sample(at::randn({3}, at::kDouble))
    .Sample(Iota({2, 3}))
    .Sample(at::randn({2, 3, 4}).transpose(0, 2));

GTEST_FX_REGISTER_OP(atleast_2d_Sequence, [](at::TensorList xs) {
  return at::atleast_2d(xs);
}).Sample(Tensors{at::randn({}), at::randn({3}), at::randn({2, 2})});

// ---------------------------------------------------------------------------
// Concatenation and stacking.

GTEST_FX_REGISTER_OP(cat, [](at::TensorList xs,
                             int64_t dim) { return at::cat(xs, dim); })
    .Sample(Tensors{at::randn({2, 2}, at::kComplexFloat),
                    at::randn({1, 2}, at::kComplexFloat)},
            0)
    .Sample(Tensors{at::randn({2, 3}), at::randn({4, 3})}, 0)
    // A transposed input and a double one (type promotion).
    .Sample(Tensors{at::randn({3, 2}), at::randn({2, 3}).t(),
                    at::randn({3, 1}, at::kDouble)},
            1)
    // A legacy empty 1-d tensor is skipped by cat.
    .Sample(Tensors{at::randn({2, 2}), at::randn({0})}, 0)
    .Sample(Tensors{Iota({2, 2}), Iota({2, 2})}, -1)
    .Sample(Tensors{at::randn({2, 3}).requires_grad_(), at::randn({0, 3})}, 0);

GTEST_FX_REGISTER_OP(concat, [](at::TensorList xs,
                                int64_t dim) { return at::concat(xs, dim); })
    .Sample(Tensors{at::randn({2, 3}), at::randn({2, 1})}, 1)
    .Sample(Tensors{Bools({2}), Bools({3})}, 0);

GTEST_FX_REGISTER_OP(stack, [](at::TensorList xs,
                               int64_t dim) { return at::stack(xs, dim); })
    .Sample(Tensors{at::randn({2}, at::kHalf), at::randn({2}, at::kHalf)}, 1)
    .Sample(Tensors{at::randn({2, 3}), at::randn({2, 3})}, 0)
    .Sample(Tensors{at::randn({3, 2}, at::kDouble).t(),
                    at::randn({2, 3}, at::kDouble)},
            2)
    .Sample(Tensors{at::randn({}), at::randn({}), at::randn({})}, 0)
    .Sample(Tensors{Iota({0, 2}), Iota({0, 2})}, 1);

GTEST_FX_REGISTER_OP(hstack, [](at::TensorList xs) { return at::hstack(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({2})})
    .Sample(Tensors{at::randn({2, 3}, at::kDouble),
                    at::randn({1, 2}, at::kDouble).t()})
    .Sample(Tensors{Iota({2, 2}), Iota({2, 1})});

GTEST_FX_REGISTER_OP(vstack, [](at::TensorList xs) { return at::vstack(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({3})})
    .Sample(Tensors{at::randn({2, 3}, at::kDouble),
                    at::randn({3, 1}, at::kDouble).t()})
    .Sample(Tensors{Bools({2, 2}), Bools({2})});

GTEST_FX_REGISTER_OP(row_stack,
                     [](at::TensorList xs) { return at::row_stack(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({2, 3})})
    .Sample(Tensors{Iota({2, 2}), Iota({2, 2}).t()});

GTEST_FX_REGISTER_OP(dstack, [](at::TensorList xs) { return at::dstack(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({3})})
    .Sample(Tensors{at::randn({2, 3}, at::kDouble), at::randn({2, 3, 2})})
    .Sample(Tensors{Iota({2, 2}), Iota({2, 2}).t()});

GTEST_FX_REGISTER_OP(column_stack,
                     [](at::TensorList xs) { return at::column_stack(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({3})})
    .Sample(Tensors{at::randn({3, 2}, at::kDouble), at::randn({3})})
    .Sample(Tensors{at::randn({}), at::randn({1, 2})});

GTEST_FX_REGISTER_OP(flatten_dense_tensors,
                     [](at::TensorList xs) {
                       return at::flatten_dense_tensors(xs);
                     })
    .Sample(Tensors{at::randn({2, 3}), at::randn({4}), at::randn({})})
    .Sample(Tensors{at::randn({3, 2}, at::kDouble).t()});

GTEST_FX_REGISTER_OP(block_diag,
                     [](at::TensorList xs) { return at::block_diag(xs); })
    .Sample(Tensors{at::randn({2, 3}), at::randn({1, 2})})
    .Sample(Tensors{at::randn({2, 2}, at::kDouble).t(),
                    at::randn({3}, at::kDouble), at::randn({}, at::kDouble)})
    .Sample(Tensors{Iota({2, 2}), Iota({0, 3})});

GTEST_FX_REGISTER_OP(cartesian_prod,
                     [](at::TensorList xs) { return at::cartesian_prod(xs); })
    .Sample(Tensors{at::randn({3}), at::randn({2})})
    .Sample(Tensors{Iota({2}), Iota({3}), Iota({2})})
    .Sample(Tensors{at::randn({4}, at::kDouble)});

GTEST_FX_REGISTER_OP(combinations,
                     [](const at::Tensor& x, int64_t r, bool replacement) {
                       return at::combinations(x, r, replacement);
                     })
    .Sample(at::randn({4}), 2, false)
    .Sample(Iota({3}), 2, true)
    .Sample(at::randn({4}, at::kDouble), 3, false);

GTEST_FX_REGISTER_OP(meshgrid_ij,
                     [](at::TensorList xs) { return at::meshgrid(xs, "ij"); })
    .Sample(Tensors{at::randn({3}), at::randn({4})})
    .Sample(Tensors{Iota({2}), Iota({3}), Iota({2})})
    .Sample(Tensors{at::randn({}, at::kDouble), at::randn({3}, at::kDouble)});

GTEST_FX_REGISTER_OP(meshgrid_xy, [](at::TensorList xs) {
  return at::meshgrid(xs, "xy");
}).Sample(Tensors{at::randn({3}), at::randn({4})});

// ---------------------------------------------------------------------------
// Splitting.

GTEST_FX_REGISTER_OP(split, [](const at::Tensor& x, int64_t size,
                               int64_t dim) { return x.split(size, dim); })
    .Sample(at::randn({5, 4}), 2, 0)
    .Sample(at::randn({3, 6}, at::kDouble).t(), 3, 1)
    .Sample(Iota({2, 4}), 4, -1)
    .Sample(at::randn({0, 3}), 1, 1);

GTEST_FX_REGISTER_OP(split_sizes,
                     [](const at::Tensor& x, at::IntArrayRef sizes,
                        int64_t dim) { return x.split(sizes, dim); })
    .Sample(at::randn({5, 4}), Dims{2, 3}, 0)
    .Sample(Iota({3, 6}).t(), Dims{1, 0, 2}, 1);

GTEST_FX_REGISTER_OP(split_with_sizes,
                     [](const at::Tensor& x, at::IntArrayRef sizes,
                        int64_t dim) { return x.split_with_sizes(sizes, dim); })
    .Sample(at::randn({5, 4}), Dims{1, 4}, 0)
    .Sample(at::randn({3, 6}, at::kDouble), Dims{2, 2, 2}, 1)
    .Sample(Bools({6}), Dims{3, 3}, 0);

GTEST_FX_REGISTER_OP(split_with_sizes_copy,
                     [](const at::Tensor& x, at::IntArrayRef sizes,
                        int64_t dim) {
                       return at::split_with_sizes_copy(x, sizes, dim);
                     })
    .Sample(at::randn({5, 4}), Dims{1, 4}, 0)
    .Sample(Iota({3, 6}), Dims{2, 4}, 1);

GTEST_FX_REGISTER_OP(unsafe_split_with_sizes,
                     [](const at::Tensor& x, at::IntArrayRef sizes,
                        int64_t dim) {
                       return at::unsafe_split_with_sizes(x, sizes, dim);
                     })
    .Sample(at::randn({5, 4}), Dims{1, 4}, 0)
    .Sample(Iota({3, 6}), Dims{2, 4}, 1);

GTEST_FX_REGISTER_OP(split_copy,
                     [](const at::Tensor& x, int64_t size, int64_t dim) {
                       return at::split_copy(x, size, dim);
                     })
    .Sample(at::randn({5, 4}), 2, 0)
    .Sample(Iota({2, 6}), 4, 1);

GTEST_FX_REGISTER_OP(unsafe_split,
                     [](const at::Tensor& x, int64_t size, int64_t dim) {
                       return x.unsafe_split(size, dim);
                     })
    .Sample(at::randn({5, 4}), 2, 0)
    .Sample(Iota({2, 6}), 4, 1);

GTEST_FX_REGISTER_OP(chunk, [](const at::Tensor& x, int64_t chunks,
                               int64_t dim) { return x.chunk(chunks, dim); })
    .Sample(at::randn({5, 4}), 2, 0)
    .Sample(at::randn({3, 6}, at::kDouble).t(), 3, 0)
    .Sample(Iota({2, 7}), 3, -1);

GTEST_FX_REGISTER_OP(unsafe_chunk,
                     [](const at::Tensor& x, int64_t chunks, int64_t dim) {
                       return x.unsafe_chunk(chunks, dim);
                     })
    .Sample(at::randn({6, 4}), 3, 0)
    .Sample(Iota({2, 5}), 2, 1);

GTEST_FX_REGISTER_OP(tensor_split_sections,
                     [](const at::Tensor& x, int64_t sections, int64_t dim) {
                       return x.tensor_split(sections, dim);
                     })
    .Sample(at::randn({7, 2}), 3, 0)
    .Sample(Iota({2, 5}).t(), 2, 1);

GTEST_FX_REGISTER_OP(tensor_split_indices,
                     [](const at::Tensor& x, at::IntArrayRef indices,
                        int64_t dim) { return x.tensor_split(indices, dim); })
    .Sample(at::randn({7, 2}), Dims{1, 4}, 0)
    .Sample(at::randn({3, 6}, at::kDouble), Dims{2, 2, 10}, 1);

GTEST_FX_REGISTER_OP(tensor_split_tensor,
                     [](const at::Tensor& x, const at::Tensor& indices,
                        int64_t dim) { return x.tensor_split(indices, dim); })
    .Sample(at::randn({7, 2}), at::tensor({1, 4}, at::kLong), 0)
    .Sample(Iota({3, 6}), at::scalar_tensor(3, at::kLong), 1);

GTEST_FX_REGISTER_OP(hsplit,
                     [](const at::Tensor& x, int64_t sections) {
                       return x.hsplit(sections);
                     })
    .Sample(at::randn({2, 6}), 3)
    .Sample(Iota({6}), 2);

GTEST_FX_REGISTER_OP(vsplit,
                     [](const at::Tensor& x, at::IntArrayRef indices) {
                       return x.vsplit(indices);
                     })
    .Sample(at::randn({6, 2}), Dims{1, 3})
    .Sample(at::randn({4, 3}, at::kDouble).t(), Dims{2});

GTEST_FX_REGISTER_OP(dsplit,
                     [](const at::Tensor& x, int64_t sections) {
                       return x.dsplit(sections);
                     })
    .Sample(at::randn({2, 2, 4}), 2)
    .Sample(Iota({1, 2, 3}), 3);

GTEST_FX_REGISTER_OP(unbind, [](const at::Tensor& x,
                                int64_t dim) { return x.unbind(dim); })
    .Sample(at::randn({3, 4}), 0)
    .Sample(at::randn({3, 4}, at::kDouble).t(), 1)
    .Sample(Iota({2, 0}), 0)
    .Sample(Bools({2, 3}), -1);

GTEST_FX_REGISTER_OP(unbind_copy,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::unbind_copy(x, dim);
                     })
    .Sample(at::randn({3, 4}), 1)
    .Sample(Iota({2, 3}), 0);

// ---------------------------------------------------------------------------
// Selecting parts (views).

GTEST_FX_REGISTER_OP(narrow,
                     [](const at::Tensor& x, int64_t dim, int64_t start,
                        int64_t length) {
                       return x.narrow(dim, start, length);
                     })
    .Sample(at::randn({5, 4}), 0, 1, 3)
    .Sample(at::randn({3, 6}, at::kDouble).t(), 1, 0, 2)
    .Sample(Iota({4}), 0, -2, 2)
    .Sample(at::randn({3, 4}).requires_grad_(), 1, 4, 0);

GTEST_FX_REGISTER_OP(narrow_Tensor,
                     [](const at::Tensor& x, int64_t dim,
                        const at::Tensor& start, int64_t length) {
                       return at::narrow(x, dim, start, length);
                     })
    // start is a 0-d int64 tensor, in range.
    .Sample(at::randn({5, 4}), 0, at::scalar_tensor(1, at::kLong), 3)
    .Sample(Iota({3, 6}).t(), 1, at::scalar_tensor(2, at::kLong), 1);

GTEST_FX_REGISTER_OP(select, [](const at::Tensor& x, int64_t dim,
                                int64_t index) { return x.select(dim, index); })
    .Sample(at::randn({3, 4}), 0, 1)
    .Sample(at::randn({3, 4, 2}, at::kDouble).transpose(0, 2), 1, -1)
    .Sample(Iota({4}), 0, 3)
    .Sample(Bools({2, 0}), 0, 0);

GTEST_FX_REGISTER_OP(select_copy,
                     [](const at::Tensor& x, int64_t dim, int64_t index) {
                       return at::select_copy(x, dim, index);
                     })
    .Sample(at::randn({3, 4}), 1, 2)
    .Sample(Iota({3, 4}), 0, -1);

GTEST_FX_REGISTER_OP(slice,
                     [](const at::Tensor& x, int64_t dim, int64_t start,
                        int64_t end, int64_t step) {
                       return at::slice(x, dim, start, end, step);
                     })
    .Sample(at::randn({6, 4}), 0, 1, 5, 2)
    .Sample(at::randn({3, 6}, at::kDouble).t(), 0, -4, 100, 1)
    .Sample(Iota({10}), 0, 0, 10, 3)
    .Sample(at::randn({3, 4}), 1, 2, 2, 1);

GTEST_FX_REGISTER_OP(slice_copy,
                     [](const at::Tensor& x, int64_t dim, int64_t start,
                        int64_t end, int64_t step) {
                       return at::slice_copy(x, dim, start, end, step);
                     })
    .Sample(at::randn({6, 4}), 0, 1, 5, 2)
    .Sample(Bools({3, 6}), 1, 0, 6, 4);

GTEST_FX_REGISTER_OP(unfold,
                     [](const at::Tensor& x, int64_t dim, int64_t size,
                        int64_t step) { return x.unfold(dim, size, step); })
    .Sample(at::randn({8}), 0, 3, 2)
    .Sample(at::randn({4, 6}, at::kDouble).t(), 1, 2, 1)
    .Sample(Iota({2, 5}), -1, 5, 1)
    .Sample(at::randn({}), 0, 1, 1);

GTEST_FX_REGISTER_OP(unfold_copy,
                     [](const at::Tensor& x, int64_t dim, int64_t size,
                        int64_t step) {
                       return at::unfold_copy(x, dim, size, step);
                     })
    .Sample(at::randn({8}), 0, 3, 2)
    .Sample(Iota({3, 5}), 1, 2, 2);

GTEST_FX_REGISTER_OP(alias, [](const at::Tensor& x) { return at::alias(x); })
    .Sample(at::randn({3, 4}))
    .Sample(Iota({2, 3}).t());

GTEST_FX_REGISTER_OP(alias_copy,
                     [](const at::Tensor& x) { return at::alias_copy(x); })
    .Sample(at::randn({3, 4}).t())
    .Sample(Bools({5}));

// ---------------------------------------------------------------------------
// Reordering elements.

GTEST_FX_REGISTER_OP(flip, [](const at::Tensor& x,
                              at::IntArrayRef dims) { return x.flip(dims); })
    .Sample(at::randn({2, 3}, at::kHalf), Dims{1})
    .Sample(at::randn({3, 4}), Dims{0})
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2), Dims{0, -1})
    .Sample(Iota({5}), Dims{0})
    .Sample(Bools({2, 3}), Dims{0, 1})
    .Sample(at::randn({0, 3}), Dims{1});

GTEST_FX_REGISTER_OP(fliplr, [](const at::Tensor& x) { return x.fliplr(); })
    .Sample(at::randn({3, 4}))
    .Sample(Iota({2, 3, 2}));

GTEST_FX_REGISTER_OP(flipud, [](const at::Tensor& x) { return x.flipud(); })
    .Sample(at::randn({3, 4}, at::kDouble).t())
    .Sample(Iota({4}));

GTEST_FX_REGISTER_OP(roll,
                     [](const at::Tensor& x, at::IntArrayRef shifts,
                        at::IntArrayRef dims) { return x.roll(shifts, dims); })
    .Sample(at::randn({4}, at::kComplexFloat), Dims{1}, Dims{0})
    .Sample(at::randn({3, 4}), Dims{1}, Dims{0})
    .Sample(at::randn({3, 4}, at::kDouble).t(), Dims{-1, 2}, Dims{0, 1})
    // No dims: rolls the flattened tensor.
    .Sample(Iota({2, 3}), Dims{4}, Dims{})
    .Sample(Bools({5}), Dims{7}, Dims{0});

GTEST_FX_REGISTER_OP(rot90,
                     [](const at::Tensor& x, int64_t k, at::IntArrayRef dims) {
                       return x.rot90(k, dims);
                     })
    .Sample(at::randn({3, 4}), 1, Dims{0, 1})
    .Sample(at::randn({2, 3, 4}, at::kDouble), 2, Dims{1, 2})
    .Sample(Iota({2, 3}), -1, Dims{0, 1})
    .Sample(Iota({2, 3}).t(), 4, Dims{1, 0});

// ---------------------------------------------------------------------------
// Repetition.

GTEST_FX_REGISTER_OP(repeat,
                     [](const at::Tensor& x, at::IntArrayRef repeats) {
                       return x.repeat(repeats);
                     })
    .Sample(at::randn({2}, at::kBFloat16), gtest_fx::Size{2, 2})
    .Sample(at::randn({2, 3}), gtest_fx::Size{2, 2})
    .Sample(at::randn({3}, at::kDouble), gtest_fx::Size{2, 1, 2})
    .Sample(Iota({2, 2}).t(), gtest_fx::Size{1, 3})
    .Sample(at::randn({}), gtest_fx::Size{3})
    .Sample(at::randn({2}).requires_grad_(), gtest_fx::Size{0, 2});

GTEST_FX_REGISTER_OP(tile, [](const at::Tensor& x,
                              at::IntArrayRef dims) { return x.tile(dims); })
    .Sample(at::randn({2, 3}), gtest_fx::Size{2, 2})
    // Fewer reps than dims: leading ones are implied.
    .Sample(at::randn({2, 2, 2}, at::kDouble), gtest_fx::Size{3})
    .Sample(Bools({3}), gtest_fx::Size{2, 1});

GTEST_FX_REGISTER_OP(repeat_interleave_self_int,
                     [](const at::Tensor& x, int64_t repeats, int64_t dim) {
                       return x.repeat_interleave(repeats, dim);
                     })
    .Sample(at::randn({2, 3}), 2, 0)
    .Sample(at::randn({2, 3}, at::kDouble).t(), 3, 1)
    .Sample(Iota({4}), 2, -1);

GTEST_FX_REGISTER_OP(repeat_interleave_flat,
                     [](const at::Tensor& x, int64_t repeats) {
                       return x.repeat_interleave(repeats);
                     })
    .Sample(at::randn({2, 3}), 2)
    .Sample(Iota({3}), 3);

GTEST_FX_REGISTER_OP(repeat_interleave_self_Tensor,
                     [](const at::Tensor& x, const at::Tensor& repeats,
                        int64_t dim) {
                       return x.repeat_interleave(repeats, dim);
                     })
    // Repeats are non-negative and have one entry per row.
    .Sample(at::randn({3, 2}), at::tensor({1, 0, 2}, at::kLong), 0)
    .Sample(Iota({2, 3}), at::tensor({2, 1, 1}, at::kLong), 1);

GTEST_FX_REGISTER_OP(repeat_interleave_Tensor,
                     [](const at::Tensor& repeats) {
                       return at::repeat_interleave(repeats);
                     })
    // Repeats are non-negative.
    .Sample(at::tensor({1, 0, 3, 2}, at::kLong));

// ---------------------------------------------------------------------------
// Memory layout.

GTEST_FX_REGISTER_OP(contiguous,
                     [](const at::Tensor& x) { return x.contiguous(); })
    .Sample(at::randn({3, 4}).t())
    .Sample(at::randn({2, 3, 4}, at::kDouble).transpose(0, 2))
    .Sample(Iota({6}).narrow(0, 1, 4))
    .Sample(at::randn({3, 4}));

GTEST_FX_REGISTER_OP(contiguous_channels_last,
                     [](const at::Tensor& x) {
                       return x.contiguous(at::MemoryFormat::ChannelsLast);
                     })
    .Sample(at::randn({2, 3, 2, 2}))
    .Sample(at::randn({1, 2, 3, 2}, at::kDouble));

GTEST_FX_REGISTER_OP(clone, [](const at::Tensor& x) { return x.clone(); })
    .Sample(at::randn({2, 3}, at::kComplexFloat).t())
    .Sample(at::randn({3, 4}).t())
    .Sample(at::randn({2, 3}, at::kDouble).requires_grad_())
    .Sample(Bools({4}))
    .Sample(at::randn({}))
    .Sample(at::randn({3, 1}).expand({3, 4}));

GTEST_FX_REGISTER_OP(clone_contiguous_format,
                     [](const at::Tensor& x) {
                       return x.clone(at::MemoryFormat::Contiguous);
                     })
    .Sample(at::randn({3, 4}).t())
    .Sample(Iota({2, 3, 4}).transpose(0, 2));

GTEST_FX_REGISTER_OP(clone_channels_last,
                     [](const at::Tensor& x) {
                       return x.clone(at::MemoryFormat::ChannelsLast);
                     })
    .Sample(at::randn({2, 3, 2, 2}))
    .Sample(at::randn({1, 2, 3, 2}, at::kDouble).transpose(2, 3));

GTEST_FX_REGISTER_OP(broadcast_tensors,
                     [](at::TensorList xs) {
                       return at::broadcast_tensors(xs);
                     })
    .Sample(Tensors{at::randn({3, 1}), at::randn({4})})
    .Sample(Tensors{at::randn({}, at::kDouble), Iota({2, 3}).t(),
                    Bools({1, 2})})
    .Sample(Tensors{at::randn({0, 1}), at::randn({3})});

// ---------------------------------------------------------------------------
// Complex numbers as views and pairs of reals.

GTEST_FX_REGISTER_OP(view_as_real,
                     [](const at::Tensor& x) { return at::view_as_real(x); })
    .Sample(at::randn({3}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t())
    .Sample(at::randn({}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(view_as_real_copy, [](const at::Tensor& x) {
  return at::view_as_real_copy(x);
}).Sample(at::randn({2, 3}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(view_as_complex,
                     [](const at::Tensor& x) { return at::view_as_complex(x); })
    // The last dimension has size 2 and stride 1; other strides are even.
    .Sample(at::randn({3, 2}))
    .Sample(at::randn({2, 4, 2}, at::kDouble))
    .Sample(at::randn({3, 4, 2}).transpose(0, 1))
    .Sample(at::randn({2}));

GTEST_FX_REGISTER_OP(view_as_complex_copy,
                     [](const at::Tensor& x) {
                       return at::view_as_complex_copy(x);
                     })
    // The last dimension has size 2 and stride 1.
    .Sample(at::randn({3, 2}));

GTEST_FX_REGISTER_OP(real, [](const at::Tensor& x) { return at::real(x); })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t())
    .Sample(at::randn({3}));  // a real tensor is returned as it is

GTEST_FX_REGISTER_OP(imag, [](const at::Tensor& x) { return at::imag(x); })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t())
    .Sample(at::randn({}, at::kComplexFloat));

GTEST_FX_REGISTER_OP(conj, [](const at::Tensor& x) { return x.conj(); })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t())
    .Sample(at::randn({3}));  // a real tensor is returned as it is

GTEST_FX_REGISTER_OP(resolve_conj,
                     [](const at::Tensor& x) { return x.resolve_conj(); })
    .Sample(at::randn({3, 4}, at::kComplexFloat).conj())
    .Sample(at::randn({2, 3}, at::kComplexDouble));

GTEST_FX_REGISTER_OP(conj_then_resolve,
                     [](const at::Tensor& x) {
                       return x.conj().resolve_conj();
                     })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t());

GTEST_FX_REGISTER_OP(resolve_neg,
                     [](const at::Tensor& x) { return x.resolve_neg(); })
    .Sample(at::randn({3, 4}, at::kComplexFloat))
    .Sample(at::randn({2, 3}));

GTEST_FX_REGISTER_OP(neg_view,
                     [](const at::Tensor& x) { return at::_neg_view(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 3}, at::kComplexDouble).t());

GTEST_FX_REGISTER_OP(neg_view_then_resolve,
                     [](const at::Tensor& x) {
                       return at::_neg_view(x).resolve_neg();
                     })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({2, 3}, at::kDouble).t());

GTEST_FX_REGISTER_OP(complex,
                     [](const at::Tensor& re, const at::Tensor& im) {
                       return at::complex(re, im);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}))
    .Sample(at::randn({2, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble))
    .Sample(at::randn({}), at::randn({3}));

GTEST_FX_REGISTER_OP(polar,
                     [](const at::Tensor& abs, const at::Tensor& angle) {
                       return at::polar(abs, angle);
                     })
    .Sample(at::rand({3, 4}), at::randn({3, 4}))
    .Sample(at::rand({2, 3}, at::kDouble).t(), at::randn({3, 1}, at::kDouble));
