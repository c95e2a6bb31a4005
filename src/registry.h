// The process-wide registry of ops, and its validation before any case runs.
#ifndef GTEST_FX_SRC_REGISTRY_H_
#define GTEST_FX_SRC_REGISTRY_H_

#include <absl/status/statusor.h>
#include <gtest_fx/args.h>
#include <gtest_fx/internal/op_spec.h>

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "expectations_file.h"

namespace gtest_fx::internal {

struct OpEntry {
  OpSpec spec;
  // The samples, built from `spec.samples` on first use: lazy factories run
  // only when a case of this op runs.
  std::optional<absl::StatusOr<std::vector<Args>>> samples;
};

class Registry {
 public:
  // Returns the registry. It is never destroyed, so registrations made
  // during static initialization in any order are safe.
  static Registry& Get();

  void Add(OpSpec spec);

  // Sets the entries of an expectations file (named `source` in messages).
  // Finalize() adds them to their ops when `apply`; otherwise they are only
  // kept, e.g. to reuse their reasons when the file is regenerated.
  void SetFileExpectations(std::vector<FileExpectation> entries,
                           std::string source, bool apply);
  const std::vector<FileExpectation>& file_expectations() const {
    return file_expectations_;
  }

  // Validates every registration and looks dispatcher ops up. Returns one
  // message per problem; on success, every entry's `spec.invoke` is set.
  // Runs its checks once; later calls return the same messages.
  const std::vector<std::string>& Finalize();

  std::deque<OpEntry>& entries() { return entries_; }

  // Restricts the generated cases (tracing cases and op checks) to the ops
  // registered under these names (--gtest_fx_op); empty: every op.
  void SelectOps(std::vector<std::string> names) {
    selected_ops_ = std::move(names);
  }
  const std::vector<std::string>& selected_ops() const { return selected_ops_; }

 private:
  Registry() = default;

  std::deque<OpEntry> entries_;  // registration order, stable addresses
  std::optional<std::vector<std::string>> errors_;
  std::vector<FileExpectation> file_expectations_;
  std::string file_expectations_source_;
  bool apply_file_expectations_ = false;
  std::vector<std::string> selected_ops_;
};

// Returns why `spec` gets no gradient cases and no GradCheck (declared
// NotDifferentiable, returns no tensor, no sample with a floating-point or
// complex tensor argument), or std::nullopt when it gets them.
std::optional<std::string> WhyNotDifferentiable(const OpSpec& spec);

// Returns `entry`'s samples, building them on first use. A lazy factory that
// throws, or a sample that does not fit the op, gives an error naming the
// sample.
const absl::StatusOr<std::vector<Args>>& SamplesOf(OpEntry& entry);

// Returns an error naming sample `index` when `args` do not fit the op.
std::optional<std::string> CheckSampleFits(const OpSpec& spec, const Args& args,
                                           size_t index);

// Returns sample `index` ready to check: keyword arguments bound to their
// places (dispatcher ops), fitting the op, and its AlsoAt bound and holding
// the same kinds of arguments. Otherwise an error naming what is wrong.
absl::StatusOr<Args> PrepareSample(const OpSpec& spec, Args args, size_t index);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_REGISTRY_H_
