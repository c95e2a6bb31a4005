// The gtex operators: schemas, CPU kernels, Meta kernels (which compute only
// the outputs' metadata, so the ops also run on meta tensors and under
// tracing without data), and the autograd kernels of scale_add and
// scaled_tanh.
#include <ATen/ATen.h>
#include <ATen/ExpandUtils.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <gtex/ops.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/library.h>

#include <algorithm>
#include <cmath>

namespace gtex {
namespace {

// ---- scale_add(Tensor x, Tensor y, *, float alpha=1.0) -> Tensor ----

at::Tensor ScaleAddCpu(const at::Tensor& x, const at::Tensor& y, double alpha) {
  TORCH_CHECK(
      x.scalar_type() == y.scalar_type() &&
          (x.scalar_type() == at::kFloat || x.scalar_type() == at::kDouble),
      "gtex::scale_add takes two float32 or two float64 tensors");
  const std::vector<int64_t> shape = at::infer_size(x.sizes(), y.sizes());
  const at::Tensor a = x.expand(shape).contiguous();
  const at::Tensor b = y.expand(shape).contiguous();
  at::Tensor out = at::empty(shape, x.options());
  AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "gtex::scale_add", [&] {
    const scalar_t* pa = a.data_ptr<scalar_t>();
    const scalar_t* pb = b.data_ptr<scalar_t>();
    scalar_t* po = out.data_ptr<scalar_t>();
    const auto s = static_cast<scalar_t>(alpha);
    for (int64_t i = 0; i < out.numel(); ++i) po[i] = pa[i] + s * pb[i];
  });
  return out;
}

at::Tensor ScaleAddMeta(const at::Tensor& x, const at::Tensor& y, double) {
  return at::empty(at::infer_size(x.sizes(), y.sizes()), x.options());
}

// d(x + alpha y) = dx + alpha dy; a broadcast input gets its gradient summed
// back to its own shape.
class ScaleAddFunction : public torch::autograd::Function<ScaleAddFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx,
                            const at::Tensor& x, const at::Tensor& y,
                            double alpha) {
    ctx->saved_data["alpha"] = alpha;
    ctx->saved_data["x_sizes"] = x.sizes().vec();
    ctx->saved_data["y_sizes"] = y.sizes().vec();
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    static auto op =
        c10::Dispatcher::singleton()
            .findSchemaOrThrow("gtex::scale_add", "")
            .typed<at::Tensor(const at::Tensor&, const at::Tensor&, double)>();
    return op.call(x, y, alpha);
  }
  static torch::autograd::variable_list backward(
      torch::autograd::AutogradContext* ctx,
      torch::autograd::variable_list grads) {
    const double alpha = ctx->saved_data["alpha"].toDouble();
    const at::Tensor& grad = grads[0];
    return {at::sum_to(grad, ctx->saved_data["x_sizes"].toIntVector()),
            at::sum_to(grad * alpha, ctx->saved_data["y_sizes"].toIntVector()),
            at::Tensor()};
  }
};

at::Tensor ScaleAddAutograd(const at::Tensor& x, const at::Tensor& y,
                            double alpha) {
  return ScaleAddFunction::apply(x, y, alpha);
}

// ---- scaled_tanh(Tensor x, float scale) -> Tensor ----
// scale * tanh(x), differentiable through a torch::autograd::Function whose
// forward and backward are ops of their own, each with a CPU and a Meta
// kernel: the gradient cases trace both below autograd, on meta tensors too.

at::Tensor ScaledTanhCpu(const at::Tensor& x, double scale) {
  const at::Tensor in = x.contiguous();
  at::Tensor out = at::empty_like(in);
  AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "gtex::scaled_tanh", [&] {
    const scalar_t* pi = in.data_ptr<scalar_t>();
    scalar_t* po = out.data_ptr<scalar_t>();
    for (int64_t i = 0; i < in.numel(); ++i) {
      po[i] = static_cast<scalar_t>(scale * std::tanh(pi[i]));
    }
  });
  return out;
}

// d(s tanh x)/dx = s (1 - tanh^2 x) = s - out^2 / s, from the saved output.
at::Tensor ScaledTanhBackwardCpu(const at::Tensor& grad, const at::Tensor& out,
                                 double scale) {
  TORCH_CHECK(grad.sizes() == out.sizes(),
              "gtex::scaled_tanh_backward: grad and out differ in shape");
  const at::Tensor g = grad.contiguous();
  const at::Tensor o = out.contiguous();
  at::Tensor result = at::empty_like(o);
  AT_DISPATCH_FLOATING_TYPES(
      out.scalar_type(), "gtex::scaled_tanh_backward", [&] {
        const scalar_t* pg = g.data_ptr<scalar_t>();
        const scalar_t* po = o.data_ptr<scalar_t>();
        scalar_t* pr = result.data_ptr<scalar_t>();
        for (int64_t i = 0; i < o.numel(); ++i) {
          pr[i] =
              static_cast<scalar_t>(pg[i] * (scale - po[i] * po[i] / scale));
        }
      });
  return result;
}

at::Tensor ScaledTanhMeta(const at::Tensor& x, double) {
  return at::empty(x.sizes(), x.options());  // contiguous, as on CPU
}

at::Tensor ScaledTanhBackwardMeta(const at::Tensor& grad, const at::Tensor& out,
                                  double) {
  TORCH_CHECK(grad.sizes() == out.sizes(),
              "gtex::scaled_tanh_backward: grad and out differ in shape");
  return at::empty(out.sizes(), out.options());
}

at::Tensor CallScaledTanhBackward(const at::Tensor& grad, const at::Tensor& out,
                                  double scale) {
  static auto op =
      c10::Dispatcher::singleton()
          .findSchemaOrThrow("gtex::scaled_tanh_backward", "")
          .typed<at::Tensor(const at::Tensor&, const at::Tensor&, double)>();
  return op.call(grad, out, scale);
}

class ScaledTanhFunction
    : public torch::autograd::Function<ScaledTanhFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx,
                            const at::Tensor& x, double scale) {
    at::Tensor out;
    {
      at::AutoDispatchBelowADInplaceOrView below_autograd;
      static auto op = c10::Dispatcher::singleton()
                           .findSchemaOrThrow("gtex::scaled_tanh", "")
                           .typed<at::Tensor(const at::Tensor&, double)>();
      out = op.call(x, scale);
    }
    ctx->saved_data["scale"] = scale;
    ctx->save_for_backward({out});
    return out;
  }
  static torch::autograd::variable_list backward(
      torch::autograd::AutogradContext* ctx,
      torch::autograd::variable_list grads) {
    const at::Tensor out = ctx->get_saved_variables()[0];
    return {CallScaledTanhBackward(grads[0], out,
                                   ctx->saved_data["scale"].toDouble()),
            at::Tensor()};
  }
};

at::Tensor ScaledTanhAutograd(const at::Tensor& x, double scale) {
  return ScaledTanhFunction::apply(x, scale);
}

// ---- row_normalize(Tensor x, SymInt[] shape, float eps=1e-5) -> Tensor ----
// The schema takes SymInt[], as aten's size arguments do in LibTorch 2.x; the
// kernels take plain integers (c10::IntArrayRef), which the dispatcher
// allows for SymInt arguments.

void CheckTrailingShape(const at::Tensor& x, c10::IntArrayRef shape) {
  TORCH_CHECK(!shape.empty() && shape.size() <= x.sizes().size() &&
                  x.sizes().slice(x.dim() - shape.size()).equals(shape),
              "gtex::row_normalize: shape ", shape,
              " must be the trailing dims of x, whose shape is ", x.sizes());
}

at::Tensor RowNormalizeCpu(const at::Tensor& x, c10::IntArrayRef shape,
                           double eps) {
  TORCH_CHECK(x.scalar_type() == at::kFloat,
              "gtex::row_normalize takes float32 tensors");
  CheckTrailingShape(x, shape);
  const at::Tensor in = x.contiguous();
  at::Tensor out = at::empty_like(in);
  int64_t row = 1;
  for (int64_t n : shape) row *= n;
  const int64_t rows = row == 0 ? 0 : in.numel() / row;
  const float* pi = in.data_ptr<float>();
  float* po = out.data_ptr<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const float* src = pi + r * row;
    double mean = 0;
    for (int64_t i = 0; i < row; ++i) mean += src[i];
    mean /= row;
    double var = 0;
    for (int64_t i = 0; i < row; ++i) var += (src[i] - mean) * (src[i] - mean);
    var /= row;
    const double scale = 1 / std::sqrt(var + eps);
    for (int64_t i = 0; i < row; ++i) {
      po[r * row + i] = static_cast<float>((src[i] - mean) * scale);
    }
  }
  return out;
}

at::Tensor RowNormalizeMeta(const at::Tensor& x, c10::IntArrayRef shape,
                            double) {
  CheckTrailingShape(x, shape);
  return at::empty(x.sizes(), x.options());  // contiguous, as on CPU
}

// ---- min_max(Tensor x) -> (Tensor min, Tensor max) ----

std::tuple<at::Tensor, at::Tensor> MinMaxCpu(const at::Tensor& x) {
  TORCH_CHECK(x.scalar_type() == at::kFloat && x.dim() >= 1 && x.size(-1) > 0,
              "gtex::min_max takes float32 tensors with a non-empty last "
              "dim");
  const at::Tensor in = x.contiguous();
  const std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end() - 1);
  at::Tensor lo = at::empty(shape, x.options());
  at::Tensor hi = at::empty(shape, x.options());
  const int64_t row = x.size(-1);
  const float* p = in.data_ptr<float>();
  for (int64_t r = 0; r < lo.numel(); ++r) {
    const auto [mn, mx] = std::minmax_element(p + r * row, p + (r + 1) * row);
    lo.data_ptr<float>()[r] = *mn;
    hi.data_ptr<float>()[r] = *mx;
  }
  return {lo, hi};
}

std::tuple<at::Tensor, at::Tensor> MinMaxMeta(const at::Tensor& x) {
  TORCH_CHECK(x.dim() >= 1 && x.size(-1) > 0,
              "gtex::min_max takes tensors with a non-empty last dim");
  const std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end() - 1);
  return {at::empty(shape, x.options()), at::empty(shape, x.options())};
}

// ---- clamp_(Tensor(a!) x, float lo, float hi) -> Tensor(a!) ----

at::Tensor& ClampCpu(at::Tensor& x, double lo, double hi) {
  TORCH_CHECK(x.scalar_type() == at::kFloat, "gtex::clamp_ takes float32");
  TORCH_CHECK(lo <= hi, "gtex::clamp_: lo (", lo, ") > hi (", hi, ")");
  at::Tensor contiguous = x.contiguous();
  float* p = contiguous.data_ptr<float>();
  for (int64_t i = 0; i < contiguous.numel(); ++i) {
    p[i] = std::min(std::max(p[i], static_cast<float>(lo)),
                    static_cast<float>(hi));
  }
  if (!contiguous.is_same(x)) x.copy_(contiguous);
  return x;
}

at::Tensor& ClampMeta(at::Tensor& x, double lo, double hi) {
  TORCH_CHECK(lo <= hi, "gtex::clamp_: lo (", lo, ") > hi (", hi, ")");
  return x;
}

// ---- running_max(Tensor x) -> Tensor: no Meta kernel yet ----
// A cumulative maximum over a float32 tensor's elements, CPU only: the
// tests show what a missing Meta kernel looks like (fake and symbolic cases
// fail with one cause, and one Meta kernel would fix both).

at::Tensor RunningMaxCpu(const at::Tensor& x) {
  TORCH_CHECK(x.scalar_type() == at::kFloat,
              "gtex::running_max takes float32 tensors");
  const at::Tensor in = x.contiguous();
  at::Tensor out = at::empty_like(in);
  const float* pi = in.data_ptr<float>();
  float* po = out.data_ptr<float>();
  for (int64_t i = 0; i < in.numel(); ++i) {
    po[i] = i == 0 ? pi[0] : std::max(po[i - 1], pi[i]);
  }
  return out;
}

}  // namespace

TORCH_LIBRARY(gtex, m) {
  m.def("scale_add(Tensor x, Tensor y, *, float alpha=1.0) -> Tensor");
  m.def("scaled_tanh(Tensor x, float scale) -> Tensor");
  m.def("scaled_tanh_backward(Tensor grad, Tensor out, float scale) -> Tensor");
  m.def("row_normalize(Tensor x, SymInt[] shape, float eps=1e-05) -> Tensor");
  m.def("min_max(Tensor x) -> (Tensor min, Tensor max)");
  m.def("clamp_(Tensor(a!) x, float lo, float hi) -> Tensor(a!)");
  m.def("running_max(Tensor x) -> Tensor");
}

TORCH_LIBRARY_IMPL(gtex, CPU, m) {
  m.impl("scale_add", &ScaleAddCpu);
  m.impl("scaled_tanh", &ScaledTanhCpu);
  m.impl("scaled_tanh_backward", &ScaledTanhBackwardCpu);
  m.impl("row_normalize", &RowNormalizeCpu);
  m.impl("min_max", &MinMaxCpu);
  m.impl("clamp_", &ClampCpu);
  m.impl("running_max", &RunningMaxCpu);
}

TORCH_LIBRARY_IMPL(gtex, Meta, m) {
  m.impl("scale_add", &ScaleAddMeta);
  m.impl("scaled_tanh", &ScaledTanhMeta);
  m.impl("scaled_tanh_backward", &ScaledTanhBackwardMeta);
  m.impl("row_normalize", &RowNormalizeMeta);
  m.impl("min_max", &MinMaxMeta);
  m.impl("clamp_", &ClampMeta);
}

TORCH_LIBRARY_IMPL(gtex, Autograd, m) {
  m.impl("scale_add", &ScaleAddAutograd);
  m.impl("scaled_tanh", &ScaledTanhAutograd);
}

// The typed entry points of include/gtex/ops.h.

at::Tensor scale_add(const at::Tensor& x, const at::Tensor& y, double alpha) {
  static auto op =
      c10::Dispatcher::singleton()
          .findSchemaOrThrow("gtex::scale_add", "")
          .typed<at::Tensor(const at::Tensor&, const at::Tensor&, double)>();
  return op.call(x, y, alpha);
}

at::Tensor scaled_tanh(const at::Tensor& x, double scale) {
  static auto op = c10::Dispatcher::singleton()
                       .findSchemaOrThrow("gtex::scaled_tanh", "")
                       .typed<at::Tensor(const at::Tensor&, double)>();
  return op.call(x, scale);
}

at::Tensor row_normalize(const at::Tensor& x, std::vector<int64_t> shape,
                         double eps) {
  static auto op =
      c10::Dispatcher::singleton()
          .findSchemaOrThrow("gtex::row_normalize", "")
          .typed<at::Tensor(const at::Tensor&, c10::SymIntArrayRef, double)>();
  return op.call(x, c10::fromIntArrayRefSlow(shape), eps);
}

std::tuple<at::Tensor, at::Tensor> min_max(const at::Tensor& x) {
  static auto op =
      c10::Dispatcher::singleton()
          .findSchemaOrThrow("gtex::min_max", "")
          .typed<std::tuple<at::Tensor, at::Tensor>(const at::Tensor&)>();
  return op.call(x);
}

at::Tensor& clamp_(at::Tensor& x, double lo, double hi) {
  static auto op = c10::Dispatcher::singleton()
                       .findSchemaOrThrow("gtex::clamp_", "")
                       .typed<at::Tensor&(at::Tensor&, double, double)>();
  return op.call(x, lo, hi);
}

}  // namespace gtex
