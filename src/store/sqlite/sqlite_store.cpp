#include "store/sqlite/sqlite_store.h"

#include <boost/json.hpp>

#include <map>
#include <sstream>

#include "domain/answer_json.h"
#include "base/clock.h"
#include "store/sqlite/sql_registry.h"

namespace mamori::store {

namespace json = boost::json;
using sqlite::Db;
using sqlite::Stmt;
using sqlite::Tx;

struct SqliteStore::Conn {
  Db db;
  std::map<std::string, Stmt, std::less<>> cache;

  // The cached prepared statement `name` of `file`.sql, reset and ready to bind.
  Stmt& q(std::string_view file, std::string_view name) {
    std::string key = std::string(file) + "/" + std::string(name);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, Stmt(db, sql::query(file, name))).first;
    it->second.reset();
    return it->second;
  }
  // Ends every statement's read so no snapshot outlives the call.
  void release() {
    for (auto& [k, st] : cache) st.reset();
  }
};

using Conn = SqliteStore::Conn;

template <typename Fn>
auto SqliteStore::with_writer(Fn&& fn) {
  using R = decltype(fn(*writer_));
  std::optional<R> result;
  // The writer thread owns the job too, so the promise outlives set_value();
  // `run` refers to this frame, which lives until the future is ready.
  auto job = std::make_shared<WriteJob>();
  job->run = [&](Conn& c) { result.emplace(fn(c)); };
  std::future<Status> committed = job->committed.get_future();
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return R(Status::Unavailable("shutting_down"));
    queue_.push_back(job);
  }
  queue_cv_.notify_one();
  Status s = committed.get();
  if (!s.ok()) return R(s);
  return std::move(*result);
}

void SqliteStore::writer_loop() {
  constexpr size_t kMaxBatch = 1024;
  std::vector<std::shared_ptr<WriteJob>> batch;
  std::vector<Status> failed;  // per job: an exception escaped it
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    failed.assign(batch.size(), Status::Ok());
    Status s = writer_->db.Exec("BEGIN IMMEDIATE");
    if (s.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) {
        // A job's own savepoint (sqlite::Tx) has rolled its changes back
        // while the exception unwound it; the rest of the batch goes on.
        try {
          batch[i]->run(*writer_);
        } catch (const std::exception& e) {
          failed[i] = Status::Internal(std::string("write failed: ") + e.what());
        }
        writer_->release();
      }
      s = writer_->db.Exec("COMMIT");
      if (!s.ok()) (void)writer_->db.Exec("ROLLBACK");
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->committed.set_value(s.ok() ? failed[i] : s);
  }
}

template <typename Fn>
auto SqliteStore::with_reader(Fn&& fn) {
  Conn* c = nullptr;
  {
    std::unique_lock lock(readers_mu_);
    readers_cv_.wait(lock, [&] { return !free_readers_.empty(); });
    c = free_readers_.back();
    free_readers_.pop_back();
  }
  struct Release {
    SqliteStore* s;
    Conn* c;
    ~Release() {
      c->release();
      {
        std::lock_guard lock(s->readers_mu_);
        s->free_readers_.push_back(c);
      }
      s->readers_cv_.notify_one();
    }
  } release{this, c};
  return fn(*c);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int readers) {
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = path;
  auto w = Db::Open(path);
  if (!w.ok()) return w.status();
  // The writer keeps more pages: opening a campaign writes ~600,000 rows.
  MAMORI_RETURN_IF_ERROR(w->Exec("PRAGMA cache_size=-65536"));
  s->writer_ = std::make_unique<Conn>(Conn{std::move(*w), {}});
  s->writer_thread_ = std::thread([p = s.get()] { p->writer_loop(); });
  MAMORI_RETURN_IF_ERROR(s->migrate());
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto r = Db::Open(path);
    if (!r.ok()) return r.status();
    s->readers_.push_back(std::make_unique<Conn>(Conn{std::move(*r), {}}));
    s->free_readers_.push_back(s->readers_.back().get());
  }
  return s;
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
}

namespace {

// Brings a database made by an older version up to the schema: columns added since are added
// here (CREATE TABLE IF NOT EXISTS leaves an existing table as it was). True when added.
Result<bool> add_column_if_missing(sqlite::Db& db, const std::string& table, const std::string& column,
                                   const std::string& definition) {
  Stmt st(db, "SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'");
  if (st.step()) return false;
  MAMORI_RETURN_IF_ERROR(st.status());
  MAMORI_RETURN_IF_ERROR(db.Exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition));
  return true;
}

}  // namespace

Status SqliteStore::migrate() {
  return with_writer([](Conn& c) -> Status {
    MAMORI_RETURN_IF_ERROR(c.db.Exec(sql::file("schema")));
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    auto counts = add_column_if_missing(c.db, "campaigns", "target_count", "INTEGER NOT NULL DEFAULT 0");
    if (!counts.ok()) return counts.status();
    if (*counts)
      MAMORI_RETURN_IF_ERROR(c.db.Exec("UPDATE campaigns SET target_count = "
                                       "(SELECT count(*) FROM campaign_targets WHERE campaign_id = campaigns.id)"));
    auto email = add_column_if_missing(c.db, "users", "email", "TEXT NOT NULL DEFAULT ''");
    if (!email.ok()) return email.status();
    auto closed_at = add_column_if_missing(c.db, "campaigns", "closed_at", "TEXT");
    if (!closed_at.ok()) return closed_at.status();
    return tx.Commit();
  });
}

namespace {

Body read_body(Stmt& st) {
  Body b;
  b.code = st.text(0);
  b.name_ja = st.text(1);
  b.name_kana = st.text(2);
  b.type = parse_body_type(st.text(3)).value_or(BodyType::kCity);
  b.prefecture_code = st.text(4);
  b.core_city = st.int64(5) != 0;
  b.network_model = st.text(6);
  b.population_band = st.text(7);
  return b;
}

std::vector<Role> parse_roles(const std::string& s) {
  std::vector<Role> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (auto r = parse_role(part)) out.push_back(*r);
  return out;
}

std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (auto r : roles) {
    if (!out.empty()) out += ",";
    out += to_string(r);
  }
  return out;
}

User read_user(Stmt& st) {
  User u;
  u.id = st.int64(0);
  u.login = st.text(1);
  u.display_name = st.text(2);
  u.body_code = st.text(3);
  u.roles = parse_roles(st.text(4));
  u.expires_at = st.opt_text(5);
  u.email = st.text(6);
  return u;
}

Campaign read_campaign(Stmt& st) {
  Campaign c;
  c.id = st.int64(0);
  c.title = st.text(1);
  c.fiscal_year = static_cast<int>(st.int64(2));
  c.catalog_id = st.text(3);
  std::string state = st.text(4);
  c.state = state == "open" ? CampaignState::kOpen : state == "closed" ? CampaignState::kClosed : CampaignState::kDraft;
  c.opens_at = st.text(5);
  c.closes_at = st.text(6);
  c.target_count = st.int64(7);
  c.closed_at = st.opt_text(8);
  return c;
}

ResponseRecord read_response(Stmt& st) {
  ResponseRecord r;
  r.id = st.int64(0);
  r.campaign_id = st.int64(1);
  r.body_code = st.text(2);
  r.state = parse_response_state(st.text(3)).value_or(ResponseState::kDraft);
  r.locked = st.int64(4) != 0;
  r.version = st.int64(5);
  r.submitted_at = st.opt_text(6);
  r.accepted_at = st.opt_text(7);
  r.updated_at = st.text(8);
  return r;
}

AnswerRecord read_answer(Stmt& st) {
  AnswerRecord a;
  a.question_id = st.text(0);
  a.value_json = st.opt_text(1);
  a.previous_json = st.opt_text(2);
  a.state = st.text(3);
  a.needs_confirmation = st.int64(4) != 0;
  a.not_applicable = st.int64(5) != 0;
  a.na_reason = st.text(6);
  a.comment = st.text(7);
  a.evidence_url = st.text(8);
  a.version = st.int64(9);
  a.updated_by = st.opt_int64(10);
  a.updated_by_name = st.text(11);
  a.updated_at = st.text(12);
  return a;
}


Status not_found_response() { return Status::NotFound("response_not_found"); }

template <typename T, typename Read>
Result<std::vector<T>> collect(Stmt& st, Read read) {
  std::vector<T> out;
  while (st.step()) out.push_back(read(st));
  if (!st.status().ok()) return st.status();
  return out;
}

}  // namespace

// ---- bodies ----

Status SqliteStore::upsert_bodies(const std::vector<Body>& bodies) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    for (const auto& b : bodies) {
      MAMORI_RETURN_IF_ERROR(c.q("bodies", "upsert")
                                 .bind(1, b.code)
                                 .bind(2, b.name_ja)
                                 .bind(3, b.name_kana)
                                 .bind(4, to_string(b.type))
                                 .bind(5, b.prefecture_code)
                                 .bind(6, b.core_city ? 1 : 0)
                                 .bind(7, b.network_model)
                                 .bind(8, b.population_band)
                                 .run());
      if (b.type == BodyType::kUnion || !b.members.empty()) {
        MAMORI_RETURN_IF_ERROR(c.q("bodies", "delete_members").bind(1, b.code).run());
        for (const auto& m : b.members)
          MAMORI_RETURN_IF_ERROR(c.q("bodies", "insert_member").bind(1, b.code).bind(2, m).run());
      }
    }
    return tx.Commit();
  });
}

Result<Body> SqliteStore::get_body(const std::string& code) {
  return with_reader([&](Conn& c) -> Result<Body> {
    Stmt& st = c.q("bodies", "get").bind(1, code);
    if (!st.step()) {
      if (!st.status().ok()) return st.status();
      return Status::NotFound("body_not_found");
    }
    Body b = read_body(st);
    Stmt& m = c.q("bodies", "members").bind(1, code);
    while (m.step()) b.members.push_back(m.text(0));
    return b;
  });
}

Result<std::vector<Body>> SqliteStore::list_bodies(const BodyFilter& f) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("bodies", "list")
                   .bind(1, f.prefecture_code)
                   .bind(2, f.type)
                   .bind(3, f.search)
                   .bind(4, f.limit)
                   .bind(5, f.offset);
    return collect<Body>(st, read_body);
  });
}

Result<int64_t> SqliteStore::count_bodies() {
  return with_reader([&](Conn& c) -> Result<int64_t> {
    Stmt& st = c.q("bodies", "count");
    if (!st.step()) return st.status();
    return st.int64(0);
  });
}

// ---- users and sessions ----

Result<int64_t> SqliteStore::create_user(const User& u, const std::string& password_hash) {
  return with_writer([&](Conn& c) -> Result<int64_t> {
    Stmt& st = c.q("users", "insert")
                   .bind(1, u.login)
                   .bind(2, u.display_name)
                   .bind(3, u.body_code)
                   .bind(4, join_roles(u.roles))
                   .bind(5, u.expires_at)
                   .bind(6, password_hash)
                   .bind(7, u.email);
    Status s = st.run();
    if (s.error_code() == "constraint_unique")
      return Status::AlreadyExists("login_taken");
    if (s.error_code() == "constraint_foreign_key")
      return Status::InvalidArgument("unknown_body", {{"code", u.body_code}});
    if (!s.ok()) return s;
    return c.db.last_insert_rowid();
  });
}

Status SqliteStore::set_password(int64_t user_id, const std::string& password_hash) {
  return with_writer(
      [&](Conn& c) { return c.q("users", "set_password").bind(1, user_id).bind(2, password_hash).run(); });
}

Result<Credentials> SqliteStore::find_credentials(const std::string& login) {
  return with_reader([&](Conn& c) -> Result<Credentials> {
    Stmt& st = c.q("users", "by_login").bind(1, login);
    if (!st.step()) return st.status().ok() ? Status::NotFound() : st.status();
    return Credentials{read_user(st), st.text(7)};
  });
}

Result<User> SqliteStore::get_user(int64_t id) {
  return with_reader([&](Conn& c) -> Result<User> {
    Stmt& st = c.q("users", "by_id").bind(1, id);
    if (!st.step())
      return st.status().ok() ? Status::NotFound("user_not_found") : st.status();
    return read_user(st);
  });
}

Result<std::vector<User>> SqliteStore::list_users(const std::string& body_code) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("users", "by_body").bind(1, body_code);
    return collect<User>(st, read_user);
  });
}

Status SqliteStore::create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                                   const std::string& expires_at) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    MAMORI_RETURN_IF_ERROR(c.q("users", "delete_expired_sessions").bind(1, now_iso()).run());
    MAMORI_RETURN_IF_ERROR(
        c.q("users", "insert_session").bind(1, token_hash).bind(2, user_id).bind(3, csrf).bind(4, expires_at).run());
    return tx.Commit();
  });
}

Result<SessionInfo> SqliteStore::find_session(const std::string& token_hash, const std::string& now) {
  return with_reader([&](Conn& c) -> Result<SessionInfo> {
    Stmt& st = c.q("users", "find_session").bind(1, token_hash).bind(2, now);
    if (!st.step()) return st.status().ok() ? Status::NotFound() : st.status();
    return SessionInfo{read_user(st), st.text(8), st.text(9)};
  });
}

Status SqliteStore::delete_session(const std::string& token_hash) {
  return with_writer([&](Conn& c) { return c.q("users", "delete_session").bind(1, token_hash).run(); });
}

// ---- campaigns ----

Result<int64_t> SqliteStore::create_campaign(const Campaign& cam) {
  return with_writer([&](Conn& c) -> Result<int64_t> {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "insert")
                               .bind(1, cam.title)
                               .bind(2, cam.fiscal_year)
                               .bind(3, cam.catalog_id)
                               .bind(4, cam.opens_at)
                               .bind(5, cam.closes_at)
                               .run());
    int64_t id = c.db.last_insert_rowid();
    for (const auto& code : cam.targets) {
      Status s = c.q("campaigns", "insert_target").bind(1, id).bind(2, code).run();
      if (!s.ok() && s.error_code() != "constraint_foreign_key") return s;
      if (!s.ok())
        return Status::InvalidArgument("unknown_body", {{"code", code}});
    }
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "set_target_count").bind(1, id).run());
    MAMORI_RETURN_IF_ERROR(tx.Commit());
    return id;
  });
}

Result<Campaign> SqliteStore::get_campaign(int64_t id) {
  return with_reader([&](Conn& c) -> Result<Campaign> {
    Stmt& st = c.q("campaigns", "get").bind(1, id);
    if (!st.step())
      return st.status().ok() ? Status::NotFound("campaign_not_found") : st.status();
    return read_campaign(st);
  });
}

Result<std::vector<Campaign>> SqliteStore::list_campaigns() {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("campaigns", "list");
    return collect<Campaign>(st, read_campaign);
  });
}

Status SqliteStore::update_window(int64_t id, const std::string& closes_at) {
  return with_writer([&](Conn& c) { return c.q("campaigns", "set_closes_at").bind(1, id).bind(2, closes_at).run(); });
}

Result<std::map<std::string, std::map<std::string, std::string>>> SqliteStore::last_accepted_answers(
    const std::string& catalog_id) {
  return with_reader([&](Conn& c) -> Result<std::map<std::string, std::map<std::string, std::string>>> {
    std::map<std::string, std::map<std::string, std::string>> out;
    Stmt& st = c.q("campaigns", "last_accepted").bind(1, catalog_id);
    while (st.step()) out[st.text(0)][st.text(1)] = st.text(2);
    if (!st.status().ok()) return st.status();
    return out;
  });
}

Status SqliteStore::open_campaign(
    int64_t id, const std::function<void(const std::string&, std::vector<OpeningAnswer>&)>& answers_for,
    const std::function<void(int64_t, int64_t)>& progress) {
  return with_writer([&](Conn& c) -> Status {
    std::vector<std::string> targets;
    Stmt& t = c.q("campaigns", "targets").bind(1, id);
    while (t.step()) targets.push_back(t.text(0));
    MAMORI_RETURN_IF_ERROR(t.status());
    t.reset();
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    Stmt& set = c.q("campaigns", "set_state").bind(1, id).bind(2, "open").bind(3, "draft");
    MAMORI_RETURN_IF_ERROR(set.run());
    if (c.db.changes() != 1)
      return Status::FailedPrecondition("campaign_not_draft");
    std::string now = now_iso();
    std::vector<OpeningAnswer> rows;
    Stmt& ins_resp = c.q("campaigns", "insert_response");
    Stmt& ins_ans = c.q("campaigns", "insert_answer");
    Stmt& ins_cat = c.q("campaigns", "insert_category");
    int64_t done = 0, total = static_cast<int64_t>(targets.size());
    for (const auto& code : targets) {
      ins_resp.reset();
      MAMORI_RETURN_IF_ERROR(ins_resp.bind(1, id).bind(2, code).bind(3, now).run());
      int64_t rid = c.db.last_insert_rowid();
      rows.clear();
      answers_for(code, rows);
      for (const auto& a : rows) {
        ins_ans.reset();
        MAMORI_RETURN_IF_ERROR(ins_ans.bind(1, rid)
                                   .bind(2, *a.question_id)
                                   .bind(3, a.value_json)
                                   .bind(4, a.previous_json)
                                   .bind(5, a.state)
                                   .bind(6, a.needs_confirmation ? 1 : 0)
                                   .bind(7, now)
                                   .run());
      }
      for (int cat = 1; cat <= 8; ++cat) {
        ins_cat.reset();
        MAMORI_RETURN_IF_ERROR(ins_cat.bind(1, rid).bind(2, cat).run());
      }
      ++done;
      if (progress && (done % 50 == 0 || done == total)) progress(done, total);
    }
    return tx.Commit();
  });
}

Status SqliteStore::close_campaign(int64_t id, int64_t user_id) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "set_state").bind(1, id).bind(2, "closed").bind(3, "open").run());
    if (c.db.changes() != 1)
      return Status::FailedPrecondition("campaign_not_open").with_message("campaign_not_open.close");
    std::string now = now_iso();
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "set_closed_at").bind(1, id).bind(2, now).run());
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "lock_events").bind(1, id).bind(2, user_id).bind(3, now).run());
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "lock_unsubmitted").bind(1, id).run());
    return tx.Commit();
  });
}

Status SqliteStore::import_accepted(int64_t id, int64_t user_id) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    std::string now = now_iso();
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "import_events").bind(1, id).bind(2, user_id).bind(3, now).run());
    MAMORI_RETURN_IF_ERROR(c.q("campaigns", "import_accepted").bind(1, id).bind(2, now).run());
    return tx.Commit();
  });
}

// ---- responses ----

Result<ResponseRecord> SqliteStore::get_response(int64_t id) {
  return with_reader([&](Conn& c) -> Result<ResponseRecord> {
    Stmt& st = c.q("responses", "get").bind(1, id);
    if (!st.step()) return st.status().ok() ? not_found_response() : st.status();
    return read_response(st);
  });
}

Result<ResponseRecord> SqliteStore::find_response(int64_t campaign_id, const std::string& body_code) {
  return with_reader([&](Conn& c) -> Result<ResponseRecord> {
    Stmt& st = c.q("responses", "find").bind(1, campaign_id).bind(2, body_code);
    if (!st.step()) return st.status().ok() ? not_found_response() : st.status();
    return read_response(st);
  });
}

Result<std::vector<ResponseSummary>> SqliteStore::list_responses(int64_t campaign_id, const ResponseFilter& f) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "list").bind(1, campaign_id).bind(2, f.prefecture_code).bind(3, f.state);
    return collect<ResponseSummary>(st, [](Stmt& s) {
      return ResponseSummary{read_response(s), s.text(9), s.text(10), s.text(11)};
    });
  });
}

Result<std::vector<ResponseRecord>> SqliteStore::responses_of_body(const std::string& body_code) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "of_body").bind(1, body_code);
    return collect<ResponseRecord>(st, read_response);
  });
}

Result<std::vector<AnswerRecord>> SqliteStore::get_answers(int64_t response_id) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "answers").bind(1, response_id);
    return collect<AnswerRecord>(st, read_answer);
  });
}

Result<AnswerRecord> SqliteStore::get_answer(int64_t response_id, const std::string& question_id) {
  return with_reader([&](Conn& c) -> Result<AnswerRecord> {
    Stmt& st = c.q("responses", "answer").bind(1, response_id).bind(2, question_id);
    if (!st.step())
      return st.status().ok() ? Status::NotFound("question_not_found", {{"id", question_id}}) : st.status();
    return read_answer(st);
  });
}

namespace {

CategoryStatus read_category(Stmt& s) {
  return CategoryStatus{static_cast<int>(s.int64(0)), s.opt_int64(1), s.text(2), s.int64(3) != 0, s.text(4)};
}

// Reads the response (and its categories, and answers when asked) inside the
// current write transaction and runs the guard's check on it.
Result<ResponseSnapshot> guarded_snapshot(Conn& c, int64_t response_id, const WriteGuard& guard) {
  ResponseSnapshot snap;
  Stmt& st = c.q("responses", "get").bind(1, response_id);
  if (!st.step()) return st.status().ok() ? not_found_response() : st.status();
  snap.response = read_response(st);
  st.reset();
  Stmt& cats = c.q("responses", "categories").bind(1, response_id);
  while (cats.step()) snap.categories.push_back(read_category(cats));
  MAMORI_RETURN_IF_ERROR(cats.status());
  cats.reset();
  if (guard.needs_answers) {
    Stmt& ans = c.q("responses", "answers").bind(1, response_id);
    while (ans.step()) snap.answers.push_back(read_answer(ans));
    MAMORI_RETURN_IF_ERROR(ans.status());
    ans.reset();
  }
  if (guard.check) MAMORI_RETURN_IF_ERROR(guard.check(snap));
  return snap;
}

Status insert_history(Conn& c, int64_t response_id, const AnswerRecord& before, const AnswerRecord& after,
                      int64_t user_id, const std::string& now) {
  return c.q("responses", "insert_history")
      .bind(1, response_id)
      .bind(2, after.question_id)
      .bind(3, after.version)
      .bind(4, user_id)
      .bind(5, now)
      .bind(6, json::serialize(answer_content_json(before)))
      .bind(7, json::serialize(answer_content_json(after)))
      .run();
}

Status insert_event(Conn& c, int64_t response_id, const std::string& action, ResponseState from, ResponseState to,
                    std::optional<int64_t> category, const std::string& comment, int64_t user_id,
                    const std::string& now) {
  return c.q("responses", "insert_event")
      .bind(1, response_id)
      .bind(2, action)
      .bind(3, to_string(from))
      .bind(4, to_string(to))
      .bind(5, category)
      .bind(6, comment)
      .bind(7, user_id)
      .bind(8, now)
      .run();
}

Status apply_category_change(Conn& c, int64_t response_id, const CategoryChange& ch) {
  if (ch.assignee)
    MAMORI_RETURN_IF_ERROR(
        c.q("responses", "set_category_assignee").bind(1, response_id).bind(2, ch.category).bind(3, *ch.assignee).run());
  if (ch.ready)
    MAMORI_RETURN_IF_ERROR(
        c.q("responses", "set_category_ready").bind(1, response_id).bind(2, ch.category).bind(3, *ch.ready ? 1 : 0).run());
  if (ch.return_comment)
    MAMORI_RETURN_IF_ERROR(
        c.q("responses", "set_category_comment").bind(1, response_id).bind(2, ch.category).bind(3, *ch.return_comment).run());
  return Status::Ok();
}

}  // namespace

Result<SaveOutcome> SqliteStore::save_answer(int64_t response_id, const std::string& question_id,
                                              int64_t expected_version, const AnswerUpdate& u, int64_t user_id,
                                              const WriteGuard& guard) {
  return with_writer([&](Conn& c) -> Result<SaveOutcome> {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    auto snap = guarded_snapshot(c, response_id, guard);
    if (!snap.ok()) return snap.status();
    Stmt& cur = c.q("responses", "answer").bind(1, response_id).bind(2, question_id);
    if (!cur.step())
      return cur.status().ok() ? Status::NotFound("question_not_found", {{"id", question_id}}) : cur.status();
    AnswerRecord before = read_answer(cur);
    cur.reset();
    if (before.version != expected_version) return SaveOutcome(StaleAnswer{std::move(before)});
    std::string now = now_iso();
    MAMORI_RETURN_IF_ERROR(c.q("responses", "update_answer")
                               .bind(1, response_id)
                               .bind(2, question_id)
                               .bind(3, u.value_json)
                               .bind(4, u.state)
                               .bind(5, u.not_applicable ? 1 : 0)
                               .bind(6, u.na_reason)
                               .bind(7, u.comment)
                               .bind(8, u.evidence_url)
                               .bind(9, user_id)
                               .bind(10, now)
                               .bind(11, expected_version)
                               .run());
    AnswerRecord after = before;
    after.value_json = u.value_json;
    after.state = u.state;
    after.not_applicable = u.not_applicable;
    after.na_reason = u.na_reason;
    after.comment = u.comment;
    after.evidence_url = u.evidence_url;
    after.version = before.version + 1;
    after.needs_confirmation = false;
    after.updated_by = user_id;
    after.updated_at = now;
    MAMORI_RETURN_IF_ERROR(insert_history(c, response_id, before, after, user_id, now));
    MAMORI_RETURN_IF_ERROR(c.q("responses", "touch").bind(1, response_id).bind(2, now).run());
    MAMORI_RETURN_IF_ERROR(tx.Commit());
    Stmt& name = c.q("users", "by_id").bind(1, user_id);
    if (name.step()) after.updated_by_name = name.text(2);
    return SaveOutcome(std::move(after));
  });
}

Result<int64_t> SqliteStore::confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids,
                                             int64_t user_id, const WriteGuard& guard) {
  return with_writer([&](Conn& c) -> Result<int64_t> {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    auto snap = guarded_snapshot(c, response_id, guard);
    if (!snap.ok()) return snap.status();
    std::string now = now_iso();
    int64_t n = 0;
    for (const auto& qid : question_ids) {
      Stmt& cur = c.q("responses", "answer").bind(1, response_id).bind(2, qid);
      if (!cur.step()) continue;
      AnswerRecord before = read_answer(cur);
      cur.reset();
      MAMORI_RETURN_IF_ERROR(
          c.q("responses", "confirm_answer").bind(1, response_id).bind(2, qid).bind(3, user_id).bind(4, now).run());
      if (c.db.changes() != 1) continue;
      AnswerRecord after = before;
      after.state = "confirmed";
      after.version = before.version + 1;
      MAMORI_RETURN_IF_ERROR(insert_history(c, response_id, before, after, user_id, now));
      ++n;
    }
    if (n > 0) MAMORI_RETURN_IF_ERROR(c.q("responses", "touch").bind(1, response_id).bind(2, now).run());
    MAMORI_RETURN_IF_ERROR(tx.Commit());
    return n;
  });
}

Result<std::vector<HistoryEntry>> SqliteStore::history(int64_t response_id, const std::string& question_id) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "history").bind(1, response_id).bind(2, question_id);
    return collect<HistoryEntry>(
        st, [](Stmt& s) { return HistoryEntry{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5)}; });
  });
}

Result<std::vector<CategoryStatus>> SqliteStore::categories(int64_t response_id) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "categories").bind(1, response_id);
    return collect<CategoryStatus>(st, read_category);
  });
}

Status SqliteStore::change_category(int64_t response_id, const CategoryChange& change, int64_t user_id,
                                    const std::string& action, const std::string& comment, const WriteGuard& guard) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    auto snap = guarded_snapshot(c, response_id, guard);
    if (!snap.ok()) return snap.status();
    MAMORI_RETURN_IF_ERROR(apply_category_change(c, response_id, change));
    std::string now = now_iso();
    ResponseState state = snap->response.state;
    MAMORI_RETURN_IF_ERROR(insert_event(c, response_id, action, state, state, change.category, comment, user_id, now));
    MAMORI_RETURN_IF_ERROR(c.q("responses", "touch").bind(1, response_id).bind(2, now).run());
    return tx.Commit();
  });
}

Status SqliteStore::transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                               const std::string& action, const std::string& comment, const WriteGuard& guard,
                               const std::optional<CategoryChange>& category_change) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    // The state and lock come first: a closed campaign says so, before any
    // completeness message.
    WriteGuard checked = guard;
    checked.check = [&](const ResponseSnapshot& s) -> Status {
      if (s.response.locked) return editable_status(s.response);
      if (s.response.state != from)
        return Status::Aborted("state_changed");
      return guard.check ? guard.check(s) : Status::Ok();
    };
    auto snap = guarded_snapshot(c, response_id, checked);
    if (!snap.ok()) return snap.status();
    std::string now = now_iso();
    MAMORI_RETURN_IF_ERROR(c.q("responses", "transition")
                               .bind(1, response_id)
                               .bind(2, to_string(from))
                               .bind(3, to_string(to))
                               .bind(4, now)
                               .run());
    if (category_change) MAMORI_RETURN_IF_ERROR(apply_category_change(c, response_id, *category_change));
    std::optional<int64_t> category;
    if (category_change) category = category_change->category;
    MAMORI_RETURN_IF_ERROR(insert_event(c, response_id, action, from, to, category, comment, user_id, now));
    if (guard.snapshot)
      MAMORI_RETURN_IF_ERROR(c.q("responses", "insert_submission")
                                 .bind(1, response_id)
                                 .bind(2, now)
                                 .bind(3, guard.snapshot(*snap))
                                 .run());
    return tx.Commit();
  });
}

Status SqliteStore::unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) {
  return with_writer([&](Conn& c) -> Status {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    std::string now = now_iso();
    MAMORI_RETURN_IF_ERROR(c.q("responses", "unlock").bind(1, response_id).bind(2, now).run());
    if (c.db.changes() != 1)
      return Status::FailedPrecondition("not_locked");
    Stmt& st = c.q("responses", "get").bind(1, response_id);
    if (!st.step()) return not_found_response();
    ResponseState state = read_response(st).state;
    st.reset();
    MAMORI_RETURN_IF_ERROR(insert_event(c, response_id, "reopen", state, state, std::nullopt, comment, user_id, now));
    return tx.Commit();
  });
}

Result<std::vector<WorkflowEvent>> SqliteStore::events(int64_t response_id) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "events").bind(1, response_id);
    return collect<WorkflowEvent>(st, [](Stmt& s) {
      WorkflowEvent e{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), std::nullopt};
      if (!s.is_null(6)) e.category = static_cast<int>(s.int64(6));
      return e;
    });
  });
}

Result<std::vector<std::string>> SqliteStore::submissions(int64_t response_id) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("responses", "submissions").bind(1, response_id);
    return collect<std::string>(st, [](Stmt& s) { return s.text(0); });
  });
}

Status SqliteStore::for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) {
  return with_reader([&](Conn& c) -> Status {
    Stmt& st = c.q("responses", "counted_answers").bind(1, campaign_id);
    while (st.step()) fn(st.int64(0), st.text(1), st.text(2), st.opt_text(3));
    return st.status();
  });
}

Result<int64_t> SqliteStore::add_notifications(int64_t campaign_id, const std::vector<std::string>& body_codes,
                                               const std::string& message, int64_t sender_id) {
  return with_writer([&](Conn& c) -> Result<int64_t> {
    Tx tx(c.db);
    MAMORI_RETURN_IF_ERROR(tx.begin_status());
    std::string now = now_iso();
    for (const auto& code : body_codes) {
      Status s = c.q("notifications", "insert").bind(1, campaign_id).bind(2, code).bind(3, message).bind(4, sender_id).bind(5, now).run();
      if (s.error_code() == "constraint_foreign_key")
        return Status::InvalidArgument("unknown_body", {{"code", code}});
      MAMORI_RETURN_IF_ERROR(s);
    }
    MAMORI_RETURN_IF_ERROR(tx.Commit());
    return static_cast<int64_t>(body_codes.size());
  });
}

Result<std::vector<Notification>> SqliteStore::notifications_of_body(const std::string& body_code) {
  return with_reader([&](Conn& c) {
    Stmt& st = c.q("notifications", "of_body").bind(1, body_code);
    return collect<Notification>(st, [](Stmt& s) {
      return Notification{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.opt_text(6)};
    });
  });
}

Status SqliteStore::mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) {
  return with_writer([&](Conn& c) -> Status {
    Stmt& exists = c.q("notifications", "exists_for_body").bind(1, id).bind(2, body_code);
    bool found = exists.step();
    Status st = exists.status();
    exists.reset();
    MAMORI_RETURN_IF_ERROR(st);
    if (!found) return Status::NotFound("notification_not_found");
    return c.q("notifications", "mark_read").bind(1, id).bind(2, body_code).bind(3, now_iso()).bind(4, user_id).run();
  });
}

}  // namespace mamori::store
