#include "domain/scoring.h"

#include <cmath>

namespace mamori::analytics {

std::vector<Outcome> score_response(const Catalog& cat, const Body& body, const AnswerLookup& answer_of) {
  std::vector<Outcome> out(cat.questions.size(), Outcome::kNotScored);
  for (size_t i = 0; i < cat.questions.size(); ++i) {
    const Question& q = cat.questions[i];
    if (!q.implemented.defined) continue;
    const boost::json::value* v = answer_of(q.id);
    if (!v || v->is_null()) continue;  // unanswered or 該当なし (stored without a value)
    if (!is_visible(cat, q, body, answer_of)) continue;
    out[i] = is_implemented(q, *v) ? Outcome::kImplemented : Outcome::kNotImplemented;
  }
  return out;
}

CategoryRatios category_ratios(const Catalog& cat, const std::vector<Outcome>& outcomes) {
  CategoryRatios r(cat.categories.size());
  for (size_t i = 0; i < cat.questions.size() && i < outcomes.size(); ++i) {
    const auto c = static_cast<size_t>(cat.questions[i].category);
    if (c >= 1 && c <= r.size()) r[c - 1].add(outcomes[i]);
  }
  return r;
}

std::optional<int64_t> percent_tenths(const Ratio& r) {
  if (r.applicable <= 0 || r.implemented < 0) return std::nullopt;
  // round(1000 · i / a), half up, in integers: no binary fraction in between.
  return (r.implemented * 2000 + r.applicable) / (2 * r.applicable);
}

std::optional<int64_t> percent_tenths(std::optional<double> fraction) {
  if (!fraction) return std::nullopt;
  // A tiny nudge so that a value meant as an exact half (0.6735 stored as 0.67349999…) rounds up.
  return static_cast<int64_t>(std::floor(*fraction * 1000.0 + 0.5 + 1e-9));
}

std::string percent_text(int64_t tenths) { return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10); }

}  // namespace mamori::analytics
