// An operator library as custom ops usually ship: a shared library whose
// TORCH_LIBRARY defines gtest_fx_shared::twice, with CPU, Meta and Autograd
// kernels. Its test names the op only by string (shared_ops_test.cc), so
// nothing in the test binary refers to a symbol of this library.
#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/library.h>

namespace {

at::Tensor Twice(const at::Tensor& x) { return x.mul(2); }

at::Tensor TwiceMeta(const at::Tensor& x) { return at::empty_like(x); }

// d(2x) = 2 dx.
class TwiceFunction : public torch::autograd::Function<TwiceFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext*,
                            const at::Tensor& x) {
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    static auto op = c10::Dispatcher::singleton()
                         .findSchemaOrThrow("gtest_fx_shared::twice", "")
                         .typed<at::Tensor(const at::Tensor&)>();
    return op.call(x);
  }
  static torch::autograd::variable_list backward(
      torch::autograd::AutogradContext*, torch::autograd::variable_list grads) {
    return {grads[0].mul(2)};
  }
};

at::Tensor TwiceAutograd(const at::Tensor& x) {
  return TwiceFunction::apply(x);
}

}  // namespace

TORCH_LIBRARY(gtest_fx_shared, m) { m.def("twice(Tensor x) -> Tensor"); }
TORCH_LIBRARY_IMPL(gtest_fx_shared, CPU, m) { m.impl("twice", &Twice); }
TORCH_LIBRARY_IMPL(gtest_fx_shared, Meta, m) { m.impl("twice", &TwiceMeta); }
TORCH_LIBRARY_IMPL(gtest_fx_shared, Autograd, m) {
  m.impl("twice", &TwiceAutograd);
}
