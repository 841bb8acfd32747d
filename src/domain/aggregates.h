#pragma once
// Implementation rates of submitted responses, per campaign, per question and per group of
// bodies, kept up to date one response at a time.
//
// Groups are strings: "national", "type:<body type>", "pref:<2 digits>",
// "network:<model>", "pop:<band>" (groups_of). Every counted response adds its outcomes
// (scoring.h) to the counters of each of its groups; put() first takes away what the same
// response added before, so a returned-and-resubmitted response is never counted twice.
// A full recompute is clear() followed by put() for every response; the two must agree
// (aggregates_test.cpp checks it on random data).
//
// Thread-safe: readers share a lock, put/remove/clear take it exclusively.

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/scoring.h"

namespace mamori::analytics {

std::vector<std::string> groups_of(const Body& b);

// A group's figures: how many responses it counts, and per-question and per-category sums.
struct GroupFigures {
  int64_t bodies = 0;
  std::vector<Ratio> questions;  // catalogue order
  CategoryRatios categories;  // one per category of the campaign's catalogue
  bool operator==(const GroupFigures&) const = default;
};

// A group that counts nothing, sized for `cat` (a zero per question and per category).
GroupFigures empty_figures(const Catalog& cat);

class Aggregates {
 public:
  // Counts (or re-counts) one response of a campaign. `outcomes` is in the order of `cat`,
  // which must be the campaign's catalogue and outlive this object.
  void put(int64_t campaign_id, const Catalog& cat, int64_t response_id, const Body& body,
           std::vector<Outcome> outcomes);
  // Stops counting a response (no-op when it was not counted).
  void remove(int64_t campaign_id, int64_t response_id);
  void clear();
  // Forgets every response of one campaign (before counting it again).
  void clear_campaign(int64_t campaign_id);

  // The figures of one group; empty figures (bodies 0) when nothing is counted there.
  GroupFigures figures(int64_t campaign_id, const std::string& group) const;
  // Every group that counts at least one response in the campaign, with its figures.
  std::map<std::string, GroupFigures> all_groups(int64_t campaign_id) const;
  bool counted(int64_t campaign_id, int64_t response_id) const;
  // The figures of the part of every group whose bodies pass `pred` (e.g. those a viewer can
  // read), in one pass; groups with no such body are absent.
  std::map<std::string, GroupFigures> sums_of(int64_t campaign_id,
                                              const std::function<bool(const std::string& body_code)>& pred) const;
  // The outcomes a counted response contributes; none when it is not counted.
  std::optional<std::vector<Outcome>> outcomes(int64_t campaign_id, int64_t response_id) const;

 private:
  struct Entry {
    std::string body_code;
    std::vector<std::string> groups;
    std::vector<Outcome> outcomes;
  };
  struct CampaignData {
    const Catalog* catalog = nullptr;
    std::map<std::string, GroupFigures> groups;
    std::unordered_map<int64_t, Entry> entries;
  };
  static void apply(CampaignData& c, const Entry& e, int sign);

  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, CampaignData> campaigns_;
};

}  // namespace mamori::analytics
