#include "services/body_export/body_export_service.h"

#include <boost/json.hpp>

#include "domain/body_export.h"
#include "domain/workbook.h"

namespace mamori {

namespace json = boost::json;
namespace bx = body_export;

Result<std::string> BodyExportService::json_document(const std::string& body_code, const std::string& by) {
  MAMORI_ASSIGN_OR_RETURN(bx::BodyData data, store_.body_export().read_body_data(body_code));
  MAMORI_ASSIGN_OR_RETURN(json::object doc, bx::to_json(data, clock_.now_iso(), by));
  return json::serialize(doc);
}

std::string BodyExportService::file_name(const std::string& body_code, std::string_view extension) const {
  std::string date = clock_.now_iso().substr(0, 10);
  std::erase(date, '-');
  return "mamori_" + body_code + "_data_" + date + "." + std::string(extension);
}

Result<ports::RestoredBody> BodyExportService::restore(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return Status::InvalidArgument("body_export_not_json");
  MAMORI_ASSIGN_OR_RETURN(bx::BodyData data, bx::from_json(doc));
  // Answers are read by their survey's catalogue: one this server does not load could not be
  // shown, counted or answered.
  for (const auto& r : data.responses)
    if (!catalogs_.find(r.campaign.catalog_id))
      return Status::InvalidArgument("body_export_unknown_catalog", {{"catalog", r.campaign.catalog_id}});
  return store_.body_export().restore_body_data(data);
}

namespace {

std::string yes(bool b) { return b ? "はい" : ""; }

// A stored JSON value as a cell shows it: a text as itself, a list joined by "、", the
// rest as JSON.
std::string shown(const std::optional<std::string>& value_json) {
  if (!value_json) return "";
  boost::system::error_code ec;
  json::value v = json::parse(*value_json, ec);
  if (ec) return *value_json;
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v.as_array()) {
      if (!out.empty()) out += "、";
      out += e.is_string() ? std::string(e.as_string()) : json::serialize(e);
    }
    return out;
  }
  return json::serialize(v);
}

std::string state_word(const std::string& s) {
  auto st = parse_response_state(s);
  return st ? std::string(response_state_label_ja(*st)) : s;
}

}  // namespace

Status BodyExportService::workbook(const std::string& body_code, const std::string& by, const std::string& path) {
  MAMORI_ASSIGN_OR_RETURN(bx::BodyData d, store_.body_export().read_body_data(body_code));
  const std::string now = clock_.now_iso();

  ports::TableSheet cover{"はじめに", {"項目 (Item)", "内容 (Value)"}, {28, 90}, {}};
  ports::TableSheet responses{"回答一覧",
                              {"年度", "調査", "調査ID", "調査の状態", "回答の状態", "ロック", "提出日時", "受理日時",
                               "更新日時"},
                              {8, 30, 14, 10, 16, 8, 22, 22, 22},
                              {}};
  ports::TableSheet categories{"分類", {"年度", "調査", "分類", "担当者", "確認依頼済み", "差戻しコメント"},
                               {8, 30, 8, 18, 12, 50}, {}};
  ports::TableSheet answers{"回答",
                            {"年度", "調査", "設問番号", "設問ID", "設問", "回答", "状態", "確認待ち", "該当なし",
                             "該当なしの理由", "コメント", "根拠資料", "版", "更新者", "更新日時", "前年度の回答"},
                            {8, 24, 9, 14, 50, 24, 18, 8, 8, 24, 40, 30, 6, 16, 22, 24},
                            {}};
  ports::TableSheet history{"履歴",
                            {"年度", "調査", "設問番号", "設問ID", "版", "変更者", "日時", "変更前", "変更後", "経緯"},
                            {8, 24, 9, 14, 6, 16, 22, 40, 40, 30},
                            {}};
  ports::TableSheet events{"ワークフロー",
                           {"年度", "調査", "日時", "操作", "変更前の状態", "変更後の状態", "分類", "コメント", "実施者"},
                           {8, 24, 22, 20, 16, 16, 6, 40, 16},
                           {}};
  ports::TableSheet submissions{"提出", {"年度", "調査", "日時", "提出時の回答 (JSON)"}, {8, 24, 22, 90}, {}};

  size_t n_answers = 0, n_history = 0, n_events = 0;
  for (const auto& r : d.responses) {
    const std::string year = std::to_string(r.campaign.fiscal_year);
    const std::string& title = r.campaign.title;
    const Catalog* catalog = catalogs_.find(r.campaign.catalog_id);
    auto question = [&](const std::string& id) -> const Question* { return catalog ? catalog->find(id) : nullptr; };
    responses.rows.push_back({year, title, r.campaign.catalog_id, r.campaign.state, state_word(r.state), yes(r.locked),
                              r.submitted_at.value_or(""), r.accepted_at.value_or(""), r.updated_at});
    for (const auto& c : r.categories)
      categories.rows.push_back({year, title, std::to_string(c.category), c.assignee, yes(c.ready), c.return_comment});
    for (const auto& a : r.answers) {
      const Question* q = question(a.question_id);
      answers.rows.push_back({year, title, q ? q->number : "", a.question_id, q ? q->text.ja : "", shown(a.value_json),
                              workbook::state_text(a.state), yes(a.needs_confirmation), yes(a.not_applicable), a.na_reason,
                              a.comment, a.evidence_url, std::to_string(a.version), a.updated_by, a.updated_at,
                              shown(a.previous_json)});
    }
    for (const auto& h : r.history) {
      const Question* q = question(h.question_id);
      history.rows.push_back({year, title, q ? q->number : "", h.question_id, std::to_string(h.version), h.user, h.at,
                              h.old_json, h.new_json, h.note});
    }
    for (const auto& e : r.events)
      events.rows.push_back({year, title, e.at, e.action, state_word(e.from_state), state_word(e.to_state),
                             e.category ? std::to_string(*e.category) : "", e.comment, e.user});
    for (const auto& s : r.submissions) submissions.rows.push_back({year, title, s.at, s.snapshot_json});
    n_answers += r.answers.size();
    n_history += r.history.size();
    n_events += r.events.size();
  }
  cover.rows = {
      {"団体 (Body)", d.body.name_ja + "（" + d.body.code + "）"},
      {"書き出し日時 (Exported at)", now},
      {"書き出した人 (Exported by)", by},
      {"回答 (Responses)", std::to_string(d.responses.size())},
      {"設問への回答 (Answers)", std::to_string(n_answers)},
      {"履歴 (History rows)", std::to_string(n_history)},
      {"ワークフロー (Workflow events)", std::to_string(n_events)},
      {"この表について",
       "団体のすべての年度の回答、コメント、根拠資料、状態、回答の履歴、ワークフローを閲覧するための表です。"
       "別のシステムやデータベースへ移すときは、同じ画面の JSON 形式を使ってください（形式は docs/BODY_EXPORT.md）。"},
      {"About this workbook",
       "Every year's responses of the body with every answer, comment, evidence link, state, the answers' history "
       "and the workflow events, for reading. To move the data to another system or database, use the JSON form "
       "from the same page (its schema: docs/BODY_EXPORT.md)."},
  };
  return documents_.xlsx_sheets({cover, responses, categories, answers, history, events, submissions}, path);
}

}  // namespace mamori
