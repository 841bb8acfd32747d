// A real server for API tests: a temporary SQLite database loaded with the
// demo data (real bodies, FY2025 accepted, FY2026 opened), the App, and the
// Beast server on a free loopback port. Plus a tiny blocking HTTP client.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "app/demo.h"
#include "http/server.h"

namespace mamori::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// A signed-in client: its cookie and CSRF token.
struct Session {
  std::string cookie;
  std::string csrf;
};

// A database holding the demo (a copy of the TestEnv template), for servers run as other
// processes (tests/two_nodes_test.cpp, tests/crash_test.cpp); dropped with this.
struct DemoDatabase {
  std::string name;   // PostgreSQL: the database
  std::string dir;    // SQLite: the folder of its file
  std::string store;  // for --store: "postgres:…", or the SQLite file
  std::string key_file;  // the sealing key, for --secret-key-file
  DemoResult demo;
  std::string password(const std::string& login) const;
  std::string totp_secret(const std::string& login) const;  // "" for roles without a second factor
  ~DemoDatabase();
};

class TestEnv {
 public:
  // A new DemoDatabase (history from `first_history_year`) on the backend the tests run on.
  static std::unique_ptr<DemoDatabase> demo_database(int first_history_year = 2025);
  // Builds everything; aborts the test binary on failure.
  // Loads the demo with history from `first_history_year` (2025: only FY2025, the default).
  // `smtp`: the relay for e-mail reminders (none by default).
  // `behind_tls`: as --behind-tls (the __Host- cookie, Strict-Transport-Security).
  explicit TestEnv(int first_history_year = 2025, const io::SmtpConfig& smtp = {}, bool behind_tls = false);
  ~TestEnv();

  // Sends one request; adds the session cookie and CSRF header when given.
  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const Session* session = nullptr, const std::map<std::string, std::string>& extra_headers = {});
  // Signs in one of the demo accounts ("demo-respondent", …).
  Session sign_in(const std::string& login);
  // Sends raw bytes and returns the raw reply (for malformed HTTP). A reply that does not
  // come within 20 s ends the wait: what came so far is returned.
  std::string raw(const std::string& bytes);

  // Changes whenever a row of any table but the audit trail changes, or a session starts or
  // ends (row triggers on both backends count them), so "unchanged" proves nothing was
  // written — except, as intended, the audit trail's record of a refused attempt and a
  // session's time of last use.
  int64_t data_version();
  // Runs SQL that both backends understand on the test's database, behind the App's back
  // (tests that set up a state no API reaches).
  Status exec(const std::string& sql);
  // True when the server tests run on PostgreSQL (MAMORI_TEST_STORE=postgres; the database
  // server is MAMORI_TEST_POSTGRES, in key=value form).
  static bool on_postgres();
  // The SQLite file behind the App ("" on PostgreSQL).
  std::string database_path() const { return dir_.empty() ? "" : dir_ + "/test.db"; }
  // The store as the mamori command takes it (--store).
  std::string store_text() const { return store_text_; }

  App& app() { return *app_; }
  const DemoResult& demo() const { return demo_; }
  unsigned short port() const { return port_; }
  std::string password(const std::string& login) const;
  std::string totp_secret(const std::string& login) const;
  // The FY2026 response id of a body.
  int64_t response_of(const std::string& body_code);
  // The stored FY2025 (demo history) value of a question for a body, as JSON text.
  std::string fy2025_value(const std::string& body_code, const std::string& question_id);

 private:
  std::string dir_;      // SQLite
  std::string pg_name_;  // PostgreSQL
  std::string store_text_;
  std::unique_ptr<App> app_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
  DemoResult demo_;
  struct Probe;
  std::unique_ptr<Probe> probe_;
};

// The same client for a server at 127.0.0.1:`port` of another process (tests/two_nodes_test).
HttpResult request_to(unsigned short port, const std::string& method, const std::string& path,
                      const std::string& body = "", const Session* session = nullptr,
                      const std::map<std::string, std::string>& extra_headers = {});
std::string raw_to(unsigned short port, const std::string& bytes, bool half_close = true);
// Signs in with the password, then (when the server asks) the current code of `totp_secret`.
Session sign_in_to(unsigned short port, const std::string& login, const std::string& password,
                   const std::string& totp_secret = "");
// The cookie and CSRF token a sign-in step answered with.
Session session_from(const HttpResult& r);
// The TOTP code of `secret` now.
std::string current_code(const std::string& secret);

// As a respondent would, through the server at `port`: answers every visible, unanswered
// question of category `n` of the response at `base` ("/api/responses/<id>") with a valid
// sample value of `body`'s (repeating while answers reveal follow-up questions), then
// confirms the carried-over ones. Fails the calling test on any refusal.
void complete_category(unsigned short port, const std::string& base, const Session& respondent, const Catalog& cat,
                       const Body& body, int n);

// The answer to `qid` in a response view (GET /api/responses/{id}); empty when it has none.
boost::json::object answer_in(const boost::json::value& view, const std::string& qid);

// Runs the mamori command built with the tests (MAMORI_BINARY) with `args` (a shell command
// line); its exit status and what it printed (stdout and stderr).
std::pair<int, std::string> run_mamori(const std::string& args);

// Extracts a string field "name":"value" from a JSON text (test convenience).
std::string json_string(const std::string& json, const std::string& name);

}  // namespace mamori::test
