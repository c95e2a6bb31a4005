#include "sample_copy.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <absl/container/flat_hash_map.h>
#include <c10/core/GradMode.h>

#include <utility>

namespace gtest_fx::internal {
namespace {

class Copier {
 public:
  Copier(CopyKind kind, uint64_t seed)
      : kind_(kind),
        generator_(at::make_generator<at::CPUGeneratorImpl>(seed)) {}

  at::Tensor Copy(const at::Tensor& t) {
    if (!t.defined()) return t;
    c10::NoGradGuard no_grad;
    const int64_t storage_numel =
        static_cast<int64_t>(t.storage().nbytes()) / t.element_size();
    // Keyed by storage and dtype: a view with another dtype of the same
    // storage gets its own copy.
    auto key = std::make_pair(t.storage().unsafeGetStorageImpl(),
                              static_cast<int>(t.scalar_type()));
    auto it = storages_.find(key);
    if (it == storages_.end()) {
      it = storages_.emplace(key, CopyStorage(t, storage_numel)).first;
    }
    at::Tensor copy =
        it->second.as_strided(t.sizes(), t.strides(), t.storage_offset());
    copy = copy.detach();
    if (t.requires_grad()) copy.requires_grad_(true);
    return copy;
  }

 private:
  // Returns a flat tensor holding a copy of t's whole storage.
  at::Tensor CopyStorage(const at::Tensor& t, int64_t storage_numel) {
    at::TensorOptions options = t.options().requires_grad(false);
    if (kind_ == CopyKind::kMeta) {
      return at::empty({storage_numel}, options.device(at::kMeta));
    }
    at::Tensor flat = at::empty({storage_numel}, options);
    const bool inexact = t.is_floating_point() || t.is_complex();
    if (kind_ == CopyKind::kRandomize && inexact) {
      // uniform_ on a complex tensor fills only the real part in LibTorch
      // 1.13, so fill the real and imaginary parts as a real view.
      at::Tensor target = t.is_complex() ? at::view_as_real(flat) : flat;
      target.uniform_(0, 1, generator_);
      return flat;
    }
    at::Tensor source =
        at::empty({0}, options)
            .set_(t.storage(), /*storage_offset=*/0, {storage_numel}, {1});
    flat.copy_(source);
    return flat;
  }

  CopyKind kind_;
  at::Generator generator_;
  absl::flat_hash_map<std::pair<c10::StorageImpl*, int>, at::Tensor> storages_;
};

}  // namespace

std::vector<ArgValue> CopyArgs(const std::vector<ArgValue>& args, CopyKind kind,
                               uint64_t seed) {
  Copier copier(kind, seed);
  std::vector<ArgValue> copies;
  copies.reserve(args.size());
  for (const ArgValue& arg : args) {
    if (auto* t = std::get_if<at::Tensor>(&arg)) {
      copies.emplace_back(copier.Copy(*t));
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&arg)) {
      copies.emplace_back(o->has_value()
                              ? c10::optional<at::Tensor>(copier.Copy(**o))
                              : c10::optional<at::Tensor>());
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&arg)) {
      std::vector<at::Tensor> copied;
      copied.reserve(list->size());
      for (const at::Tensor& t : *list) copied.push_back(copier.Copy(t));
      copies.emplace_back(std::move(copied));
    } else {
      copies.push_back(arg);
    }
  }
  return copies;
}

}  // namespace gtest_fx::internal
