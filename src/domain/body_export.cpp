#include "domain/body_export.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/body.h"

namespace mamori::body_export {

namespace json = boost::json;

std::vector<std::string> names_used(const BodyData& d) {
  std::set<std::string> names;
  auto add = [&](const std::string& n) {
    if (!n.empty()) names.insert(n);
  };
  for (const auto& r : d.responses) {
    for (const auto& c : r.categories) add(c.assignee);
    for (const auto& a : r.answers) add(a.updated_by);
    for (const auto& h : r.history) add(h.user);
    for (const auto& e : r.events) add(e.user);
  }
  return {names.begin(), names.end()};
}

bool of_body(const BodyData& d, const std::string& name) {
  for (const auto& p : d.people)
    if (p.name == name) return p.of_body;
  return true;
}

// ---- writing ---------------------------------------------------------------------------

namespace {

// Stored JSON text as a JSON value; `ok` turns false when it does not parse.
json::value embedded(const std::string& text, bool& ok) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) ok = false;
  return v;
}

json::value embedded(const std::optional<std::string>& text, bool& ok) {
  return text ? embedded(*text, ok) : json::value(nullptr);
}

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object campaign_json(const CampaignKey& c) {
  return {{"catalog_id", c.catalog_id}, {"fiscal_year", c.fiscal_year}, {"title", c.title},
          {"state", c.state},           {"opens_at", c.opens_at},       {"closes_at", c.closes_at},
          {"closed_at", opt(c.closed_at)}};
}

json::object response_json(const Response& r, bool& ok) {
  json::object o{{"campaign", campaign_json(r.campaign)},
                 {"state", r.state},
                 {"locked", r.locked},
                 {"version", r.version},
                 {"revision", r.revision},
                 {"submitted_at", opt(r.submitted_at)},
                 {"accepted_at", opt(r.accepted_at)},
                 {"updated_at", r.updated_at}};
  if (r.groups)
    o["frozen_groups"] = json::object{{"type", r.groups->type},
                                      {"prefecture_code", r.groups->prefecture_code},
                                      {"core_city", r.groups->core_city},
                                      {"network_model", r.groups->network_model},
                                      {"population_band", r.groups->population_band},
                                      {"frozen_at", r.groups->frozen_at}};
  else
    o["frozen_groups"] = nullptr;
  json::array cats;
  for (const auto& c : r.categories)
    cats.push_back(json::object{{"category", c.category},
                                {"assignee", c.assignee},
                                {"ready", c.ready},
                                {"return_comment", c.return_comment}});
  o["categories"] = std::move(cats);
  json::array answers;
  for (const auto& a : r.answers)
    answers.push_back(json::object{{"question_id", a.question_id},
                                   {"value", embedded(a.value_json, ok)},
                                   {"previous", embedded(a.previous_json, ok)},
                                   {"state", a.state},
                                   {"needs_confirmation", a.needs_confirmation},
                                   {"not_applicable", a.not_applicable},
                                   {"na_reason", a.na_reason},
                                   {"comment", a.comment},
                                   {"evidence_url", a.evidence_url},
                                   {"version", a.version},
                                   {"updated_by", a.updated_by},
                                   {"updated_at", a.updated_at}});
  o["answers"] = std::move(answers);
  json::array history;
  for (const auto& h : r.history)
    history.push_back(json::object{{"question_id", h.question_id},
                                   {"version", h.version},
                                   {"user", h.user},
                                   {"at", h.at},
                                   {"old", embedded(h.old_json, ok)},
                                   {"new", embedded(h.new_json, ok)},
                                   {"note", h.note}});
  o["history"] = std::move(history);
  json::array events;
  for (const auto& e : r.events)
    events.push_back(json::object{{"action", e.action},
                                  {"from_state", e.from_state},
                                  {"to_state", e.to_state},
                                  {"category", e.category ? json::value(*e.category) : json::value(nullptr)},
                                  {"comment", e.comment},
                                  {"user", e.user},
                                  {"at", e.at}});
  o["events"] = std::move(events);
  json::array subs;
  for (const auto& s : r.submissions) subs.push_back(json::object{{"at", s.at}, {"snapshot", embedded(s.snapshot_json, ok)}});
  o["submissions"] = std::move(subs);
  return o;
}

}  // namespace

Result<json::object> to_json(const BodyData& d, const std::string& exported_at, const std::string& exported_by) {
  bool ok = true;
  json::array responses;
  for (const auto& r : d.responses) responses.push_back(response_json(r, ok));
  if (!ok) return Status::Internal("body_export_corrupt: stored JSON does not parse");
  const BodyInfo& b = d.body;
  return json::object{
      {"format", kFormat},
      {"schema_version", kSchemaVersion},
      {"exported_at", exported_at},
      {"exported_by", exported_by},
      {"body", json::object{{"code", b.code},
                            {"name_ja", b.name_ja},
                            {"name_kana", b.name_kana},
                            {"type", b.type},
                            {"prefecture_code", b.prefecture_code},
                            {"core_city", b.core_city},
                            {"network_model", b.network_model},
                            {"population_band", b.population_band}}},
      {"people", [&] {
         json::array a;
         for (const auto& p : d.people) a.push_back(json::object{{"name", p.name}, {"of_body", p.of_body}});
         return a;
       }()},
      {"responses", std::move(responses)},
  };
}

// ---- reading ---------------------------------------------------------------------------

namespace {

// Reads the fields of one object, remembering the first thing out of the schema with its
// path; every getter returns a usable default after a failure, so a reader runs to its end
// and the caller checks failed() once.
class Reader {
 public:
  explicit Reader(std::string& error) : error_(error) {}

  bool failed() const { return !error_.empty(); }
  void fail(const std::string& path) {
    if (error_.empty()) error_ = path;
  }

  const json::object* object(const json::value* v, const std::string& path) {
    if (!v || !v->is_object()) {
      fail(path);
      return nullptr;
    }
    return &v->as_object();
  }
  const json::array* array(const json::object* o, std::string_view key, const std::string& path) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (!v || !v->is_array()) {
      fail(path + "." + std::string(key));
      return nullptr;
    }
    return &v->as_array();
  }
  std::string text(const json::object* o, std::string_view key, const std::string& path, size_t max = 1 << 20) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (!v || !v->is_string() || v->as_string().size() > max) {
      fail(path + "." + std::string(key));
      return {};
    }
    return std::string(v->as_string());
  }
  std::optional<std::string> opt_text(const json::object* o, std::string_view key, const std::string& path) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (v && v->is_null()) return std::nullopt;
    return text(o, key, path);
  }
  // One of `allowed`.
  std::string word(const json::object* o, std::string_view key, const std::string& path,
                   std::initializer_list<std::string_view> allowed) {
    std::string s = text(o, key, path, 64);
    if (!failed() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) fail(path + "." + std::string(key));
    return s;
  }
  int64_t integer(const json::object* o, std::string_view key, const std::string& path, int64_t lo, int64_t hi) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (!v || !v->is_int64() || v->as_int64() < lo || v->as_int64() > hi) {
      fail(path + "." + std::string(key));
      return 0;
    }
    return v->as_int64();
  }
  bool boolean(const json::object* o, std::string_view key, const std::string& path) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (!v || !v->is_bool()) {
      fail(path + "." + std::string(key));
      return false;
    }
    return v->as_bool();
  }
  // Embedded JSON, kept as its text; null → none when `nullable`.
  std::optional<std::string> embedded(const json::object* o, std::string_view key, const std::string& path,
                                      bool nullable) {
    const json::value* v = o ? o->if_contains(key) : nullptr;
    if (!v || (v->is_null() && !nullable)) {
      fail(path + "." + std::string(key));
      return std::nullopt;
    }
    if (v->is_null()) return std::nullopt;
    return json::serialize(*v);
  }

 private:
  std::string& error_;
};

std::string at(const std::string& path, std::string_view key, size_t i) {
  return path + "." + std::string(key) + "[" + std::to_string(i) + "]";
}

constexpr int64_t kMaxInt = int64_t{1} << 53;

CampaignKey read_campaign(Reader& rd, const json::object* o, const std::string& p) {
  CampaignKey c;
  c.catalog_id = rd.text(o, "catalog_id", p, 200);
  c.fiscal_year = static_cast<int>(rd.integer(o, "fiscal_year", p, 1900, 9999));
  c.title = rd.text(o, "title", p, 1000);
  c.state = rd.word(o, "state", p, {"draft", "open", "closed"});
  c.opens_at = rd.text(o, "opens_at", p, 64);
  c.closes_at = rd.text(o, "closes_at", p, 64);
  c.closed_at = rd.opt_text(o, "closed_at", p);
  if (c.catalog_id.empty()) rd.fail(p + ".catalog_id");
  return c;
}

Response read_response(Reader& rd, const json::object* o, const std::string& p) {
  Response r;
  r.campaign = read_campaign(rd, rd.object(o ? o->if_contains("campaign") : nullptr, p + ".campaign"), p + ".campaign");
  r.state = rd.word(o, "state", p, {"draft", "ready_for_review", "submitted", "accepted", "returned"});
  r.locked = rd.boolean(o, "locked", p);
  r.version = rd.integer(o, "version", p, 0, kMaxInt);
  r.revision = rd.integer(o, "revision", p, 0, kMaxInt);
  r.submitted_at = rd.opt_text(o, "submitted_at", p);
  r.accepted_at = rd.opt_text(o, "accepted_at", p);
  r.updated_at = rd.text(o, "updated_at", p, 64);
  if (const json::value* g = o ? o->if_contains("frozen_groups") : nullptr; g && !g->is_null()) {
    const std::string gp = p + ".frozen_groups";
    const json::object* go = rd.object(g, gp);
    FrozenGroups f;
    f.type = rd.text(go, "type", gp, 64);
    f.prefecture_code = rd.text(go, "prefecture_code", gp, 8);
    f.core_city = rd.boolean(go, "core_city", gp);
    f.network_model = rd.text(go, "network_model", gp, 64);
    f.population_band = rd.text(go, "population_band", gp, 64);
    f.frozen_at = rd.text(go, "frozen_at", gp, 64);
    r.groups = f;
  }
  if (const json::array* a = rd.array(o, "categories", p))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string ip = at(p, "categories", i);
      const json::object* co = rd.object(&(*a)[i], ip);
      r.categories.push_back(Category{static_cast<int>(rd.integer(co, "category", ip, 1, 999)),
                                      rd.text(co, "assignee", ip, 1000), rd.boolean(co, "ready", ip),
                                      rd.text(co, "return_comment", ip)});
    }
  if (const json::array* a = rd.array(o, "answers", p))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string ip = at(p, "answers", i);
      const json::object* ao = rd.object(&(*a)[i], ip);
      Answer x;
      x.question_id = rd.text(ao, "question_id", ip, 200);
      x.value_json = rd.embedded(ao, "value", ip, true);
      x.previous_json = rd.embedded(ao, "previous", ip, true);
      x.state = rd.word(ao, "state", ip, {"carried_over", "confirmed", "changed", "new"});
      x.needs_confirmation = rd.boolean(ao, "needs_confirmation", ip);
      x.not_applicable = rd.boolean(ao, "not_applicable", ip);
      x.na_reason = rd.text(ao, "na_reason", ip);
      x.comment = rd.text(ao, "comment", ip);
      x.evidence_url = rd.text(ao, "evidence_url", ip);
      x.version = rd.integer(ao, "version", ip, 0, kMaxInt);
      x.updated_by = rd.text(ao, "updated_by", ip, 1000);
      x.updated_at = rd.text(ao, "updated_at", ip, 64);
      if (x.question_id.empty()) rd.fail(ip + ".question_id");
      r.answers.push_back(std::move(x));
    }
  std::set<std::string> questions;
  for (size_t i = 0; i < r.answers.size(); ++i)
    if (!questions.insert(r.answers[i].question_id).second) rd.fail(at(p, "answers", i) + ".question_id");
  std::set<int> numbers;
  for (size_t i = 0; i < r.categories.size(); ++i)
    if (!numbers.insert(r.categories[i].category).second) rd.fail(at(p, "categories", i) + ".category");
  if (const json::array* a = rd.array(o, "history", p))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string ip = at(p, "history", i);
      const json::object* ho = rd.object(&(*a)[i], ip);
      HistoryRow h;
      h.question_id = rd.text(ho, "question_id", ip, 200);
      h.version = rd.integer(ho, "version", ip, 0, kMaxInt);
      h.user = rd.text(ho, "user", ip, 1000);
      h.at = rd.text(ho, "at", ip, 64);
      h.old_json = rd.embedded(ho, "old", ip, false).value_or("");
      h.new_json = rd.embedded(ho, "new", ip, false).value_or("");
      h.note = rd.text(ho, "note", ip);
      if (h.user.empty()) rd.fail(ip + ".user");
      r.history.push_back(std::move(h));
    }
  if (const json::array* a = rd.array(o, "events", p))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string ip = at(p, "events", i);
      const json::object* eo = rd.object(&(*a)[i], ip);
      Event e;
      e.action = rd.text(eo, "action", ip, 200);
      e.from_state = rd.text(eo, "from_state", ip, 64);
      e.to_state = rd.text(eo, "to_state", ip, 64);
      if (const json::value* c = eo ? eo->if_contains("category") : nullptr; c && !c->is_null())
        e.category = static_cast<int>(rd.integer(eo, "category", ip, 1, 999));
      e.comment = rd.text(eo, "comment", ip);
      e.user = rd.text(eo, "user", ip, 1000);
      e.at = rd.text(eo, "at", ip, 64);
      if (e.user.empty()) rd.fail(ip + ".user");
      r.events.push_back(std::move(e));
    }
  if (const json::array* a = rd.array(o, "submissions", p))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string ip = at(p, "submissions", i);
      const json::object* so = rd.object(&(*a)[i], ip);
      r.submissions.push_back(
          Submission{rd.text(so, "at", ip, 64), rd.embedded(so, "snapshot", ip, false).value_or("")});
    }
  return r;
}

}  // namespace

Result<BodyData> from_json(const json::value& doc) {
  std::string error;
  Reader rd(error);
  const json::object* o = rd.object(&doc, "$");
  if (!o) return Status::InvalidArgument("body_export_invalid", {{"path", "$"}});
  const json::value* format = o->if_contains("format");
  const json::value* version = o->if_contains("schema_version");
  if (!format || !format->is_string() || format->as_string() != kFormat || !version || !version->is_int64() ||
      version->as_int64() != kSchemaVersion)
    return Status::InvalidArgument("body_export_version", {{"version", std::to_string(kSchemaVersion)}});

  BodyData d;
  const json::object* b = rd.object(o->if_contains("body"), "$.body");
  d.body.code = rd.text(b, "code", "$.body", 6);
  d.body.name_ja = rd.text(b, "name_ja", "$.body", 1000);
  d.body.name_kana = rd.text(b, "name_kana", "$.body", 1000);
  d.body.type = rd.text(b, "type", "$.body", 64);
  d.body.prefecture_code = rd.text(b, "prefecture_code", "$.body", 2);
  d.body.core_city = rd.boolean(b, "core_city", "$.body");
  d.body.network_model = rd.text(b, "network_model", "$.body", 64);
  d.body.population_band = rd.text(b, "population_band", "$.body", 64);
  if (!rd.failed()) {
    if (!validate_body_code(d.body.code).ok()) rd.fail("$.body.code");
    if (!parse_body_type(d.body.type)) rd.fail("$.body.type");
    if (d.body.prefecture_code != prefecture_of_code(d.body.code)) rd.fail("$.body.prefecture_code");
    if (!d.body.network_model.empty() && !is_valid_network_model(d.body.network_model)) rd.fail("$.body.network_model");
    if (!d.body.population_band.empty() && !is_valid_population_band(d.body.population_band))
      rd.fail("$.body.population_band");
  }
  std::set<std::string> names;
  if (const json::array* ps = rd.array(o, "people", "$"))
    for (size_t i = 0; i < ps->size(); ++i) {
      const std::string p = at("$", "people", i);
      const json::object* po = rd.object(&(*ps)[i], p);
      Person person{rd.text(po, "name", p, 1000), rd.boolean(po, "of_body", p)};
      if (person.name.empty() || !names.insert(person.name).second) rd.fail(p + ".name");
      d.people.push_back(std::move(person));
    }
  if (const json::array* rs = rd.array(o, "responses", "$"))
    for (size_t i = 0; i < rs->size() && !rd.failed(); ++i) {
      const std::string p = at("$", "responses", i);
      d.responses.push_back(read_response(rd, rd.object(&(*rs)[i], p), p));
    }
  // One response per survey: a campaign named twice would restore one response over another.
  std::set<std::tuple<std::string, int, std::string, std::string>> surveys;
  for (size_t i = 0; i < d.responses.size() && !rd.failed(); ++i) {
    const CampaignKey& k = d.responses[i].campaign;
    if (!surveys.insert({k.catalog_id, k.fiscal_year, k.title, k.opens_at}).second)
      rd.fail(at("$", "responses", i) + ".campaign");
  }
  if (rd.failed()) return Status::InvalidArgument("body_export_invalid", {{"path", error}});
  return d;
}

}  // namespace mamori::body_export
