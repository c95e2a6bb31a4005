// gtest_fx_reference_ops: the benchmark's representative ops
// (bench/reference_ops.h) registered with GTEST_FX_REGISTER_OP, each with its
// small and its moderate sample: 8 ops x 6 cases. Timed from start to exit it
// is the C++ side of the "whole matrix in a fresh process" comparison with
// `bench/python_reference.py --matrix` (bench/compare_python.py does both).
//
// Every case passes: the ops without a Meta kernel in LibTorch's C++ library
// (var, convolution, native_batch_norm) run, in fake and symbolic mode, on
// their CPU kernels with zero-filled placeholders, as PyTorch's FakeTensor
// runs them.
//
// Run: build/bench/gtest_fx_reference_ops [--gtest_brief=1]
#include "reference_ops.h"

#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>

namespace gtest_fx_bench {
namespace {

GTEST_FX_REGISTER_OP(elementwise_chain, &ElementwiseChain)
    .SampleFn([] { return ElementwiseChainSample(kSmall); })
    .SampleFn([] { return ElementwiseChainSample(kModerate); });

GTEST_FX_REGISTER_OP(sum_dim, &SumDim)
    .SampleFn([] { return SumDimSample(kSmall); })
    .SampleFn([] { return SumDimSample(kModerate); });

GTEST_FX_REGISTER_OP(var_dim, &VarDim)
    .SampleFn([] { return VarDimSample(kSmall); })
    .SampleFn([] { return VarDimSample(kModerate); });

GTEST_FX_REGISTER_OP(reshape_to_size, &ReshapeToSize)
    .SampleFn([] { return ReshapeToSizeSample(kSmall); })
    .SampleFn([] { return ReshapeToSizeSample(kModerate); });

GTEST_FX_REGISTER_OP(matmul, &Matmul)
    .SampleFn([] { return MatmulSample(kSmall); })
    .SampleFn([] { return MatmulSample(kModerate); });

GTEST_FX_REGISTER_OP(conv2d, &Conv2d)
    .SampleFn([] { return Conv2dSample(kSmall); })
    .SampleFn([] { return Conv2dSample(kModerate); });

GTEST_FX_REGISTER_OP(layer_norm, &LayerNorm)
    .SampleFn([] { return LayerNormSample(kSmall); })
    .SampleFn([] { return LayerNormSample(kModerate); });

GTEST_FX_REGISTER_OP(dropout, &Dropout)
    .SampleFn([] { return DropoutSample(kSmall); })
    .SampleFn([] { return DropoutSample(kModerate); });

}  // namespace
}  // namespace gtest_fx_bench
