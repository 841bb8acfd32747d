#include "services/partners/partner_reads.h"

namespace mamori::partners {

Result<ResolvedItem> resolve_item(const CatalogSet& catalogs, const ReuseService& reuse, const Catalog& survey,
                                  std::string_view question_id) {
  if (const Question* own = survey.find(question_id)) return ResolvedItem{own, "", "", Relation::kEqual};
  for (const auto& [id, other] : catalogs.by_id) {
    if (id == survey.id || !other.find(question_id)) continue;
    auto route = reuse.route(id, question_id);
    if (!route) continue;
    auto it = route->by_catalog.find(survey.id);
    if (it == route->by_catalog.end() || it->second.empty()) continue;
    const ports::ReuseItemTarget& target = it->second.front();
    if (const Question* q = survey.find(target.question_id))
      return ResolvedItem{q, id, std::string(question_id), target.relation};
  }
  return Status::PermissionDenied("item_not_in_survey");
}

Result<std::vector<BodyItemAnswer>> item_answers(ports::Store& store, int64_t campaign_id, const std::string& question_id) {
  MAMORI_ASSIGN_OR_RETURN(auto list, store.responses().list_responses(campaign_id, {}));
  std::vector<BodyItemAnswer> out;
  out.reserve(list.size());
  for (auto& row : list) {
    auto a = store.responses().get_answer(row.response.id, question_id);
    if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
    out.push_back(BodyItemAnswer{std::move(row), a.ok() ? std::optional<AnswerRecord>(std::move(*a)) : std::nullopt});
  }
  return out;
}

}  // namespace mamori::partners
