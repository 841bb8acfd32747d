#include "test_env.h"

#include <arpa/inet.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <array>
#include <memory>
#include <optional>
#include <string_view>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/demo.h"
#include "crypto/sealed.h"
#include "crypto/totp.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_scratch.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::test {

// An independent connection to the test's database: SQLite or PostgreSQL.
struct TestEnv::Probe {
  std::optional<store::sqlite::Db> sqlite;
  std::unique_ptr<store::postgres::PgConn> pg;
};

bool TestEnv::on_postgres() {
  const char* v = std::getenv("MAMORI_TEST_STORE");
  return v && std::string_view(v) == "postgres";
}

namespace {
// A server test process told to run on PostgreSQL with no database server to use is
// skipped (ctest's SKIP_RETURN_CODE 77), except in CI, where that is a failure.
const bool kStoreChecked = [] {
  if (!TestEnv::on_postgres() || !store::postgres::test_postgres_conninfo().empty()) return true;
  const bool in_ci = store::postgres::tests_run_in_ci();
  std::cerr << "MAMORI_TEST_STORE=postgres without MAMORI_TEST_POSTGRES: " << (in_ci ? "failing (CI)" : "skipped")
            << "\n";
  std::exit(in_ci ? 1 : 77);
}();
}  // namespace

namespace {
[[noreturn]] void die(const std::string& what, const Status& s) {
  std::cerr << what << ": " << s.message_en() << " " << s.internal_detail() << "\n";
  std::abort();
}
}  // namespace

namespace {

using store::postgres::create_scratch_database;
using store::postgres::drop_scratch_database;
using store::postgres::test_database_conninfo;

// A count of row changes in every table but the audit trail (which records refused requests
// too), the obligation's version (a cache key every write of the policy obligation raises
// first, undone with the write when it is refused; a sequence would not be undone) and a
// session's last use (sessions are touched as they are used): on PostgreSQL a sequence that row triggers advance (an UPDATE that matched nothing
// does not count); on SQLite a one-row table that triggers add to (kCountChangesSqlite).
constexpr const char* kCountChanges =
    "CREATE SEQUENCE test_changes;"
    "CREATE FUNCTION test_count_change() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM nextval('test_changes'); RETURN NULL; END $$;"
    "DO $$ DECLARE t record; BEGIN "
    "FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
    "AND tablename NOT IN ('audit_log', 'obligation_version') LOOP "
    "EXECUTE format('CREATE TRIGGER test_count_change AFTER INSERT OR %s DELETE ON %I "
    "FOR EACH ROW EXECUTE FUNCTION test_count_change()', "
    "CASE WHEN t.tablename = 'sessions' THEN '' ELSE 'UPDATE OR' END, t.tablename); END LOOP; END $$";

// The demo data, loaded once per test process and history year into a database (a SQLite
// file, or a PostgreSQL database) that every TestEnv starts from a copy of: a test may change
// anything and the next one still starts from the demo as loaded (0.1 s to copy instead of
// 2–6 s to load).
struct DemoTemplate {
  std::string dir;      // SQLite: the folder of test.db
  std::string pg_name;  // PostgreSQL: the template database
  DemoResult demo;
  ~DemoTemplate() {
    if (!dir.empty()) std::filesystem::remove_all(dir);
    if (!pg_name.empty()) (void)drop_scratch_database(pg_name);
  }
};

// One sealing key for every App of this test process (the template's second-factor secrets
// are sealed with it), and for the servers the tests start as other processes.
// The SQLite counterpart of kCountChanges, created in each test's copy of the template.
std::string count_changes_sqlite(store::sqlite::Db& db) {
  std::string sql = "CREATE TABLE test_changes (n INTEGER NOT NULL); INSERT INTO test_changes VALUES (0);";
  store::sqlite::Stmt st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                             "('audit_log', 'test_changes', 'obligation_version') AND name NOT LIKE 'sqlite_%'");
  while (st.step())
    for (const char* op : {"INSERT", "UPDATE", "DELETE"}) {
      const std::string t = st.text(0);
      if (t == "sessions" && std::string(op) == "UPDATE") continue;  // a session's last use
      sql += "CREATE TRIGGER test_count_" + t + "_" + op + " AFTER " + op + " ON " + t +
             " BEGIN UPDATE test_changes SET n = n + 1; END;";
    }
  return sql;
}

const std::string& test_secret_key() {
  static const std::string key = auth::SealingKey::generate_hex();
  return key;
}

const DemoTemplate& demo_template(int first_history_year) {
  static std::mutex mu;
  static std::map<int, std::unique_ptr<DemoTemplate>> templates;
  std::lock_guard lock(mu);
  auto& t = templates[first_history_year];
  if (t) return *t;
  t = std::make_unique<DemoTemplate>();
  AppOptions o;
  if (TestEnv::on_postgres()) {
    auto name = create_scratch_database("mamori_template");
    if (!name.ok()) die("template database", name.status());
    t->pg_name = *name;
    o.database = "postgres:" + test_database_conninfo(t->pg_name);
  } else {
    char tmpl[] = "/tmp/mamori-template-XXXXXX";
    t->dir = mkdtemp(tmpl);
    o.database = t->dir + "/test.db";
  }
  o.catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog";
  o.secret_key_hex = test_secret_key();
  auto app = App::Create(o);
  if (!app.ok()) die("app", app.status());
  std::ostringstream log;
  auto demo = load_demo(**app, std::string(MAMORI_SOURCE_DIR) + "/../shared/data/localgov/000925835.xlsx", log, true,
                        first_history_year);
  if (!demo.ok()) die("demo", demo.status());
  t->demo = *demo;
  app->reset();  // closes the database: its WAL is checkpointed into test.db; no connection stays
  if (!t->pg_name.empty()) {
    auto c = store::postgres::PgConn::Connect({test_database_conninfo(t->pg_name), ""});
    if (!c.ok()) die("template", c.status());
    if (Status s = (*c)->exec(kCountChanges); !s.ok()) die("change counter", s);
  }
  return *t;
}

}  // namespace

TestEnv::TestEnv(int first_history_year, const io::SmtpConfig& smtp, bool behind_tls) {
  const DemoTemplate& t = demo_template(first_history_year);
  AppOptions o;
  if (on_postgres()) {
    // A file-level copy of the template (no WAL of every page; the test cluster runs
    // without fsync anyway).
    auto name = create_scratch_database("mamori_test", t.pg_name);
    if (!name.ok()) die("test database", name.status());
    pg_name_ = *name;
    o.database = "postgres:" + test_database_conninfo(pg_name_);
  } else {
    char tmpl[] = "/tmp/mamori-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    for (const char* suffix : {"", "-wal"})
      if (std::filesystem::exists(t.dir + "/test.db" + suffix))
        std::filesystem::copy_file(t.dir + "/test.db" + suffix, dir_ + "/test.db" + suffix);
    o.database = dir_ + "/test.db";
  }
  demo_ = t.demo;
  o.catalog_dir = std::string(MAMORI_SOURCE_DIR) + "/catalog";
  o.secret_key_hex = test_secret_key();
  o.hash_cost = auth::HashCost::kMinimum;
  o.smtp = smtp;
  // As behind a proxy on this host: a test may name the client's address in X-Forwarded-For
  // (requests without it come from 127.0.0.1).
  o.trusted_proxies = {"127.0.0.1"};
  o.secure_cookies = behind_tls;
  // Publication pages are served by a test server on loopback (tests/page_server.h).
  o.publication.allowed_private = {"127.0.0.1"};
  o.publication.per_host_interval = std::chrono::milliseconds(0);
  o.publication_check_again_after = std::chrono::seconds(0);  // tests check one page several times
  store_text_ = o.database;
  auto app = App::Create(o);
  if (!app.ok()) die("app", app.status());
  app_ = std::move(*app);
  if (auto counted = app_->analytics().rebuild(); !counted.ok()) die("analytics", counted.status());
  http::ServerOptions so;
  so.port = 0;
  so.worker_threads = 8;
  so.largest_body_limit = app_->largest_upload_limit();
  so.body_limit_for = [this, fallback = so.body_limit](std::string_view method, std::string_view target) {
    return app_->body_limit_for(method, target, fallback);
  };
  server_ = std::make_unique<http::Server>(so, [this](http::Request& r, http::Responder respond, http::Defer defer) {
    app_->dispatch_async(r, std::move(respond), std::move(defer));
  });
  auto port = server_->start();
  if (!port.ok()) die("server", port.status());
  port_ = *port;
  probe_ = std::make_unique<Probe>();
  if (on_postgres()) {
    auto c = store::postgres::PgConn::Connect({test_database_conninfo(pg_name_), ""});
    if (!c.ok()) die("probe", c.status());
    probe_->pg = std::move(*c);
  } else {
    auto db = store::sqlite::Db::Open(o.database, false);
    if (!db.ok()) die("probe", db.status());
    probe_->sqlite.emplace(std::move(*db));
    if (Status s = probe_->sqlite->Exec(count_changes_sqlite(*probe_->sqlite)); !s.ok()) die("change counter", s);
  }
}

TestEnv::~TestEnv() {
  server_->stop();
  probe_.reset();
  app_.reset();
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
  if (!pg_name_.empty()) (void)drop_scratch_database(pg_name_);
}

Status TestEnv::exec(const std::string& sql) {
  return probe_->pg ? probe_->pg->exec(sql) : probe_->sqlite->Exec(sql);
}

std::string TestEnv::raw(const std::string& bytes) { return raw_to(port_, bytes); }

std::string raw_to(unsigned short port, const std::string& bytes, bool half_close) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  // A server that stops answering fails the test (an empty reply) instead of hanging it.
  timeval limit{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  // After raw bytes the end of the input is what tells the server no more comes; a whole
  // request says so itself (and a proxy such as nginx takes a half-close for a client that
  // gave up).
  if (half_close) shutdown(fd, SHUT_WR);
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

HttpResult TestEnv::request(const std::string& method, const std::string& path, const std::string& body,
                            const Session* session, const std::map<std::string, std::string>& extra) {
  return request_to(port_, method, path, body, session, extra);
}

HttpResult request_to(unsigned short port, const std::string& method, const std::string& path,
                      const std::string& body, const Session* session,
                      const std::map<std::string, std::string>& extra) {
  std::ostringstream req;
  req << method << " " << path << " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty() && !extra.count("Content-Type")) req << "Content-Type: application/json\r\n";
  if (session) {
    req << "Cookie: mamori_session=" << session->cookie << "\r\n";
    if (!extra.count("X-CSRF-Token")) req << "X-CSRF-Token: " << session->csrf << "\r\n";
  }
  for (const auto& [k, v] : extra) req << k << ": " << v << "\r\n";
  req << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  std::string reply = raw_to(port, req.str(), /*half_close=*/false);
  HttpResult r;
  size_t end = reply.find("\r\n\r\n");
  if (reply.size() < 12 || end == std::string::npos) return r;
  r.status = std::atoi(reply.substr(9, 3).c_str());
  std::istringstream hs(reply.substr(0, end));
  std::string line;
  std::getline(hs, line);
  while (std::getline(hs, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t c = line.find(':');
    if (c == std::string::npos) continue;
    std::string k = line.substr(0, c);
    for (auto& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers[k] = line.substr(c + 2);
  }
  r.body = reply.substr(end + 4);
  return r;
}

std::unique_ptr<DemoDatabase> TestEnv::demo_database(int first_history_year) {
  const DemoTemplate& t = demo_template(first_history_year);
  auto d = std::make_unique<DemoDatabase>();
  if (on_postgres()) {
    auto name = create_scratch_database("mamori_nodes", t.pg_name);
    if (!name.ok()) die("demo database", name.status());
    d->name = *name;
    d->store = "postgres:" + test_database_conninfo(d->name);
  } else {
    char tmpl[] = "/tmp/mamori-demo-XXXXXX";
    d->dir = mkdtemp(tmpl);
    for (const char* suffix : {"", "-wal"})
      if (std::filesystem::exists(t.dir + "/test.db" + suffix))
        std::filesystem::copy_file(t.dir + "/test.db" + suffix, d->dir + "/test.db" + suffix);
    d->store = d->dir + "/test.db";
  }
  d->demo = t.demo;
  char key_tmpl[] = "/tmp/mamori-key-XXXXXX";
  const int fd = mkstemp(key_tmpl);
  if (fd < 0 || write(fd, test_secret_key().data(), test_secret_key().size()) < 0) die("key file", Status::Internal("mkstemp"));
  close(fd);
  d->key_file = key_tmpl;
  return d;
}

DemoDatabase::~DemoDatabase() {
  if (!key_file.empty()) std::filesystem::remove(key_file);
  if (!name.empty()) (void)drop_scratch_database(name);
  if (!dir.empty()) std::filesystem::remove_all(dir);
}

std::string DemoDatabase::password(const std::string& login) const {
  for (const auto& a : demo.accounts)
    if (a.login == login) return a.password;
  return {};
}

std::string DemoDatabase::totp_secret(const std::string& login) const {
  for (const auto& a : demo.accounts)
    if (a.login == login) return a.totp_secret;
  return {};
}

void complete_category(unsigned short port, const std::string& base, const Session& respondent, const Catalog& cat,
                       const Body& body, int n) {
  namespace json = boost::json;
  for (int pass = 0; pass < 4; ++pass) {
    auto r = request_to(port, "GET", base, "", &respondent);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value view = json::parse(r.body);
    for (const auto& a : view.at("answers").as_array()) {
      const Question* q = cat.find(a.at("question_id").as_string());
      if (q->category != n || !a.at("visible").as_bool()) continue;
      if (a.at("value").is_null() && !a.at("not_applicable").as_bool()) {
        auto saved = request_to(port, "PUT", base + "/answers/" + q->id,
                                R"({"version":)" + std::to_string(a.at("version").as_int64()) + R"(,"value":)" +
                                    *sample_value(*q, body) + "}",
                                &respondent);
        ASSERT_EQ(saved.status, 200) << q->id << " " << saved.body;
      }
    }
  }
  auto c = request_to(port, "POST", base + "/categories/" + std::to_string(n) + "/confirm", "", &respondent);
  ASSERT_EQ(c.status, 200) << c.body;
}

std::string TestEnv::password(const std::string& login) const {
  for (const auto& a : demo_.accounts)
    if (a.login == login) return a.password;
  return {};
}

std::string TestEnv::totp_secret(const std::string& login) const {
  for (const auto& a : demo_.accounts)
    if (a.login == login) return a.totp_secret;
  return {};
}

Session TestEnv::sign_in(const std::string& login) {
  // Tests sign the same person in many times within one 30-second step, which the server
  // refuses as a replayed code: behind its back, forget the last step used (the replay
  // protection itself is tested without this, in api_test and session_service_test).
  if (!totp_secret(login).empty())
    if (Status s = exec("UPDATE users SET totp_last_step = 0 WHERE login = '" + login + "'"); !s.ok())
      die("reset totp step", s);
  return sign_in_to(port_, login, password(login), totp_secret(login));
}

std::string current_code(const std::string& secret) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return auth::totp_code(secret, auth::totp_step(now));
}

Session session_from(const HttpResult& r) {
  Session s;
  auto it = r.headers.find("set-cookie");
  std::string cookie = it == r.headers.end() ? "" : it->second;
  size_t eq = cookie.find('='), semi = cookie.find(';');
  if (eq != std::string::npos) s.cookie = cookie.substr(eq + 1, semi - eq - 1);
  s.csrf = json_string(r.body, "csrf_token");
  return s;
}

Session sign_in_to(unsigned short port, const std::string& login, const std::string& password,
                   const std::string& totp_secret) {
  auto r = request_to(port, "POST", "/api/session",
                      R"({"login":")" + login + R"(","password":")" + password + R"("})");
  Session s = session_from(r);
  if (r.body.find("second_factor_required") == std::string::npos) return s;
  // A code is accepted once: when this step's was used (the same person signed in a moment
  // ago, maybe through another node), the next step's is still accepted (a clock 30 s ahead),
  // and after that the test waits for a new step.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const std::string code = auth::totp_code(totp_secret, auth::totp_step(now) + (attempt % 2));
    auto coded = request_to(port, "POST", "/api/session/code", R"({"code":")" + code + R"("})", &s);
    if (coded.status == 200 || json_string(coded.body, "code") != "code_used") return session_from(coded);
    if (attempt % 2 == 1) std::this_thread::sleep_for(std::chrono::seconds(auth::kTotpStepSeconds - now % auth::kTotpStepSeconds));
  }
  return {};
}

int64_t TestEnv::data_version() {
  if (probe_->pg) {
    auto r = probe_->pg->query("SELECT last_value * 2 + is_called::int FROM test_changes");
    if (!r.ok()) die("data_version", r.status());
    return std::strtoll(PQgetvalue(r->get(), 0, 0), nullptr, 10);
  }
  store::sqlite::Stmt st(*probe_->sqlite, "SELECT n FROM test_changes");
  st.step();
  return st.int64(0);
}

int64_t TestEnv::response_of(const std::string& body_code) {
  auto r = app_->store().responses().find_response(demo_.current_campaign, body_code);
  return r.ok() ? r->id : 0;
}

std::string TestEnv::fy2025_value(const std::string& body_code, const std::string& question_id) {
  auto r = app_->store().responses().find_response(demo_.previous_campaign, body_code);
  if (!r.ok()) return {};
  auto a = app_->store().responses().get_answer(r->id, question_id);
  return a.ok() && a->value_json ? *a->value_json : std::string("null");
}

boost::json::object answer_in(const boost::json::value& view, const std::string& qid) {
  for (const auto& a : view.at("answers").as_array())
    if (a.at("question_id").as_string() == qid) return a.as_object();
  return {};
}

// Runs the mamori command; its exit status and what it printed.
std::pair<int, std::string> run_mamori(const std::string& args) {
  const std::string cmd = std::string(MAMORI_BINARY) + " " + args + " 2>&1";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe.release());
  return {WEXITSTATUS(status), out};
}

std::string json_string(const std::string& json, const std::string& name) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return {};
  auto* f = v.as_object().if_contains(name);
  if (!f || !f->is_string()) return {};
  return std::string(f->as_string());
}

}  // namespace mamori::test
