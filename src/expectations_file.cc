#include "expectations_file.h"

#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/string_view.h>
#include <absl/strings/strip.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

namespace gtest_fx::internal {
namespace {

// The prefix of a gradient case's name in the file.
constexpr absl::string_view kGradPrefix = "Grad/";

// Splits "<op>_<mode>_<data>" into its parts.
bool SplitTraceName(absl::string_view name, FileExpectation* e) {
  for (TracingMode mode : kAllTracingModes) {
    for (Data data : kAllData) {
      const std::string suffix =
          absl::StrCat("_", ModeName(mode), "_", DataName(data));
      if (name.size() > suffix.size() && absl::EndsWith(name, suffix)) {
        e->op = std::string(name.substr(0, name.size() - suffix.size()));
        e->mode = mode;
        e->data = data;
        return true;
      }
    }
  }
  return false;
}

// Splits "<Check>/<op>", "Grad/<op>_<mode>_<data>" or "<op>_<mode>_<data>"
// into its parts. The op checks' exact "<Check>/" prefixes come first, so
// that "GradCheck/x" is an op check, never a gradient case.
bool SplitCaseName(absl::string_view name, FileExpectation* e) {
  for (Check check : kAllChecks) {
    const std::string prefix = absl::StrCat(CheckName(check), "/");
    if (name.size() > prefix.size() && absl::StartsWith(name, prefix)) {
      e->op = std::string(name.substr(prefix.size()));
      e->mode = TracingMode::kReal;
      e->data = Data::kOriginal;
      e->check = check;
      return true;
    }
  }
  if (absl::ConsumePrefix(&name, kGradPrefix)) {
    e->grad = true;
    return SplitTraceName(name, e);
  }
  return SplitTraceName(name, e);
}

}  // namespace

std::string FileCaseName(const FileExpectation& e) {
  if (e.check) return absl::StrCat(CheckName(*e.check), "/", e.op);
  return absl::StrCat(e.grad ? kGradPrefix : "", e.op, "_", ModeName(e.mode),
                      "_", DataName(e.data));
}

absl::StatusOr<std::vector<FileExpectation>> ParseExpectations(
    const std::string& content, const std::string& source) {
  nlohmann::json json =
      nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() ||
      !json.contains("expectations") || !json["expectations"].is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat("[gtest_fx] expectations file ", source,
                     ": not a JSON object with an \"expectations\" array"));
  }
  std::vector<FileExpectation> entries;
  for (size_t i = 0; i < json["expectations"].size(); ++i) {
    const nlohmann::json& entry = json["expectations"][i];
    auto problem = [&](const std::string& what) {
      return absl::InvalidArgumentError(
          absl::StrCat("[gtest_fx] expectations file ", source, ", entry ", i,
                       " (", entry.dump(), "): ", what));
    };
    if (!entry.is_object() || !entry.contains("case") ||
        !entry["case"].is_string() || !entry.contains("status") ||
        !entry["status"].is_string() || !entry.contains("reason") ||
        !entry["reason"].is_string()) {
      return problem("needs the strings \"case\", \"status\" and \"reason\"");
    }
    FileExpectation e;
    if (!SplitCaseName(entry["case"].get<std::string>(), &e)) {
      return problem(
          "\"case\" must be <op>_<mode>_<data> (e.g. relu_fake_original), "
          "Grad/<op>_<mode>_<data> for a gradient case (e.g. "
          "Grad/relu_fake_original) or <Check>/<op> (e.g. "
          "MetaKernel/scale_add)");
    }
    const std::string status = entry["status"].get<std::string>();
    if (status == "xfail") {
      e.kind = Expectation::Kind::kExpectFailure;
    } else if (status == "skip") {
      e.kind = Expectation::Kind::kSkip;
    } else {
      return problem("\"status\" must be \"xfail\" or \"skip\"");
    }
    e.reason = entry["reason"].get<std::string>();
    if (e.reason.empty()) return problem("the reason is empty; say why");
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string FormatExpectations(std::vector<FileExpectation> entries,
                               const std::string& regenerate) {
  std::sort(entries.begin(), entries.end(),
            [](const FileExpectation& a, const FileExpectation& b) {
              return FileCaseName(a) < FileCaseName(b);
            });
  std::vector<std::string> lines;
  for (const FileExpectation& e : entries) {
    nlohmann::ordered_json entry;
    entry["case"] = FileCaseName(e);
    entry["status"] =
        e.kind == Expectation::Kind::kExpectFailure ? "xfail" : "skip";
    entry["reason"] = e.reason;
    lines.push_back("    " + entry.dump());
  }
  nlohmann::json about = absl::StrCat(
      "gtest_fx expectations: one line per case that fails (xfail) or is "
      "skipped (skip) today, with its reason. An xfail that passes fails the "
      "run. Regenerate from an actual run with: ",
      regenerate);
  return absl::StrCat("{\n  \"about\": ", about.dump(),
                      ",\n  \"expectations\": [\n", absl::StrJoin(lines, ",\n"),
                      "\n  ]\n}\n");
}

}  // namespace gtest_fx::internal
