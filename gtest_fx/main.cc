// The main() of gtest_fx::gtest_fx_main: runs every GoogleTest case in the
// binary, including the cases generated from GTEST_FX_REGISTER_OP, with
// gtest_fx's flags and result matrix.
#include <gtest/gtest.h>
#include <gtest_fx/init.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  gtest_fx::InitGoogleTest(&argc, argv);
  const int status = RUN_ALL_TESTS();
  if (GTEST_FLAG_GET(list_tests)) {
    // A listing ran no test and has written all it writes. Destroying what
    // the process built (GoogleTest's registered tests, LibTorch's operator
    // registrations) would take another 0.2 s for 10,000 ops: ctest's test
    // discovery lists every build.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(status);
  }
  return status;
}
