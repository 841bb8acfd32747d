// Threads that must not wait for other threads.
//
// An I/O thread of the HTTP server runs an autosave's reads inline, to spare the hand-off
// to a handler thread (docs/PERFORMANCE.md). While it does so it holds a NoWaitScope. Code
// that would wait for something another thread holds (a free database connection, a
// commit) checks no_wait() and, if set, returns WouldBlock() instead, having changed
// nothing; the caller then runs the whole request again on a handler thread, where
// waiting is allowed.
#pragma once

#include "base/status.h"

namespace mamori {

// Marks the current thread for its lifetime. Not copyable; nests.
class NoWaitScope {
 public:
  NoWaitScope();
  ~NoWaitScope();
  NoWaitScope(const NoWaitScope&) = delete;
  NoWaitScope& operator=(const NoWaitScope&) = delete;

 private:
  bool outer_;
};

// True on a thread inside a NoWaitScope.
bool no_wait();

// The status of work refused because it would have waited (never reaches a client).
Status WouldBlock();
bool is_would_block(const Status& s);

}  // namespace mamori
