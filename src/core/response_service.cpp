#include "core/response_service.h"

#include <boost/json.hpp>

#include <map>

namespace mamori {

namespace json = boost::json;

namespace {

Status invalid(const std::string& field, const std::string& ja, const std::string& en) {
  Status s =
      Status::InvalidArgument("invalid_fields", "入力内容に誤りがあります。各項目のメッセージを確認してください。",
                              "Some fields are invalid; see each field's message.");
  s.with_field(field, ja, en);
  return s;
}

// Whether `user` may change answers of `category` now: not assigned to
// someone else (approvers may change any), and not marked ready unless
// `allow_ready` (to set it back in progress).
Status check_category_open(const User& user, const std::vector<CategoryStatus>& cats, int category, bool allow_ready) {
  for (const auto& c : cats) {
    if (c.category != category) continue;
    if (c.assignee && *c.assignee != user.id && !user.has(Role::kBodyApprover))
      return Status::PermissionDenied(
          "この分類は「" + c.assignee_name + "」さんの担当です。確認者に担当の変更を依頼してください。",
          "This category is assigned to " + c.assignee_name + "; ask the approver to reassign it.");
    if (c.ready && !allow_ready)
      return Status::FailedPrecondition("category_ready",
                                        "この分類は確認待ちです。編集するには「入力中に戻す」を選んでください。",
                                        "This category is marked ready; set it back to in progress to edit.");
  }
  return Status::Ok();
}

bool is_http_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

std::optional<json::value> parse_opt(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(*s, ec);
  if (ec) return std::nullopt;
  return v;
}

Status comment_required(const std::string& comment) {
  if (comment.empty())
    return invalid("comment", "差戻しの理由をコメントに入力してください。",
                   "Enter a comment saying why it is returned.");
  return Status::Ok();
}

}  // namespace

Result<const Catalog*> ResponseService::catalog_of(const ResponseRecord& r, Campaign* campaign) {
  if (!campaign) {
    std::lock_guard lock(catalog_cache_mu_);
    auto it = catalog_cache_.find(r.campaign_id);
    if (it != catalog_cache_.end()) return it->second;
  }
  auto cam = store_.get_campaign(r.campaign_id);
  if (!cam.ok()) return cam.status();
  const Catalog* cat = catalogs_.find(cam->catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam->catalog_id + " is not loaded");
  {
    std::lock_guard lock(catalog_cache_mu_);
    catalog_cache_[r.campaign_id] = cat;
  }
  if (campaign) *campaign = std::move(*cam);
  return cat;
}

Result<ResponseView> ResponseService::view(int64_t response_id) {
  ResponseView v;
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  v.response = *r;
  auto cat = catalog_of(v.response, &v.campaign);
  if (!cat.ok()) return cat.status();
  v.catalog = *cat;
  auto body = store_.get_body(v.response.body_code);
  if (!body.ok()) return body.status();
  v.body = std::move(*body);
  auto answers = store_.get_answers(response_id);
  if (!answers.ok()) return answers.status();
  std::map<std::string, AnswerRecord, std::less<>> by_id;
  for (auto& a : *answers) by_id.emplace(a.question_id, std::move(a));
  std::map<std::string, json::value, std::less<>> values;
  for (const auto& q : v.catalog->questions) {
    auto it = by_id.find(q.id);
    AnswerRecord a = it != by_id.end() ? it->second : AnswerRecord{.question_id = q.id, .state = "new"};
    if (auto pv = parse_opt(a.value_json)) values.emplace(q.id, std::move(*pv));
    v.answers.push_back(std::move(a));
  }
  auto lookup = [&](const std::string& id) -> const json::value* {
    auto it = values.find(id);
    return it == values.end() ? nullptr : &it->second;
  };
  for (const auto& q : v.catalog->questions) v.visible.push_back(is_visible(*v.catalog, q, v.body, lookup));
  auto cats = store_.categories(response_id);
  if (!cats.ok()) return cats.status();
  v.categories = std::move(*cats);
  return v;
}

Result<AnswerRecord> ResponseService::save_answer(const User& user, int64_t response_id, const std::string& question_id,
                                                  const AnswerInput& in) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  MAMORI_RETURN_IF_ERROR(editable_status(*r));
  auto cat = catalog_of(*r);
  if (!cat.ok()) return cat.status();
  const Question* q = (*cat)->find(question_id);
  if (!q)
    return Status::NotFound("設問「" + question_id + "」はこの調査票にありません。",
                            "No question '" + question_id + "' in this catalogue.");

  if (in.not_applicable) {
    if (!q->na_allowed)
      return invalid("not_applicable", "この設問は「該当なし」を選べません。",
                     "This question cannot be answered 'not applicable'.");
    if (in.na_reason.empty())
      return invalid("na_reason", "「該当なし」の理由を入力してください。", "Enter why it does not apply.");
    if (in.value)
      return invalid("value", "「該当なし」のときは回答の値を空にしてください。",
                     "Leave the value empty when not applicable.");
  } else if (!in.na_reason.empty()) {
    return invalid("na_reason", "理由は「該当なし」を選んだときだけ入力できます。",
                   "A reason is only for 'not applicable'.");
  }
  if (in.value) MAMORI_RETURN_IF_ERROR(validate_value(*q, *in.value));
  if (!in.evidence_url.empty() && !is_http_url(in.evidence_url))
    return invalid("evidence_url", "根拠資料のリンクは https:// で始まるURLにしてください。",
                   "The evidence link must be an http(s) URL.");

  auto cats = store_.categories(response_id);
  if (!cats.ok()) return cats.status();
  MAMORI_RETURN_IF_ERROR(check_category_open(user, *cats, q->category, false));

  auto current = store_.get_answer(response_id, question_id);
  if (!current.ok()) return current.status();
  std::optional<json::value> previous = parse_opt(current->previous_json);
  store::AnswerUpdate u;
  std::optional<json::value> value = in.value;
  if (value && q->type == QuestionType::kMulti) {
    // Stored in option order, so the same choices always compare equal.
    json::array ordered;
    for (const auto& o : q->options)
      for (const auto& e : value->as_array())
        if (e.as_string() == o.key) ordered.push_back(e);
    value = std::move(ordered);
  }
  if (value) u.value_json = json::serialize(*value);
  u.not_applicable = in.not_applicable;
  u.na_reason = in.na_reason;
  u.comment = in.comment;
  u.evidence_url = in.evidence_url;
  u.state =
      std::string(to_string(in.not_applicable && previous ? AnswerState::kChanged : state_after_save(value, previous)));
  return store_.save_answer(response_id, question_id, in.version, u, user.id);
}

Result<int64_t> ResponseService::confirm_category(const User& user, int64_t response_id, int category) {
  if (category < 1 || category > 8) return invalid("category", "分類は1〜8です。", "Category must be 1-8.");
  auto v = view(response_id);
  if (!v.ok()) return v.status();
  MAMORI_RETURN_IF_ERROR(editable_status(v->response));
  MAMORI_RETURN_IF_ERROR(check_category_open(user, v->categories, category, false));
  std::vector<std::string> ids;
  for (size_t i = 0; i < v->answers.size(); ++i) {
    const auto& a = v->answers[i];
    const Question& q = v->catalog->questions[i];
    if (q.category == category && v->visible[i] && a.state == "carried_over" && !a.needs_confirmation && a.value_json)
      ids.push_back(a.question_id);
  }
  return store_.confirm_answers(response_id, ids, user.id);
}

Status ResponseService::mark_category(const User& user, int64_t response_id, int category, bool ready) {
  if (category < 1 || category > 8) return invalid("category", "分類は1〜8です。", "Category must be 1-8.");
  auto v = view(response_id);
  if (!v.ok()) return v.status();
  MAMORI_RETURN_IF_ERROR(editable_status(v->response));
  MAMORI_RETURN_IF_ERROR(check_category_open(user, v->categories, category, true));
  CategoryStatus cs;
  for (const auto& c : v->categories)
    if (c.category == category) cs = c;
  if (ready) {
    Status missing = Status::FailedPrecondition(
        "answers_incomplete", "未回答または未確認の設問があるため、確認待ちにできません。",
        "Some questions are unanswered or unconfirmed, so the category cannot be marked ready.");
    bool any = false;
    for (size_t i = 0; i < v->answers.size(); ++i) {
      const Question& q = v->catalog->questions[i];
      const auto& a = v->answers[i];
      if (q.category != category || !v->visible[i]) continue;
      if (q.required && !a.value_json && !a.not_applicable) {
        missing.with_field(q.id, "回答してください。", "Answer this question.");
        any = true;
      } else if (a.state == "carried_over") {
        missing.with_field(q.id, "前年度から引き継いだ回答を確認してください。",
                           "Confirm the answer carried over from last year.");
        any = true;
      }
    }
    if (any) return missing;
    cs.return_comment.clear();
  }
  cs.ready = ready;
  return store_.set_category(response_id, cs, user.id, ready ? "category_ready" : "category_in_progress");
}

Status ResponseService::assign_category(const User& user, int64_t response_id, int category,
                                        std::optional<int64_t> assignee) {
  if (category < 1 || category > 8) return invalid("category", "分類は1〜8です。", "Category must be 1-8.");
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  CategoryStatus cs;
  auto cats = store_.categories(response_id);
  if (!cats.ok()) return cats.status();
  for (const auto& c : *cats)
    if (c.category == category) cs = c;
  if (assignee) {
    auto a = store_.get_user(*assignee);
    if (!a.ok() || a->body_code != r->body_code || !(a->has(Role::kBodyRespondent) || a->has(Role::kBodyApprover)))
      return invalid("assignee", "担当者はこの団体の担当者・確認者から選んでください。",
                     "Choose a respondent or approver of this body.");
  }
  cs.assignee = assignee;
  return store_.set_category(response_id, cs, user.id, "category_assigned");
}

Status ResponseService::request_review(const User& user, int64_t response_id, const std::string& comment) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->locked)
    return Status::FailedPrecondition("response_locked", "調査が締め切られたため操作できません。",
                                      "The campaign is closed.");
  if (r->state != ResponseState::kDraft && r->state != ResponseState::kReturned)
    return Status::FailedPrecondition("bad_state", "入力中の回答だけ確認依頼できます。",
                                      "Only a response in progress can be sent for review.");
  auto cats = store_.categories(response_id);
  if (!cats.ok()) return cats.status();
  Status s = Status::FailedPrecondition("categories_not_ready", "確認待ちになっていない分類があります。",
                                        "Some categories are not marked ready.");
  bool any = false;
  for (const auto& c : *cats)
    if (!c.ready) {
      s.with_field("category_" + std::to_string(c.category), "この分類を確認待ちにしてください。",
                   "Mark this category ready.");
      any = true;
    }
  if (any) return s;
  return store_.transition(response_id, r->state, ResponseState::kReadyForReview, user.id, "request_review", comment,
                           std::nullopt);
}

Status ResponseService::approver_return(const User& user, int64_t response_id, std::optional<int> category,
                                        const std::string& comment) {
  MAMORI_RETURN_IF_ERROR(comment_required(comment));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->locked)
    return Status::FailedPrecondition("response_locked", "調査が締め切られたため操作できません。",
                                      "The campaign is closed.");
  std::optional<CategoryStatus> update;
  if (category) {
    if (*category < 1 || *category > 8) return invalid("category", "分類は1〜8です。", "Category must be 1-8.");
    auto cats = store_.categories(response_id);
    if (!cats.ok()) return cats.status();
    for (const auto& c : *cats)
      if (c.category == *category) update = c;
    update->ready = false;
    update->return_comment = comment;
  }
  if (r->state == ResponseState::kReadyForReview)
    return store_.transition(response_id, r->state, ResponseState::kDraft, user.id, "return", comment, std::nullopt,
                             update);
  if ((r->state == ResponseState::kDraft || r->state == ResponseState::kReturned) && update)
    return store_.set_category(response_id, *update, user.id, "category_returned");
  return Status::FailedPrecondition("bad_state", "確認待ちの回答または分類だけ差し戻せます。",
                                    "Only a response or category awaiting review can be returned.");
}

std::string ResponseService::snapshot(const std::vector<AnswerRecord>& answers) {
  json::object o;
  for (const auto& a : answers) {
    json::object e;
    e["value"] = a.value_json ? json::parse(*a.value_json) : json::value(nullptr);
    e["not_applicable"] = a.not_applicable;
    e["na_reason"] = a.na_reason;
    e["comment"] = a.comment;
    o[a.question_id] = std::move(e);
  }
  return json::serialize(o);
}

Status ResponseService::submit(const User& user, int64_t response_id, const std::string& comment) {
  auto v = view(response_id);
  if (!v.ok()) return v.status();
  if (v->response.locked)
    return Status::FailedPrecondition("response_locked", "調査が締め切られたため提出できません。",
                                      "The campaign is closed.");
  if (v->response.state != ResponseState::kReadyForReview)
    return Status::FailedPrecondition("bad_state", "確認待ちの回答だけ提出できます。",
                                      "Only a response ready for review can be submitted.");
  return store_.transition(response_id, ResponseState::kReadyForReview, ResponseState::kSubmitted, user.id, "submit",
                           comment, snapshot(v->answers));
}

Status ResponseService::accept(const User& user, int64_t response_id, const std::string& comment) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->state != ResponseState::kSubmitted)
    return Status::FailedPrecondition("bad_state", "提出済みの回答だけ受理できます。",
                                      "Only a submitted response can be accepted.");
  return store_.transition(response_id, ResponseState::kSubmitted, ResponseState::kAccepted, user.id, "accept", comment,
                           std::nullopt);
}

Status ResponseService::national_return(const User& user, int64_t response_id, const std::string& comment) {
  MAMORI_RETURN_IF_ERROR(comment_required(comment));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->state != ResponseState::kSubmitted)
    return Status::FailedPrecondition("bad_state", "提出済みの回答だけ差し戻せます。",
                                      "Only a submitted response can be returned.");
  return store_.transition(response_id, ResponseState::kSubmitted, ResponseState::kReturned, user.id, "national_return",
                           comment, std::nullopt);
}

Result<std::vector<DiffEntry>> ResponseService::diff_last_year(int64_t response_id) {
  auto answers = store_.get_answers(response_id);
  if (!answers.ok()) return answers.status();
  std::vector<DiffEntry> out;
  for (const auto& a : *answers) {
    auto before = parse_opt(a.previous_json);
    auto after = parse_opt(a.value_json);
    if (before == after) continue;
    out.push_back(DiffEntry{a.question_id, a.previous_json, a.value_json, a.state});
  }
  return out;
}

Result<std::vector<DiffEntry>> ResponseService::diff_last_submission(int64_t response_id) {
  auto subs = store_.submissions(response_id);
  if (!subs.ok()) return subs.status();
  std::vector<DiffEntry> out;
  if (subs->empty()) return out;
  auto answers = store_.get_answers(response_id);
  if (!answers.ok()) return answers.status();
  // Compare with the newest snapshot, or with the one before when the newest
  // is the current state (the response was just submitted again).
  json::object last = json::parse((*subs)[0]).as_object();
  json::object current = json::parse(snapshot(*answers)).as_object();
  if (last == current && subs->size() > 1)
    last = json::parse((*subs)[1]).as_object();
  else if (last == current)
    return out;
  for (const auto& a : *answers) {
    const json::value* b = last.if_contains(a.question_id);
    const json::value* c = current.if_contains(a.question_id);
    if (b && c && *b == *c) continue;
    DiffEntry d{a.question_id, std::nullopt, std::nullopt, a.state};
    if (b) d.before = json::serialize(b->as_object().at("value"));
    if (c) d.after = json::serialize(c->as_object().at("value"));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace mamori
