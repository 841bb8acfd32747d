#pragma once
// Keeps the aggregates (domain/aggregates.h) in step with the store: counts every response
// that is submitted or accepted, scored from its stored answers.
//
// No one tells this service about writes. Every write that changes what the figures count
// records an event in the store's outbox (ports/events.h), in the same transaction;
// catch_up() reads the events written since it last looked — by this node or any other —
// and re-counts what they name. Every read of figures catches up first, so a reader sees
// every write committed before its request. rebuild() recomputes everything (at start-up,
// after loading data).
//
// Two sets of figures are kept: the live ones (MIC), and the published ones (everyone
// else), which count only closed campaigns' responses submitted by the time the campaign
// closed (all of them when the closing time is unknown). A response submitted late, after
// MIC reopened it, changes the live figures only, so the figures bodies compare themselves
// with never move by one body (domain/disclosure.h).
//
// A closed campaign's responses are grouped and scored with the body attributes frozen when
// it closed (ports::ResponseRepository::frozen_groups), not the body's current ones: MIC
// editing a body's population band or network model later changes open and future
// campaigns only.
//
// Thread-safe.

#include <mutex>

#include "base/status.h"
#include "domain/aggregates.h"
#include "ports/store.h"

namespace mamori::analytics {

// One response's own scores, from its current answers (whatever its state).
struct OwnScores {
  ResponseRecord response;
  Body body;
  const Catalog* catalog = nullptr;
  std::vector<Outcome> outcomes;  // catalogue order
  CategoryRatios categories;
};

class AnalyticsService {
 public:
  // `store` and `catalogs` outlive the service.
  AnalyticsService(ports::Store& store, const CatalogSet& catalogs) : store_(store), catalogs_(catalogs) {}
  const CatalogSet& catalogs() const { return catalogs_; }

  // Recomputes all figures and follows the event log from its newest event. Returns the
  // number of responses counted.
  Result<int64_t> rebuild();
  // Applies the events written since the last call. Cheap when there is none (one
  // indexed read).
  Status catch_up();

  Result<OwnScores> own_scores(int64_t response_id);
  // The figures, caught up with the event log (a failure to read it is logged and the
  // figures stay as they were; the request's own reads then fail on the same store).
  const Aggregates& aggregates();  // live
  const Aggregates& published();
  const Aggregates& figures_for(bool sees_everything) { return sees_everything ? aggregates() : published(); }
  // The event the figures have followed up to (tests).
  int64_t cursor() const;

 private:
  Result<OwnScores> score(const ResponseRecord& r, const Campaign& campaign);
  // The callers hold write_mu_.
  Result<int64_t> rebuild_locked();
  Status refresh_locked(int64_t response_id);
  Status recount_campaign_locked(const Campaign& c, const std::map<std::string, const Body*, std::less<>>& body_of,
                                 int64_t* counted);
  void catch_up_or_log();

  ports::Store& store_;
  const CatalogSet& catalogs_;
  Aggregates aggregates_;
  Aggregates published_;
  // Serialises rebuild/catch_up: each re-count reads the response's *current* state under
  // it, so the last one always leaves the figures matching the store.
  mutable std::mutex write_mu_;
  int64_t cursor_ = 0;  // the last event applied
};

// Submitted and accepted responses are the ones the figures count.
bool counts_in_figures(ResponseState s);
// Whether a counted response of `c` is in the published figures.
bool is_published(const Campaign& c, const ResponseRecord& r);

}  // namespace mamori::analytics
