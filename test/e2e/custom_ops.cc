// A test binary of custom dispatcher ops: their op check cases
// (OpCheck/OpTest.<Check>/<op>) next to their tracing cases, keyword
// arguments, expectations on checks, and a Meta kernel that crashes. The e2e
// driver runs it and reads its output.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>
#include <torch/library.h>

namespace {

at::Tensor ScaleAdd(const at::Tensor& x, const at::Tensor& y, double alpha) {
  return x + y * alpha;
}
at::Tensor ScaleAddMeta(const at::Tensor& x, const at::Tensor& y, double) {
  return at::empty(at::infer_size(x.sizes(), y.sizes()), x.options());
}
// Writes to its input, which the schema declares read-only.
at::Tensor Sneaky(const at::Tensor& x) {
  at::Tensor writable = x;
  return writable.mul_(2).clone();
}
at::Tensor EmptyLike(const at::Tensor& x) { return at::empty_like(x); }
// A Meta kernel that reads the data of a meta tensor through the untyped
// data_ptr(), which is a null pointer there.
at::Tensor ReadsDataPtr(const at::Tensor& x) {
  const float first = *static_cast<volatile const float*>(x.data_ptr());
  return at::full(x.sizes(), first, x.options());
}
at::Tensor Twice(const at::Tensor& x) { return x * 2; }

TORCH_LIBRARY(gtest_fx_e2e, m) {
  m.def("scale_add(Tensor x, Tensor y, *, float alpha=1.0) -> Tensor");
  m.def("sneaky(Tensor x) -> Tensor");
  m.def("meta_data_ptr(Tensor x) -> Tensor");
  m.def("no_meta(Tensor x) -> Tensor");
}
TORCH_LIBRARY_IMPL(gtest_fx_e2e, CPU, m) {
  m.impl("scale_add", &ScaleAdd);
  m.impl("sneaky", &Sneaky);
  m.impl("meta_data_ptr", &Twice);
  m.impl("no_meta", &Twice);
}
TORCH_LIBRARY_IMPL(gtest_fx_e2e, Meta, m) {
  m.impl("scale_add", &ScaleAddMeta);
  m.impl("sneaky", &EmptyLike);
  m.impl("meta_data_ptr", &ReadsDataPtr);
}

// No Autograd kernel: AutogradRegistration fails (gtest_fx makes the inputs
// require grad itself), and so do the fake and symbolic gradient cases,
// where the Meta kernel's output carries no gradient.
GTEST_FX_REGISTER_DISPATCHER_OP(scale_add, "gtest_fx_e2e::scale_add")
    .Sample(at::randn({3, 4}), at::randn({4}))
    .Sample(gtest_fx::Args(at::randn({2, 3}), at::randn({2, 3}))
                .Kwarg("alpha", 0.5));

GTEST_FX_REGISTER_DISPATCHER_OP(sneaky, "gtest_fx_e2e::sneaky")
    .Sample(at::randn({4}))
    .ExpectFailure(gtest_fx::Check::kSchema,
                   "writes its input without (a!); kept to show the check");

GTEST_FX_REGISTER_DISPATCHER_OP(meta_data_ptr, "gtest_fx_e2e::meta_data_ptr")
    .Sample(at::randn({4}))
    .ExpectFailure(gtest_fx::Check::kAutogradRegistration,
                   "no Autograd kernel: its CPU kernel's own ops carry the "
                   "gradient; kept to show the Meta kernel's crash");

GTEST_FX_REGISTER_DISPATCHER_OP(no_meta, "gtest_fx_e2e::no_meta")
    .Sample(at::randn({4}).requires_grad_())
    .ExpectFailure(gtest_fx::TracingMode::kFake, "no Meta kernel yet")
    .ExpectFailure(gtest_fx::Check::kMetaKernel, "no Meta kernel yet")
    .ExpectGradFailure(gtest_fx::TracingMode::kFake, "no Meta kernel yet");

GTEST_FX_REGISTER_OP(callable, [](const at::Tensor& x) {
  return x + 1;
}).Sample(at::randn({4}));

}  // namespace
