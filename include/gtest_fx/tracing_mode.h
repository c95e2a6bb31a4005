// The two axes of a generated case: how the op is traced (TracingMode) and
// which data the trace is checked on (Data).
//
// Every registered op yields one case per TracingMode x Data, named
// `<op>_<mode>_<data>`, e.g. `scaled_add_fake_randomized`.
//
// Example:
//   EXPECT_TRUE(gtest_fx::MakeFxCheck(fn, gtest_fx::Args(x),
//                                     gtest_fx::TracingMode::kSymbolic,
//                                     gtest_fx::Data::kOriginal));
#ifndef GTEST_FX_TRACING_MODE_H_
#define GTEST_FX_TRACING_MODE_H_

#include <array>
#include <ostream>

namespace gtest_fx {

// How the op is traced into a graph.
enum class TracingMode {
  // Traces on the sample's own tensors.
  kReal,
  // Traces on `meta` tensors with the sample's shapes, dtypes and strides but
  // no data: every kernel reached must have a correct Meta kernel.
  kFake,
  // Traces on the sample's tensors with every `gtest_fx::Size` argument made a
  // graph input, so sizes are computed by the graph instead of baked in.
  kSymbolic,
};

// Which values the traced graph is checked on.
enum class Data {
  // The sample as registered.
  kOriginal,
  // The sample with every floating-point (and complex) tensor refilled with
  // uniform [0, 1) values: exposes tensor data baked into the trace.
  kRandomized,
};

inline constexpr std::array<TracingMode, 3> kAllTracingModes = {
    TracingMode::kReal, TracingMode::kFake, TracingMode::kSymbolic};
inline constexpr std::array<Data, 2> kAllData = {Data::kOriginal,
                                                 Data::kRandomized};

// Returns the lower-case name used in case names and labels: "real", "fake",
// "symbolic"; "original", "randomized".
const char* ModeName(TracingMode mode);
const char* DataName(Data data);

inline std::ostream& operator<<(std::ostream& os, TracingMode mode) {
  return os << ModeName(mode);
}
inline std::ostream& operator<<(std::ostream& os, Data data) {
  return os << DataName(data);
}

}  // namespace gtest_fx

#endif  // GTEST_FX_TRACING_MODE_H_
