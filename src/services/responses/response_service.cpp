#include "services/responses/response_service.h"

#include <boost/json.hpp>

#include <map>

#include "base/no_wait.h"
#include "domain/answer.h"
#include "domain/answer_json.h"
#include "services/bodies/body_of_response.h"

namespace mamori {

namespace json = boost::json;
using ports::ResponseContext;
using ports::ResponseSnapshot;
using ports::WriteGuard;

namespace {

// The guard of every change to a body's answers or categories: the response is editable
// and the category is open to this user.
WriteGuard answer_guard(const User& user, int category, bool allow_ready) {
  WriteGuard g;
  g.check = [&user, category, allow_ready](const ResponseSnapshot& s) -> Status {
    MAMORI_RETURN_IF_ERROR(editable_status(s.response));
    return check_category_open(user, s.categories, category, allow_ready);
  };
  return g;
}

WriteGuard editable_guard() {
  WriteGuard g;
  g.check = [](const ResponseSnapshot& s) { return editable_status(s.response); };
  return g;
}

constexpr int kSaveAttempts = 3;

}  // namespace

Result<const Catalog*> ResponseService::catalog_of(const ResponseRecord& r) {
  {
    std::lock_guard lock(catalog_cache_mu_);
    auto it = catalog_cache_.find(r.campaign_id);
    if (it != catalog_cache_.end()) return it->second;
  }
  MAMORI_ASSIGN_OR_RETURN(Campaign cam, campaigns_.get_campaign(r.campaign_id));
  const Catalog* cat = catalogs_.find(cam.catalog_id);
  if (!cat) return Status::Internal("catalogue " + cam.catalog_id + " is not loaded");
  std::lock_guard lock(catalog_cache_mu_);
  catalog_cache_[r.campaign_id] = cat;
  fiscal_year_cache_[r.campaign_id] = cam.fiscal_year;
  return cat;
}

Result<ResponseView> ResponseService::view(const ResponseContext& ctx) {
  ResponseView v;
  v.response = ctx.response;
  v.categories = ctx.categories;
  MAMORI_ASSIGN_OR_RETURN(v.campaign, campaigns_.get_campaign(ctx.response.campaign_id));
  v.catalog = catalogs_.find(v.campaign.catalog_id);
  if (!v.catalog) return Status::Internal("catalogue " + v.campaign.catalog_id + " is not loaded");
  if (!v.catalog->previous.empty()) v.previous_catalog = catalogs_.find(v.catalog->previous);
  MAMORI_ASSIGN_OR_RETURN(v.body, body_of_response(bodies_, responses_, ctx.response));
  MAMORI_ASSIGN_OR_RETURN(std::vector<AnswerRecord> answers, responses_.get_answers(ctx.response.id));
  std::map<std::string, AnswerRecord, std::less<>> by_id;
  for (auto& a : answers) by_id.emplace(a.question_id, std::move(a));
  AnswerValues values;
  for (const auto& q : v.catalog->questions) {
    auto it = by_id.find(q.id);
    AnswerRecord a = it != by_id.end() ? it->second : AnswerRecord{.question_id = q.id, .state = "new"};
    values.set_json(q.id, a.value_json);
    v.answers.push_back(std::move(a));
  }
  const AnswerLookup lookup = values.lookup();
  for (const auto& q : v.catalog->questions) v.visible.push_back(is_visible(*v.catalog, q, v.body, lookup));
  return v;
}

Status ResponseService::check_question(const ResponseContext& ctx, const std::string& question_id) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(ctx.response));
  if (!cat->find(question_id)) return Status::NotFound("question_not_found", {{"id", question_id}});
  return Status::Ok();
}

Result<ResponseService::PreparedSave> ResponseService::prepare_save(const ResponseContext& ctx,
                                                                    const std::string& question_id,
                                                                    const AnswerInput& in) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(ctx.response));
  const Question* q = cat->find(question_id);
  if (!q) return Status::NotFound("question_not_found", {{"id", question_id}});
  MAMORI_RETURN_IF_ERROR(check_answer_input(*q, in));
  std::optional<json::value> value = in.value;
  if (value) value = canonical_value(*q, *value);
  ports::AnswerUpdate base;
  if (value) base.value_json = json::serialize(*value);
  base.not_applicable = in.not_applicable;
  base.na_reason = in.na_reason;
  base.comment = in.comment;
  base.evidence_url = in.evidence_url;
  std::shared_ptr<const ports::ReuseFanout> fanout;
  if (reuse_) {
    int fiscal_year = 0;
    {
      std::lock_guard lock(catalog_cache_mu_);
      fiscal_year = fiscal_year_cache_[ctx.response.campaign_id];  // filled by catalog_of above
    }
    fanout = reuse_->fanout(cat->id, fiscal_year, ctx.response.body_code, question_id);
  }
  // Owns its copies: an asynchronous save runs it on the store's writing thread.
  return PreparedSave{q,
                      [in, value, base](const AnswerRecord& before) {
                        ports::AnswerUpdate u = base;
                        u.state = answer_state_after(in, value, before.previous_json);
                        return u;
                      },
                      std::move(fanout)};
}

Result<SavedAnswer> ResponseService::save_answer(const User& user, const ResponseContext& ctx,
                                                 const std::string& question_id, const AnswerInput& in) {
  MAMORI_ASSIGN_OR_RETURN(PreparedSave prepared, prepare_save(ctx, question_id, in));
  const ResponseContext* current = &ctx;
  ResponseContext reloaded;
  for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
    MAMORI_RETURN_IF_ERROR(editable_status(current->response));
    MAMORI_RETURN_IF_ERROR(check_category_open(user, current->categories, prepared.question->category, false));
    MAMORI_ASSIGN_OR_RETURN(ports::SaveOutcome outcome,
                            responses_.save_answer(current->response.id, question_id, current->response.revision,
                                                   in.version, prepared.update, user.id, prepared.fanout));
    if (auto* saved = std::get_if<AnswerRecord>(&outcome)) {
      saved->updated_by_name = user.display_name;
      return SavedAnswer(std::move(*saved));
    }
    if (auto* stale = std::get_if<StaleAnswer>(&outcome)) return SavedAnswer(std::move(*stale));
    MAMORI_ASSIGN_OR_RETURN(reloaded, responses_.load_context(ctx.response.id));
    current = &reloaded;
  }
  return Status::Aborted("state_changed");
}

void ResponseService::save_answer_async(const User& user, const ResponseContext& ctx, const std::string& question_id,
                                        const AnswerInput& in, std::function<void(Result<SavedAnswer>)> done,
                                        std::function<void()> redo) {
  auto prepared = prepare_save(ctx, question_id, in);
  if (!prepared.ok()) return is_would_block(prepared.status()) ? redo() : done(prepared.status());
  if (Status s = editable_status(ctx.response); !s.ok()) return done(s);
  if (Status s = check_category_open(user, ctx.categories, prepared->question->category, false); !s.ok())
    return done(s);
  responses_.save_answer_async(
      ctx.response.id, question_id, ctx.response.revision, in.version, std::move(prepared->update), user.id,
      [name = user.display_name, done = std::move(done), redo = std::move(redo)](Result<ports::SaveOutcome> r) {
        if (!r.ok()) return done(r.status());
        if (auto* saved = std::get_if<AnswerRecord>(&*r)) {
          saved->updated_by_name = name;
          return done(SavedAnswer(std::move(*saved)));
        }
        if (auto* stale = std::get_if<StaleAnswer>(&*r)) return done(SavedAnswer(std::move(*stale)));
        redo();
      },
      std::move(prepared->fanout));
}

Result<ports::ImportedAnswer> ResponseService::prepare_import(const ResponseContext& ctx,
                                                              const std::string& question_id, const AnswerInput& in) {
  MAMORI_ASSIGN_OR_RETURN(PreparedSave prepared, prepare_save(ctx, question_id, in));
  return ports::ImportedAnswer{question_id, in.version, std::move(prepared.update), std::move(prepared.fanout)};
}

Result<ports::ImportOutcome> ResponseService::import_answers(const User& user, const ResponseContext& ctx,
                                                             const std::vector<ports::ImportedAnswer>& answers,
                                                             const std::string& note) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(ctx.response));
  std::vector<int> categories;
  for (const auto& a : answers)
    if (const Question* q = cat->find(a.question_id)) categories.push_back(q->category);
  WriteGuard g;
  g.check = [&user, &categories](const ResponseSnapshot& s) -> Status {
    MAMORI_RETURN_IF_ERROR(editable_status(s.response));
    for (int c : categories) MAMORI_RETURN_IF_ERROR(check_category_open(user, s.categories, c, false));
    return Status::Ok();
  };
  MAMORI_ASSIGN_OR_RETURN(ports::ImportOutcome out,
                          responses_.import_answers(ctx.response.id, answers, user.id, note, g));
  if (auto* written = std::get_if<std::vector<AnswerRecord>>(&out))
    for (auto& a : *written) a.updated_by_name = user.display_name;
  return out;
}

Result<int64_t> ResponseService::confirm_category(const User& user, const ResponseContext& ctx, int category) {
  MAMORI_ASSIGN_OR_RETURN(ResponseView v, view(ctx));
  MAMORI_RETURN_IF_ERROR(check_category_number(*v.catalog, category));
  std::vector<std::string> ids;
  std::vector<std::shared_ptr<const ports::ReuseFanout>> fanouts;
  for (size_t i = 0; i < v.answers.size(); ++i) {
    const auto& a = v.answers[i];
    const Question& q = v.catalog->questions[i];
    if (q.category == category && v.visible[i] && a.state == "carried_over" && !a.needs_confirmation && a.value_json) {
      ids.push_back(a.question_id);
      // A confirmed answer is given for this year: it goes to the other surveys like a save.
      fanouts.push_back(reuse_ ? reuse_->fanout(v.catalog->id, v.campaign.fiscal_year, ctx.response.body_code, q.id)
                               : nullptr);
    }
  }
  // The store confirms only answers still carried over with a value, so an answer changed
  // meanwhile keeps its change.
  return responses_.confirm_answers(ctx.response.id, ids, user.id, answer_guard(user, category, false), fanouts);
}

Status ResponseService::mark_category(const User& user, const ResponseContext& ctx, int category, bool ready) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(ctx.response));
  MAMORI_RETURN_IF_ERROR(check_category_number(*cat, category));
  WriteGuard g = answer_guard(user, category, true);
  std::optional<Body> body;
  if (ready) {
    MAMORI_ASSIGN_OR_RETURN(body, body_of_response(bodies_, responses_, ctx.response));
    g.needs_answers = true;
    g.check = [&user, category, cat, &body](const ResponseSnapshot& s) -> Status {
      MAMORI_RETURN_IF_ERROR(editable_status(s.response));
      MAMORI_RETURN_IF_ERROR(check_category_open(user, s.categories, category, true));
      return check_complete(*cat, *body, s.answers, category);
    };
  }
  ports::CategoryChange change{.category = category, .ready = ready};
  if (ready) change.return_comment = "";
  return responses_.change_category(ctx.response.id, change, user.id, ready ? "category_ready" : "category_in_progress",
                                    "", g);
}

Status ResponseService::assign_category(const User& user, const ResponseContext& ctx, int category,
                                        std::optional<int64_t> assignee) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(ctx.response));
  MAMORI_RETURN_IF_ERROR(check_category_number(*cat, category));
  if (assignee) {
    auto a = users_.get_user(*assignee);
    if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
    if (!a.ok() || a->body_code != ctx.response.body_code ||
        !(a->has(Role::kBodyRespondent) || a->has(Role::kBodyApprover) || a->has(Role::kPrefectureSupporter)))
      return Status::InvalidField("assignee", "field.assignee");
  }
  return responses_.change_category(ctx.response.id, ports::CategoryChange{.category = category, .assignee = assignee},
                                    user.id, "category_assigned", "", editable_guard());
}

// A guard that the whole response is complete and every category ready.
Result<WriteGuard> ResponseService::completeness_guard(const ResponseRecord& r) {
  MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(r));
  MAMORI_ASSIGN_OR_RETURN(Body body, body_of_response(bodies_, responses_, r));
  WriteGuard g;
  g.needs_answers = true;
  g.check = [cat, body = std::move(body)](const ResponseSnapshot& s) -> Status {
    MAMORI_RETURN_IF_ERROR(check_all_categories_ready(s.categories));
    return check_complete(*cat, body, s.answers, std::nullopt);
  };
  return g;
}

Status ResponseService::step(const User& user, const ResponseContext& ctx, WorkflowAction action,
                             const std::string& comment, std::optional<int> category) {
  const ResponseRecord& r = ctx.response;
  const std::string name(to_string(action));
  switch (action) {
    case WorkflowAction::kRequestReview: {
      MAMORI_RETURN_IF_ERROR(editable_status(r));
      MAMORI_ASSIGN_OR_RETURN(WriteGuard g, completeness_guard(r));
      return responses_.transition(r.id, r.state, ResponseState::kReadyForReview, user.id, name, comment, g);
    }
    case WorkflowAction::kApproverReturn:
      return approver_return(user, ctx, category, comment);
    case WorkflowAction::kSubmit: {
      if (r.state != ResponseState::kReadyForReview) {
        MAMORI_RETURN_IF_ERROR(r.locked ? editable_status(r) : Status::Ok());
        return Status::FailedPrecondition("bad_state").with_message("bad_state.submit");
      }
      MAMORI_ASSIGN_OR_RETURN(WriteGuard g, completeness_guard(r));
      g.snapshot = [](const ResponseSnapshot& s) { return answers_snapshot_json(s.answers); };
      return responses_.transition(r.id, ResponseState::kReadyForReview, ResponseState::kSubmitted, user.id, name,
                                   comment, g);
    }
    case WorkflowAction::kAccept:
      if (r.state != ResponseState::kSubmitted)
        return Status::FailedPrecondition("bad_state").with_message("bad_state.accept");
      return responses_.transition(r.id, ResponseState::kSubmitted, ResponseState::kAccepted, user.id, name, comment,
                                   {});
    case WorkflowAction::kNationalReturn: {
      MAMORI_RETURN_IF_ERROR(check_return_comment(comment));
      if (r.state != ResponseState::kSubmitted)
        return Status::FailedPrecondition("bad_state").with_message("bad_state.national_return");
      // The figures of a closed survey are what bodies compare themselves with; taking one
      // response out would change them by one body (domain/disclosure.h).
      MAMORI_ASSIGN_OR_RETURN(Campaign cam, campaigns_.get_campaign(r.campaign_id));
      if (cam.state == CampaignState::kClosed) return Status::FailedPrecondition("campaign_closed");
      return responses_.transition(r.id, ResponseState::kSubmitted, ResponseState::kReturned, user.id, name, comment,
                                   {});
    }
  }
  return Status::InvalidArgument("unknown_action");
}

Status ResponseService::approver_return(const User& user, const ResponseContext& ctx, std::optional<int> category,
                                        const std::string& comment) {
  MAMORI_RETURN_IF_ERROR(check_return_comment(comment));
  const ResponseRecord& r = ctx.response;
  if (category) {
    MAMORI_ASSIGN_OR_RETURN(const Catalog* cat, catalog_of(r));
    MAMORI_RETURN_IF_ERROR(check_category_number(*cat, *category));
  }
  std::optional<ports::CategoryChange> change;
  if (category) change = ports::CategoryChange{.category = *category, .ready = false, .return_comment = comment};
  if (r.state == ResponseState::kReadyForReview)
    return responses_.transition(r.id, r.state, ResponseState::kDraft, user.id, "return", comment, {}, change);
  if ((r.state == ResponseState::kDraft || r.state == ResponseState::kReturned) && change)
    return responses_.change_category(r.id, *change, user.id, "category_returned", comment, editable_guard());
  MAMORI_RETURN_IF_ERROR(editable_status(r));
  return Status::FailedPrecondition("nothing_to_return");
}

Result<std::vector<DiffEntry>> ResponseService::diff_last_year(const ResponseContext& ctx) {
  MAMORI_ASSIGN_OR_RETURN(std::vector<AnswerRecord> answers, responses_.get_answers(ctx.response.id));
  std::vector<DiffEntry> out;
  for (const auto& a : answers) {
    if (parse_json(a.previous_json) == parse_json(a.value_json)) continue;
    out.push_back(DiffEntry{a.question_id, a.previous_json, a.value_json, a.state});
  }
  return out;
}

Result<std::vector<DiffEntry>> ResponseService::diff_last_submission(const ResponseContext& ctx) {
  MAMORI_ASSIGN_OR_RETURN(std::vector<std::string> subs, responses_.submissions(ctx.response.id));
  std::vector<DiffEntry> out;
  if (subs.empty()) return out;
  MAMORI_ASSIGN_OR_RETURN(std::vector<AnswerRecord> answers, responses_.get_answers(ctx.response.id));
  auto last_v = parse_json(subs[0]);
  if (!last_v || !last_v->is_object()) return Status::Internal("corrupt stored value: submission snapshot");
  // Compare with the newest snapshot, or with the one before when the newest is the
  // current state (the response was just submitted again).
  json::object last = last_v->as_object();
  json::object current = json::parse(answers_snapshot_json(answers)).as_object();
  if (last == current && subs.size() > 1) {
    auto before = parse_json(subs[1]);
    if (!before || !before->is_object()) return Status::Internal("corrupt stored value: submission snapshot");
    last = before->as_object();
  } else if (last == current) {
    return out;
  }
  for (const auto& a : answers) {
    const json::value* b = last.if_contains(a.question_id);
    const json::value* c = current.if_contains(a.question_id);
    if (b && c && *b == *c) continue;
    DiffEntry d{a.question_id, std::nullopt, std::nullopt, a.state};
    if (b && b->is_object() && b->as_object().contains("value")) d.before = json::serialize(b->as_object().at("value"));
    if (c) d.after = json::serialize(c->as_object().at("value"));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace mamori
