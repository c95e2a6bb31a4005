#include <ATen/core/Tensor.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <gtest_fx/args.h>
#include <gtest_fx/op_check.h>
#include <gtest_fx/tracing_mode.h>

#include <ostream>
#include <type_traits>

namespace gtest_fx {
namespace {

std::string DescribeTensor(const at::Tensor& t) {
  if (!t.defined()) return "Tensor(undefined)";
  return absl::StrCat("Tensor[", absl::StrJoin(t.sizes(), ", "), "] ",
                      c10::toString(t.scalar_type()),
                      t.is_contiguous() ? "" : " non-contiguous",
                      t.requires_grad() ? " requires_grad" : "");
}

}  // namespace

const char* ModeName(TracingMode mode) {
  switch (mode) {
    case TracingMode::kReal:
      return "real";
    case TracingMode::kFake:
      return "fake";
    case TracingMode::kSymbolic:
      return "symbolic";
  }
  return "?";
}

const char* DataName(Data data) {
  switch (data) {
    case Data::kOriginal:
      return "original";
    case Data::kRandomized:
      return "randomized";
  }
  return "?";
}

const char* CheckName(Check check) {
  switch (check) {
    case Check::kSchema:
      return "Schema";
    case Check::kMetaKernel:
      return "MetaKernel";
    case Check::kAutogradRegistration:
      return "AutogradRegistration";
    case Check::kGradCheck:
      return "GradCheck";
  }
  return "?";
}

std::string ArgKindName(const ArgValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, at::Tensor>) return "a Tensor";
        if constexpr (std::is_same_v<T, Size>) return "a gtest_fx::Size";
        if constexpr (std::is_same_v<T, int64_t>) return "an int";
        if constexpr (std::is_same_v<T, double>) return "a double";
        if constexpr (std::is_same_v<T, bool>) return "a bool";
        if constexpr (std::is_same_v<T, c10::Scalar>) return "an at::Scalar";
        if constexpr (std::is_same_v<T, c10::ScalarType>) {
          return "an at::ScalarType";
        }
        if constexpr (std::is_same_v<T, c10::optional<at::Tensor>>) {
          return v.has_value() ? "an optional Tensor" : "c10::nullopt";
        }
        if constexpr (std::is_same_v<T, std::vector<at::Tensor>>) {
          return "a std::vector<at::Tensor>";
        }
        if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          return "a std::vector<int64_t>";
        }
        if constexpr (std::is_same_v<T, std::string>) return "a string";
        return "an unknown value";
      },
      value);
}

namespace {

std::string DescribeValue(const ArgValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, at::Tensor>) {
          return DescribeTensor(v);
        } else if constexpr (std::is_same_v<T, c10::optional<at::Tensor>>) {
          return v.has_value() ? DescribeTensor(*v) : "nullopt";
        } else if constexpr (std::is_same_v<T, std::vector<at::Tensor>>) {
          std::vector<std::string> items;
          for (const at::Tensor& t : v) items.push_back(DescribeTensor(t));
          return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
        } else if constexpr (std::is_same_v<T, Size>) {
          return absl::StrCat("Size{", absl::StrJoin(v.dims(), ", "), "}");
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          return absl::StrCat("{", absl::StrJoin(v, ", "), "}");
        } else if constexpr (std::is_same_v<T, c10::Scalar>) {
          return absl::StrCat("Scalar(", v.toDouble(), ")");
        } else if constexpr (std::is_same_v<T, c10::ScalarType>) {
          return c10::toString(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return absl::StrCat("\"", v, "\"");
        } else {
          return absl::StrCat(v);
        }
      },
      value);
}

}  // namespace

void PrintTo(const Args& args, std::ostream* os) {
  std::vector<std::string> parts;
  for (const ArgValue& value : args.values()) {
    parts.push_back(DescribeValue(value));
  }
  for (const auto& [name, value] : args.kwargs()) {
    parts.push_back(absl::StrCat(name, "=", DescribeValue(value)));
  }
  *os << "(" << absl::StrJoin(parts, ", ") << ")";
  if (args.also_at() != nullptr) {
    *os << " also at ";
    PrintTo(*args.also_at(), os);
  }
}

}  // namespace gtest_fx
