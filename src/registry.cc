#include "registry.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/ascii.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/string_view.h>
#include <gtest_fx/register.h>

#include <tuple>

#include "check.h"
#include "dispatcher_op.h"
#include "grad.h"

namespace gtest_fx::internal {
namespace {

bool IsIdentifier(const std::string& name) {
  if (name.empty()) return false;
  if (!absl::ascii_isalpha(name[0]) && name[0] != '_') return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

std::string Problem(const OpSpec& spec, const std::string& what) {
  return absl::StrFormat("[gtest_fx] op '%s' registered at %s: %s", spec.name,
                         Location(spec), what);
}

}  // namespace

std::string Location(const OpSpec& spec) {
  return absl::StrCat(spec.file, ":", spec.line);
}

Registry& Registry::Get() {
  static Registry* registry = new Registry();
  return *registry;
}

void Registry::Add(OpSpec spec) {
  entries_.push_back(OpEntry{std::move(spec), std::nullopt});
  errors_.reset();
}

std::optional<std::string> CheckSampleFits(const OpSpec& spec, const Args& args,
                                           size_t index) {
  if (!spec.check_args) return std::nullopt;
  std::string error = spec.check_args(args.values());
  if (error.empty()) return std::nullopt;
  return absl::StrCat("sample ", index + 1, " does not fit the op: ", error);
}

namespace {

// Returns "" when `other` has the kinds of `args` in every place (and as many
// tensors in each list), else the first place where it does not.
std::string CompareKinds(const Args& args, const Args& other) {
  if (args.size() != other.size()) {
    return absl::StrCat("it has ", other.size(), " arguments, the sample ",
                        args.size());
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const ArgValue& a = args.values()[i];
    const ArgValue& b = other.values()[i];
    if (a.index() != b.index() || ArgKindName(a) != ArgKindName(b)) {
      return absl::StrCat("argument ", i, " is ", ArgKindName(b), " there but ",
                          ArgKindName(a), " in the sample");
    }
    if (auto* list = std::get_if<std::vector<at::Tensor>>(&a)) {
      const size_t n = std::get<std::vector<at::Tensor>>(b).size();
      if (n != list->size()) {
        return absl::StrCat("argument ", i, " holds ", n, " tensors there but ",
                            list->size(), " in the sample");
      }
    }
  }
  return "";
}

}  // namespace

absl::StatusOr<Args> PrepareSample(const OpSpec& spec, Args args,
                                   size_t index) {
  // Binds and checks `a`; `prefix` ("" or "the AlsoAt of ") says which
  // argument list of the sample a message is about.
  auto bind = [&](Args& a,
                  absl::string_view prefix) -> std::optional<std::string> {
    if (!a.kwargs().empty()) {
      if (!spec.bind_kwargs) {
        return absl::StrCat(prefix, "sample ", index + 1,
                            " has keyword arguments ('",
                            a.kwargs().front().first,
                            "'...), which only a dispatcher op takes (its "
                            "schema names the arguments); pass them by "
                            "position");
      }
      if (std::string error = spec.bind_kwargs(a); !error.empty()) {
        return absl::StrCat(prefix, "sample ", index + 1, ": ", error);
      }
    }
    if (auto error = CheckSampleFits(spec, a, index)) {
      return absl::StrCat(prefix, *error);
    }
    return std::nullopt;
  };
  if (auto error = bind(args, "")) {
    return absl::InvalidArgumentError(*error);
  }
  if (const Args* also_at = args.also_at()) {
    Args other = *also_at;
    if (auto error = bind(other, "the AlsoAt of ")) {
      return absl::InvalidArgumentError(*error);
    }
    if (std::string error = CompareKinds(args, other); !error.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the AlsoAt of sample ", index + 1,
                       " must hold the same kinds of arguments at other "
                       "shapes, but ",
                       error));
    }
    args.AlsoAt(std::move(other));
  }
  return args;
}

void Registry::SetFileExpectations(std::vector<FileExpectation> entries,
                                   std::string source, bool apply) {
  file_expectations_ = std::move(entries);
  file_expectations_source_ = std::move(source);
  apply_file_expectations_ = apply;
  errors_.reset();
}

const std::vector<std::string>& Registry::Finalize() {
  if (errors_.has_value()) return *errors_;
  std::vector<std::string> errors;
  if (apply_file_expectations_) {
    absl::flat_hash_map<std::string, OpSpec*> specs;
    for (OpEntry& entry : entries_) specs.emplace(entry.spec.name, &entry.spec);
    for (const FileExpectation& e : file_expectations_) {
      const std::string case_name = FileCaseName(e);
      auto it = specs.find(e.op);
      if (it == specs.end()) {
        errors.push_back(absl::StrFormat(
            "[gtest_fx] expectations file %s: case '%s' names no registered "
            "op; remove the line (or regenerate the file)",
            file_expectations_source_, case_name));
        continue;
      }
      OpSpec& spec = *it->second;
      bool covered = false;
      for (const Expectation& x : spec.expectations) {
        covered |=
            x.check == e.check && x.grad == e.grad &&
            (e.check || (x.mode == e.mode && (!x.data || *x.data == e.data)));
      }
      if (covered) {
        errors.push_back(Problem(
            spec, absl::StrCat("case '", case_name,
                               "' has an expectation both in the code and in "
                               "the expectations file ",
                               file_expectations_source_, "; keep one")));
        continue;
      }
      spec.expectations.push_back(
          {e.kind, e.mode, e.data, e.reason, e.check, e.grad});
    }
  }
  absl::flat_hash_map<std::string, const OpSpec*> by_name;
  for (OpEntry& entry : entries_) {
    OpSpec& spec = entry.spec;
    for (const std::string& error : spec.errors) {
      errors.push_back(Problem(spec, error));
    }
    if (!IsIdentifier(spec.name)) {
      errors.push_back(
          Problem(spec,
                  "the name is not a C++ identifier; use letters, digits and "
                  "underscores, not starting with a digit, as it becomes part "
                  "of the test names"));
    }
    auto [it, inserted] = by_name.emplace(spec.name, &spec);
    if (!inserted) {
      errors.push_back(absl::StrFormat(
          "[gtest_fx] duplicate op name '%s': registered at %s and %s; op "
          "names must be unique in one test binary.",
          spec.name, Location(*it->second), Location(spec)));
    }
    if (spec.samples.empty()) {
      errors.push_back(Problem(
          spec, "no samples; add at least one .Sample(...) or .SampleFn(...)"));
    }
    if (!spec.dispatcher_name.empty()) {
      if (absl::Status status = ResolveDispatcherOp(spec); !status.ok()) {
        errors.push_back(Problem(spec, std::string(status.message())));
        continue;
      }
    }
    for (size_t i = 0; i < spec.samples.size(); ++i) {
      if (!spec.samples[i].args.has_value()) continue;  // checked when built
      absl::StatusOr<Args> sample =
          PrepareSample(spec, *spec.samples[i].args, i);
      if (!sample.ok()) {
        errors.push_back(Problem(spec, std::string(sample.status().message())));
      }
    }
    const std::optional<std::string> not_differentiable =
        WhyNotDifferentiable(spec);
    for (const Expectation& e : spec.expectations) {
      const bool about_grad = e.grad || e.check == Check::kGradCheck;
      if (e.check.has_value() && !about_grad && spec.dispatcher_name.empty()) {
        errors.push_back(Problem(
            spec, absl::StrCat("an expectation names the op check ",
                               CheckName(*e.check),
                               ", but op checks exist only for dispatcher ops "
                               "(GTEST_FX_REGISTER_DISPATCHER_OP)")));
      }
      if (about_grad && not_differentiable.has_value()) {
        errors.push_back(Problem(
            spec, absl::StrCat(
                      "an expectation names ",
                      e.grad ? "the gradient cases" : "the op check GradCheck",
                      ", but the op gets none: ", *not_differentiable)));
      }
    }
    for (size_t i = 0; i < spec.expectations.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const Expectation& a = spec.expectations[i];
        const Expectation& b = spec.expectations[j];
        if (a.check != b.check || a.grad != b.grad) continue;
        if (a.check ||
            (a.mode == b.mode && (!a.data || !b.data || *a.data == *b.data))) {
          errors.push_back(Problem(
              spec, absl::StrCat(
                        "two expectations (ExpectFailure or Skip) "
                        "cover ",
                        a.check  ? absl::StrCat("check ", CheckName(*a.check))
                        : a.grad ? absl::StrCat("the gradient cases of mode ",
                                                ModeName(a.mode))
                                 : absl::StrCat("mode ", ModeName(a.mode)),
                        "; keep one per case")));
        }
      }
    }
  }
  errors_ = std::move(errors);
  return *errors_;
}

std::optional<std::string> WhyNotDifferentiable(const OpSpec& spec) {
  if (spec.not_differentiable_reason.has_value()) {
    return absl::StrCat("it is declared NotDifferentiable (",
                        *spec.not_differentiable_reason, ")");
  }
  if (!spec.may_return_tensor) {
    return spec.dispatcher_name.empty()
               ? "the callable's return type holds no tensor"
               : "its schema returns no tensor";
  }
  for (const SampleSource& source : spec.samples) {
    // A SampleFn is built only when a case runs: its op gets gradient cases,
    // which skip when no sample turns out to have a floating-point input.
    if (!source.args.has_value()) return std::nullopt;
    if (HasDifferentiableTensor(source.args->values())) return std::nullopt;
  }
  return "no sample has a floating-point or complex tensor argument";
}

const absl::StatusOr<std::vector<Args>>& SamplesOf(OpEntry& entry) {
  if (entry.samples.has_value()) return *entry.samples;
  std::vector<Args> samples;
  const OpSpec& spec = entry.spec;
  for (size_t i = 0; i < spec.samples.size(); ++i) {
    const SampleSource& source = spec.samples[i];
    Args args;
    if (source.args.has_value()) {
      args = *source.args;
    } else {
      try {
        args = source.factory();
      } catch (...) {
        entry.samples = absl::InvalidArgumentError(Problem(
            spec, absl::StrCat("the SampleFn of sample ", i + 1, " threw: ",
                               DescribeException(std::current_exception()))));
        return *entry.samples;
      }
    }
    absl::StatusOr<Args> prepared = PrepareSample(spec, std::move(args), i);
    if (!prepared.ok()) {
      entry.samples = absl::InvalidArgumentError(
          Problem(spec, std::string(prepared.status().message())));
      return *entry.samples;
    }
    samples.push_back(*std::move(prepared));
  }
  entry.samples = std::move(samples);
  return *entry.samples;
}

}  // namespace gtest_fx::internal
