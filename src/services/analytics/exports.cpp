#include "services/analytics/exports.h"

#include <boost/json.hpp>

#include <map>

#include "services/analytics/benchmark.h"
#include "services/analytics/feedback.h"
#include "services/bodies/body_of_response.h"

namespace mamori::analytics {

namespace json = boost::json;

std::vector<std::string> answers_header() {
  return {"団体コード", "団体名", "団体区分", "回答の状態", "設問ID", "項目", "表示対象", "回答", "回答（値）",
          "該当なし", "該当なしの理由", "コメント", "根拠資料", "引継ぎ", "最終更新者", "最終更新日時"};
}

Status export_answers(ports::Store& store, const CatalogSet& catalogs, int64_t campaign_id, ports::TableSink& out) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(campaign_id));
  const Catalog* cat = catalogs.find(cam.catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam.catalog_id + " is not loaded");
  MAMORI_ASSIGN_OR_RETURN(auto list, store.responses().list_responses(campaign_id, {}));
  for (const auto& row : list) {
    MAMORI_ASSIGN_OR_RETURN(auto body, body_of_response(store.bodies(), store.responses(), row.response));
    MAMORI_ASSIGN_OR_RETURN(auto answers, store.responses().get_answers(row.response.id));
    std::map<std::string, const AnswerRecord*, std::less<>> by_id;
    AnswerValues values;
    for (const auto& a : answers) {
      by_id[a.question_id] = &a;
      values.set_json(a.question_id, a.value_json);
    }
    const AnswerLookup lookup = values.lookup();
    for (const auto& q : cat->questions) {
      auto it = by_id.find(q.id);
      if (it == by_id.end()) continue;
      const AnswerRecord& a = *it->second;
      out.row({body.code, body.name_ja, std::string(body_type_label_ja(body.type)),
               std::string(response_state_label_ja(row.response.state)), q.id, static_cast<double>(q.category),
               std::string(is_visible(*cat, q, body, lookup) ? "はい" : "いいえ"), answer_text_ja(q, a),
               a.value_json.value_or(""), std::string(a.not_applicable ? "はい" : ""), a.na_reason, a.comment,
               a.evidence_url, a.state, a.updated_by_name, a.updated_at});
    }
  }
  return Status::Ok();
}

std::vector<std::string> survey_header(const Catalog& cat) {
  std::vector<std::string> h{"団体コード", "団体名", "団体区分", "回答の状態"};
  for (const auto& q : cat.questions) h.push_back(q.id);
  return h;
}

Status export_survey_layout(ports::Store& store, const CatalogSet& catalogs, int64_t campaign_id,
                            ports::TableSink& out) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(campaign_id));
  const Catalog* cat = catalogs.find(cam.catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam.catalog_id + " is not loaded");
  MAMORI_ASSIGN_OR_RETURN(auto list, store.responses().list_responses(campaign_id, {}));
  for (const auto& row : list) {
    MAMORI_ASSIGN_OR_RETURN(auto answers, store.responses().get_answers(row.response.id));
    std::map<std::string, const AnswerRecord*, std::less<>> by_id;
    for (const auto& a : answers) by_id[a.question_id] = &a;
    auto type = parse_body_type(row.body_type);
    std::vector<ports::Cell> cells{row.response.body_code, row.body_name,
                                   type ? std::string(body_type_label_ja(*type)) : row.body_type,
                                   std::string(response_state_label_ja(row.response.state))};
    for (const auto& q : cat->questions) {
      auto it = by_id.find(q.id);
      if (it == by_id.end()) {
        cells.emplace_back(std::monostate{});
        continue;
      }
      const AnswerRecord& a = *it->second;
      cells.emplace_back(a.not_applicable ? std::string("該当なし") : answer_text_ja(q, a));
    }
    out.row(cells);
  }
  return Status::Ok();
}

std::vector<std::string> rates_header(const Catalog& cat) {
  std::vector<std::string> h{"グループ", "グループ名", "団体数", "全体（%）"};
  for (const auto& c : cat.categories) h.push_back("項目" + std::to_string(c.number) + "（%）");
  return h;
}

Status export_rates(AnalyticsService& analytics, ports::Store& store, int64_t campaign_id, ports::TableSink& out) {
  auto names = prefecture_names(store);
  auto percent = [](const Ratio& r) -> ports::Cell {
    auto tenths = percent_tenths(r);
    if (!tenths) return std::monostate{};
    return ports::Percent{*tenths};
  };
  for (const auto& [key, g] : analytics.aggregates().all_groups(campaign_id)) {
    Text label = group_label(key, names);
    if (g.bodies < kMinGroupSize) {
      out.row({key, label.ja, std::string("非表示（5団体未満）")});
      continue;
    }
    std::vector<ports::Cell> row{key, label.ja, static_cast<double>(g.bodies), percent(total_of(g.categories))};
    for (const auto& c : g.categories) row.push_back(percent(c));
    out.row(row);
  }
  return Status::Ok();
}

}  // namespace mamori::analytics
