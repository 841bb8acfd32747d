#include "services/campaigns/campaign_service.h"

#include <boost/json.hpp>

#include <set>

#include "domain/answer.h"
#include "base/clock.h"

namespace mamori {

namespace json = boost::json;


Result<int64_t> CampaignService::create(const NewCampaign& c) {
  Status errors = Status::InvalidArgument("invalid_fields");
  bool bad = false;
  auto fail = [&](const std::string& f, std::string message, MessageArgs args = {}) {
    errors.with_field(f, std::move(message), std::move(args));
    bad = true;
  };
  if (c.title.empty()) fail("title", "field.title_required");
  const Catalog* cat = catalogs_.find(c.catalog_id);
  if (!cat)
    fail("catalog_id", "field.unknown_catalog", {{"id", c.catalog_id}});
  else if (cat->fiscal_year != c.fiscal_year)
    fail("fiscal_year", "field.fiscal_year_mismatch", {{"year", std::to_string(cat->fiscal_year)}});
  if (!is_iso_date(c.opens_at)) fail("opens_at", "field.start_date");
  if (!is_iso_date(c.closes_at))
    fail("closes_at", "field.deadline_date");
  else if (is_iso_date(c.opens_at) && c.closes_at < c.opens_at)
    fail("closes_at", "field.deadline_before_start");
  std::set<std::string> seen;
  for (const auto& code : c.targets) {
    if (Status s = validate_body_code(code); !s.ok()) {
      fail("targets", s.message_key(), s.args());
      break;
    }
    if (!seen.insert(code).second) {
      fail("targets", "field.target_twice", {{"code", code}});
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
    MAMORI_ASSIGN_OR_RETURN(auto all, bodies_.list_bodies(ports::BodyFilter{.limit = 1000000}));
    for (const auto& b : all) cam.targets.push_back(b.code);
    if (cam.targets.empty())
      return Status::FailedPrecondition("no_bodies");
  }
  return campaigns_.create_campaign(cam);
}

Status CampaignService::open(int64_t id, const std::function<void(int64_t, int64_t)>& progress) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, campaigns_.get_campaign(id));
  if (cam.state != CampaignState::kDraft)
    return Status::FailedPrecondition("campaign_not_draft");
  const Catalog* cat = catalogs_.find(cam.catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam.catalog_id + " is not loaded");
  const Catalog* prev = cat->previous.empty() ? nullptr : catalogs_.find(cat->previous);

  // Last year's values, parsed once per body as the writer reaches it.
  std::map<std::string, std::map<std::string, std::string>> old;
  if (prev) {
    MAMORI_ASSIGN_OR_RETURN(auto r, campaigns_.last_accepted_answers(prev->id));
    old = std::move(r);
  }
  // This year's answers to the common measures, given in the other surveys.
  std::map<std::string, std::map<std::string, ports::MeasureAnswer>> measures;
  if (reuse_) {
    MAMORI_ASSIGN_OR_RETURN(measures, reuse_->measure_answers(cam.fiscal_year));
  }
  static const std::map<std::string, ports::MeasureAnswer> kNone;
  static const std::string kEmptyState;
  std::map<std::string, json::value> parsed;
  std::vector<std::string> value_text(cat->questions.size()), previous_text(cat->questions.size());
  auto answers_for = [&](const std::string& body_code, std::vector<ports::OpeningAnswer>& rows) {
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
      ports::OpeningAnswer row{.question_id = &q.id};
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
    if (reuse_) {
      auto given = measures.find(body_code);
      reuse_->apply_opening(*cat, given == measures.end() ? kNone : given->second, rows);
    }
  };
  std::vector<int> categories;
  for (const auto& c : cat->categories) categories.push_back(c.number);
  return campaigns_.open_campaign(id, categories, answers_for, progress);
}

Status CampaignService::extend(int64_t id, const std::string& closes_at) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, campaigns_.get_campaign(id));
  if (!is_iso_date(closes_at))
    return Status::InvalidArgument("invalid_fields").with_message("field.deadline_date").with_field("closes_at", "field.deadline_date");
  if (cam.state != CampaignState::kOpen)
    return Status::FailedPrecondition("campaign_not_open").with_message("campaign_not_open.extend");
  if (closes_at <= cam.closes_at)
    return Status::InvalidArgument("invalid_fields", {{"current", cam.closes_at}})
        .with_message("invalid_fields.deadline_not_later")
        .with_field("closes_at", "field.deadline_not_later");
  return campaigns_.update_window(id, closes_at);
}

Status CampaignService::close(const User& by, int64_t id) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, campaigns_.get_campaign(id));
  return campaigns_.close_campaign(id, by.id);
}

Status CampaignService::reopen_response(const User& by, int64_t response_id, const std::string& comment) {
  return responses_.unlock_response(response_id, by.id, comment);
}

}  // namespace mamori
