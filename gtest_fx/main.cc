// The main() of gtest_fx::gtest_fx_main: runs every GoogleTest case in the
// binary, including the cases generated from GTEST_FX_REGISTER_OP.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
