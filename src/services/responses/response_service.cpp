#include "services/responses/response_service.h"

#include <boost/json.hpp>

#include <map>

#include "domain/answer_json.h"

namespace mamori {

namespace json = boost::json;

namespace {

Status category_range(int category) {
  if (category < 1 || category > 8) return Status::InvalidField("category", "field.category_range");
  return Status::Ok();
}

// Whether `user` may change answers of `category` now: not assigned to
// someone else (approvers may change any), and not marked ready unless
// `allow_ready` (to set it back in progress).
Status check_category_open(const User& user, const std::vector<CategoryStatus>& cats, int category, bool allow_ready) {
  for (const auto& c : cats) {
    if (c.category != category) continue;
    if (c.assignee && *c.assignee != user.id && !user.has(Role::kBodyApprover))
      return Status::PermissionDenied("category_assigned_to_other", {{"assignee", c.assignee_name}});
    if (c.ready && !allow_ready)
      return Status::FailedPrecondition("category_ready");
  }
  return Status::Ok();
}

// The guard of every change to a body's answers: the response is editable
// and the category is open to this user.
store::WriteGuard answer_guard(const User& user, int category, bool allow_ready) {
  store::WriteGuard g;
  g.check = [&user, category, allow_ready](const store::ResponseSnapshot& s) -> Status {
    MAMORI_RETURN_IF_ERROR(editable_status(s.response));
    return check_category_open(user, s.categories, category, allow_ready);
  };
  return g;
}

Status all_categories_ready(const std::vector<CategoryStatus>& cats) {
  Status s = Status::FailedPrecondition("categories_not_ready");
  bool any = false;
  for (const auto& c : cats)
    if (!c.ready) {
      s.with_field("category_" + std::to_string(c.category), "field.mark_category_ready");
      any = true;
    }
  return any ? s : Status::Ok();
}

bool is_http_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

Status comment_required(const std::string& comment) {
  if (comment.empty())
    return Status::InvalidField("comment", "field.return_comment_required");
  return Status::Ok();
}

}  // namespace

Status check_complete(const Catalog& cat, const Body& body, const std::vector<AnswerRecord>& answers,
                      std::optional<int> category) {
  std::map<std::string, const AnswerRecord*, std::less<>> by_id;
  AnswerValues values;
  for (const auto& a : answers) {
    by_id[a.question_id] = &a;
    values.set_json(a.question_id, a.value_json);
  }
  const AnswerLookup lookup = values.lookup();
  Status missing = Status::FailedPrecondition("answers_incomplete");
  bool any = false;
  for (const auto& q : cat.questions) {
    if (category && q.category != *category) continue;
    if (!is_visible(cat, q, body, lookup)) continue;
    auto it = by_id.find(q.id);
    const AnswerRecord* a = it == by_id.end() ? nullptr : it->second;
    bool answered = a && (a->value_json || a->not_applicable);
    if (q.required && !answered) {
      missing.with_field(q.id, "field.answer_required");
      any = true;
    } else if (a && a->state == "carried_over") {
      missing.with_field(q.id, "field.confirm_carried_over");
      any = true;
    }
  }
  return any ? missing : Status::Ok();
}

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
  AnswerValues values;
  for (const auto& q : v.catalog->questions) {
    auto it = by_id.find(q.id);
    AnswerRecord a = it != by_id.end() ? it->second : AnswerRecord{.question_id = q.id, .state = "new"};
    values.set_json(q.id, a.value_json);
    v.answers.push_back(std::move(a));
  }
  const AnswerLookup lookup = values.lookup();
  for (const auto& q : v.catalog->questions) v.visible.push_back(is_visible(*v.catalog, q, v.body, lookup));
  auto cats = store_.categories(response_id);
  if (!cats.ok()) return cats.status();
  v.categories = std::move(*cats);
  return v;
}

Status ResponseService::check_question(int64_t response_id, const std::string& question_id) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  auto cat = catalog_of(*r);
  if (!cat.ok()) return cat.status();
  if (!(*cat)->find(question_id)) return Status::NotFound("question_not_found", {{"id", question_id}});
  return Status::Ok();
}

Result<store::SaveOutcome> ResponseService::save_answer(const User& user, int64_t response_id, const std::string& question_id,
                                                  const AnswerInput& in) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  auto cat = catalog_of(*r);
  if (!cat.ok()) return cat.status();
  const Question* q = (*cat)->find(question_id);
  if (!q)
    return Status::NotFound("question_not_found", {{"id", question_id}});

  if (in.not_applicable) {
    if (!q->na_allowed)
      return Status::InvalidField("not_applicable", "field.na_not_allowed");
    if (in.na_reason.empty())
      return Status::InvalidField("na_reason", "field.na_reason_required");
    if (in.value)
      return Status::InvalidField("value", "field.na_with_value");
  } else if (!in.na_reason.empty()) {
    return Status::InvalidField("na_reason", "field.na_reason_without_na");
  }
  if (in.value) MAMORI_RETURN_IF_ERROR(validate_value(*q, *in.value));
  if (!in.evidence_url.empty() && !is_http_url(in.evidence_url))
    return Status::InvalidField("evidence_url", "field.evidence_url");

  auto current = store_.get_answer(response_id, question_id);
  if (!current.ok()) return current.status();
  std::optional<json::value> value = in.value;
  if (value) value = canonical_value(*q, *value);
  std::optional<json::value> previous = parse_json(current->previous_json);
  store::AnswerUpdate u;
  if (value) u.value_json = json::serialize(*value);
  u.not_applicable = in.not_applicable;
  u.na_reason = in.na_reason;
  u.comment = in.comment;
  u.evidence_url = in.evidence_url;
  u.state = std::string(
      to_string(in.not_applicable && previous ? AnswerState::kChanged : state_after_save(value, previous)));
  return store_.save_answer(response_id, question_id, in.version, u, user.id, answer_guard(user, q->category, false));
}

Result<int64_t> ResponseService::confirm_category(const User& user, int64_t response_id, int category) {
  MAMORI_RETURN_IF_ERROR(category_range(category));
  auto v = view(response_id);
  if (!v.ok()) return v.status();
  std::vector<std::string> ids;
  for (size_t i = 0; i < v->answers.size(); ++i) {
    const auto& a = v->answers[i];
    const Question& q = v->catalog->questions[i];
    if (q.category == category && v->visible[i] && a.state == "carried_over" && !a.needs_confirmation && a.value_json)
      ids.push_back(a.question_id);
  }
  // The store confirms only answers still carried over with a value, so an
  // answer changed meanwhile keeps its change.
  return store_.confirm_answers(response_id, ids, user.id, answer_guard(user, category, false));
}

Status ResponseService::mark_category(const User& user, int64_t response_id, int category, bool ready) {
  MAMORI_RETURN_IF_ERROR(category_range(category));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  auto cat = catalog_of(*r);
  if (!cat.ok()) return cat.status();
  auto body = store_.get_body(r->body_code);
  if (!body.ok()) return body.status();
  store::WriteGuard g = answer_guard(user, category, true);
  if (ready) {
    g.needs_answers = true;
    g.check = [&user, category, catalog = *cat, &body = *body](const store::ResponseSnapshot& s) -> Status {
      MAMORI_RETURN_IF_ERROR(editable_status(s.response));
      MAMORI_RETURN_IF_ERROR(check_category_open(user, s.categories, category, true));
      return check_complete(*catalog, body, s.answers, category);
    };
  }
  store::CategoryChange change{.category = category, .ready = ready};
  if (ready) change.return_comment = "";
  return store_.change_category(response_id, change, user.id, ready ? "category_ready" : "category_in_progress", "", g);
}

Status ResponseService::assign_category(const User& user, int64_t response_id, int category,
                                        std::optional<int64_t> assignee) {
  MAMORI_RETURN_IF_ERROR(category_range(category));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (assignee) {
    auto a = store_.get_user(*assignee);
    if (!a.ok() || a->body_code != r->body_code ||
        !(a->has(Role::kBodyRespondent) || a->has(Role::kBodyApprover) || a->has(Role::kPrefectureSupporter)))
      return Status::InvalidField("assignee", "field.assignee");
  }
  store::WriteGuard g;
  g.check = [](const store::ResponseSnapshot& s) { return editable_status(s.response); };
  return store_.change_category(response_id, store::CategoryChange{.category = category, .assignee = assignee}, user.id,
                                "category_assigned", "", g);
}

// A guard that the whole response is complete and every category ready.
store::WriteGuard ResponseService::completeness_guard(const ResponseRecord& r) {
  store::WriteGuard g;
  g.needs_answers = true;
  auto cat = catalog_of(r);
  auto body = store_.get_body(r.body_code);
  if (!cat.ok() || !body.ok()) {
    Status err = !cat.ok() ? cat.status() : body.status();
    g.check = [err](const store::ResponseSnapshot&) { return err; };
    return g;
  }
  g.check = [catalog = *cat, body = *body](const store::ResponseSnapshot& s) -> Status {
    MAMORI_RETURN_IF_ERROR(all_categories_ready(s.categories));
    return check_complete(*catalog, body, s.answers, std::nullopt);
  };
  return g;
}

Status ResponseService::request_review(const User& user, int64_t response_id, const std::string& comment) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  MAMORI_RETURN_IF_ERROR(editable_status(*r));
  return store_.transition(response_id, r->state, ResponseState::kReadyForReview, user.id, "request_review", comment,
                           completeness_guard(*r));
}

Status ResponseService::approver_return(const User& user, int64_t response_id, std::optional<int> category,
                                        const std::string& comment) {
  MAMORI_RETURN_IF_ERROR(comment_required(comment));
  if (category) MAMORI_RETURN_IF_ERROR(category_range(*category));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  std::optional<store::CategoryChange> change;
  if (category) change = store::CategoryChange{.category = *category, .ready = false, .return_comment = comment};
  if (r->state == ResponseState::kReadyForReview)
    return store_.transition(response_id, r->state, ResponseState::kDraft, user.id, "return", comment, {}, change);
  if ((r->state == ResponseState::kDraft || r->state == ResponseState::kReturned) && change) {
    store::WriteGuard g;
    g.check = [](const store::ResponseSnapshot& s) { return editable_status(s.response); };
    return store_.change_category(response_id, *change, user.id, "category_returned", comment, g);
  }
  MAMORI_RETURN_IF_ERROR(editable_status(*r));
  return Status::FailedPrecondition("nothing_to_return");
}

Status ResponseService::submit(const User& user, int64_t response_id, const std::string& comment) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->state != ResponseState::kReadyForReview) {
    MAMORI_RETURN_IF_ERROR(r->locked ? editable_status(*r) : Status::Ok());
    return Status::FailedPrecondition("bad_state").with_message("bad_state.submit");
  }
  store::WriteGuard g = completeness_guard(*r);
  g.snapshot = [](const store::ResponseSnapshot& s) { return answers_snapshot_json(s.answers); };
  return store_.transition(response_id, ResponseState::kReadyForReview, ResponseState::kSubmitted, user.id, "submit",
                           comment, g);
}

Status ResponseService::accept(const User& user, int64_t response_id, const std::string& comment) {
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->state != ResponseState::kSubmitted)
    return Status::FailedPrecondition("bad_state").with_message("bad_state.accept");
  return store_.transition(response_id, ResponseState::kSubmitted, ResponseState::kAccepted, user.id, "accept", comment,
                           {});
}

Status ResponseService::national_return(const User& user, int64_t response_id, const std::string& comment) {
  MAMORI_RETURN_IF_ERROR(comment_required(comment));
  auto r = store_.get_response(response_id);
  if (!r.ok()) return r.status();
  if (r->state != ResponseState::kSubmitted)
    return Status::FailedPrecondition("bad_state").with_message("bad_state.national_return");
  // The figures of a closed survey are what bodies compare themselves with; taking one
  // response out would change them by one body (analytics/disclosure.h).
  auto cam = store_.get_campaign(r->campaign_id);
  if (!cam.ok()) return cam.status();
  if (cam->state == CampaignState::kClosed)
    return Status::FailedPrecondition("campaign_closed");
  return store_.transition(response_id, ResponseState::kSubmitted, ResponseState::kReturned, user.id, "national_return",
                           comment, {});
}

Result<std::vector<DiffEntry>> ResponseService::diff_last_year(int64_t response_id) {
  auto answers = store_.get_answers(response_id);
  if (!answers.ok()) return answers.status();
  std::vector<DiffEntry> out;
  for (const auto& a : *answers) {
    auto before = parse_json(a.previous_json);
    auto after = parse_json(a.value_json);
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
  json::object current = json::parse(answers_snapshot_json(*answers)).as_object();
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
