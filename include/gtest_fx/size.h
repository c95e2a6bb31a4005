// gtest_fx::Size: a shape argument of an op, the C++ counterpart of a
// `torch.Size` passed to a Python op.
//
// In the `symbolic` tracing mode a Size becomes a graph input, so an op that
// passes it on as a shape (reshape, view, expand, zeros, ...) records a graph
// that computes the shape instead of baking the numbers in. A callable takes it
// as `at::IntArrayRef` (or `std::vector<int64_t>`).
//
// Example:
//   GTEST_FX_REGISTER_OP(reshape_to,
//       [](const at::Tensor& x, at::IntArrayRef shape) {
//         return x.reshape(shape);
//       })
//       .Sample(at::randn({12}), gtest_fx::Size{3, 4});
#ifndef GTEST_FX_SIZE_H_
#define GTEST_FX_SIZE_H_

#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <utility>
#include <vector>

namespace gtest_fx {

class Size {
 public:
  Size() = default;
  Size(std::initializer_list<int64_t> dims) : dims_(dims) {}
  explicit Size(std::vector<int64_t> dims) : dims_(std::move(dims)) {}
  explicit Size(c10::IntArrayRef dims) : dims_(dims.vec()) {}

  // A Size is accepted wherever the callable takes an `at::IntArrayRef`.
  operator c10::IntArrayRef() const { return dims_; }  // NOLINT

  const std::vector<int64_t>& dims() const { return dims_; }
  size_t size() const { return dims_.size(); }
  int64_t operator[](size_t i) const { return dims_[i]; }

  friend bool operator==(const Size& a, const Size& b) {
    return a.dims_ == b.dims_;
  }
  friend bool operator!=(const Size& a, const Size& b) { return !(a == b); }
  friend std::ostream& operator<<(std::ostream& os, const Size& size) {
    os << "Size{";
    for (size_t i = 0; i < size.dims_.size(); ++i) {
      os << (i == 0 ? "" : ", ") << size.dims_[i];
    }
    return os << "}";
  }

 private:
  std::vector<int64_t> dims_;
};

}  // namespace gtest_fx

#endif  // GTEST_FX_SIZE_H_
