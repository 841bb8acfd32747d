#include "services/reuse/reuse_service.h"

#include <boost/json.hpp>

#include "domain/answer.h"
#include "domain/answer_json.h"

namespace mamori {

namespace json = boost::json;

namespace {


// The measure's value in the terms of `q` mapped by `m`, valid for `q`; nullopt otherwise.
std::optional<std::string> candidate_for(const ItemMapping& m, const Question& q, const std::optional<std::string>& measure_value) {
  auto v = parse_json(measure_value);
  if (!v) return std::nullopt;
  auto item = measure_to_item(m, *v);
  if (!item || !validate_value(q, *item).ok()) return std::nullopt;
  return json::serialize(canonical_value(q, *item));
}

}  // namespace

ReuseService::ReuseService(ports::ReuseRepository& reuse, const CatalogSet& catalogs, const Crosswalk& crosswalk)
    : reuse_(reuse), catalogs_(catalogs), crosswalk_(crosswalk) {
  // Every item mapped to each agreed measure, by catalogue.
  std::map<std::string, std::vector<std::pair<const Catalog*, const ItemMapping*>>> by_measure;
  for (const auto& [catalog_id, mapping] : crosswalk.by_catalog) {
    const Catalog* cat = catalogs.find(catalog_id);
    if (!cat) continue;
    for (const auto& m : mapping.items) {
      const Measure* measure = crosswalk.bank.find(m.measure_id);
      if (measure && measure->agreed && cat->find(m.question_id)) by_measure[m.measure_id].emplace_back(cat, &m);
    }
  }
  for (const auto& [measure_id, items] : by_measure) {
    for (const auto& [source_cat, source] : items) {
      auto route = std::make_shared<ports::ReuseRoute>();
      route->measure_id = measure_id;
      route->to_measure = [source = source](const std::optional<std::string>& item_value) -> std::optional<std::string> {
        auto v = parse_json(item_value);
        if (!v) return std::nullopt;
        auto m = item_to_measure(*source, *v);
        if (!m) return std::nullopt;
        return json::serialize(*m);
      };
      for (const auto& [target_cat, target] : items) {
        if (target_cat == source_cat) continue;
        const Question* q = target_cat->find(target->question_id);
        route->by_catalog[target_cat->id].push_back(ports::ReuseItemTarget{
            target->question_id, target->relation,
            [target = target, q](const std::optional<std::string>& v) { return candidate_for(*target, *q, v); }});
      }
      routes_.emplace(std::make_pair(source_cat->id, source->question_id), std::move(route));
    }
  }
}

std::shared_ptr<const ports::ReuseRoute> ReuseService::route(std::string_view catalog_id,
                                                             std::string_view question_id) const {
  auto it = routes_.find(std::make_pair(std::string(catalog_id), std::string(question_id)));
  return it == routes_.end() ? nullptr : it->second;
}

std::shared_ptr<const ports::ReuseFanout> ReuseService::fanout(std::string_view catalog_id, int fiscal_year,
                                                               const std::string& body_code,
                                                               std::string_view question_id) const {
  auto r = route(catalog_id, question_id);
  if (!r) return nullptr;
  return std::make_shared<const ports::ReuseFanout>(ports::ReuseFanout{body_code, fiscal_year, std::move(r)});
}

void ReuseService::apply_opening(const Catalog& catalog, const std::map<std::string, ports::MeasureAnswer>& answers,
                                 std::vector<ports::OpeningAnswer>& rows) const {
  const SurveyMapping* mapping = crosswalk_.mapping_of(catalog.id);
  if (!mapping || answers.empty()) return;
  for (size_t i = 0; i < rows.size() && i < catalog.questions.size(); ++i) {
    const Question& q = catalog.questions[i];
    const ItemMapping* m = mapping->find(q.id);
    if (!m) continue;
    const Measure* measure = crosswalk_.bank.find(m->measure_id);
    auto given = answers.find(m->measure_id);
    if (!measure || !measure->agreed || given == answers.end()) continue;
    ports::OpeningAnswer& row = rows[i];
    AnswerRecord as_is{.question_id = q.id, .value_json = row.value_json, .previous_json = row.previous_json,
                       .state = std::string(row.state)};
    auto candidate = candidate_for(*m, q, given->second.value_json);
    if (!candidate) continue;  // no counterpart in this item's terms: nothing to offer
    ReuseDecision d = decide_reuse(m->relation, m->measure_id, as_is, std::nullopt, candidate, given->second.revision);
    if (d.answer) {
      row.value_json = *d.answer;
      row.state = to_string(state_after_save(parse_json(row.value_json), parse_json(row.previous_json)));
      row.needs_confirmation = false;
    }
    row.reuse = std::move(d.mark);
  }
}

int64_t ReuseService::mapped_items(std::string_view catalog_id) const {
  int64_t n = 0;
  for (const auto& [key, route] : routes_)
    if (key.first == catalog_id) ++n;
  return n;
}

}  // namespace mamori
