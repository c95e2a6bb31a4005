// Samples for the nn family of aten operators: the building blocks of
// torch.nn.functional (convolutions, pooling, normalization, linear layers,
// activations, softmax, losses, distances, shuffles, padding and resampling).
//
// Class-index and other index tensors are int64, which gtest_fx never
// randomizes, so they stay in range in every variant.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

#include <cstdint>
#include <tuple>
#include <vector>

#include "sample_values.h"

namespace {

using Ints = std::vector<int64_t>;
using OptTensor = c10::optional<at::Tensor>;
using gtest_fx::aten::Indices;
using gtest_fx::aten::Probs;

// ---------------------------------------------------------------------------
// Convolutions.

GTEST_FX_REGISTER_OP(conv1d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef stride,
                        at::IntArrayRef padding, at::IntArrayRef dilation,
                        int64_t groups) {
                       return at::conv1d(x, w, b, stride, padding, dilation,
                                         groups);
                     })
    .Sample(at::randn({2, 4, 10}), at::randn({6, 4, 3}), at::randn({6}),
            Ints{1}, Ints{0}, Ints{1}, 1)
    .Sample(at::randn({2, 4, 10}, at::kDouble),
            at::randn({4, 2, 3}, at::kDouble), c10::nullopt, Ints{2}, Ints{1},
            Ints{2}, 2)
    .Sample(at::randn({2, 10, 4}).transpose(1, 2),
            at::randn({3, 4, 2}).requires_grad_(), at::randn({3}), Ints{1},
            Ints{1}, Ints{1}, 1)
    // Unbatched input (C, L).
    .Sample(at::randn({4, 7}), at::randn({2, 4, 3}), c10::nullopt, Ints{1},
            Ints{0}, Ints{1}, 1);

// padding="same" goes through the conv1d.padding overload.
GTEST_FX_REGISTER_OP(conv1d_padding_same,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef dilation) {
                       return at::conv1d(x, w, b, /*stride=*/1, "same",
                                         dilation);
                     })
    .Sample(at::randn({2, 3, 8}), at::randn({4, 3, 3}), at::randn({4}), Ints{1})
    .Sample(at::randn({1, 2, 9}, at::kDouble),
            at::randn({2, 2, 4}, at::kDouble), c10::nullopt, Ints{2});

GTEST_FX_REGISTER_OP(conv2d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef stride,
                        at::IntArrayRef padding, at::IntArrayRef dilation,
                        int64_t groups) {
                       return at::conv2d(x, w, b, stride, padding, dilation,
                                         groups);
                     })
    .Sample(at::randn({2, 4, 6, 6}), at::randn({6, 4, 3, 3}), at::randn({6}),
            Ints{1, 1}, Ints{0, 0}, Ints{1, 1}, 1)
    // Strided, asymmetric padding, grouped.
    .Sample(at::randn({1, 4, 7, 7}, at::kDouble),
            at::randn({4, 2, 3, 3}, at::kDouble), c10::nullopt, Ints{2, 2},
            Ints{1, 2}, Ints{1, 1}, 2)
    // Dilated, channels-last input.
    .Sample(at::randn({1, 2, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast),
            at::randn({3, 2, 3, 3}), c10::nullopt, Ints{1, 1}, Ints{2, 2},
            Ints{2, 2}, 1)
    // Depthwise, with a weight that requires grad.
    .Sample(at::randn({2, 3, 5, 5}), at::randn({3, 1, 3, 3}).requires_grad_(),
            at::randn({3}), Ints{1, 1}, Ints{1, 1}, Ints{1, 1}, 3);

GTEST_FX_REGISTER_OP(conv2d_padding_same,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b) {
                       return at::conv2d(x, w, b, /*stride=*/1, "same");
                     })
    .Sample(at::randn({1, 2, 5, 6}), at::randn({3, 2, 3, 2}), at::randn({3}))
    .Sample(at::randn({2, 2, 4, 4}, at::kDouble),
            at::randn({2, 2, 3, 3}, at::kDouble), c10::nullopt);

GTEST_FX_REGISTER_OP(conv3d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef stride,
                        at::IntArrayRef padding, at::IntArrayRef dilation,
                        int64_t groups) {
                       return at::conv3d(x, w, b, stride, padding, dilation,
                                         groups);
                     })
    .Sample(at::randn({1, 2, 4, 4, 4}), at::randn({3, 2, 2, 2, 2}),
            at::randn({3}), Ints{1, 1, 1}, Ints{0, 0, 0}, Ints{1, 1, 1}, 1)
    .Sample(at::randn({1, 2, 5, 5, 5}, at::kDouble),
            at::randn({2, 1, 3, 3, 3}, at::kDouble), c10::nullopt,
            Ints{2, 2, 2}, Ints{1, 1, 1}, Ints{1, 1, 1}, 2);

GTEST_FX_REGISTER_OP(conv_transpose1d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef stride,
                        at::IntArrayRef padding, at::IntArrayRef output_padding,
                        int64_t groups, at::IntArrayRef dilation) {
                       return at::conv_transpose1d(x, w, b, stride, padding,
                                                   output_padding, groups,
                                                   dilation);
                     })
    .Sample(at::randn({2, 4, 5}), at::randn({4, 3, 3}), at::randn({3}), Ints{1},
            Ints{0}, Ints{0}, 1, Ints{1})
    .Sample(at::randn({1, 4, 5}, at::kDouble),
            at::randn({4, 2, 3}, at::kDouble), c10::nullopt, Ints{2}, Ints{1},
            Ints{1}, 2, Ints{1})
    .Sample(at::randn({2, 6, 3}).transpose(1, 2),
            at::randn({3, 2, 2}).requires_grad_(), c10::nullopt, Ints{1},
            Ints{0}, Ints{0}, 1, Ints{2});

GTEST_FX_REGISTER_OP(conv_transpose2d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b, at::IntArrayRef stride,
                        at::IntArrayRef padding, at::IntArrayRef output_padding,
                        int64_t groups, at::IntArrayRef dilation) {
                       return at::conv_transpose2d(x, w, b, stride, padding,
                                                   output_padding, groups,
                                                   dilation);
                     })
    .Sample(at::randn({1, 4, 4, 4}), at::randn({4, 2, 3, 3}), at::randn({2}),
            Ints{1, 1}, Ints{0, 0}, Ints{0, 0}, 1, Ints{1, 1})
    .Sample(at::randn({1, 4, 3, 3}, at::kDouble),
            at::randn({4, 1, 3, 3}, at::kDouble), c10::nullopt, Ints{2, 2},
            Ints{1, 1}, Ints{1, 1}, 2, Ints{1, 1});

GTEST_FX_REGISTER_OP(conv_transpose3d,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b) {
                       return at::conv_transpose3d(x, w, b, /*stride=*/2);
                     })
    .Sample(at::randn({1, 2, 3, 3, 3}), at::randn({2, 2, 2, 2, 2}),
            at::randn({2}))
    .Sample(at::randn({1, 1, 2, 3, 2}, at::kDouble),
            at::randn({1, 2, 2, 2, 2}, at::kDouble), c10::nullopt);

GTEST_FX_REGISTER_DISPATCHER_OP(convolution, "aten::convolution")
    .Sample(at::randn({1, 2, 5, 5}), at::randn({3, 2, 3, 3}), at::randn({3}),
            Ints{1, 1}, Ints{1, 1}, Ints{1, 1}, false, Ints{0, 0}, 1)
    // Transposed.
    .Sample(at::randn({1, 2, 4, 4}, at::kDouble),
            at::randn({2, 3, 3, 3}, at::kDouble), c10::nullopt, Ints{2, 2},
            Ints{0, 0}, Ints{1, 1}, true, Ints{1, 1}, 1);

// ---------------------------------------------------------------------------
// Pooling.

GTEST_FX_REGISTER_OP(max_pool1d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        at::IntArrayRef dilation, bool ceil_mode) {
                       return at::max_pool1d(x, kernel, stride, padding,
                                             dilation, ceil_mode);
                     })
    .Sample(at::randn({2, 3, 10}), Ints{3}, Ints{2}, Ints{1}, Ints{1}, false)
    // Empty stride means stride = kernel.
    .Sample(at::randn({1, 2, 9}, at::kDouble), Ints{2}, Ints{}, Ints{0},
            Ints{1}, true)
    // Unbatched, dilated.
    .Sample(at::randn({3, 10}).requires_grad_(), Ints{2}, Ints{1}, Ints{0},
            Ints{2}, false);

GTEST_FX_REGISTER_OP(max_pool2d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        at::IntArrayRef dilation, bool ceil_mode) {
                       return at::max_pool2d(x, kernel, stride, padding,
                                             dilation, ceil_mode);
                     })
    .Sample(at::randn({2, 3, 8, 8}), Ints{2, 2}, Ints{2, 2}, Ints{0, 0},
            Ints{1, 1}, false)
    .Sample(at::randn({1, 2, 7, 7}, at::kDouble), Ints{3, 3}, Ints{2, 2},
            Ints{1, 1}, Ints{1, 1}, true)
    .Sample(at::randn({1, 3, 6, 6}).transpose(2, 3), Ints{2, 2}, Ints{1, 1},
            Ints{0, 0}, Ints{2, 2}, false)
    .Sample(at::randn({2, 6, 6}, at::kBFloat16), Ints{2, 3}, Ints{}, Ints{1, 1},
            Ints{1, 1}, false);

GTEST_FX_REGISTER_OP(max_pool2d_with_indices,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        bool ceil_mode) {
                       return at::max_pool2d_with_indices(
                           x, kernel, stride, padding, /*dilation=*/1,
                           ceil_mode);
                     })
    .Sample(at::randn({2, 3, 6, 6}), Ints{2, 2}, Ints{2, 2}, Ints{0, 0}, false)
    .Sample(at::randn({1, 2, 7, 5}, at::kDouble), Ints{3, 2}, Ints{2, 1},
            Ints{1, 1}, true)
    .Sample(at::randn({1, 4, 4, 2}).permute({0, 3, 1, 2}), Ints{2, 2},
            Ints{1, 1}, Ints{0, 0}, false);

GTEST_FX_REGISTER_OP(max_pool3d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        bool ceil_mode) {
                       return at::max_pool3d(x, kernel, stride, padding,
                                             /*dilation=*/1, ceil_mode);
                     })
    .Sample(at::randn({1, 2, 4, 4, 4}), Ints{2, 2, 2}, Ints{2, 2, 2},
            Ints{0, 0, 0}, false)
    .Sample(at::randn({2, 3, 5, 5}, at::kDouble), Ints{3, 3, 3}, Ints{2, 2, 2},
            Ints{1, 1, 1}, true);

GTEST_FX_REGISTER_OP(avg_pool1d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        bool ceil_mode, bool count_include_pad) {
                       return at::avg_pool1d(x, kernel, stride, padding,
                                             ceil_mode, count_include_pad);
                     })
    .Sample(at::randn({2, 3, 10}), Ints{3}, Ints{2}, Ints{1}, false, true)
    .Sample(at::randn({1, 2, 9}, at::kDouble), Ints{2}, Ints{}, Ints{1}, true,
            false)
    .Sample(at::randn({3, 8}).requires_grad_(), Ints{4}, Ints{1}, Ints{0},
            false, true);

GTEST_FX_REGISTER_OP(avg_pool2d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        bool ceil_mode, bool count_include_pad,
                        c10::optional<int64_t> divisor_override) {
                       return at::avg_pool2d(x, kernel, stride, padding,
                                             ceil_mode, count_include_pad,
                                             divisor_override);
                     })
    .Sample(at::randn({2, 3, 6, 6}), Ints{2, 2}, Ints{2, 2}, Ints{0, 0}, false,
            true, c10::nullopt)
    .Sample(at::randn({1, 2, 7, 7}, at::kDouble), Ints{3, 3}, Ints{2, 2},
            Ints{1, 1}, true, false, c10::nullopt)
    .Sample(at::randn({1, 2, 6, 6}).transpose(2, 3), Ints{3, 2}, Ints{1, 2},
            Ints{1, 0}, false, true, 4)
    .Sample(at::randn({2, 5, 5}, at::kBFloat16), Ints{2, 2}, Ints{}, Ints{0, 0},
            false, true, c10::nullopt);

GTEST_FX_REGISTER_OP(avg_pool3d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef stride, at::IntArrayRef padding,
                        bool count_include_pad,
                        c10::optional<int64_t> divisor_override) {
                       return at::avg_pool3d(x, kernel, stride, padding,
                                             /*ceil_mode=*/false,
                                             count_include_pad,
                                             divisor_override);
                     })
    .Sample(at::randn({1, 2, 4, 4, 4}), Ints{2, 2, 2}, Ints{2, 2, 2},
            Ints{0, 0, 0}, true, c10::nullopt)
    .Sample(at::randn({2, 4, 4, 4}, at::kDouble), Ints{3, 3, 3}, Ints{1, 1, 1},
            Ints{1, 1, 1}, false, 5);

GTEST_FX_REGISTER_OP(adaptive_avg_pool1d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_avg_pool1d(x, output_size);
                     })
    .Sample(at::randn({2, 3, 10}), gtest_fx::Size{4})
    .Sample(at::randn({2, 7}, at::kDouble), gtest_fx::Size{3})
    .Sample(at::randn({1, 5, 3}).transpose(1, 2), gtest_fx::Size{1});

GTEST_FX_REGISTER_OP(adaptive_avg_pool2d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_avg_pool2d(x, output_size);
                     })
    .Sample(at::randn({2, 3, 7, 6}), gtest_fx::Size{3, 2})
    .Sample(at::randn({2, 5, 5}, at::kDouble), gtest_fx::Size{2, 4})
    // 1x1 output takes the mean fast path.
    .Sample(at::randn({2, 3, 4, 4}).requires_grad_(), gtest_fx::Size{1, 1})
    .Sample(at::randn({1, 2, 6, 6}).contiguous(at::MemoryFormat::ChannelsLast),
            gtest_fx::Size{3, 3});

GTEST_FX_REGISTER_OP(adaptive_avg_pool3d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_avg_pool3d(x, output_size);
                     })
    .Sample(at::randn({1, 2, 4, 5, 3}), gtest_fx::Size{2, 2, 2})
    .Sample(at::randn({2, 3, 4, 4}, at::kDouble), gtest_fx::Size{3, 1, 2});

GTEST_FX_REGISTER_OP(adaptive_max_pool1d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_max_pool1d(x, output_size);
                     })
    .Sample(at::randn({2, 3, 10}), gtest_fx::Size{4})
    .Sample(at::randn({2, 7}, at::kDouble), gtest_fx::Size{3});

GTEST_FX_REGISTER_OP(adaptive_max_pool2d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_max_pool2d(x, output_size);
                     })
    .Sample(at::randn({2, 3, 7, 6}), gtest_fx::Size{3, 2})
    .Sample(at::randn({2, 5, 5}, at::kDouble), gtest_fx::Size{2, 4})
    .Sample(at::randn({1, 2, 6, 4}).transpose(2, 3), gtest_fx::Size{2, 2});

GTEST_FX_REGISTER_OP(adaptive_max_pool3d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::adaptive_max_pool3d(x, output_size);
                     })
    .Sample(at::randn({1, 2, 4, 5, 3}), gtest_fx::Size{2, 2, 2})
    .Sample(at::randn({2, 3, 4, 4}, at::kDouble), gtest_fx::Size{3, 1, 2});

// random_samples holds values in [0, 1) in every variant.
GTEST_FX_REGISTER_OP(fractional_max_pool2d,
                     [](const at::Tensor& x, at::IntArrayRef kernel,
                        at::IntArrayRef output_size,
                        const at::Tensor& random_samples) {
                       return at::fractional_max_pool2d(x, kernel, output_size,
                                                        random_samples);
                     })
    .Sample(at::randn({1, 2, 8, 8}), Ints{2, 2}, gtest_fx::Size{4, 4},
            at::rand({1, 2, 2}))
    .Sample(at::randn({2, 7, 6}, at::kDouble), Ints{3, 2}, gtest_fx::Size{3, 4},
            at::rand({1, 2, 2}, at::kDouble));

// The indices come from max_pool2d_with_indices, so they are always valid.
GTEST_FX_REGISTER_OP(
    max_unpool2d,
    [](const at::Tensor& x, at::IntArrayRef output_size) {
      auto [values, indices] = at::max_pool2d_with_indices(x, {2, 2});
      return at::max_unpool2d(values, indices, output_size);
    })
    .Sample(at::randn({1, 2, 4, 4}), gtest_fx::Size{4, 4})
    .Sample(at::randn({2, 5, 5}, at::kDouble), gtest_fx::Size{5, 5});

// ---------------------------------------------------------------------------
// Normalization.

GTEST_FX_REGISTER_OP(batch_norm,
                     [](const at::Tensor& x, const OptTensor& weight,
                        const OptTensor& bias, const OptTensor& running_mean,
                        const OptTensor& running_var, bool training,
                        double momentum, double eps) {
                       return at::batch_norm(x, weight, bias, running_mean,
                                             running_var, training, momentum,
                                             eps, /*cudnn_enabled=*/false);
                     })
    // Training updates the running statistics in place.
    .Sample(at::randn({4, 3}), at::randn({3}), at::randn({3}), at::zeros({3}),
            at::ones({3}), true, 0.1, 1e-5)
    // Evaluation: running_var is positive.
    .Sample(at::randn({2, 3, 4, 4}, at::kDouble), at::randn({3}, at::kDouble),
            at::randn({3}, at::kDouble), at::randn({3}, at::kDouble),
            at::rand({3}, at::kDouble) + 0.5, false, 0.1, 1e-5)
    // Training without running statistics or affine parameters.
    .Sample(at::randn({2, 5, 3}).transpose(1, 2), c10::nullopt, c10::nullopt,
            c10::nullopt, c10::nullopt, true, 0.1, 1e-5)
    .Sample(at::randn({3, 2, 5}).requires_grad_(),
            at::randn({2}).requires_grad_(), at::randn({2}), at::zeros({2}),
            at::ones({2}), true, 0.3, 1e-3);

GTEST_FX_REGISTER_DISPATCHER_OP(native_batch_norm, "aten::native_batch_norm")
    .Sample(at::randn({4, 3, 2}), at::randn({3}), at::randn({3}),
            at::zeros({3}), at::ones({3}), true, 0.1, 1e-5)
    .Sample(at::randn({2, 3}, at::kDouble), c10::nullopt, c10::nullopt,
            at::randn({3}, at::kDouble), at::rand({3}, at::kDouble) + 0.5,
            false, 0.1, 1e-5);

GTEST_FX_REGISTER_OP(layer_norm,
                     [](const at::Tensor& x, at::IntArrayRef normalized_shape,
                        const OptTensor& weight, const OptTensor& bias,
                        double eps) {
                       return at::layer_norm(x, normalized_shape, weight, bias,
                                             eps);
                     })
    .Sample(at::randn({2, 3, 4}), gtest_fx::Size{4}, at::randn({4}),
            at::randn({4}), 1e-5)
    .Sample(at::randn({2, 3, 4}, at::kDouble), gtest_fx::Size{3, 4},
            c10::nullopt, c10::nullopt, 1e-5)
    .Sample(at::randn({6, 5}).t().requires_grad_(), gtest_fx::Size{6},
            at::randn({6}), at::randn({6}), 1e-3)
    .Sample(at::randn({2, 8}, at::kBFloat16), gtest_fx::Size{8},
            at::randn({8}, at::kBFloat16), at::randn({8}, at::kBFloat16), 1e-5);

GTEST_FX_REGISTER_DISPATCHER_OP(native_layer_norm, "aten::native_layer_norm")
    .Sample(at::randn({2, 3, 4}), gtest_fx::Size{4}, at::randn({4}),
            at::randn({4}), 1e-5)
    .Sample(at::randn({3, 5}, at::kDouble), gtest_fx::Size{5}, c10::nullopt,
            c10::nullopt, 1e-5);

GTEST_FX_REGISTER_OP(group_norm,
                     [](const at::Tensor& x, int64_t num_groups,
                        const OptTensor& weight, const OptTensor& bias,
                        double eps) {
                       return at::group_norm(x, num_groups, weight, bias, eps);
                     })
    .Sample(at::randn({2, 6, 4}), 3, at::randn({6}), at::randn({6}), 1e-5)
    .Sample(at::randn({2, 4, 3, 3}, at::kDouble), 2, c10::nullopt, c10::nullopt,
            1e-5)
    .Sample(at::randn({3, 4}).requires_grad_(), 4, at::randn({4}), c10::nullopt,
            1e-3);

GTEST_FX_REGISTER_DISPATCHER_OP(native_group_norm, "aten::native_group_norm")
    .Sample(at::randn({2, 6, 4}), at::randn({6}), at::randn({6}), 2, 6, 4, 3,
            1e-5)
    .Sample(at::randn({2, 4, 3, 3}, at::kDouble), c10::nullopt, c10::nullopt, 2,
            4, 9, 2, 1e-5);

GTEST_FX_REGISTER_OP(instance_norm,
                     [](const at::Tensor& x, const OptTensor& weight,
                        const OptTensor& bias, const OptTensor& running_mean,
                        const OptTensor& running_var, bool use_input_stats) {
                       return at::instance_norm(x, weight, bias, running_mean,
                                                running_var, use_input_stats,
                                                /*momentum=*/0.1, /*eps=*/1e-5,
                                                /*cudnn_enabled=*/false);
                     })
    .Sample(at::randn({2, 3, 5}), at::randn({3}), at::randn({3}), c10::nullopt,
            c10::nullopt, true)
    // Input statistics with running statistics: updated in place.
    .Sample(at::randn({2, 3, 4, 4}, at::kDouble), c10::nullopt, c10::nullopt,
            at::zeros({3}, at::kDouble), at::ones({3}, at::kDouble), true)
    // Running statistics only: running_var is positive.
    .Sample(at::randn({2, 3, 5}), at::randn({3}), at::randn({3}),
            at::randn({3}), at::rand({3}) + 0.5, false);

GTEST_FX_REGISTER_DISPATCHER_OP(weight_norm, "aten::_weight_norm")
    .Sample(at::randn({4, 3}), at::randn({4, 1}), 0)
    .Sample(at::randn({2, 3, 4}, at::kDouble),
            at::randn({1, 1, 4}, at::kDouble), 2);

// ---------------------------------------------------------------------------
// Linear layers.

GTEST_FX_REGISTER_OP(linear,
                     [](const at::Tensor& x, const at::Tensor& w,
                        const OptTensor& b) { return at::linear(x, w, b); })
    .Sample(at::randn({4, 5}), at::randn({3, 5}), at::randn({3}))
    .Sample(at::randn({2, 3, 5}, at::kDouble), at::randn({4, 5}, at::kDouble),
            c10::nullopt)
    .Sample(at::randn({0, 5}), at::randn({5, 3}).t(), at::randn({3}))
    .Sample(at::randn({5}).requires_grad_(), at::randn({2, 5}).requires_grad_(),
            at::randn({2}))
    .Sample(at::randn({3, 4}, at::kBFloat16), at::randn({2, 4}, at::kBFloat16),
            at::randn({2}, at::kBFloat16));

GTEST_FX_REGISTER_OP(bilinear,
                     [](const at::Tensor& x1, const at::Tensor& x2,
                        const at::Tensor& w, const OptTensor& b) {
                       return at::bilinear(x1, x2, w, b);
                     })
    .Sample(at::randn({4, 3}), at::randn({4, 5}), at::randn({6, 3, 5}),
            at::randn({6}))
    .Sample(at::randn({2, 2, 3}, at::kDouble),
            at::randn({2, 2, 2}, at::kDouble),
            at::randn({4, 3, 2}, at::kDouble), c10::nullopt);

// ---------------------------------------------------------------------------
// Activations.

GTEST_FX_REGISTER_OP(relu, [](const at::Tensor& x) { return at::relu(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({}))
    .Sample(at::randn({0, 3}))
    .Sample(at::randn({2, 3}, at::kBFloat16))
    .Sample(at::randint(-5, 5, {6}, at::kLong))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(relu6, [](const at::Tensor& x) { return at::relu6(x); })
    .Sample(at::randn({3, 4}) * 5)
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5)
    .Sample(at::randn({2, 3}, at::kBFloat16))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(leaky_relu,
                     [](const at::Tensor& x, const at::Scalar& negative_slope) {
                       return at::leaky_relu(x, negative_slope);
                     })
    .Sample(at::randn({3, 4}), 0.01)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.2)
    .Sample(at::randn({}), -0.5)
    .Sample(at::randn({2, 3}, at::kBFloat16), 0.1)
    .Sample(at::randn({5}).requires_grad_(), 0.3);

GTEST_FX_REGISTER_OP(elu,
                     [](const at::Tensor& x, const at::Scalar& alpha,
                        const at::Scalar& scale,
                        const at::Scalar& input_scale) {
                       return at::elu(x, alpha, scale, input_scale);
                     })
    .Sample(at::randn({3, 4}), 1.0, 1.0, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5, 2.0, 1.5)
    .Sample(at::randn({2, 3}, at::kBFloat16), 1.0, 1.0, 1.0)
    .Sample(at::randn({5}).requires_grad_(), 2.0, 1.0, 1.0);

GTEST_FX_REGISTER_OP(selu, [](const at::Tensor& x) { return at::selu(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(celu,
                     [](const at::Tensor& x, const at::Scalar& alpha) {
                       return at::celu(x, alpha);
                     })
    .Sample(at::randn({3, 4}), 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5)
    .Sample(at::randn({5}).requires_grad_(), 2.0);

GTEST_FX_REGISTER_OP(gelu,
                     [](const at::Tensor& x, bool tanh_approximation) {
                       return at::gelu(x, tanh_approximation ? "tanh" : "none");
                     })
    .Sample(at::randn({3, 4}), false)
    .Sample(at::randn({3, 4}), true)
    .Sample(at::randn({4, 3}, at::kDouble).t(), true)
    .Sample(at::randn({2, 3}, at::kBFloat16), false)
    .Sample(at::randn({5}).requires_grad_(), false);

GTEST_FX_REGISTER_OP(silu, [](const at::Tensor& x) { return at::silu(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({2, 3}, at::kBFloat16))
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(mish, [](const at::Tensor& x) { return at::mish(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(hardtanh,
                     [](const at::Tensor& x, const at::Scalar& min_val,
                        const at::Scalar& max_val) {
                       return at::hardtanh(x, min_val, max_val);
                     })
    .Sample(at::randn({3, 4}), -1.0, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), -0.5, 2.0)
    .Sample(at::randn({2, 3}, at::kBFloat16), -1.0, 1.0)
    .Sample(at::randn({5}).requires_grad_(), 0.0, 0.5);

GTEST_FX_REGISTER_OP(hardsigmoid,
                     [](const at::Tensor& x) { return at::hardsigmoid(x); })
    .Sample(at::randn({3, 4}) * 4)
    .Sample(at::randn({4, 3}, at::kDouble).t() * 4)
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(hardswish,
                     [](const at::Tensor& x) { return at::hardswish(x); })
    .Sample(at::randn({3, 4}) * 4)
    .Sample(at::randn({4, 3}, at::kDouble).t() * 4)
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(softplus,
                     [](const at::Tensor& x, const at::Scalar& beta,
                        const at::Scalar& threshold) {
                       return at::softplus(x, beta, threshold);
                     })
    .Sample(at::randn({3, 4}), 1.0, 20.0)
    .Sample(at::randn({4, 3}, at::kDouble).t() * 5, 2.0, 3.0)
    .Sample(at::randn({5}).requires_grad_(), 0.5, 20.0);

GTEST_FX_REGISTER_OP(softshrink,
                     [](const at::Tensor& x, const at::Scalar& lambd) {
                       return at::softshrink(x, lambd);
                     })
    .Sample(at::randn({3, 4}), 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1.0)
    .Sample(at::randn({5}).requires_grad_(), 0.2);

GTEST_FX_REGISTER_OP(hardshrink,
                     [](const at::Tensor& x, const at::Scalar& lambd) {
                       return at::hardshrink(x, lambd);
                     })
    .Sample(at::randn({3, 4}), 0.5)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 1.0)
    .Sample(at::randn({5}).requires_grad_(), 0.2);

// F.tanhshrink has no aten op of its own: x - tanh(x).
GTEST_FX_REGISTER_OP(tanhshrink,
                     [](const at::Tensor& x) { return x - at::tanh(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(threshold,
                     [](const at::Tensor& x, const at::Scalar& threshold,
                        const at::Scalar& value) {
                       return at::threshold(x, threshold, value);
                     })
    .Sample(at::randn({3, 4}), 0.1, 20.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.5, -1.0)
    .Sample(at::randint(-5, 5, {6}, at::kLong), 1, 0)
    .Sample(at::randn({5}).requires_grad_(), 0.0, 0.0);

GTEST_FX_REGISTER_OP(log_sigmoid,
                     [](const at::Tensor& x) { return at::log_sigmoid(x); })
    .Sample(at::randn({3, 4}))
    .Sample(at::randn({4, 3}, at::kDouble).t())
    .Sample(at::randn({5}).requires_grad_());

GTEST_FX_REGISTER_OP(glu, [](const at::Tensor& x,
                             int64_t dim) { return at::glu(x, dim); })
    .Sample(at::randn({3, 4}), -1)
    .Sample(at::randn({4, 3}, at::kDouble), 0)
    .Sample(at::randn({2, 6, 2}).transpose(0, 1).requires_grad_(), 0);

GTEST_FX_REGISTER_OP(prelu,
                     [](const at::Tensor& x, const at::Tensor& weight) {
                       return at::prelu(x, weight);
                     })
    .Sample(at::randn({2, 3, 4}), at::randn({3}))
    .Sample(at::randn({4, 3}, at::kDouble), at::randn({1}, at::kDouble))
    .Sample(at::randn({2, 3, 2, 2}).requires_grad_(),
            at::randn({3}).requires_grad_());

// training=false: a fixed negative slope of (lower + upper) / 2.
GTEST_FX_REGISTER_OP(rrelu,
                     [](const at::Tensor& x, const at::Scalar& lower,
                        const at::Scalar& upper) {
                       return at::rrelu(x, lower, upper, /*training=*/false);
                     })
    .Sample(at::randn({3, 4}), 0.125, 1.0 / 3)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0.1, 0.3)
    .Sample(at::randn({5}).requires_grad_(), 0.2, 0.2);

// ---------------------------------------------------------------------------
// Softmax.

GTEST_FX_REGISTER_OP(softmax, [](const at::Tensor& x,
                                 int64_t dim) { return at::softmax(x, dim); })
    .Sample(at::randn({3, 4}), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0)
    .Sample(at::randn({}), 0)
    .Sample(at::randn({0, 3}), 1)
    .Sample(at::randn({2, 3, 4}, at::kBFloat16), -1)
    .Sample(at::randn({2, 5}).requires_grad_(), -1);

GTEST_FX_REGISTER_OP(softmax_dtype,
                     [](const at::Tensor& x, int64_t dim,
                        at::ScalarType dtype) {
                       return at::softmax(x, dim, dtype);
                     })
    .Sample(at::randn({3, 4}), 1, at::kDouble)
    .Sample(at::randn({3, 4}, at::kDouble), 0, at::kFloat);

GTEST_FX_REGISTER_DISPATCHER_OP(softmax_internal, "aten::_softmax")
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), 0, false);

GTEST_FX_REGISTER_OP(log_softmax,
                     [](const at::Tensor& x, int64_t dim) {
                       return at::log_softmax(x, dim);
                     })
    .Sample(at::randn({3, 4}), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), 0)
    .Sample(at::randn({}), 0)
    .Sample(at::randn({2, 3, 4}, at::kBFloat16), -1)
    .Sample(at::randn({2, 5}).requires_grad_(), -1);

GTEST_FX_REGISTER_DISPATCHER_OP(log_softmax_internal, "aten::_log_softmax")
    .Sample(at::randn({3, 4}), 1, false)
    .Sample(at::randn({2, 3, 4}, at::kDouble), 2, false);

// ---------------------------------------------------------------------------
// Losses. `reduction` is 0 (none), 1 (mean) or 2 (sum).

GTEST_FX_REGISTER_OP(mse_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction) {
                       return at::mse_loss(x, target, reduction);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            2)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}), 0);

GTEST_FX_REGISTER_OP(l1_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction) {
                       return at::l1_loss(x, target, reduction);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            2)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}), 0);

GTEST_FX_REGISTER_OP(smooth_l1_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction, double beta) {
                       return at::smooth_l1_loss(x, target, reduction, beta);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 1, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            2, 0.5)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}), 0, 0.0);

GTEST_FX_REGISTER_OP(huber_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction, double delta) {
                       return at::huber_loss(x, target, reduction, delta);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}), 1, 1.0)
    .Sample(at::randn({4, 3}, at::kDouble).t(), at::randn({3, 4}, at::kDouble),
            2, 0.5)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}), 0, 2.0);

GTEST_FX_REGISTER_OP(soft_margin_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction) {
                       return at::soft_margin_loss(x, target, reduction);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}).sign(), 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(),
            at::randn({3, 4}, at::kDouble).sign(), 2)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}).sign(), 0);

// The input of binary_cross_entropy is a probability, in (0, 1) here.
GTEST_FX_REGISTER_OP(binary_cross_entropy,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const OptTensor& weight, int64_t reduction) {
                       return at::binary_cross_entropy(x, target, weight,
                                                       reduction);
                     })
    .Sample(Probs({3, 4}), Probs({3, 4}), c10::nullopt, 1)
    .Sample(Probs({4, 3}, at::kDouble).t(), Probs({3, 4}, at::kDouble),
            at::rand({3, 4}, at::kDouble), 2)
    .Sample(Probs({5}).requires_grad_(), Probs({5}).round(), c10::nullopt, 0);

GTEST_FX_REGISTER_OP(binary_cross_entropy_with_logits,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const OptTensor& weight, const OptTensor& pos_weight,
                        int64_t reduction) {
                       return at::binary_cross_entropy_with_logits(
                           x, target, weight, pos_weight, reduction);
                     })
    .Sample(at::randn({3, 4}), Probs({3, 4}), c10::nullopt, c10::nullopt, 1)
    .Sample(at::randn({4, 3}, at::kDouble).t(), Probs({3, 4}, at::kDouble),
            at::rand({4}, at::kDouble), at::rand({4}, at::kDouble) + 0.5, 2)
    .Sample(at::randn({5}).requires_grad_(), Probs({5}).round(), c10::nullopt,
            at::rand({5}), 0);

GTEST_FX_REGISTER_OP(cross_entropy_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const OptTensor& weight, int64_t reduction,
                        int64_t ignore_index, double label_smoothing) {
                       return at::cross_entropy_loss(x, target, weight,
                                                     reduction, ignore_index,
                                                     label_smoothing);
                     })
    .Sample(at::randn({4, 5}), Indices({1, 0, 4, 2}), c10::nullopt, 1, -100,
            0.0)
    // Class 2 is ignored; label smoothing.
    .Sample(at::randn({4, 5}, at::kDouble), Indices({2, 3, 2, 0}),
            at::rand({5}, at::kDouble), 2, 2, 0.1)
    // Class probabilities as the target.
    .Sample(at::randn({3, 4}).requires_grad_(),
            at::softmax(at::randn({3, 4}), 1), c10::nullopt, 1, -100, 0.0)
    // (N, C, d) input, (N, d) target.
    .Sample(at::randn({2, 3, 4}),
            Indices({0, 1, 2, 1, 2, 0, 0, 1}).view({2, 4}), c10::nullopt, 0,
            -100, 0.0);

GTEST_FX_REGISTER_OP(nll_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const OptTensor& weight, int64_t reduction,
                        int64_t ignore_index) {
                       return at::nll_loss(x, target, weight, reduction,
                                           ignore_index);
                     })
    .Sample(at::log_softmax(at::randn({4, 5}), 1), Indices({1, 0, 4, 2}),
            c10::nullopt, 1, -100)
    .Sample(at::randn({4, 5}, at::kDouble), Indices({2, 3, 2, 0}),
            at::rand({5}, at::kDouble), 0, 3)
    .Sample(at::randn({5}).requires_grad_(), at::scalar_tensor(3, at::kLong),
            c10::nullopt, 2, -100);

GTEST_FX_REGISTER_OP(nll_loss2d,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const OptTensor& weight, int64_t reduction) {
                       return at::nll_loss2d(x, target, weight, reduction);
                     })
    .Sample(at::randn({2, 3, 4, 4}), at::randint(0, 3, {2, 4, 4}, at::kLong),
            c10::nullopt, 1)
    .Sample(at::randn({1, 4, 3, 2}, at::kDouble),
            at::randint(0, 4, {1, 3, 2}, at::kLong), at::rand({4}, at::kDouble),
            0);

GTEST_FX_REGISTER_OP(kl_div,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction, bool log_target) {
                       return at::kl_div(x, target, reduction, log_target);
                     })
    .Sample(at::log_softmax(at::randn({3, 4}), 1),
            at::softmax(at::randn({3, 4}), 1), 1, false)
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({3, 4}, at::kDouble), 2,
            true)
    .Sample(at::randn({5}).requires_grad_(), at::rand({5}), 0, false);

// Targets of the ranking and embedding losses are 1 or -1.
GTEST_FX_REGISTER_OP(margin_ranking_loss,
                     [](const at::Tensor& x1, const at::Tensor& x2,
                        const at::Tensor& target, double margin,
                        int64_t reduction) {
                       return at::margin_ranking_loss(x1, x2, target, margin,
                                                      reduction);
                     })
    .Sample(at::randn({5}), at::randn({5}), at::randn({5}).sign(), 0.0, 1)
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({3, 4}, at::kDouble),
            at::randn({3, 4}, at::kDouble).sign(), 0.5, 0)
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}),
            at::randn({4}).sign(), 0.1, 2);

GTEST_FX_REGISTER_OP(hinge_embedding_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        double margin, int64_t reduction) {
                       return at::hinge_embedding_loss(x, target, margin,
                                                       reduction);
                     })
    .Sample(at::randn({3, 4}), at::randn({3, 4}).sign(), 1.0, 1)
    .Sample(at::randn({5}, at::kDouble), at::randn({5}, at::kDouble).sign(),
            0.5, 0)
    .Sample(at::randn({4}).requires_grad_(), at::randn({4}).sign(), 2.0, 2);

GTEST_FX_REGISTER_OP(cosine_embedding_loss,
                     [](const at::Tensor& x1, const at::Tensor& x2,
                        const at::Tensor& target, double margin,
                        int64_t reduction) {
                       return at::cosine_embedding_loss(x1, x2, target, margin,
                                                        reduction);
                     })
    .Sample(at::randn({4, 5}), at::randn({4, 5}), at::randn({4}).sign(), 0.0, 1)
    .Sample(at::randn({3, 2}, at::kDouble), at::randn({3, 2}, at::kDouble),
            at::randn({3}, at::kDouble).sign(), 0.3, 0)
    .Sample(at::randn({2, 4}).requires_grad_(), at::randn({2, 4}),
            at::randn({2}).sign(), 0.0, 2);

GTEST_FX_REGISTER_OP(triplet_margin_loss,
                     [](const at::Tensor& anchor, const at::Tensor& positive,
                        const at::Tensor& negative, double margin, double p,
                        bool swap, int64_t reduction) {
                       return at::triplet_margin_loss(anchor, positive,
                                                      negative, margin, p, 1e-6,
                                                      swap, reduction);
                     })
    .Sample(at::randn({4, 5}), at::randn({4, 5}), at::randn({4, 5}), 1.0, 2.0,
            false, 1)
    .Sample(at::randn({3, 2}, at::kDouble), at::randn({3, 2}, at::kDouble),
            at::randn({3, 2}, at::kDouble), 0.5, 1.0, true, 0);

GTEST_FX_REGISTER_OP(poisson_nll_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        bool log_input, bool full, int64_t reduction) {
                       return at::poisson_nll_loss(x, target, log_input, full,
                                                   1e-8, reduction);
                     })
    .Sample(at::randn({3, 4}), at::rand({3, 4}) * 3, true, false, 1)
    .Sample(at::rand({5}, at::kDouble) + 0.1, at::rand({5}, at::kDouble) * 3,
            false, true, 0);

GTEST_FX_REGISTER_OP(multi_margin_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        const at::Scalar& p, const at::Scalar& margin,
                        const OptTensor& weight, int64_t reduction) {
                       return at::multi_margin_loss(x, target, p, margin,
                                                    weight, reduction);
                     })
    .Sample(at::randn({4, 5}), Indices({1, 0, 4, 2}), 1, 1.0, c10::nullopt, 1)
    .Sample(at::randn({3, 4}, at::kDouble), Indices({3, 3, 0}), 2, 0.5,
            at::rand({4}, at::kDouble), 0);

// Targets are class indices padded with -1.
GTEST_FX_REGISTER_OP(multilabel_margin_loss,
                     [](const at::Tensor& x, const at::Tensor& target,
                        int64_t reduction) {
                       return at::multilabel_margin_loss(x, target, reduction);
                     })
    .Sample(at::randn({2, 4}), Indices({3, 0, -1, 1, 1, 2, 3, -1}).view({2, 4}),
            1)
    .Sample(at::randn({4}, at::kDouble), Indices({2, 1, -1, 0}), 0);

// Lengths are valid for the targets; log_probs are log-softmaxed.
GTEST_FX_REGISTER_OP(ctc_loss,
                     [](const at::Tensor& log_probs, const at::Tensor& targets,
                        at::IntArrayRef input_lengths,
                        at::IntArrayRef target_lengths, int64_t reduction) {
                       return at::ctc_loss(log_probs, targets, input_lengths,
                                           target_lengths, /*blank=*/0,
                                           reduction);
                     })
    .Sample(at::log_softmax(at::randn({6, 2, 4}), 2),
            Indices({1, 2, 3, 2, 1, 0}).view({2, 3}), Ints{6, 5}, Ints{3, 2}, 1)
    .Sample(at::log_softmax(at::randn({5, 1, 3}, at::kDouble), 2),
            Indices({1, 2}).view({1, 2}), Ints{5}, Ints{2}, 0);

// ---------------------------------------------------------------------------
// Distances.

GTEST_FX_REGISTER_OP(cosine_similarity,
                     [](const at::Tensor& x1, const at::Tensor& x2,
                        int64_t dim) {
                       return at::cosine_similarity(x1, x2, dim);
                     })
    .Sample(at::randn({4, 5}), at::randn({4, 5}), 1)
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({4}, at::kDouble), -1)
    .Sample(at::randn({5, 3}).t().requires_grad_(), at::randn({3, 5}), 0);

GTEST_FX_REGISTER_OP(pairwise_distance,
                     [](const at::Tensor& x1, const at::Tensor& x2, double p,
                        bool keepdim) {
                       return at::pairwise_distance(x1, x2, p, 1e-6, keepdim);
                     })
    .Sample(at::randn({4, 5}), at::randn({4, 5}), 2.0, false)
    .Sample(at::randn({3, 4}, at::kDouble), at::randn({4}, at::kDouble), 1.0,
            true)
    .Sample(at::randn({5}).requires_grad_(), at::randn({5}), 3.0, false);

GTEST_FX_REGISTER_OP(pdist, [](const at::Tensor& x,
                               double p) { return at::pdist(x, p); })
    .Sample(at::randn({5, 3}), 2.0)
    .Sample(at::randn({4, 2}, at::kDouble), 1.0)
    .Sample(at::randn({3, 4}).requires_grad_(), 3.0);

// ---------------------------------------------------------------------------
// Shuffles.

GTEST_FX_REGISTER_OP(pixel_shuffle,
                     [](const at::Tensor& x, int64_t upscale_factor) {
                       return at::pixel_shuffle(x, upscale_factor);
                     })
    .Sample(at::randn({1, 8, 2, 3}), 2)
    .Sample(at::randn({2, 9, 2, 2}, at::kDouble), 3)
    .Sample(at::randn({4, 3, 2}), 2);

GTEST_FX_REGISTER_OP(pixel_unshuffle,
                     [](const at::Tensor& x, int64_t downscale_factor) {
                       return at::pixel_unshuffle(x, downscale_factor);
                     })
    .Sample(at::randn({1, 2, 4, 6}), 2)
    .Sample(at::randn({2, 1, 6, 3}, at::kDouble), 3)
    .Sample(at::randn({3, 4, 4}).transpose(1, 2), 2);

GTEST_FX_REGISTER_OP(channel_shuffle,
                     [](const at::Tensor& x, int64_t groups) {
                       return at::channel_shuffle(x, groups);
                     })
    .Sample(at::randn({1, 6, 2, 2}), 3)
    .Sample(at::randn({2, 4, 3}, at::kDouble), 2);

GTEST_FX_REGISTER_OP(native_channel_shuffle,
                     [](const at::Tensor& x, int64_t groups) {
                       return at::native_channel_shuffle(x, groups);
                     })
    .Sample(at::randn({1, 6, 2, 2}), 2)
    .Sample(at::randn({2, 4, 3}, at::kDouble), 4);

// ---------------------------------------------------------------------------
// Padding.

GTEST_FX_REGISTER_OP(constant_pad_nd,
                     [](const at::Tensor& x, at::IntArrayRef pad,
                        const at::Scalar& value) {
                       return at::constant_pad_nd(x, pad, value);
                     })
    .Sample(at::randn({2, 3, 4}), Ints{1, 2}, 0.0)
    .Sample(at::randn({2, 3, 4}, at::kDouble), Ints{1, 1, 2, 0}, 1.5)
    // A negative pad crops.
    .Sample(at::randn({4, 3}).t(), Ints{-1, 2}, 0.0)
    .Sample(at::randint(0, 9, {2, 3}, at::kLong), Ints{0, 1, 1, 0}, 3)
    .Sample(at::randn({3}).requires_grad_(), Ints{2, 2}, -1.0);

// mode: 0 constant, 1 reflect, 2 replicate, 3 circular.
GTEST_FX_REGISTER_OP(pad,
                     [](const at::Tensor& x, at::IntArrayRef pad,
                        int64_t mode) {
                       static const char* const kModes[] = {
                           "constant", "reflect", "replicate", "circular"};
                       return at::pad(x, pad, kModes[mode]);
                     })
    .Sample(at::randn({2, 3, 4}), Ints{1, 2}, 0)
    .Sample(at::randn({1, 2, 4}, at::kDouble), Ints{2, 1}, 1)
    .Sample(at::randn({1, 2, 3, 3}), Ints{1, 1, 2, 0}, 2)
    .Sample(at::randn({1, 2, 3, 4}), Ints{1, 2, 1, 1}, 3);

GTEST_FX_REGISTER_OP(reflection_pad1d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::reflection_pad1d(x, padding);
                     })
    .Sample(at::randn({2, 3, 5}), Ints{2, 1})
    .Sample(at::randn({3, 4}, at::kDouble), Ints{3, 0})
    .Sample(at::randn({1, 5, 2}).transpose(1, 2).requires_grad_(), Ints{1, 1});

GTEST_FX_REGISTER_OP(reflection_pad2d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::reflection_pad2d(x, padding);
                     })
    .Sample(at::randn({1, 2, 4, 5}), Ints{1, 2, 2, 1})
    .Sample(at::randn({2, 3, 3}, at::kDouble), Ints{2, 2, 0, 1})
    .Sample(at::randn({1, 2, 4, 4}).transpose(2, 3), Ints{1, 1, 1, 1});

GTEST_FX_REGISTER_OP(reflection_pad3d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::reflection_pad3d(x, padding);
                     })
    .Sample(at::randn({1, 1, 3, 3, 3}), Ints{1, 1, 1, 1, 1, 1})
    .Sample(at::randn({2, 3, 2, 4}, at::kDouble), Ints{2, 0, 1, 1, 0, 1});

GTEST_FX_REGISTER_OP(replication_pad1d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::replication_pad1d(x, padding);
                     })
    .Sample(at::randn({2, 3, 5}), Ints{2, 1})
    .Sample(at::randn({3, 4}, at::kDouble), Ints{5, 0})
    .Sample(at::randn({1, 5, 2}).transpose(1, 2).requires_grad_(), Ints{1, 3});

GTEST_FX_REGISTER_OP(replication_pad2d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::replication_pad2d(x, padding);
                     })
    .Sample(at::randn({1, 2, 4, 5}), Ints{1, 2, 2, 1})
    .Sample(at::randn({2, 3, 3}, at::kDouble), Ints{4, 2, 0, 1})
    .Sample(at::randn({1, 2, 4, 4}).transpose(2, 3), Ints{1, 1, 1, 1});

GTEST_FX_REGISTER_OP(replication_pad3d,
                     [](const at::Tensor& x, at::IntArrayRef padding) {
                       return at::replication_pad3d(x, padding);
                     })
    .Sample(at::randn({1, 1, 3, 3, 3}), Ints{1, 1, 1, 1, 1, 1})
    .Sample(at::randn({2, 3, 2, 4}, at::kDouble), Ints{2, 0, 1, 3, 0, 1});

// ---------------------------------------------------------------------------
// Resampling. Output sizes are gtest_fx::Size, so symbolic mode makes them
// graph inputs.

GTEST_FX_REGISTER_OP(upsample_nearest1d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::upsample_nearest1d(x, output_size);
                     })
    .Sample(at::randn({2, 3, 4}), gtest_fx::Size{8})
    .Sample(at::randn({1, 2, 5}, at::kDouble), gtest_fx::Size{3});

GTEST_FX_REGISTER_OP(upsample_nearest2d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::upsample_nearest2d(x, output_size);
                     })
    .Sample(at::randn({1, 2, 3, 4}), gtest_fx::Size{6, 8})
    .Sample(at::randn({2, 1, 4, 4}, at::kDouble), gtest_fx::Size{3, 5})
    .Sample(at::randn({1, 2, 3, 3}).contiguous(at::MemoryFormat::ChannelsLast),
            gtest_fx::Size{6, 6})
    .Sample(at::randn({1, 1, 2, 2}).requires_grad_(), gtest_fx::Size{4, 3});

// The upsample_nearest2d.vec overload, with scale factors instead of a size.
GTEST_FX_REGISTER_OP(upsample_nearest2d_vec,
                     [](const at::Tensor& x, double scale_h, double scale_w) {
                       std::vector<double> scales{scale_h, scale_w};
                       return at::upsample_nearest2d(x, c10::nullopt, scales);
                     })
    .Sample(at::randn({1, 2, 3, 4}), 2.0, 2.0)
    .Sample(at::randn({2, 1, 4, 4}, at::kDouble), 1.5, 0.5);

GTEST_FX_REGISTER_OP(upsample_nearest3d,
                     [](const at::Tensor& x, at::IntArrayRef output_size) {
                       return at::upsample_nearest3d(x, output_size);
                     })
    .Sample(at::randn({1, 2, 2, 3, 2}), gtest_fx::Size{4, 3, 4})
    .Sample(at::randn({1, 1, 3, 3, 3}, at::kDouble), gtest_fx::Size{2, 5, 3});

GTEST_FX_REGISTER_OP(upsample_linear1d,
                     [](const at::Tensor& x, at::IntArrayRef output_size,
                        bool align_corners) {
                       return at::upsample_linear1d(x, output_size,
                                                    align_corners);
                     })
    .Sample(at::randn({2, 3, 4}), gtest_fx::Size{8}, false)
    .Sample(at::randn({1, 2, 5}, at::kDouble), gtest_fx::Size{7}, true);

GTEST_FX_REGISTER_OP(upsample_bilinear2d,
                     [](const at::Tensor& x, at::IntArrayRef output_size,
                        bool align_corners) {
                       return at::upsample_bilinear2d(x, output_size,
                                                      align_corners);
                     })
    .Sample(at::randn({1, 2, 3, 4}), gtest_fx::Size{6, 8}, false)
    .Sample(at::randn({2, 1, 4, 4}, at::kDouble), gtest_fx::Size{3, 5}, true)
    .Sample(at::randn({1, 2, 3, 3}).contiguous(at::MemoryFormat::ChannelsLast),
            gtest_fx::Size{5, 5}, false)
    .Sample(at::randn({1, 1, 2, 2}).requires_grad_(), gtest_fx::Size{4, 3},
            true);

GTEST_FX_REGISTER_OP(upsample_bilinear2d_vec,
                     [](const at::Tensor& x, bool align_corners, double scale) {
                       std::vector<double> scales{scale, scale};
                       return at::upsample_bilinear2d(x, c10::nullopt,
                                                      align_corners, scales);
                     })
    .Sample(at::randn({1, 2, 3, 4}), false, 2.0)
    .Sample(at::randn({2, 1, 4, 4}, at::kDouble), true, 1.5);

GTEST_FX_REGISTER_OP(upsample_bicubic2d,
                     [](const at::Tensor& x, at::IntArrayRef output_size,
                        bool align_corners) {
                       return at::upsample_bicubic2d(x, output_size,
                                                     align_corners);
                     })
    .Sample(at::randn({1, 2, 3, 4}), gtest_fx::Size{6, 8}, false)
    .Sample(at::randn({2, 1, 4, 4}, at::kDouble), gtest_fx::Size{3, 5}, true);

GTEST_FX_REGISTER_OP(upsample_trilinear3d,
                     [](const at::Tensor& x, at::IntArrayRef output_size,
                        bool align_corners) {
                       return at::upsample_trilinear3d(x, output_size,
                                                       align_corners);
                     })
    .Sample(at::randn({1, 2, 2, 3, 2}), gtest_fx::Size{4, 3, 4}, false)
    .Sample(at::randn({1, 1, 3, 3, 3}, at::kDouble), gtest_fx::Size{2, 5, 3},
            true);

// interpolation_mode: 0 bilinear, 1 nearest, 2 bicubic; padding_mode: 0 zeros,
// 1 border, 2 reflection.
GTEST_FX_REGISTER_OP(grid_sampler_2d,
                     [](const at::Tensor& x, const at::Tensor& grid,
                        int64_t interpolation_mode, int64_t padding_mode,
                        bool align_corners) {
                       return at::grid_sampler_2d(x, grid, interpolation_mode,
                                                  padding_mode, align_corners);
                     })
    .Sample(at::randn({1, 2, 4, 4}), at::rand({1, 3, 3, 2}) * 2 - 1, 0, 0,
            false)
    .Sample(at::randn({2, 1, 3, 5}, at::kDouble),
            at::rand({2, 2, 4, 2}, at::kDouble) * 2.4 - 1.2, 1, 1, true)
    .Sample(at::randn({1, 2, 4, 4}), at::rand({1, 3, 2, 2}) * 2 - 1, 2, 2,
            false);

GTEST_FX_REGISTER_OP(affine_grid_generator,
                     [](const at::Tensor& theta, at::IntArrayRef size,
                        bool align_corners) {
                       return at::affine_grid_generator(theta, size,
                                                        align_corners);
                     })
    .Sample(at::randn({2, 2, 3}), gtest_fx::Size{2, 3, 4, 5}, false)
    .Sample(at::randn({1, 3, 4}, at::kDouble), gtest_fx::Size{1, 1, 2, 3, 2},
            true);

GTEST_FX_REGISTER_OP(im2col,
                     [](const at::Tensor& x, at::IntArrayRef kernel_size,
                        at::IntArrayRef dilation, at::IntArrayRef padding,
                        at::IntArrayRef stride) {
                       return at::im2col(x, kernel_size, dilation, padding,
                                         stride);
                     })
    .Sample(at::randn({1, 2, 5, 5}), Ints{2, 2}, Ints{1, 1}, Ints{0, 0},
            Ints{1, 1})
    .Sample(at::randn({2, 6, 5}, at::kDouble), Ints{3, 2}, Ints{1, 2},
            Ints{1, 1}, Ints{2, 1});

// The columns fit output_size: 16 blocks of 2 * 2 * 2 values, and 3 blocks
// of 2 * 2 * 3 values (unbatched).
GTEST_FX_REGISTER_OP(col2im,
                     [](const at::Tensor& columns, at::IntArrayRef output_size,
                        at::IntArrayRef kernel_size, at::IntArrayRef dilation,
                        at::IntArrayRef padding, at::IntArrayRef stride) {
                       return at::col2im(columns, output_size, kernel_size,
                                         dilation, padding, stride);
                     })
    .Sample(at::randn({1, 8, 16}), gtest_fx::Size{5, 5}, Ints{2, 2}, Ints{1, 1},
            Ints{0, 0}, Ints{1, 1})
    .Sample(at::randn({12, 3}, at::kDouble), gtest_fx::Size{4, 4}, Ints{2, 3},
            Ints{1, 1}, Ints{1, 0}, Ints{2, 2});

// ---------------------------------------------------------------------------
// Embedding bags. Indices are in range and offsets start at 0 and never
// decrease. mode: 0 sum, 1 mean, 2 max. Only the bags are returned: the
// other outputs are bookkeeping whose contents depend on the mode.
GTEST_FX_REGISTER_OP(embedding_bag,
                     [](const at::Tensor& weight, const at::Tensor& indices,
                        const at::Tensor& offsets, int64_t mode,
                        const OptTensor& per_sample_weights,
                        bool include_last_offset) {
                       return std::get<0>(at::embedding_bag(
                           weight, indices, offsets,
                           /*scale_grad_by_freq=*/false, mode,
                           /*sparse=*/false, per_sample_weights,
                           include_last_offset));
                     })
    .Sample(at::randn({10, 3}), Indices({1, 2, 4, 5, 4, 3, 2, 9}),
            Indices({0, 3, 5}), 0, c10::nullopt, false)
    .Sample(at::randn({6, 4}, at::kDouble), Indices({0, 5, 1, 1, 3}),
            Indices({0, 2, 2}), 1, c10::nullopt, false)
    .Sample(at::randn({8, 2}), Indices({7, 0, 3, 3, 6}), Indices({0, 1, 5}), 2,
            c10::nullopt, true)
    .Sample(at::randn({5, 3}).requires_grad_(), Indices({4, 0, 1, 2}),
            Indices({0, 2}), 0, at::rand({4}), false);

}  // namespace
