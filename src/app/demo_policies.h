// Demo data of the policy obligation (issue 16 §8, docs/POLICIES.md): sample 一部事務組合・広域連合
// beside the real bodies, and organs, 方針, publications, reviews and security roles for every
// body, calibrated so that the board shows seed 000's chart: 都道府県 100%, 市町村 99%,
// 一部事務組合・広域連合 about 21% of their organs with an adopted 方針. All of it is sample data
// and says so (names and titles carry 「サンプル」).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/app.h"

namespace mamori {

// One hundred sample unions (names end in （サンプル）, codes PP8NN with their check digit,
// a range the official list does not use): each prefecture's 後期高齢者医療広域連合 and an
// environmental union of its first municipalities, and six more in 北海道. Their members are
// municipalities of `bodies`.
std::vector<Body> sample_unions(const std::vector<Body>& bodies);

// Whether the demo leaves `code` without a register (札幌市, which the demo accounts use, so
// that its journey starts from nothing).
bool demo_leaves_unregistered(const std::string& code);

struct PolicySampleCounts {
  int64_t bodies = 0;    // with organs registered
  int64_t policies = 0;  // written
};

// Writes the obligation's sample data for `bodies` (every body of the demo), in one bulk
// write, with dates up to yesterday and no later than 2026-11-30: all prefectures adopt; the
// municipalities but seventeen (札幌市 among them, unregistered); 21 of the 100 sample unions.
// Every policy passes policies::check_policy. Deterministic per body code.
Result<PolicySampleCounts> load_sample_policies(App& app, const std::vector<Body>& bodies);

}  // namespace mamori
