#include "services/campaigns/campaign_service.h"

#include <boost/json.hpp>

#include <set>

#include "domain/answer.h"
#include "base/clock.h"

namespace mamori {

namespace json = boost::json;


Result<int64_t> CampaignService::create(const NewCampaign& c) {
  Status errors =
      Status::InvalidArgument("invalid_fields", "入力内容に誤りがあります。各項目のメッセージを確認してください。",
                              "Some fields are invalid; see each field's message.");
  bool bad = false;
  auto fail = [&](const std::string& f, const std::string& ja, const std::string& en) {
    errors.with_field(f, ja, en);
    bad = true;
  };
  if (c.title.empty()) fail("title", "調査名を入力してください。", "Enter a title.");
  const Catalog* cat = catalogs_.find(c.catalog_id);
  if (!cat)
    fail("catalog_id", "調査票「" + c.catalog_id + "」はありません。", "No catalogue '" + c.catalog_id + "'.");
  else if (cat->fiscal_year != c.fiscal_year)
    fail("fiscal_year", "調査票の年度（" + std::to_string(cat->fiscal_year) + "）と一致しません。",
         "Does not match the catalogue's fiscal year (" + std::to_string(cat->fiscal_year) + ").");
  if (!is_iso_date(c.opens_at))
    fail("opens_at", "開始日を YYYY-MM-DD で入力してください。", "Enter the start date as YYYY-MM-DD.");
  if (!is_iso_date(c.closes_at))
    fail("closes_at", "締切日を YYYY-MM-DD で入力してください。", "Enter the deadline as YYYY-MM-DD.");
  else if (is_iso_date(c.opens_at) && c.closes_at < c.opens_at)
    fail("closes_at", "締切日は開始日以降にしてください。", "The deadline must not be before the start date.");
  std::set<std::string> seen;
  for (const auto& code : c.targets) {
    if (Status s = validate_body_code(code); !s.ok()) {
      fail("targets", s.message_ja(), s.message_en());
      break;
    }
    if (!seen.insert(code).second) {
      fail("targets", "対象団体「" + code + "」が重複しています。", "Target " + code + " is listed twice.");
      break;
    }
  }
  if (bad) return errors;
  Campaign cam{.title = c.title,
               .fiscal_year = c.fiscal_year,
               .catalog_id = c.catalog_id,
               .opens_at = c.opens_at,
               .closes_at = c.closes_at,
               .targets = c.targets};
  if (cam.targets.empty()) {
    auto all = store_.list_bodies(store::BodyFilter{.limit = 1000000});
    if (!all.ok()) return all.status();
    for (const auto& b : *all) cam.targets.push_back(b.code);
    if (cam.targets.empty())
      return Status::FailedPrecondition("no_bodies", "団体が登録されていません。先に団体一覧を取り込んでください。",
                                        "No bodies are registered; import the body list first.");
  }
  return store_.create_campaign(cam);
}

Status CampaignService::open(int64_t id, const std::function<void(int64_t, int64_t)>& progress) {
  auto cam = store_.get_campaign(id);
  if (!cam.ok()) return cam.status();
  if (cam->state != CampaignState::kDraft)
    return Status::FailedPrecondition("campaign_not_draft", "この調査は既に開始されています。",
                                      "This campaign has already been opened.");
  const Catalog* cat = catalogs_.find(cam->catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam->catalog_id + " is not loaded");
  const Catalog* prev = cat->previous.empty() ? nullptr : catalogs_.find(cat->previous);

  // Last year's values, parsed once per body as the writer reaches it.
  std::map<std::string, std::map<std::string, std::string>> old;
  if (prev) {
    auto r = store_.last_accepted_answers(prev->id);
    if (!r.ok()) return r.status();
    old = std::move(*r);
  }
  static const std::string kEmptyState;
  std::map<std::string, json::value> parsed;
  std::vector<std::string> value_text(cat->questions.size()), previous_text(cat->questions.size());
  auto answers_for = [&](const std::string& body_code, std::vector<store::OpeningAnswer>& rows) {
    parsed.clear();
    auto it = old.find(body_code);
    if (it != old.end()) {
      for (const auto& [qid, text] : it->second) {
        boost::system::error_code ec;
        json::value v = json::parse(text, ec);
        if (!ec) parsed.emplace(qid, std::move(v));
      }
    }
    auto lookup = [&](const std::string& qid) -> const json::value* {
      auto p = parsed.find(qid);
      return p == parsed.end() ? nullptr : &p->second;
    };
    rows.reserve(cat->questions.size());
    for (size_t i = 0; i < cat->questions.size(); ++i) {
      const Question& q = cat->questions[i];
      store::OpeningAnswer row{.question_id = &q.id};
      if (prev && !parsed.empty()) {
        CarriedValue cv = carry_over(q, *prev, lookup);
        if (cv.value) row.value_json = json::serialize(*cv.value);
        if (cv.previous) row.previous_json = json::serialize(*cv.previous);
        row.state = to_string(cv.state);
        row.needs_confirmation = cv.needs_confirmation;
      } else {
        row.state = to_string(AnswerState::kNew);
      }
      rows.push_back(std::move(row));
    }
  };
  return store_.open_campaign(id, answers_for, progress);
}

Status CampaignService::extend(int64_t id, const std::string& closes_at) {
  auto cam = store_.get_campaign(id);
  if (!cam.ok()) return cam.status();
  if (!is_iso_date(closes_at))
    return Status::InvalidArgument("invalid_fields", "締切日を YYYY-MM-DD で入力してください。",
                                   "Enter the deadline as YYYY-MM-DD.")
        .with_field("closes_at", "締切日を YYYY-MM-DD で入力してください。", "Enter the deadline as YYYY-MM-DD.");
  if (cam->state != CampaignState::kOpen)
    return Status::FailedPrecondition("campaign_not_open", "実施中の調査だけ締切を延長できます。",
                                      "Only an open campaign can be extended.");
  if (closes_at <= cam->closes_at)
    return Status::InvalidArgument("invalid_fields",
                                   "新しい締切日は現在の締切日（" + cam->closes_at + "）より後にしてください。",
                                   "The new deadline must be after the current one (" + cam->closes_at + ").")
        .with_field("closes_at", "現在の締切日より後にしてください。", "Must be after the current deadline.");
  return store_.update_window(id, closes_at);
}

Status CampaignService::close(const User& by, int64_t id) {
  auto cam = store_.get_campaign(id);
  if (!cam.ok()) return cam.status();
  return store_.close_campaign(id, by.id);
}

Status CampaignService::reopen_response(const User& by, int64_t response_id, const std::string& comment) {
  return store_.unlock_response(response_id, by.id, comment);
}

}  // namespace mamori
