// The main() of the scale benchmark's binaries (bench/CMakeLists.txt): the
// same as gtest_fx_main's, plus two measurements that scale_bench.py turns
// on through the environment:
//
//   GTEST_FX_BENCH_T0=<ns>  (CLOCK_MONOTONIC when the process was launched)
//       prints to stderr, at exit, the time from launch to main() (loading,
//       static initialization, the registrations), in InitGoogleTest (checking
//       the registrations, generating the cases, GoogleTest registering them)
//       and in RUN_ALL_TESTS (filtering, listing or running).
//   GTEST_FX_BENCH_MEMORY=1
//       prints the resident set size (VmRSS, its peak VmHWM, and its parts
//       RssAnon, allocated memory, and RssFile, pages of mapped files such as
//       LibTorch's code, from /proc/self/status) once the cases are generated
//       and at the end of every iteration, so that a run with --gtest_repeat
//       shows whether memory grows per case.
#include <gtest/gtest.h>
#include <gtest_fx/init.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

int64_t NowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

// Returns the value in KiB of a "Vm...:" line of /proc/self/status, or -1.
long StatusKiB(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, key.size(), key) == 0 && line[key.size()] == ':') {
      return std::stol(line.substr(key.size() + 1));
    }
  }
  return -1;
}

void PrintMemory(const char* when, int cases) {
  std::printf(
      "[memory] %s: %d cases run, VmRSS %ld KiB, VmHWM %ld KiB, RssAnon %ld "
      "KiB, RssFile %ld KiB\n",
      when, cases, StatusKiB("VmRSS"), StatusKiB("VmHWM"), StatusKiB("RssAnon"),
      StatusKiB("RssFile"));
  std::fflush(stdout);
}

class MemoryListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& /*info*/) override { ++cases_; }
  void OnTestIterationEnd(const ::testing::UnitTest& /*unit*/,
                          int iteration) override {
    const std::string when = "after iteration " + std::to_string(iteration);
    PrintMemory(when.c_str(), cases_);
  }

 private:
  int cases_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const int64_t at_main = NowNs();
  gtest_fx::InitGoogleTest(&argc, argv);
  const int64_t at_init = NowNs();
  const bool memory = std::getenv("GTEST_FX_BENCH_MEMORY") != nullptr;
  if (memory) {
    PrintMemory("cases generated, none run", 0);
    ::testing::UnitTest::GetInstance()->listeners().Append(new MemoryListener);
  }
  const int result = RUN_ALL_TESTS();
  const int64_t at_end = NowNs();
  if (const char* t0 = std::getenv("GTEST_FX_BENCH_T0")) {
    const int64_t launched = std::strtoll(t0, nullptr, 10);
    std::fprintf(stderr,
                 "[phases] to main %.4f s, InitGoogleTest %.4f s, "
                 "RUN_ALL_TESTS %.4f s\n",
                 (at_main - launched) * 1e-9, (at_init - at_main) * 1e-9,
                 (at_end - at_init) * 1e-9);
  }
  if (GTEST_FLAG_GET(list_tests)) {
    // As gtest_fx/main.cc: a listing skips the teardown.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(result);
  }
  return result;
}
