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
  std::string totp_secret;  // base32; "" for the roles without a second factor
};

struct DemoResult {
  int64_t bodies = 0;
  int64_t previous_campaign = 0;              // FY2025
  std::vector<int64_t> history_campaigns;      // FY2021… FY2025 that were loaded, oldest first
  int64_t current_campaign = 0;
  // Samples of the other ministries' surveys of FY2026 for the bodies of 北海道 (0 when their
  // catalogues are not loaded): PPC's open now, NCO's a draft that opens in February.
  int64_t ppc_campaign = 0;
  int64_t nco_campaign = 0;
  std::vector<DemoAccount> accounts;
};

// A stable pseudo-random number in [0, 1) from a string (FNV-1a and a mix): the demo's samples
// are deterministic per body (and question).
double unit_hash(const std::string& s);

// Loads the demo into an empty database. `log` receives progress lines.
// `fast_hash` uses the cheapest Argon2id limits (tests only). History is loaded from
// `first_history_year` (2021…2025) to FY2025; tests that need no trend pass 2025.
Result<DemoResult> load_demo(App& app, const std::string& body_list_xlsx, std::ostream& log, bool fast_hash = false,
                             int first_history_year = 2021);

// Creates a campaign of `catalog_id` for `targets` (every body when empty),
// fills it with sample_value() answers, calibrates the reference questions
// (calibrate_reference_rates), marks them accepted and closes it: sample
// history. Returns the campaign id.
Result<int64_t> load_sample_campaign(App& app, const std::string& catalog_id, const std::string& title,
                                     const std::vector<std::string>& targets, int64_t admin_id);

// The synthetic value of `q` for a body, `years_before` fiscal years before
// FY2025 (deterministic per body and question; larger bodies implement more;
// each earlier year implements about 3 points less).
std::optional<std::string> sample_value(const Question& q, const Body& body, int years_before = 0);

// Sets the answers of every question with a reference_rate (seed 003's FY2025
// national rates) so that, among the bodies that see the question, exactly
// round(rate × n) implement it — less 3 points per year before FY2025. The
// bodies are chosen by a stable score (type bonus + hash): larger bodies
// implement more, and a body that implemented a measure keeps it later.
// `values[b][i]` is body b's value of question i (JSON text).
void calibrate_reference_rates(const Catalog& cat, const std::vector<const Body*>& bodies, int years_before,
                               std::vector<std::vector<std::optional<std::string>>>& values);

}  // namespace mamori
