#include "store/body_export_repository.h"

#include <map>

#include "store/rows.h"

namespace mamori::store {

namespace bx = body_export;

namespace {

Result<bx::Response> read_response(Connection& c, int64_t id, bx::Response r) {
  Statement& g = c.statement("body_export", "groups").bind(1, id);
  if (g.next())
    r.groups = bx::FrozenGroups{g.text(0), g.text(1), g.int64(2) != 0, g.text(3), g.text(4), g.text(5)};
  MAMORI_RETURN_IF_ERROR(g.status());
  MAMORI_ASSIGN_OR_RETURN(r.categories,
                          collect<bx::Category>(c.statement("body_export", "categories").bind(1, id),
                                                [](const Statement& s) -> Result<bx::Category> {
                                                  return bx::Category{static_cast<int>(s.int64(0)), s.text(1),
                                                                      s.int64(2) != 0, s.text(3)};
                                                }));
  MAMORI_ASSIGN_OR_RETURN(r.answers, collect<bx::Answer>(c.statement("body_export", "answers").bind(1, id),
                                                         [](const Statement& s) -> Result<bx::Answer> {
                                                           return bx::Answer{s.text(0),         s.opt_text(1),
                                                                             s.opt_text(2),     s.text(3),
                                                                             s.int64(4) != 0,   s.int64(5) != 0,
                                                                             s.text(6),         s.text(7),
                                                                             s.text(8),         s.int64(9),
                                                                             s.text(10),        s.text(11)};
                                                         }));
  MAMORI_ASSIGN_OR_RETURN(r.history, collect<bx::HistoryRow>(c.statement("body_export", "history").bind(1, id),
                                                             [](const Statement& s) -> Result<bx::HistoryRow> {
                                                               return bx::HistoryRow{s.text(0), s.int64(1), s.text(2),
                                                                                     s.text(3), s.text(4),  s.text(5),
                                                                                     s.text(6)};
                                                             }));
  MAMORI_ASSIGN_OR_RETURN(r.events, collect<bx::Event>(c.statement("body_export", "events").bind(1, id),
                                                       [](const Statement& s) -> Result<bx::Event> {
                                                         bx::Event e{s.text(0), s.text(1), s.text(2), std::nullopt,
                                                                     s.text(4), s.text(5), s.text(6)};
                                                         if (!s.is_null(3)) e.category = static_cast<int>(s.int64(3));
                                                         return e;
                                                       }));
  MAMORI_ASSIGN_OR_RETURN(r.submissions,
                          collect<bx::Submission>(c.statement("body_export", "submissions").bind(1, id),
                                                  [](const Statement& s) -> Result<bx::Submission> {
                                                    return bx::Submission{s.text(0), s.text(1)};
                                                  }));
  return r;
}

// The user ids of the names `data` gives, inside a restore. A person of the body is the
// body's account of that display name, else a new disabled one of the body; anyone else
// (MIC, a prefecture) a national account of that name, else a new disabled national one.
class People {
 public:
  People(Connection& c, const bx::BodyData& data) : c_(c), data_(data) {}

  Result<std::optional<int64_t>> id_of(const std::string& name) {
    if (name.empty()) return std::optional<int64_t>();
    if (auto it = ids_.find(name); it != ids_.end()) return std::optional<int64_t>(it->second);
    const bool own = bx::of_body(data_, name);
    const std::string& code = data_.body.code;
    Statement& f = own ? c_.statement("body_export", "find_person").bind(1, code).bind(2, name)
                       : c_.statement("body_export", "find_national_person").bind(1, name);
    int64_t id = 0;
    if (f.next()) {
      id = f.int64(0);
    } else {
      MAMORI_RETURN_IF_ERROR(f.status());
      MAMORI_ASSIGN_OR_RETURN(std::string login, free_login());
      Statement& ins = c_.statement("body_export", "insert_person").bind(1, login).bind(2, name);
      if (own)
        ins.bind(3, code);
      else
        ins.bind_null(3);
      if (!ins.next()) return no_row(ins, "not_found");
      id = ins.int64(0);
      ++created_;
    }
    ids_[name] = id;
    return std::optional<int64_t>(id);
  }
  int created() const { return created_; }

 private:
  // "restored-<body code>-<n>" with the first n no account holds.
  Result<std::string> free_login() {
    for (;; ++next_) {
      std::string login = "restored-" + data_.body.code + "-" + std::to_string(next_);
      Statement& t = c_.statement("body_export", "login_taken").bind(1, login);
      if (!t.next()) return no_row(t, "not_found");
      if (t.int64(0) == 0) return login;
    }
  }

  Connection& c_;
  const bx::BodyData& data_;
  std::map<std::string, int64_t> ids_;
  int created_ = 0;
  int64_t next_ = 1;
};

// The id of the survey `k` names, created (with the body as its target) when absent.
Result<int64_t> campaign_of(Connection& c, const bx::CampaignKey& k, const std::string& body_code,
                            ports::RestoredBody& out) {
  Statement& f = c.statement("body_export", "find_campaign")
                     .bind(1, k.catalog_id)
                     .bind(2, k.fiscal_year)
                     .bind(3, k.title)
                     .bind(4, k.opens_at);
  int64_t id = 0;
  if (f.next()) {
    id = f.int64(0);
    // A response of an open survey must not land in a closed one (or the reverse): its lock,
    // its frozen groups and the survey's figures would disagree.
    if (f.text(1) != k.state)
      return Status::FailedPrecondition("body_export_campaign_state",
                                        {{"title", k.title}, {"state", f.text(1)}, {"expected", k.state}});
  } else {
    MAMORI_RETURN_IF_ERROR(f.status());
    Statement& ins = c.statement("body_export", "insert_campaign")
                         .bind(1, k.title)
                         .bind(2, k.fiscal_year)
                         .bind(3, k.catalog_id)
                         .bind(4, k.state)
                         .bind(5, k.opens_at)
                         .bind(6, k.closes_at)
                         .bind(7, k.closed_at);
    if (!ins.next()) return no_row(ins, "not_found");
    id = ins.int64(0);
    ++out.campaigns_created;
  }
  MAMORI_ASSIGN_OR_RETURN(int64_t added, c.statement("body_export", "add_target").bind(1, id).bind(2, body_code).run());
  if (added == 1) MAMORI_RETURN_IF_ERROR(c.statement("body_export", "count_target").bind(1, id).run().status());
  return id;
}

Status restore_response(Connection& c, const bx::Response& r, const std::string& body_code, People& people,
                        const std::string& now, ports::RestoredBody& out) {
  MAMORI_ASSIGN_OR_RETURN(int64_t campaign, campaign_of(c, r.campaign, body_code, out));
  Statement& ins = c.statement("body_export", "insert_response")
                       .bind(1, campaign)
                       .bind(2, body_code)
                       .bind(3, r.state)
                       .bind(4, r.locked)
                       .bind(5, r.version)
                       .bind(6, r.revision)
                       .bind(7, r.submitted_at)
                       .bind(8, r.accepted_at)
                       .bind(9, r.updated_at);
  if (!ins.next()) return no_row(ins, "not_found");
  const int64_t id = ins.int64(0);
  if (r.groups)
    MAMORI_RETURN_IF_ERROR(c.statement("body_export", "insert_groups")
                               .bind(1, id)
                               .bind(2, r.groups->type)
                               .bind(3, r.groups->prefecture_code)
                               .bind(4, r.groups->core_city)
                               .bind(5, r.groups->network_model)
                               .bind(6, r.groups->population_band)
                               .bind(7, r.groups->frozen_at)
                               .run()
                               .status());
  for (const auto& cat : r.categories) {
    MAMORI_ASSIGN_OR_RETURN(auto assignee, people.id_of(cat.assignee));
    MAMORI_RETURN_IF_ERROR(c.statement("body_export", "insert_category")
                               .bind(1, id)
                               .bind(2, cat.category)
                               .bind(3, assignee)
                               .bind(4, cat.ready)
                               .bind(5, cat.return_comment)
                               .run()
                               .status());
  }
  for (const auto& a : r.answers) {
    MAMORI_ASSIGN_OR_RETURN(auto by, people.id_of(a.updated_by));
    MAMORI_RETURN_IF_ERROR(c.statement("body_export", "insert_answer")
                               .bind(1, id)
                               .bind(2, a.question_id)
                               .bind(3, a.value_json)
                               .bind(4, a.previous_json)
                               .bind(5, a.state)
                               .bind(6, a.needs_confirmation)
                               .bind(7, a.not_applicable)
                               .bind(8, a.na_reason)
                               .bind(9, a.comment)
                               .bind(10, a.evidence_url)
                               .bind(11, a.version)
                               .bind(12, by)
                               .bind(13, a.updated_at)
                               .run_deferred());
    ++out.answers;
  }
  for (const auto& h : r.history) {
    MAMORI_ASSIGN_OR_RETURN(auto by, people.id_of(h.user));
    MAMORI_RETURN_IF_ERROR(c.statement("responses", "insert_history")
                               .bind(1, id)
                               .bind(2, h.question_id)
                               .bind(3, h.version)
                               .bind(4, by.value_or(0))
                               .bind(5, h.at)
                               .bind(6, h.old_json)
                               .bind(7, h.new_json)
                               .bind(8, h.note)
                               .run_deferred());
    ++out.history_rows;
  }
  for (const auto& e : r.events) {
    MAMORI_ASSIGN_OR_RETURN(auto by, people.id_of(e.user));
    std::optional<int64_t> category;
    if (e.category) category = *e.category;
    MAMORI_RETURN_IF_ERROR(c.statement("responses", "insert_event")
                               .bind(1, id)
                               .bind(2, e.action)
                               .bind(3, e.from_state)
                               .bind(4, e.to_state)
                               .bind(5, category)
                               .bind(6, e.comment)
                               .bind(7, by.value_or(0))
                               .bind(8, e.at)
                               .run()
                               .status());
    ++out.events;
  }
  for (const auto& s : r.submissions)
    MAMORI_RETURN_IF_ERROR(
        c.statement("responses", "insert_submission").bind(1, id).bind(2, s.at).bind(3, s.snapshot_json).run().status());
  MAMORI_RETURN_IF_ERROR(c.statement("events", "record_response_changed").bind(1, id).bind(2, now).run().status());
  ++out.responses;
  return Status::Ok();
}

}  // namespace

Result<bx::BodyData> SqlBodyExportRepository::read_body_data(const std::string& body_code) {
  return read_value<bx::BodyData>(db_, [&](Connection& c) -> Result<bx::BodyData> {
    bx::BodyData d;
    Statement& b = c.statement("body_export", "body").bind(1, body_code);
    if (!b.next()) return no_row(b, "unknown_body", {{"code", body_code}});
    d.body = bx::BodyInfo{b.text(0), b.text(1), b.text(2), b.text(3), b.text(4), b.int64(5) != 0, b.text(6), b.text(7)};
    struct Head {
      int64_t id;
      bx::Response r;
    };
    MAMORI_ASSIGN_OR_RETURN(
        auto heads, collect<Head>(c.statement("body_export", "responses").bind(1, body_code),
                                  [](const Statement& s) -> Result<Head> {
                                    Head h{s.int64(0), {}};
                                    h.r.campaign = bx::CampaignKey{s.text(1), static_cast<int>(s.int64(2)), s.text(3),
                                                                   s.text(4), s.text(5), s.text(6), s.opt_text(7)};
                                    h.r.state = s.text(8);
                                    h.r.locked = s.int64(9) != 0;
                                    h.r.version = s.int64(10);
                                    h.r.revision = s.int64(11);
                                    h.r.submitted_at = s.opt_text(12);
                                    h.r.accepted_at = s.opt_text(13);
                                    h.r.updated_at = s.text(14);
                                    return h;
                                  }));
    for (auto& h : heads) {
      MAMORI_ASSIGN_OR_RETURN(auto r, read_response(c, h.id, std::move(h.r)));
      d.responses.push_back(std::move(r));
    }
    MAMORI_ASSIGN_OR_RETURN(d.people, collect<bx::Person>(c.statement("body_export", "people").bind(1, body_code),
                                                          [](const Statement& s) -> Result<bx::Person> {
                                                            return bx::Person{s.text(0), s.int64(1) != 0};
                                                          }));
    return d;
  });
}

Result<ports::RestoredBody> SqlBodyExportRepository::restore_body_data(const bx::BodyData& d) {
  const std::string now = clock_.now_iso();
  return write_value<ports::RestoredBody>(db_, [&](Connection& c) -> Result<ports::RestoredBody> {
    ports::RestoredBody out;
    const bx::BodyInfo& b = d.body;
    Statement& has = c.statement("body_export", "body").bind(1, b.code);
    const bool exists = has.next();
    MAMORI_RETURN_IF_ERROR(has.status());
    if (!exists) {
      MAMORI_RETURN_IF_ERROR(c.statement("body_export", "insert_body")
                                 .bind(1, b.code)
                                 .bind(2, b.name_ja)
                                 .bind(3, b.name_kana)
                                 .bind(4, b.type)
                                 .bind(5, b.prefecture_code)
                                 .bind(6, b.core_city)
                                 .bind(7, b.network_model)
                                 .bind(8, b.population_band)
                                 .run()
                                 .status());
      out.body_created = true;
    }
    Statement& n = c.statement("body_export", "response_count").bind(1, b.code);
    if (!n.next()) return no_row(n, "not_found");
    if (n.int64(0) > 0)
      return Status::FailedPrecondition("body_export_target_not_empty",
                                        {{"code", b.code}, {"count", std::to_string(n.int64(0))}});
    People people(c, d);
    for (const auto& r : d.responses) MAMORI_RETURN_IF_ERROR(restore_response(c, r, b.code, people, now, out));
    out.people_created = people.created();
    return out;
  });
}

}  // namespace mamori::store
