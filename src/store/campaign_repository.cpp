#include "store/campaign_repository.h"

#include <tuple>

#include "store/event_repository.h"
#include "store/reuse_writes.h"
#include "store/rows.h"

namespace mamori::store {

Result<int64_t> SqlCampaignRepository::create_campaign(const Campaign& cam) {
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    Statement& ins = c.statement("campaigns", "insert")
                         .bind(1, cam.title)
                         .bind(2, cam.fiscal_year)
                         .bind(3, cam.catalog_id)
                         .bind(4, cam.opens_at)
                         .bind(5, cam.closes_at);
    if (!ins.next()) return no_row(ins, "not_found");
    const int64_t id = ins.int64(0);
    for (const auto& code : cam.targets) {
      auto added = c.statement("campaigns", "insert_target").bind(1, id).bind(2, code).run();
      if (!added.ok() && added.status().error_code() == "constraint_foreign_key")
        return Status::InvalidArgument("unknown_body", {{"code", code}});
      MAMORI_RETURN_IF_ERROR(added.status());
    }
    MAMORI_RETURN_IF_ERROR(c.statement("campaigns", "set_target_count").bind(1, id).run().status());
    return id;
  });
}

Result<Campaign> SqlCampaignRepository::get_campaign(int64_t id) {
  return read_value<Campaign>(db_, [&](Connection& c) -> Result<Campaign> {
    Statement& st = c.statement("campaigns", "get").bind(1, id);
    if (!st.next()) return no_row(st, "campaign_not_found");
    return read_campaign(st);
  });
}

Result<std::vector<Campaign>> SqlCampaignRepository::list_campaigns() {
  return read_value<std::vector<Campaign>>(db_, [&](Connection& c) {
    return collect<Campaign>(c.statement("campaigns", "list"), [](const Statement& s) { return read_campaign(s); });
  });
}

Status SqlCampaignRepository::update_window(int64_t id, const std::string& closes_at) {
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t changed,
                            c.statement("campaigns", "set_closes_at").bind(1, id).bind(2, closes_at).run());
    return changed == 1 ? Status::Ok() : Status::NotFound("campaign_not_found");
  });
}

Result<std::map<std::string, std::map<std::string, std::string>>> SqlCampaignRepository::last_accepted_answers(
    const std::string& catalog_id) {
  using Answers = std::map<std::string, std::map<std::string, std::string>>;
  return read_value<Answers>(db_, [&](Connection& c) -> Result<Answers> {
    Answers out;
    Statement& st = c.statement("campaigns", "last_accepted").bind(1, catalog_id);
    while (st.next()) out[st.text(0)][st.text(1)] = st.text(2);
    MAMORI_RETURN_IF_ERROR(st.status());
    return out;
  });
}

Status SqlCampaignRepository::open_campaign(
    int64_t id, const std::vector<int>& categories,
    const std::function<void(const std::string&, std::vector<ports::OpeningAnswer>&)>& answers_for,
    const std::function<void(int64_t, int64_t)>& progress) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    std::vector<std::string> targets;
    Statement& t = c.statement("campaigns", "targets").bind(1, id);
    while (t.next()) targets.push_back(t.text(0));
    MAMORI_RETURN_IF_ERROR(t.status());
    MAMORI_ASSIGN_OR_RETURN(int64_t opened,
                            c.statement("campaigns", "set_state").bind(1, id).bind(2, "open").bind(3, "draft").run());
    if (opened != 1) return Status::FailedPrecondition("campaign_not_draft");
    // The responses first, then every answer, then every category: each a run of one
    // statement, which PostgreSQL sends as one COPY stream (run_deferred) and SQLite runs
    // once per row — hundreds of thousands of rows for a national survey.
    Statement& insert_response = c.statement("campaigns", "insert_response");
    for (const auto& code : targets)
      MAMORI_RETURN_IF_ERROR(insert_response.bind(1, id).bind(2, code).bind(3, now).run_deferred());
    std::vector<std::pair<std::string, int64_t>> responses;  // body code → response id, in code order
    {
      Statement& ids = c.statement("campaigns", "response_ids").bind(1, id);
      while (ids.next()) responses.emplace_back(ids.text(0), ids.int64(1));
      MAMORI_RETURN_IF_ERROR(ids.status());
    }
    std::vector<ports::OpeningAnswer> rows;
    // Marks are written after every answer, each kind as one run (one COPY on PostgreSQL).
    std::vector<std::tuple<int64_t, const std::string*, ReuseMark>> marks;
    Statement& insert_answer = c.statement("campaigns", "insert_answer");
    const int64_t total = static_cast<int64_t>(responses.size());
    int64_t done = 0;
    for (const auto& [code, rid] : responses) {
      rows.clear();
      answers_for(code, rows);
      for (const auto& a : rows)
        MAMORI_RETURN_IF_ERROR(insert_answer.bind(1, rid)
                                   .bind(2, *a.question_id)
                                   .bind(3, a.value_json)
                                   .bind(4, a.previous_json)
                                   .bind(5, a.state)
                                   .bind(6, a.needs_confirmation)
                                   .bind(7, now)
                                   .run_deferred());
      for (auto& a : rows)
        if (a.reuse) marks.emplace_back(rid, a.question_id, std::move(*a.reuse));
      ++done;
      if (progress && (done % 50 == 0 || done == total)) progress(done, total);
    }
    Statement& insert_mark = c.statement("reuse", "mark_insert");
    for (const auto& [rid, question_id, m] : marks)
      MAMORI_RETURN_IF_ERROR(bind_mark(insert_mark, rid, *question_id, m, now).run_deferred());
    Statement& insert_category = c.statement("campaigns", "insert_category");
    for (const auto& [code, rid] : responses)
      for (int cat : categories) MAMORI_RETURN_IF_ERROR(insert_category.bind(1, rid).bind(2, cat).run_deferred());
    return Status::Ok();
  });
}

Status SqlCampaignRepository::close_campaign(int64_t id, int64_t user_id) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_ASSIGN_OR_RETURN(int64_t closed,
                            c.statement("campaigns", "set_state").bind(1, id).bind(2, "closed").bind(3, "open").run());
    if (closed != 1) return Status::FailedPrecondition("campaign_not_open").with_message("campaign_not_open.close");
    MAMORI_RETURN_IF_ERROR(c.statement("campaigns", "set_closed_at").bind(1, id).bind(2, now).run().status());
    MAMORI_RETURN_IF_ERROR(c.statement("campaigns", "freeze_groups").bind(1, id).bind(2, now).run().status());
    MAMORI_RETURN_IF_ERROR(
        c.statement("campaigns", "lock_events").bind(1, id).bind(2, user_id).bind(3, now).run().status());
    MAMORI_RETURN_IF_ERROR(c.statement("campaigns", "lock_unsubmitted").bind(1, id).run().status());
    return record_event(c, "campaign_closed", id, 0, "", now);
  });
}

Status SqlCampaignRepository::import_accepted(int64_t id, int64_t user_id) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    MAMORI_RETURN_IF_ERROR(
        c.statement("campaigns", "import_events").bind(1, id).bind(2, user_id).bind(3, now).run().status());
    MAMORI_RETURN_IF_ERROR(c.statement("campaigns", "import_accepted").bind(1, id).bind(2, now).run().status());
    return record_event(c, "campaign_imported", id, 0, "", now);
  });
}

}  // namespace mamori::store
