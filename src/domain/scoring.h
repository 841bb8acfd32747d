#pragma once
// Scoring one response: which measures a body has implemented. The formula, documented in
// docs/ARCHITECTURE.md ("Analytics"), is
//
//   score = implemented ÷ applicable
//
// where a question counts only when the catalogue gives it an `implemented` rule, it is
// visible for this body and these answers (show_if), it has a value, and it is not
// 該当なし. Questions without a rule are informational and never count.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/answer.h"
#include "domain/body.h"
#include "domain/catalog.h"

namespace mamori::analytics {

enum class Outcome : uint8_t { kNotScored = 0, kNotImplemented = 1, kImplemented = 2 };

struct Ratio {
  int64_t implemented = 0;
  int64_t applicable = 0;
  std::optional<double> rate() const {  // none when nothing applies
    if (applicable == 0) return std::nullopt;
    return static_cast<double>(implemented) / static_cast<double>(applicable);
  }
  void add(Outcome o, int sign = 1) {
    if (o == Outcome::kNotScored) return;
    applicable += sign;
    if (o == Outcome::kImplemented) implemented += sign;
  }
  bool operator==(const Ratio&) const = default;
};

// The one rounding rule of every rate mamori shows or exports (API, CSV, xlsx, reports): a
// tenth of a percent, half up — from the exact counts when there are counts (2 of 3 →
// 66.7 %, 0.6735 → 67.4 %). The API gives it as a fraction (0.674), the exports as a
// percent (67.4, or 0.674 formatted 0.0 % in xlsx).
std::optional<int64_t> percent_tenths(const Ratio& r);
std::optional<int64_t> percent_tenths(std::optional<double> fraction);
// A rate in tenths of a percent as a percent with one decimal: 674 → "67.4".
std::string percent_text(int64_t tenths);

// Per-category sums, one per category of the catalogue: index = category number − 1
// (catalogues number their categories 1…N, domain/catalog_parser.cpp).
using CategoryRatios = std::vector<Ratio>;

// The outcome of every question of `cat` for one response, in catalogue order.
std::vector<Outcome> score_response(const Catalog& cat, const Body& body, const AnswerLookup& answer_of);

// Per-category sums of `outcomes` (catalogue order, as score_response returns them).
CategoryRatios category_ratios(const Catalog& cat, const std::vector<Outcome>& outcomes);

}  // namespace mamori::analytics
