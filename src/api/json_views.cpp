#include "api/json_views.h"

#include "base/messages.h"
#include "domain/access_policy.h"
#include "domain/answer_json.h"
#include "domain/task_status.h"

namespace mamori::api {

json::value parse_or_null(const std::optional<std::string>& s) {
  auto v = parse_json(s);
  return v ? std::move(*v) : json::value(nullptr);
}

namespace {
json::object text_json(const Text& t) { return {{"ja", t.ja}, {"en", t.en}}; }
}  // namespace

json::object body_json(const Body& b) {
  json::object o{{"code", b.code},
                 {"name_ja", b.name_ja},
                 {"name_kana", b.name_kana},
                 {"type", to_string(b.type)},
                 {"type_label_ja", body_type_label_ja(b.type)},
                 {"prefecture_code", b.prefecture_code},
                 {"core_city", b.core_city},
                 {"network_model", b.network_model},
                 {"population_band", b.population_band}};
  json::array members;
  for (const auto& m : b.members) members.push_back(json::value(m));
  o["members"] = std::move(members);
  return o;
}

json::object user_json(const User& u) {
  json::array roles;
  for (auto r : u.roles) roles.push_back(json::value(to_string(r)));
  json::object o{{"id", u.id}, {"login", u.login}, {"display_name", u.display_name}, {"roles", std::move(roles)}};
  o["body_code"] = u.body_code.empty() ? json::value(nullptr) : json::value(u.body_code);
  o["expires_at"] = u.expires_at ? json::value(*u.expires_at) : json::value(nullptr);
  o["ministry"] = u.ministry.empty() ? json::value(nullptr) : json::value(u.ministry);
  return o;
}

json::object campaign_json(const Campaign& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"fiscal_year", c.fiscal_year},
          {"catalog_id", c.catalog_id},
          {"state", to_string(c.state)},
          {"opens_at", c.opens_at},
          {"closes_at", c.closes_at},
          {"target_count", c.target_count}};
}

json::object question_json(const Question& q) {
  json::object o{{"id", q.id},
                 {"number", q.number},
                 {"category", q.category},
                 {"guideline", q.guideline},
                 {"type", to_string(q.type)},
                 {"text", text_json(q.text)},
                 {"help", text_json(q.help)},
                 {"reason", text_json(q.reason)},
                 {"required", q.required},
                 {"na_allowed", q.na_allowed}};
  const auto& opts = q.type == QuestionType::kMaturity ? maturity_levels() : q.options;
  if (!opts.empty()) {
    json::array a;
    for (const auto& op : opts) {
      json::object o{{"key", op.key}, {"label", text_json(op.label)}};
      // A maturity answer is the level as an integer, not the key string.
      if (q.type == QuestionType::kMaturity) o["value"] = std::stoi(op.key);
      a.push_back(std::move(o));
    }
    o["options"] = std::move(a);
  }
  if (q.min) o["min"] = *q.min;
  if (q.max) o["max"] = *q.max;
  if (!q.unit.ja.empty()) o["unit"] = text_json(q.unit);
  if (q.type == QuestionType::kText) o["max_length"] = q.max_length;
  if (!q.show_if.empty()) {
    json::array conds;
    for (const auto& c : q.show_if) {
      json::array vals;
      for (const auto& v : c.values) vals.push_back(json::value(v));
      static const char* kOps[] = {"=", "!=", "in", "has"};
      conds.push_back(
          json::object{{"subject", c.subject}, {"op", kOps[static_cast<int>(c.op)]}, {"values", std::move(vals)}});
    }
    o["show_if"] = std::move(conds);
  }
  if (q.lineage.kind != LineageKind::kNone) {
    json::array from;
    for (const auto& f : q.lineage.from) from.push_back(json::value(f));
    o["lineage"] = json::object{{"kind", to_string(q.lineage.kind)}, {"from", std::move(from)}};
  }
  if (q.reference_rate) o["reference_rate"] = *q.reference_rate;
  return o;
}

json::object catalog_json(const Catalog& c, bool with_questions) {
  json::object o{{"id", c.id},
                 {"fiscal_year", c.fiscal_year},
                 {"title", text_json(c.title)},
                 {"question_count", c.questions.size()},
                 {"family", c.family},
                 {"sample", c.sample}};
  o["previous"] = c.previous.empty() ? json::value(nullptr) : json::value(c.previous);
  o["categories"] = categories_json(c);
  if (with_questions) {
    json::array qs;
    for (const auto& q : c.questions) qs.push_back(question_json(q));
    o["questions"] = std::move(qs);
  }
  return o;
}


json::array categories_json(const Catalog& c) {
  json::array cats;
  for (const auto& cat : c.categories)
    cats.push_back(json::object{{"number", cat.number}, {"name", text_json(cat.name)}});
  return cats;
}

json::object response_summary_json(const ResponseRecord& r) {
  json::object o{
      {"id", r.id},         {"campaign_id", r.campaign_id}, {"body_code", r.body_code},  {"state", to_string(r.state)},
      {"locked", r.locked}, {"version", r.version},         {"updated_at", r.updated_at}};
  o["submitted_at"] = r.submitted_at ? json::value(*r.submitted_at) : json::value(nullptr);
  o["accepted_at"] = r.accepted_at ? json::value(*r.accepted_at) : json::value(nullptr);
  return o;
}

json::object response_view_json(const ResponseView& v, const User& viewer) {
  json::object o = response_summary_json(v.response);
  o["body"] = body_json(v.body);
  o["campaign"] = campaign_json(v.campaign);
  o["catalog_id"] = v.catalog->id;
  std::map<int, CategoryProgress> counts;
  json::array answers;
  for (size_t i = 0; i < v.answers.size(); ++i) {
    const Question& q = v.catalog->questions[i];
    const AnswerRecord& ar = v.answers[i];
    json::object a = answer_json(ar);
    a["category"] = q.category;
    a["visible"] = static_cast<bool>(v.visible[i]);
    counts[q.category].add(AnswerFacts{static_cast<bool>(v.visible[i]), ar.value_json.has_value() || ar.not_applicable,
                                       ar.state, ar.needs_confirmation, ar.version});
    answers.push_back(std::move(a));
  }
  json::array cats;
  for (const auto& c : v.categories) {
    const CategoryProgress& n = counts[c.category];
    std::string name_ja, name_en;
    for (const auto& cat : v.catalog->categories)
      if (cat.number == c.category) {
        name_ja = cat.name.ja;
        name_en = cat.name.en;
      }
    json::object e{{"number", c.category},
                   {"name", json::object{{"ja", name_ja}, {"en", name_en}}},
                   {"ready", c.ready},
                   {"return_comment", c.return_comment},
                   {"questions", n.questions},
                   {"answered", n.answered},
                   {"carried_over_unconfirmed", n.carried_over_unconfirmed},
                   {"needs_confirmation", n.needs_confirmation}};
    e["assignee"] =
        c.assignee ? json::value(json::object{{"id", *c.assignee}, {"name", c.assignee_name}}) : json::value(nullptr);
    // The task list's word for the category (domain/task_status.h).
    e["status"] = task_status(c.ready, c.return_comment, n);
    cats.push_back(std::move(e));
  }
  o["categories"] = std::move(cats);
  o["answers"] = std::move(answers);
  // The last year's questions this year's merged and split questions came from (their
  // lineage), with numbers and texts, so a merged-from line shows "1-3 外部の専門家…"
  // rather than an id.
  json::object previous_questions;
  if (v.previous_catalog)
    for (const Question& q : v.catalog->questions) {
      if (q.lineage.kind != LineageKind::kMerged && q.lineage.kind != LineageKind::kSplit) continue;
      for (const std::string& id : q.lineage.from)
        if (const Question* old = v.previous_catalog->find(id))
          previous_questions[id] = json::object{{"number", old->number}, {"text", text_json(old->text)}};
    }
  o["previous_questions"] = std::move(previous_questions);
  const auth::ResponsePermissions p = auth::response_permissions(viewer, v.response, v.categories);
  json::array cat_permissions;
  for (const auto& c : p.categories)
    cat_permissions.push_back(
        json::object{{"number", c.category}, {"editable", c.editable}, {"assigned_to_other", c.assigned_to_other}});
  o["permissions"] = json::object{{"edit", p.edit},
                                  {"open", p.open},
                                  {"review", p.review},
                                  {"accept", p.accept},
                                  {"categories", std::move(cat_permissions)}};
  return o;
}

json::object job_json(const ports::JobRecord& j) {
  json::object o{
      {"id", j.id}, {"kind", j.kind}, {"state", ports::to_string(j.state)}, {"done", j.done}, {"total", j.total}};
  if (j.state == ports::JobState::kDone && !j.result.file.empty())
    o["result"] = json::object{{"name", j.result.name}, {"url", "/api/jobs/" + std::to_string(j.id) + "/result"}};
  if (j.state == ports::JobState::kFailed) {
    const Message m = message_of(j.error);
    o["error"] = json::object{{"code", j.error.error_code()}, {"message_ja", m.ja}, {"message_en", m.en}};
  }
  return o;
}

json::array diff_json(const std::vector<DiffEntry>& d) {
  json::array a;
  for (const auto& e : d)
    a.push_back(json::object{{"question_id", e.question_id},
                             {"before", parse_or_null(e.before)},
                             {"after", parse_or_null(e.after)},
                             {"state", e.state}});
  return a;
}

}  // namespace mamori::api
