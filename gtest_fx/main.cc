// The main() of gtest_fx::gtest_fx_main: runs every GoogleTest case in the
// binary, including the cases generated from GTEST_FX_REGISTER_OP.
#include <gtest/gtest.h>

#include <cstdio>

namespace gtest_fx::internal {
size_t RegisteredOpCount();
}  // namespace gtest_fx::internal

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (gtest_fx::internal::RegisteredOpCount() == 0) {
    // The usual cause is registrations in a static library that the linker
    // dropped: say so rather than pass with nothing checked.
    std::fprintf(stderr,
                 "[gtest_fx] note: no op is registered in this binary. If "
                 "your GTEST_FX_REGISTER_OP calls are in a static library, "
                 "link it with gtest_fx_link_ops(<test> <library>) (see "
                 "docs/usage.md).\n");
  }
  return RUN_ALL_TESTS();
}
