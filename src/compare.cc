#include "compare.h"

#include <ATen/ATen.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <c10/core/GradMode.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace gtest_fx::internal {
namespace {

std::string IndexString(int64_t flat, c10::IntArrayRef sizes) {
  if (sizes.empty()) return "()";
  std::vector<int64_t> index(sizes.size());
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    index[d] = flat % sizes[d];
    flat /= sizes[d];
  }
  return absl::StrCat("(", absl::StrJoin(index, ", "), ")");
}

std::string ValueString(const at::Tensor& flat, int64_t i) {
  at::Tensor v = flat[i];
  if (v.is_complex()) {
    auto c = v.item<c10::complex<double>>();
    return absl::StrFormat("%g%+gj", c.real(), c.imag());
  }
  if (v.is_floating_point()) return absl::StrFormat("%g", v.item<double>());
  if (v.scalar_type() == at::kBool) return v.item<bool>() ? "true" : "false";
  return absl::StrCat(v.item<int64_t>());
}

const char* OutputKindName(Output::Kind kind) {
  switch (kind) {
    case Output::Kind::kNone:
      return "None";
    case Output::Kind::kTensor:
      return "Tensor";
    case Output::Kind::kInt:
      return "int";
    case Output::Kind::kDouble:
      return "float";
    case Output::Kind::kBool:
      return "bool";
    case Output::Kind::kTuple:
      return "tuple";
    case Output::Kind::kList:
      return "list";
  }
  return "?";
}

// Whether `expected` and `actual` (same dtype and sizes) are dense CPU
// tensors holding the same bytes. Equal bytes are equal values for every
// dtype (a NaN in the same place in both counts as equal below too), and
// settle most comparisons without a kernel; any other pair takes the
// comparison below.
bool SameBytes(const at::Tensor& expected, const at::Tensor& actual) {
  auto plain = [](const at::Tensor& t) {
    return t.device().is_cpu() && t.layout() == at::kStrided &&
           !t.is_quantized() && !t.is_conj() && !t.is_neg() &&
           t.is_contiguous() && t.has_storage();
  };
  if (!plain(expected) || !plain(actual)) return false;
  const size_t nbytes = static_cast<size_t>(expected.numel()) *
                        static_cast<size_t>(expected.element_size());
  return std::memcmp(expected.const_data_ptr(), actual.const_data_ptr(),
                     nbytes) == 0;
}

std::optional<std::string> CompareValues(const at::Tensor& expected,
                                         const at::Tensor& actual,
                                         Tolerance tol) {
  const int64_t numel = expected.numel();
  if (numel == 0) return std::nullopt;
  if (SameBytes(expected, actual)) return std::nullopt;
  c10::NoGradGuard no_grad;
  at::Tensor e = expected.detach().resolve_conj().resolve_neg();
  at::Tensor a = actual.detach().resolve_conj().resolve_neg();
  // Most comparisons find equal values: one kernel settles them, where the
  // tolerance path below takes a dozen. (NaNs never compare equal here, and
  // take the path below.)
  if (e.equal(a)) return std::nullopt;
  e = e.reshape(-1);
  a = a.reshape(-1);
  const bool inexact = e.is_floating_point() || e.is_complex();
  at::Tensor mismatched;
  at::Tensor ew;
  at::Tensor abs_diff;
  if (inexact) {
    at::ScalarType wide = e.is_complex() ? at::kComplexDouble : at::kDouble;
    ew = e.to(wide);
    at::Tensor aw = a.to(wide);
    abs_diff = (aw - ew).abs();
    at::Tensor equal = ew.eq(aw);  // also equal infinities
    at::Tensor both_nan = ew.isnan().logical_and(aw.isnan());
    // An infinity is close only to itself (`equal` above), never within a
    // tolerance, which would be infinite too. Where `expected` is finite the
    // tolerance is finite, so an infinite or NaN difference is not within it.
    at::Tensor close =
        abs_diff.le(tol.atol + tol.rtol * ew.abs()).logical_and(ew.isfinite());
    mismatched = close.logical_or(equal).logical_or(both_nan).logical_not();
  } else {
    mismatched = e.ne(a);
  }
  const int64_t count = mismatched.sum().item<int64_t>();
  if (count == 0) return std::nullopt;

  std::string report = absl::StrFormat(
      "values differ: %d of %d elements mismatched", count, numel);
  if (inexact) {
    // The evidence, computed only for a report.
    at::Tensor rel_diff = abs_diff / ew.abs();
    // Where the values count as equal their difference is no evidence.
    abs_diff.masked_fill_(mismatched.logical_not(), 0);
    rel_diff.masked_fill_(mismatched.logical_not(), 0);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    abs_diff = abs_diff.nan_to_num(kInf, kInf);
    rel_diff = rel_diff.nan_to_num(kInf, kInf);
    absl::StrAppendFormat(&report, " (rtol=%g, atol=%g)", tol.rtol, tol.atol);
    const int64_t ia = abs_diff.argmax().item<int64_t>();
    const int64_t ir = rel_diff.argmax().item<int64_t>();
    absl::StrAppendFormat(
        &report,
        "; greatest absolute difference %g at index %s (expected %s, got %s)"
        "; greatest relative difference %g at index %s",
        abs_diff[ia].item<double>(), IndexString(ia, expected.sizes()),
        ValueString(e, ia), ValueString(a, ia), rel_diff[ir].item<double>(),
        IndexString(ir, expected.sizes()));
  } else {
    const int64_t first = mismatched.to(at::kByte).argmax().item<int64_t>();
    absl::StrAppendFormat(&report,
                          " (exact comparison); first at index %s "
                          "(expected %s, got %s)",
                          IndexString(first, expected.sizes()),
                          ValueString(e, first), ValueString(a, first));
  }
  return report;
}

}  // namespace

std::string ShapeString(c10::IntArrayRef sizes) {
  return absl::StrCat("[", absl::StrJoin(sizes, ", "), "]");
}

std::string DtypeName(c10::ScalarType dtype) {
  switch (dtype) {
    case at::kFloat:
      return "float32";
    case at::kDouble:
      return "float64";
    case at::kHalf:
      return "float16";
    case at::kBFloat16:
      return "bfloat16";
    case at::kComplexHalf:
      return "complex32";
    case at::kComplexFloat:
      return "complex64";
    case at::kComplexDouble:
      return "complex128";
    case at::kByte:
      return "uint8";
    case at::kChar:
      return "int8";
    case at::kShort:
      return "int16";
    case at::kInt:
      return "int32";
    case at::kLong:
      return "int64";
    case at::kBool:
      return "bool";
    default:
      return c10::toString(dtype);
  }
}

Tolerance DefaultTolerance(c10::ScalarType dtype) {
  switch (dtype) {
    case at::kHalf:
      return {1e-3, 1e-5};
    case at::kBFloat16:
      return {1.6e-2, 1e-5};
    case at::kFloat:
    case at::kComplexFloat:
      return {1.3e-6, 1e-5};
    case at::kDouble:
    case at::kComplexDouble:
      return {1e-7, 1e-7};
    case at::kComplexHalf:
      return {1e-3, 1e-5};
    default:
      return {0, 0};
  }
}

std::optional<std::string> CompareTensors(const at::Tensor& expected,
                                          const at::Tensor& actual,
                                          std::optional<Tolerance> tolerance) {
  if (!expected.defined() || !actual.defined()) {
    if (expected.defined() == actual.defined()) return std::nullopt;
    return absl::StrCat(
        "expected ", expected.defined() ? "a tensor" : "an undefined tensor",
        ", got ", actual.defined() ? "a tensor" : "an undefined tensor");
  }
  if (expected.scalar_type() != actual.scalar_type()) {
    return absl::StrCat("dtype differs: expected ",
                        DtypeName(expected.scalar_type()), ", got ",
                        DtypeName(actual.scalar_type()));
  }
  if (expected.device() != actual.device()) {
    return absl::StrCat("device differs: expected ", expected.device().str(),
                        ", got ", actual.device().str());
  }
  if (expected.sizes() != actual.sizes()) {
    return absl::StrCat("shape differs: expected ",
                        ShapeString(expected.sizes()), ", got ",
                        ShapeString(actual.sizes()));
  }
  if (expected.is_meta() || actual.is_meta()) return std::nullopt;
  // Autograd gives some zero gradients as "efficient zero tensors", which
  // have no data to compare byte by byte: compare dense zeros instead.
  auto dense = [](const at::Tensor& t) {
    return t._is_zerotensor() ? at::zeros(t.sizes(), t.options()) : t;
  };
  return CompareValues(
      dense(expected), dense(actual),
      tolerance.value_or(DefaultTolerance(expected.scalar_type())));
}

std::optional<std::string> CompareOutputs(const Output& expected,
                                          const Output& actual,
                                          std::optional<Tolerance> tolerance,
                                          const std::string& path) {
  if (expected.kind != actual.kind) {
    return absl::StrCat(path, ": expected ", OutputKindName(expected.kind),
                        ", got ", OutputKindName(actual.kind));
  }
  switch (expected.kind) {
    case Output::Kind::kNone:
      return std::nullopt;
    case Output::Kind::kTensor:
      if (auto diff =
              CompareTensors(expected.tensor, actual.tensor, tolerance)) {
        return absl::StrCat(path, " (", ShapeString(expected.tensor.sizes()),
                            " ", DtypeName(expected.tensor.scalar_type()),
                            "): ", *diff);
      }
      return std::nullopt;
    case Output::Kind::kInt:
      if (expected.int_value == actual.int_value) return std::nullopt;
      return absl::StrCat(path, ": expected int ", expected.int_value, ", got ",
                          actual.int_value);
    case Output::Kind::kBool:
      if (expected.bool_value == actual.bool_value) return std::nullopt;
      return absl::StrCat(path, ": expected bool ",
                          expected.bool_value ? "true" : "false", ", got ",
                          actual.bool_value ? "true" : "false");
    case Output::Kind::kDouble: {
      const double e = expected.double_value;
      const double a = actual.double_value;
      const Tolerance tol = tolerance.value_or(DefaultTolerance(at::kDouble));
      if (e == a || (std::isnan(e) && std::isnan(a)) ||
          std::abs(a - e) <= tol.atol + tol.rtol * std::abs(e)) {
        return std::nullopt;
      }
      return absl::StrFormat("%s: expected float %g, got %g", path, e, a);
    }
    case Output::Kind::kTuple:
    case Output::Kind::kList:
      if (expected.elements.size() != actual.elements.size()) {
        return absl::StrCat(path, ": expected ", OutputKindName(expected.kind),
                            " of ", expected.elements.size(), " elements, got ",
                            actual.elements.size());
      }
      for (size_t i = 0; i < expected.elements.size(); ++i) {
        if (auto diff =
                CompareOutputs(expected.elements[i], actual.elements[i],
                               tolerance, absl::StrCat(path, "[", i, "]"))) {
          return diff;
        }
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> CompareOutputMetadata(const Output& expected,
                                                 const Output& meta,
                                                 const std::string& path,
                                                 const std::string& meta_side) {
  if (expected.kind != meta.kind) {
    return absl::StrCat(path, ": expected ", OutputKindName(expected.kind),
                        ", got ", OutputKindName(meta.kind));
  }
  if (expected.kind == Output::Kind::kTensor) {
    const at::Tensor& e = expected.tensor;
    const at::Tensor& m = meta.tensor;
    if (e.defined() != m.defined()) {
      return absl::StrCat(path, ": defined tensor on one side only");
    }
    if (!e.defined()) return std::nullopt;
    if (e.scalar_type() != m.scalar_type() || e.sizes() != m.sizes()) {
      return absl::StrCat(
          path, ": the real kernel gives ", ShapeString(e.sizes()), " ",
          DtypeName(e.scalar_type()), ", ", meta_side, " gives ",
          ShapeString(m.sizes()), " ", DtypeName(m.scalar_type()));
    }
    return std::nullopt;
  }
  if (expected.kind == Output::Kind::kTuple ||
      expected.kind == Output::Kind::kList) {
    if (expected.elements.size() != meta.elements.size()) {
      return absl::StrCat(path, ": expected ", expected.elements.size(),
                          " elements, ", meta_side, " gives ",
                          meta.elements.size());
    }
    for (size_t i = 0; i < expected.elements.size(); ++i) {
      if (auto diff = CompareOutputMetadata(
              expected.elements[i], meta.elements[i],
              absl::StrCat(path, "[", i, "]"), meta_side)) {
        return diff;
      }
    }
  }
  // Numbers from a fake trace are checked with the replay, by value.
  return std::nullopt;
}

std::string DescribeOutput(const Output& output) {
  switch (output.kind) {
    case Output::Kind::kTensor:
      if (!output.tensor.defined()) return "Tensor(undefined)";
      return absl::StrCat("Tensor", ShapeString(output.tensor.sizes()), " ",
                          DtypeName(output.tensor.scalar_type()));
    case Output::Kind::kTuple:
    case Output::Kind::kList: {
      std::vector<std::string> parts;
      for (const Output& e : output.elements)
        parts.push_back(DescribeOutput(e));
      const bool tuple = output.kind == Output::Kind::kTuple;
      return absl::StrCat(tuple ? "(" : "[", absl::StrJoin(parts, ", "),
                          tuple ? ")" : "]");
    }
    default:
      return OutputKindName(output.kind);
  }
}

}  // namespace gtest_fx::internal
