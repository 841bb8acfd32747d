#pragma once
// An in-memory ports::Store for fast tests of the rules above the store (services,
// workflow): no disk, no SQL, no threads. It passes the same contract suite as the SQL store
// (tests/fakes/memory_store_test.cpp), so a test that runs on it tests what the real store
// would do. Thread-safe (one mutex); a write that fails changes nothing.

#include <memory>

#include "base/clock.h"
#include "ports/store.h"

namespace mamori::fakes {

// A new, empty store; `clock` outlives it.
std::unique_ptr<ports::Store> make_memory_store(const Clock& clock);

}  // namespace mamori::fakes
