// The main() of gtest_fx::gtest_fx_main: runs every GoogleTest case in the
// binary, including the cases generated from GTEST_FX_REGISTER_OP, with
// gtest_fx's flags and result matrix.
#include <gtest/gtest.h>
#include <gtest_fx/init.h>

int main(int argc, char** argv) {
  gtest_fx::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
