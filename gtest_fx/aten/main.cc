// The main() of gtest_fx_aten: the built-in suite with its expectations file
// embedded, so that it runs with no argument.
#include <gtest/gtest.h>
#include <gtest_fx/init.h>

extern const char kAtenExpectations[];

int main(int argc, char** argv) {
  gtest_fx::InitOptions options;
  options.default_expectations = kAtenExpectations;
  // --gtest_fx_update_expectations rewrites the file in the source tree.
  options.default_expectations_path = GTEST_FX_ATEN_EXPECTATIONS_PATH;
  gtest_fx::InitGoogleTest(&argc, argv, options);
  return RUN_ALL_TESTS();
}
