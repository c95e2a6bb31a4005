#include "registry.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/ascii.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <gtest_fx/register.h>

#include <tuple>

#include "check.h"
#include "dispatcher_op.h"

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
  return absl::StrCat("sample ", index, " does not fit the op: ", error);
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
      const std::string case_name =
          absl::StrCat(e.op, "_", ModeName(e.mode), "_", DataName(e.data));
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
        covered |= x.mode == e.mode && (!x.data || *x.data == e.data);
      }
      if (covered) {
        errors.push_back(Problem(
            spec, absl::StrCat("case '", case_name,
                               "' has an expectation both in the code and in "
                               "the expectations file ",
                               file_expectations_source_, "; keep one")));
        continue;
      }
      spec.expectations.push_back({e.kind, e.mode, e.data, e.reason});
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
      if (auto error = CheckSampleFits(spec, *spec.samples[i].args, i)) {
        errors.push_back(Problem(spec, *error));
      }
    }
    for (size_t i = 0; i < spec.expectations.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const Expectation& a = spec.expectations[i];
        const Expectation& b = spec.expectations[j];
        if (a.mode == b.mode && (!a.data || !b.data || *a.data == *b.data)) {
          errors.push_back(Problem(
              spec, absl::StrCat("two expectations (ExpectFailure or Skip) "
                                 "cover mode ",
                                 ModeName(a.mode), "; keep one per case")));
        }
      }
    }
  }
  errors_ = std::move(errors);
  return *errors_;
}

const absl::StatusOr<std::vector<Args>>& SamplesOf(OpEntry& entry) {
  if (entry.samples.has_value()) return *entry.samples;
  std::vector<Args> samples;
  const OpSpec& spec = entry.spec;
  for (size_t i = 0; i < spec.samples.size(); ++i) {
    const SampleSource& source = spec.samples[i];
    if (source.args.has_value()) {
      samples.push_back(*source.args);
      continue;
    }
    try {
      samples.push_back(source.factory());
    } catch (...) {
      entry.samples = absl::InvalidArgumentError(Problem(
          spec, absl::StrCat("the SampleFn of sample ", i, " threw: ",
                             DescribeException(std::current_exception()))));
      return *entry.samples;
    }
    if (auto error = CheckSampleFits(spec, samples.back(), i)) {
      entry.samples = absl::InvalidArgumentError(Problem(spec, *error));
      return *entry.samples;
    }
  }
  entry.samples = std::move(samples);
  return *entry.samples;
}

}  // namespace gtest_fx::internal
