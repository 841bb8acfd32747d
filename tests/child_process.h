// Servers run as other processes in tests (two_nodes_test, crash_test): spawning, killing
// and waiting for them, all bounded.
#pragma once

#include <sys/types.h>

#include <csignal>
#include <chrono>
#include <string>
#include <vector>

namespace mamori::test {

// A child process with its output in `log`; stopped (SIGTERM, then SIGKILL after 10 s, and
// waited for) when it goes, and killed by the kernel if the test process dies first
// (PR_SET_PDEATHSIG: when the thread that made it ends — make children on a thread that
// outlives them, as a test's main thread does).
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log);
  ~Child() { stop(SIGTERM); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  bool started() const { return pid_ > 0; }
  // Whether the process has ended (it is then reaped; stop() does nothing more).
  bool exited();
  // Sends `sig` and waits for the process to end (SIGKILL after 10 s).
  void stop(int sig);

 private:
  pid_t pid_ = 0;
};

// A loopback port free at the time of asking.
unsigned short free_port();
// Polls `path` on 127.0.0.1:`port` until it answers 200; false after `limit`.
bool answers(unsigned short port, const std::string& path, std::chrono::seconds limit);
// A file's whole content ("" when it cannot be read): logs for failure messages.
std::string slurp(const std::string& path);

}  // namespace mamori::test
