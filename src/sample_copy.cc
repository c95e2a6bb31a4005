#include "sample_copy.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <absl/container/flat_hash_map.h>
#include <c10/core/GradMode.h>

#include <cstring>
#include <utility>

namespace gtest_fx::internal {
namespace {

// Whether `t` can be copied by copying its storage's bytes and building a
// TensorImpl over the copy: a plain strided CPU or meta tensor. That path
// makes no dispatcher call, where a clone through ATen makes five (a copy
// costs a small case's op about what the op itself costs).
bool CopiedByBytes(const at::Tensor& t) {
  return t.layout() == at::kStrided && !t.is_quantized() &&
         (t.device().is_cpu() || t.is_meta()) && t.has_storage();
}

class Copier {
 public:
  Copier(CopyKind kind, uint64_t seed) : kind_(kind), seed_(seed) {}

  at::Tensor Copy(const at::Tensor& t) {
    if (!t.defined()) return t;
    // Keyed by storage and dtype: a view with another dtype of the same
    // storage gets its own copy.
    auto key = std::make_pair(t.storage().unsafeGetStorageImpl(),
                              static_cast<int>(t.scalar_type()));
    auto it = storages_.find(key);
    if (it == storages_.end()) {
      it = storages_.emplace(key, CopyStorage(t)).first;
    }
    at::Tensor copy;
    if (CopiedByBytes(t)) {
      const bool meta = kind_ == CopyKind::kMeta || t.is_meta();
      copy = at::detail::make_tensor<c10::TensorImpl>(
          c10::Storage(it->second),
          c10::DispatchKeySet(meta ? c10::DispatchKey::Meta
                                   : c10::DispatchKey::CPU),
          t.dtype());
      c10::TensorImpl* impl = copy.unsafeGetTensorImpl();
      impl->set_sizes_and_strides(t.sizes(), t.strides(), t.storage_offset());
      impl->_set_conj(t.is_conj());
      impl->_set_neg(t.is_neg());
    } else {
      c10::NoGradGuard no_grad;
      at::Tensor flat =
          at::empty(
              {0}, t.options().device(it->second.device()).requires_grad(false))
              .set_(it->second, /*storage_offset=*/0,
                    {static_cast<int64_t>(it->second.nbytes()) /
                     t.element_size()},
                    {1});
      copy =
          flat.as_strided(t.sizes(), t.strides(), t.storage_offset()).detach();
    }
    if (t.requires_grad()) copy.requires_grad_(true);
    return copy;
  }

 private:
  // Returns a new storage holding a copy of t's whole storage (for kMeta, a
  // meta storage of the same size; for kRandomize, fresh values where t is
  // floating-point or complex).
  c10::Storage CopyStorage(const at::Tensor& t) {
    const size_t nbytes = t.storage().nbytes();
    const bool inexact = t.is_floating_point() || t.is_complex();
    if (kind_ == CopyKind::kMeta || t.is_meta()) {
      return c10::Storage(c10::Storage::use_byte_size_t(), nbytes,
                          c10::GetAllocator(c10::kMeta), /*resizable=*/true);
    }
    if (kind_ == CopyKind::kRandomize && inexact) {
      c10::NoGradGuard no_grad;
      const int64_t numel = static_cast<int64_t>(nbytes) / t.element_size();
      at::Tensor flat = at::empty({numel}, t.options().requires_grad(false));
      // uniform_ on a complex tensor fills only the real part in LibTorch
      // 1.13, so fill the real and imaginary parts as a real view.
      at::Tensor target = t.is_complex() ? at::view_as_real(flat) : flat;
      if (!generator_.defined()) {
        generator_ = at::make_generator<at::CPUGeneratorImpl>(seed_);
      }
      target.uniform_(0, 1, generator_);
      return flat.storage();
    }
    if (CopiedByBytes(t)) {
      c10::Storage storage(c10::Storage::use_byte_size_t(), nbytes,
                           c10::GetAllocator(c10::kCPU), /*resizable=*/true);
      if (nbytes > 0) {
        std::memcpy(storage.mutable_data(), t.storage().data(), nbytes);
      }
      return storage;
    }
    c10::NoGradGuard no_grad;
    const int64_t numel = static_cast<int64_t>(nbytes) / t.element_size();
    at::TensorOptions options = t.options().requires_grad(false);
    at::Tensor flat = at::empty({numel}, options);
    flat.copy_(at::empty({0}, options)
                   .set_(t.storage(), /*storage_offset=*/0, {numel}, {1}));
    return flat.storage();
  }

  CopyKind kind_;
  uint64_t seed_;
  at::Generator generator_;  // made on first use (kRandomize only)
  absl::flat_hash_map<std::pair<c10::StorageImpl*, int>, c10::Storage>
      storages_;
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
