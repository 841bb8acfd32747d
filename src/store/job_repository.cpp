#include "store/job_repository.h"

#include <boost/json.hpp>

#include "store/rows.h"

namespace mamori::store {

namespace json = boost::json;

namespace {

// A job's error as stored: its StatusCode, code, message key and values.
std::string args_json(const MessageArgs& args) {
  json::array a;
  for (const auto& [k, v] : args) a.push_back(json::array{json::string(k), json::string(v)});
  return json::serialize(a);
}

Result<MessageArgs> parse_args(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return Status::Internal("corrupt stored value: jobs.error_args '" + text + "'");
  MessageArgs out;
  for (const auto& e : v.as_array()) {
    if (!e.is_array() || e.as_array().size() != 2 || !e.as_array()[0].is_string() || !e.as_array()[1].is_string())
      return Status::Internal("corrupt stored value: jobs.error_args '" + text + "'");
    out.emplace_back(std::string(e.as_array()[0].as_string()), std::string(e.as_array()[1].as_string()));
  }
  return out;
}

Result<ports::JobState> parse_job_state(const std::string& s) {
  if (s == "running") return ports::JobState::kRunning;
  if (s == "done") return ports::JobState::kDone;
  if (s == "failed") return ports::JobState::kFailed;
  return Status::Internal("corrupt stored value: jobs.state '" + s + "'");
}

Result<ports::JobRecord> read_job(const Statement& st) {
  ports::JobRecord j;
  j.id = st.int64(0);
  j.kind = st.text(1);
  MAMORI_ASSIGN_OR_RETURN(j.state, parse_job_state(st.text(2)));
  j.done = st.int64(3);
  j.total = st.int64(4);
  j.started_by = st.int64(5);
  j.node = st.text(6);
  if (j.state == ports::JobState::kFailed) {
    const int64_t code = st.int64(7);
    if (code <= static_cast<int64_t>(StatusCode::kOk) || code > static_cast<int64_t>(StatusCode::kInternal))
      return Status::Internal("corrupt stored value: jobs.error_status " + std::to_string(code));
    MAMORI_ASSIGN_OR_RETURN(MessageArgs args, parse_args(st.text(10)));
    j.error = Status::Error(static_cast<StatusCode>(code), st.text(8), std::move(args)).with_message(st.text(9));
  }
  j.result = ports::JobResult{st.text(11), st.text(12), st.text(13)};
  j.created_at = st.text(14);
  j.updated_at = st.text(15);
  return j;
}

}  // namespace

Result<ports::NewJob> SqlJobStore::create_job(const std::string& kind, int64_t owner, const ports::JobLimits& limits,
                                              const ports::JobResult& result, const std::string& node) {
  const std::string now = clock_.now_iso();
  return write_value<ports::NewJob>(db_, [&](Connection& c) -> Result<ports::NewJob> {
    ports::NewJob out;
    // Where the backend has several writers (PostgreSQL), no other job of this kind is created
    // until this write ends, so the count below stays true; SQLite has one writer anyway.
    MAMORI_RETURN_IF_ERROR(c.statement("jobs", "lock_kind").bind(1, kind).run().status());
    Statement& running = c.statement("jobs", "running").bind(1, kind).bind(2, owner);
    if (!running.next()) return no_row(running, "not_found");
    const int64_t all = running.int64(0), mine = running.int64(1);
    if (limits.per_user > 0 && mine >= limits.per_user) out.refused = ports::JobRefusal::kUserBusy;
    else if (limits.total > 0 && all >= limits.total) out.refused = ports::JobRefusal::kAllBusy;
    if (out.refused != ports::JobRefusal::kNone) return out;
    Statement& ins = c.statement("jobs", "insert")
                         .bind(1, kind)
                         .bind(2, owner)
                         .bind(3, node)
                         .bind(4, result.file)
                         .bind(5, result.name)
                         .bind(6, result.content_type)
                         .bind(7, now);
    if (!ins.next()) return no_row(ins, "not_found");
    out.id = ins.int64(0);
    if (!result.file.empty()) {
      Statement& earlier = c.statement("jobs", "results_of").bind(1, kind).bind(2, owner).bind(3, out.id);
      while (earlier.next()) out.forgotten_files.push_back(earlier.text(0));
      MAMORI_RETURN_IF_ERROR(earlier.status());
      MAMORI_RETURN_IF_ERROR(
          c.statement("jobs", "forget_results_of").bind(1, kind).bind(2, owner).bind(3, out.id).run().status());
    }
    return out;
  });
}

Status SqlJobStore::update_job_progress(int64_t id, int64_t done, int64_t total) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) {
    return c.statement("jobs", "progress").bind(1, id).bind(2, done).bind(3, total).bind(4, now).run().status();
  });
}

Status SqlJobStore::finish_job(int64_t id, const Status& outcome) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) {
    return c.statement("jobs", "finish")
        .bind(1, id)
        .bind(2, outcome.ok() ? "done" : "failed")
        .bind(3, static_cast<int64_t>(outcome.code()))
        .bind(4, outcome.error_code())
        .bind(5, outcome.ok() ? std::string() : outcome.message_key())
        .bind(6, args_json(outcome.args()))
        .bind(7, now)
        .run()
        .status();
  });
}

Result<ports::JobRecord> SqlJobStore::get_job(int64_t id) {
  return read_value<ports::JobRecord>(db_, [&](Connection& c) -> Result<ports::JobRecord> {
    Statement& st = c.statement("jobs", "get").bind(1, id);
    if (!st.next()) return no_row(st, "job_not_found");
    return read_job(st);
  });
}

Result<std::vector<std::string>> SqlJobStore::abandon_jobs(const std::string& node, const Status& why) {
  const std::string now = clock_.now_iso();
  return write_value<std::vector<std::string>>(db_, [&](Connection& c) -> Result<std::vector<std::string>> {
    MAMORI_RETURN_IF_ERROR(c.statement("jobs", "abandon")
                               .bind(1, node)
                               .bind(2, static_cast<int64_t>(why.code()))
                               .bind(3, why.error_code())
                               .bind(4, why.message_key())
                               .bind(5, args_json(why.args()))
                               .bind(6, now)
                               .run()
                               .status());
    std::vector<std::string> files;
    Statement& of_node = c.statement("jobs", "results_of_node").bind(1, node);
    while (of_node.next()) files.push_back(of_node.text(0));
    MAMORI_RETURN_IF_ERROR(of_node.status());
    MAMORI_RETURN_IF_ERROR(c.statement("jobs", "forget_results_of_node").bind(1, node).run().status());
    return files;
  });
}

}  // namespace mamori::store
