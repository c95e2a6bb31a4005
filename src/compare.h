// Comparison of eager and replayed results: tensors under assert_close's
// default tolerances, and Output trees by structure and value.
#ifndef GTEST_FX_SRC_COMPARE_H_
#define GTEST_FX_SRC_COMPARE_H_

#include <ATen/core/Tensor.h>
#include <gtest_fx/internal/op_spec.h>
#include <gtest_fx/internal/output.h>

#include <optional>
#include <string>

namespace gtest_fx::internal {

// Returns a shape, or any int list (strides, a constant), as "[3, 4]".
std::string ShapeString(c10::IntArrayRef sizes);

// Returns the dtype as PyTorch's Python API names it: "float32", "int64".
std::string DtypeName(c10::ScalarType dtype);

// Returns the default tolerance for comparing tensors of `dtype`, as in
// torch.testing.assert_close; {0, 0} (exact) for integers and bool.
Tolerance DefaultTolerance(c10::ScalarType dtype);

// Returns std::nullopt when `actual` matches `expected` (dtype, device, shape,
// then values within tolerance, NaN equal to NaN), else a one-line report of
// the first kind of difference found.
std::optional<std::string> CompareTensors(
    const at::Tensor& expected, const at::Tensor& actual,
    std::optional<Tolerance> tolerance = std::nullopt);

// Returns std::nullopt when the trees have the same structure and kinds and
// every leaf matches; else a report that names the leaf by `path` (e.g.
// "output[1][0]").
std::optional<std::string> CompareOutputs(const Output& expected,
                                          const Output& actual,
                                          std::optional<Tolerance> tolerance,
                                          const std::string& path = "output");

// Like CompareOutputs but compares tensors by shape and dtype only: for the
// outputs of a trace on meta tensors, which have no values.
std::optional<std::string> CompareOutputMetadata(
    const Output& expected, const Output& meta,
    const std::string& path = "output",
    const std::string& meta_side = "the fake trace");

// Returns a short description of an Output tree's structure, e.g.
// "(Tensor[3, 4] float, int)".
std::string DescribeOutput(const Output& output);

}  // namespace gtest_fx::internal

#endif  // GTEST_FX_SRC_COMPARE_H_
