// Demo data: the real bodies, synthetic FY2025 answers for all of them
// (accepted, clearly marked as sample data), the FY2026 campaign opened with
// carry-over, and one account per role.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"

namespace mamori {

struct DemoAccount {
  std::string login, password, role, body_code, body_name;
};

struct DemoResult {
  int64_t bodies = 0;
  int64_t previous_campaign = 0;
  int64_t current_campaign = 0;
  std::vector<DemoAccount> accounts;
};

// Loads the demo into an empty database. `log` receives progress lines.
// `fast_hash` uses the cheapest Argon2id limits (tests only).
Result<DemoResult> load_demo(App& app, const std::string& body_list_xlsx, std::ostream& log, bool fast_hash = false);

// Creates a campaign of `catalog_id` for `targets` (every body when empty),
// fills it with sample_value() answers, marks them accepted and closes it:
// sample history. Returns the campaign id.
Result<int64_t> load_sample_campaign(App& app, const std::string& catalog_id, const std::string& title,
                                     const std::vector<std::string>& targets, int64_t admin_id);

// The synthetic FY2025 value of `q` for a body (deterministic per body and
// question; rates follow reference_rate where the catalogue gives one).
std::optional<std::string> sample_value(const Question& q, const Body& body);

}  // namespace mamori
