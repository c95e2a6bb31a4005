// gtex: a small library of custom LibTorch operators, the example project of
// docs/custom_ops.md. Each op is defined with TORCH_LIBRARY(gtex, ...) in
// src/ops.cc, with a CPU kernel and a Meta kernel; these functions call them
// through the dispatcher, as any LibTorch user (or TorchScript) would.
//
// Example:
//   at::Tensor z = gtex::scale_add(x, y, /*alpha=*/0.5);  // x + alpha * y
#ifndef GTEX_OPS_H_
#define GTEX_OPS_H_

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <tuple>
#include <vector>

namespace gtex {

// Returns x + alpha * y, broadcast, in one pass. Differentiable in x and y.
at::Tensor scale_add(const at::Tensor& x, const at::Tensor& y,
                     double alpha = 1.0);

// Returns scale * tanh(x). Differentiable in x, through a backward that is an
// op of its own (gtex::scaled_tanh_backward).
at::Tensor scaled_tanh(const at::Tensor& x, double scale);

// Normalizes x over its trailing dims `shape` to zero mean and unit variance
// (a layer norm without weights).
at::Tensor row_normalize(const at::Tensor& x, std::vector<int64_t> shape,
                         double eps = 1e-5);

// Returns the minimum and the maximum of each row (the last dim) of x.
std::tuple<at::Tensor, at::Tensor> min_max(const at::Tensor& x);

// Clamps x to [lo, hi] in place and returns it.
at::Tensor& clamp_(at::Tensor& x, double lo, double hi);

}  // namespace gtex

#endif  // GTEX_OPS_H_
