#pragma once
// Keeps the aggregates (aggregates.h) in step with the store: counts every response that is
// submitted or accepted, scored from its stored answers.
//
// rebuild() recomputes everything from the store (at start-up, after loading data, after a
// campaign closes); refresh() re-reads one response after a workflow step and counts,
// re-counts or drops it. Reading figures never touches the store.
//
// Two sets of figures are kept: the live ones (MIC), and the published ones (everyone
// else), which count only closed campaigns' responses submitted by the time the campaign
// closed (all of them when the closing time is unknown). A response submitted late, after
// MIC reopened it, changes the live figures only, so the figures bodies compare themselves
// with never move by one body (disclosure.h).

#include <mutex>

#include "domain/aggregates.h"
#include "base/status.h"
#include "ports/repositories.h"

namespace mamori::analytics {

// One response's own scores, from its current answers (whatever its state).
struct OwnScores {
  ResponseRecord response;
  Body body;
  const Catalog* catalog = nullptr;
  std::vector<Outcome> outcomes;  // catalogue order
  CategoryRatios categories{};
};

class AnalyticsService {
 public:
  AnalyticsService(store::Store& store, const CatalogSet& catalogs) : store_(store), catalogs_(catalogs) {}

  // Recomputes all figures. Returns the number of responses counted.
  Result<int64_t> rebuild();
  // Counts, re-counts or drops one response according to its stored state.
  Status refresh(int64_t response_id);

  Result<OwnScores> own_scores(int64_t response_id);
  const Aggregates& aggregates() const { return aggregates_; }  // live
  const Aggregates& published() const { return published_; }
  const Aggregates& figures_for(bool sees_everything) const { return sees_everything ? aggregates_ : published_; }

 private:
  Result<OwnScores> score(const ResponseRecord& r, const Campaign& campaign);

  store::Store& store_;
  const CatalogSet& catalogs_;
  Aggregates aggregates_;
  Aggregates published_;
  // Serialises refresh/rebuild: each refresh reads the response's *current* state under it,
  // so the last refresh always leaves the figures matching the store.
  std::mutex write_mu_;
};

// Submitted and accepted responses are the ones the figures count.
bool counts_in_figures(ResponseState s);
// Whether a counted response of `c` is in the published figures.
bool is_published(const Campaign& c, const ResponseRecord& r);

}  // namespace mamori::analytics
