// Samples for the binary family of aten operators.
#include <ATen/ATen.h>
#include <gtest_fx/gtest_fx.h>
