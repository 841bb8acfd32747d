#pragma once
// The repository contract suite: what every implementation of ports::Store must do, written
// once and run on each backend. src/store/store_contract_test.cpp holds the cases (TEST_P
// of StoreContract); a backend runs them by instantiating the suite with its factory:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(sqlite_backend()));
//
// SQLite does so in every ctest run (store/sqlite/sqlite_store_test.cpp), the in-memory fake
// too (tests/fakes/memory_store_test.cpp, which proves the fake behaves like the real
// store), and PostgreSQL will as *_pgtest.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "ports/store.h"

namespace mamori::store {

struct Backend {
  std::string name;
  // A new, empty store using `clock` for "now". Called once per test. Null when the backend
  // is not available here (the case is skipped), or after reporting a failure.
  std::function<std::unique_ptr<ports::Store>(const Clock& clock)> open;
};

inline std::ostream& operator<<(std::ostream& os, const Backend& b) { return os << b.name; }

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  ports::Store& store() { return *store_; }
  FakeClock& clock() { return clock_; }

  // Registers the bodies the cases use: 北海道 (010006), 札幌市 (011002), 函館市 (012025),
  // 青森県 (020001), 青森市 (022012).
  void add_bodies();
  // A user of `body` ("" for MIC) with `role`; its id.
  int64_t add_user(const std::string& login, const std::string& body, Role role);
  // A campaign of 札幌市 and 函館市, opened with categories 1 and 2 and two answers each: "q1"
  // carried over ("yes", last year "yes") and "q2" new; its id.
  int64_t open_campaign();

  FakeClock clock_{std::string_view("2026-11-01T00:00:00Z")};
  std::unique_ptr<ports::Store> store_;
};

// Reuse between surveys (ports/reuse.h), run on the SQL backends only: the in-memory fake
// does not model it (its save refuses a fan-out). src/store/reuse_contract_test.cpp.
// Its SetUp opens two surveys of FY2026 (src/store/reuse_contract_test.cpp).
class ReuseContract : public StoreContract {
 protected:
  void SetUp() override;
  // A person's save of `value` (JSON) to `question_id` of `response_id`, with the fan-out of
  // the test's route.
  Result<ports::SaveOutcome> save(int64_t response_id, const std::string& question_id, const std::string& value);
  // The item's mark, if any.
  std::optional<ReuseMark> mark(int64_t response_id, const std::string& question_id);
  int64_t user_ = 0;
};

// A body's own data read whole and restored into an empty store (ports/body_export.h), run
// on the SQL backends only: the in-memory fake does not model it.
// src/store/body_export_contract_test.cpp.
class BodyExportContract : public StoreContract {
 protected:
  // A second, empty store of the same backend (the restore's target); null when unavailable.
  std::unique_ptr<ports::Store> open_empty() { return GetParam().open(clock_); }
  // The bodies, r1 (respondent) and a1 (approver) of 札幌市 and MIC, and the campaign, with
  // 札幌市's response (id 1) worked on: q2 saved twice (a comment and an evidence link), q1
  // confirmed, category 1 assigned and marked ready, the response moved to review with its
  // snapshot, and the campaign closed by MIC (its groups frozen, the response locked).
  void work_on_sapporo();
};

// The policy obligation's storage (ports/policies.h), run on the SQL backends only: the
// in-memory fake does not model it. src/store/policy_contract_test.cpp.
class PolicyContract : public StoreContract {};

}  // namespace mamori::store
