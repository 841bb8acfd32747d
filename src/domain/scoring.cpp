#include "domain/scoring.h"

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

}  // namespace mamori::analytics
