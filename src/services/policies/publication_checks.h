#pragma once
// The publication check of the 方針 (issue 16 §3, docs/POLICIES.md): each published policy's
// URL fetched again when due (domain/publication_check.h judges what was found) and the last
// check recorded for the body's page and the board. Thread-safe; several nodes may run it at
// once (a check is claimed in the store first).

#include <chrono>
#include <functional>

#include "base/clock.h"
#include "domain/model.h"
#include "domain/publication_check.h"
#include "ports/page_fetcher.h"
#include "ports/store.h"

namespace mamori {

class PublicationChecks {
 public:
  // How soon a body may ask for another check of one policy, by default.
  static constexpr std::chrono::seconds kAgainAfter{60};

  // Each argument outlives this object. A publication is checked again `every` after its
  // last check; a body may ask again `again_after` after the last check.
  PublicationChecks(ports::Store& store, ports::PageFetcher& fetcher, const Clock& clock, std::chrono::hours every,
                    std::chrono::seconds again_after = kAgainAfter)
      : store_(store), fetcher_(fetcher), clock_(clock), every_(every), again_after_(again_after) {}

  // Checks the publications due, at most `max` of them, until `stop()` turns true (asked
  // between two fetches); how many were checked.
  Result<int> check_due(int max, const std::function<bool()>& stop = [] { return false; });
  // Checks one policy's publication now (the body asks after fixing its page). NotFound
  // "policy_not_found"; FailedPrecondition "policy_not_published"; FailedPrecondition
  // "publication_checked_recently" within `again_after` of the last check (a fetch may hold a
  // request for up to 20 s: the button is not a way to hold the server's workers).
  Result<publication::Check> check_now(const Body& body, int64_t policy_id);


 private:
  Result<publication::Check> check(const publication::Target& target);

  ports::Store& store_;
  ports::PageFetcher& fetcher_;
  const Clock& clock_;
  std::chrono::hours every_;
  std::chrono::seconds again_after_;
};

}  // namespace mamori
