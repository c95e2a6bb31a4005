// A stand-in for a gtest_fx test binary in the granularity tests: runs the
// real binary REAL_BINARY with the same arguments. When listing tests it also
// lists what that binary does not have yet: OpCheck cases of the op `lazy`
// (unless a negative filter leaves them out) and a plain TEST(), so that their
// registration can be checked too. The OpCheck lines carry `# GetParam()`
// comments, as a TEST_P's listing does, which discovery must skip.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  bool listing = false;
  bool op_checks = true;
  std::string command = std::string("'") + REAL_BINARY + "'";
  for (int i = 1; i < argc; ++i) {
    listing |= std::strcmp(argv[i], "--gtest_list_tests") == 0;
    if (std::strncmp(argv[i], "--gtest_filter=-", 16) == 0 &&
        std::strstr(argv[i], "OpCheck/OpTest.*") != nullptr) {
      op_checks = false;
    }
    command += std::string(" '") + argv[i] + "'";
  }
  if (!listing) {
    execv(REAL_BINARY, argv);
    std::perror("execv");
    return 127;
  }
  std::fflush(stdout);
  const int status = std::system(command.c_str());
  if (status != 0) return 1;
  if (op_checks) {
    std::printf(
        "OpCheck/OpTest.\n"
        "  Schema/lazy  # GetParam() = lazy\n"
        "  MetaKernel/lazy  # GetParam() = lazy\n"
        "  AutogradRegistration/lazy  # GetParam() = lazy\n");
  }
  std::printf("Plain.\n  Test\n");
  return 0;
}
