#pragma once
// The publication check on a schedule (docs/POLICIES.md): a thread of this node that checks
// the publications due (services/policies/publication_checks.h), a few at a time, then waits.
// Nodes share the work: each check is claimed in the store first.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/policies/publication_checks.h"

namespace mamori {

class PublicationSchedule {
 public:
  // Starts the thread. `checks` outlives this object.
  explicit PublicationSchedule(PublicationChecks& checks);
  ~PublicationSchedule();  // stops and joins the thread (after the fetch under way)

  // Publications checked per round, and the wait between rounds when nothing was due.
  static constexpr int kPerRound = 20;
  static constexpr std::chrono::seconds kIdleWait{60};

 private:
  void loop();

  PublicationChecks& checks_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace mamori
