#include "global_state.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <c10/core/DefaultDtype.h>
#include <c10/util/Exception.h>

#include "compare.h"

namespace gtest_fx::internal {
namespace {

const char* OnOff(bool on) { return on ? "on" : "off"; }

// The keys of `keys` by name, e.g. "AutocastCPU, Fake".
std::string KeyNames(c10::DispatchKeySet keys) {
  std::vector<std::string> names;
  for (c10::DispatchKey key : keys) names.push_back(c10::toString(key));
  return absl::StrJoin(names, ", ");
}

}  // namespace

GlobalState GlobalState::Capture() {
  GlobalState state(c10::AutogradState::get_tls_state());
  state.intra_op_threads_ = at::get_num_threads();
  state.default_dtype_ = c10::get_default_dtype_as_scalartype();
  state.deterministic_ = at::globalContext().deterministicAlgorithms();
  state.deterministic_warn_only_ =
      at::globalContext().deterministicAlgorithmsWarnOnly();
  state.autocast_cpu_ = at::autocast::is_autocast_enabled(at::kCPU);
  state.autocast_cpu_dtype_ = at::autocast::get_autocast_dtype(at::kCPU);
  const c10::impl::LocalDispatchKeySet keys =
      c10::impl::tls_local_dispatch_key_set();
  state.included_keys_ = keys.included_;
  state.excluded_keys_ = keys.excluded_;
  state.warn_always_ = c10::WarningUtils::get_warnAlways();
  return state;
}

std::vector<std::string> GlobalState::ChangesIn(
    const GlobalState& later) const {
  std::vector<std::string> changes;
  auto changed = [&](absl::string_view what) {
    changes.push_back(absl::StrCat("the op ", what, " and did not restore it"));
  };
  const c10::AutogradState& a = autograd_;
  const c10::AutogradState& b = later.autograd_;
  // Inference mode switches grad mode, forward AD and dispatch keys with it:
  // it alone is named then.
  const bool inference_changed =
      a.get_inference_mode() != b.get_inference_mode();
  if (inference_changed) {
    changed(b.get_inference_mode() ? "entered inference mode"
                                   : "left inference mode");
  }
  if (!inference_changed && a.get_grad_mode() != b.get_grad_mode()) {
    changed(absl::StrCat("switched grad mode ", OnOff(b.get_grad_mode())));
  }
  if (!inference_changed && a.get_fw_grad_mode() != b.get_fw_grad_mode()) {
    changed(
        absl::StrCat("switched forward-mode AD ", OnOff(b.get_fw_grad_mode())));
  }
  if (intra_op_threads_ != later.intra_op_threads_) {
    changed(absl::StrCat("changed the number of intra-op threads from ",
                         intra_op_threads_, " to ", later.intra_op_threads_,
                         " (at::set_num_threads)"));
  }
  if (default_dtype_ != later.default_dtype_) {
    changed(absl::StrCat("changed the default dtype from ",
                         DtypeName(default_dtype_), " to ",
                         DtypeName(later.default_dtype_)));
  }
  if (deterministic_ != later.deterministic_ ||
      deterministic_warn_only_ != later.deterministic_warn_only_) {
    changed(absl::StrCat(
        "switched deterministic algorithms ", OnOff(later.deterministic_),
        later.deterministic_ && later.deterministic_warn_only_ ? " (warn only)"
                                                               : "",
        " (at::globalContext().setDeterministicAlgorithms)"));
  }
  if (autocast_cpu_ != later.autocast_cpu_) {
    changed(absl::StrCat("switched CPU autocast ", OnOff(later.autocast_cpu_)));
  }
  if (autocast_cpu_dtype_ != later.autocast_cpu_dtype_) {
    changed(absl::StrCat("changed CPU autocast's dtype from ",
                         DtypeName(autocast_cpu_dtype_), " to ",
                         DtypeName(later.autocast_cpu_dtype_)));
  }
  // Autocast (a key of the excluded set while it is off) and inference mode
  // work through these keys: name the keys only when those do not already
  // account for them.
  const c10::DispatchKeySet autocast_keys(c10::DispatchKey::AutocastCPU);
  const c10::DispatchKeySet explained = autocast_cpu_ != later.autocast_cpu_
                                            ? autocast_keys
                                            : c10::DispatchKeySet();
  // Keys a set gained or lost, for the included and the excluded set alike.
  auto key_changes = [&](absl::string_view set, c10::DispatchKeySet before,
                         c10::DispatchKeySet after) {
    const c10::DispatchKeySet gained = (after - before) - explained;
    const c10::DispatchKeySet lost = (before - after) - explained;
    if (!gained.empty()) {
      changed(absl::StrCat("left dispatch keys in the thread's ", set, " set (",
                           KeyNames(gained), ")"));
    }
    if (!lost.empty()) {
      changed(absl::StrCat("removed dispatch keys from the thread's ", set,
                           " set (", KeyNames(lost), ")"));
    }
  };
  if (!inference_changed) {
    key_changes("included", included_keys_, later.included_keys_);
    key_changes("excluded", excluded_keys_, later.excluded_keys_);
  }
  if (warn_always_ != later.warn_always_) {
    changed(absl::StrCat("switched always-warn ", OnOff(later.warn_always_),
                         " (c10::WarningUtils::set_warnAlways)"));
  }
  return changes;
}

void GlobalState::Restore() const {
  c10::AutogradState::set_tls_state(autograd_);
  if (at::get_num_threads() != intra_op_threads_) {
    at::set_num_threads(intra_op_threads_);
  }
  if (c10::get_default_dtype_as_scalartype() != default_dtype_) {
    c10::set_default_dtype(c10::scalarTypeToTypeMeta(default_dtype_));
  }
  at::globalContext().setDeterministicAlgorithms(deterministic_,
                                                 deterministic_warn_only_);
  at::autocast::set_autocast_enabled(at::kCPU, autocast_cpu_);
  at::autocast::set_autocast_dtype(at::kCPU, autocast_cpu_dtype_);
  c10::impl::PODLocalDispatchKeySet keys;
  keys.set_included(included_keys_);
  keys.set_excluded(excluded_keys_);
  c10::impl::_force_tls_local_dispatch_key_set(
      c10::impl::LocalDispatchKeySet(keys));
  c10::WarningUtils::set_warnAlways(warn_always_);
}

}  // namespace gtest_fx::internal
