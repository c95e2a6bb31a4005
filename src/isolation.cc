#include "isolation.h"

#include <ATen/Parallel.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

namespace gtest_fx::internal {
namespace {

CheckResult Failure(std::string message, std::string cause) {
  CheckResult result;
  result.verdict = CheckResult::Verdict::kFail;
  result.message = std::move(message);
  result.cause = std::move(cause);
  return result;
}

// The child's report: the verdict, then cause and message, each preceded by
// its length.
std::string Serialize(const CheckResult& r) {
  return absl::StrCat(static_cast<int>(r.verdict), " ", r.cause.size(), " ",
                      r.message.size(), "\n", r.cause, r.message);
}

bool Deserialize(const std::string& data, CheckResult* r) {
  int verdict = 0;
  size_t cause_size = 0;
  size_t message_size = 0;
  const size_t header_end = data.find('\n');
  if (header_end == std::string::npos ||
      std::sscanf(data.substr(0, header_end).c_str(), "%d %zu %zu", &verdict,
                  &cause_size, &message_size) != 3 ||
      data.size() != header_end + 1 + cause_size + message_size) {
    return false;
  }
  r->verdict = static_cast<CheckResult::Verdict>(verdict);
  r->cause = data.substr(header_end + 1, cause_size);
  r->message = data.substr(header_end + 1 + cause_size, message_size);
  return true;
}

void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

CheckResult RunInChild(const std::function<CheckResult()>& check,
                       const std::string& what, double timeout) {
  int fds[2];
  if (pipe(fds) != 0) {
    return Failure(absl::StrCat("[gtest_fx] ", what,
                                ": could not create a pipe for isolation: ",
                                std::strerror(errno)),
                   "isolation failed");
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    // The parent's OpenMP workers do not exist in the child, and an OpenMP
    // team started here would wait on them (seconds per case with LibTorch
    // 2.x, or for ever): the child's kernels run on its one thread.
    at::set_num_threads(1);
    CheckResult result = check();
    WriteAll(fds[1], Serialize(result));
    close(fds[1]);
    _exit(0);  // no atexit handlers, no GoogleTest output from the child
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return Failure(absl::StrCat("[gtest_fx] ", what,
                                ": fork failed: ", std::strerror(errno)),
                   "isolation failed");
  }
  std::string data;
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::milliseconds(static_cast<int64_t>(timeout * 1000));
  bool timed_out = false;
  char buffer[4096];
  while (true) {
    int wait_ms = -1;
    if (timeout > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline is checked above
    ssize_t n = read(fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return Failure(
        absl::StrFormat("[gtest_fx] %s: the case did not finish within its "
                        "time limit of %g s (--gtest_fx_case_timeout) and was "
                        "killed; the op hangs or is far slower than expected.",
                        what, timeout),
        absl::StrFormat("timed out after %g s", timeout));
  }
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return Failure(
        absl::StrFormat("[gtest_fx] %s: the isolated case crashed with signal "
                        "%d (%s); the op's kernel, or something it calls, "
                        "crashed. The other cases go on.",
                        what, signal, strsignal(signal)),
        absl::StrFormat("crashed with signal %d (%s)", signal,
                        strsignal(signal)));
  }
  CheckResult result;
  if (!Deserialize(data, &result)) {
    return Failure(
        absl::StrFormat("[gtest_fx] %s: the isolated case exited with status "
                        "%d without reporting a result (the op may call "
                        "exit())",
                        what, WIFEXITED(status) ? WEXITSTATUS(status) : -1),
        "exited without a result");
  }
  return result;
}

namespace {

// Ends the process when a case runs past its time limit in-process, where
// nothing can stop the op itself.
class Watchdog {
 public:
  Watchdog(double timeout, std::string what)
      : thread_([this, timeout, what = std::move(what)] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!done_cv_.wait_for(lock,
                                 std::chrono::milliseconds(
                                     static_cast<int64_t>(timeout * 1000)),
                                 [this] { return done_; })) {
            std::fprintf(stderr,
                         "\n[gtest_fx] %s: the case did not finish within its "
                         "time limit of %g s (--gtest_fx_case_timeout); the "
                         "op hangs. Ending the process, since an op cannot "
                         "be stopped in-process: use --gtest_fx_isolate to "
                         "fail only this case.\n",
                         what.c_str(), timeout);
            std::fflush(stderr);
            _exit(1);
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

IsolationOptions& Isolation() {
  static IsolationOptions options;
  return options;
}

CheckResult RunIsolated(const std::function<CheckResult()>& check,
                        const std::string& what) {
  const IsolationOptions& options = Isolation();
  if (options.isolate) {
    return RunInChild(check, what,
                      options.case_timeout > 0 ? options.case_timeout : 60);
  }
  if (options.case_timeout > 0) {
    Watchdog watchdog(options.case_timeout, what);
    return check();
  }
  return check();
}

}  // namespace gtest_fx::internal
