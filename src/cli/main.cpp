// The `mamori` command: init, serve, user, demo.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "base/messages.h"
#include "services/bodies/body_import.h"
#include "app/demo.h"
#include "app/policy_table.h"
#include "domain/access_policy.h"
#include "crypto/totp.h"
#include "crypto/password.h"
#include "crypto/password_policy.h"
#include "crypto/sealed.h"
#include "base/private_file.h"
#include "services/audit/audit_trail.h"
#include "base/clock.h"
#include "http/server.h"
#include "io/body_list.h"
#include "store/postgres/pg_backup.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/store_copy.h"
#include "store/store_location.h"
#include "store/postgres/pg_schema.h"
#include "store/sqlite/sqlite_schema.h"

namespace {

using namespace mamori;

int fail(const Status& s) {
  std::cerr << "エラー: " << s.message_ja() << "\nerror: " << s.message_en() << "\n";
  if (!s.internal_detail().empty()) std::cerr << "detail: " << s.internal_detail() << "\n";
  for (const auto& [k, f] : s.fields()) {
    const Message m = render(f.message, f.args);
    std::cerr << "  " << k << ": " << m.ja << " / " << m.en << "\n";
  }
  return 1;
}

// The key that seals second-factor secrets: from --secret-key-file, else (SQLite) the file
// "<database>.secret-key" beside the database, created with a new random key when a command
// that needs it (serve, demo) finds it missing. PostgreSQL needs the option: every node must
// read the same key. Commands that read no secret get a key of their own ("").
Result<std::string> secret_key(const std::string& file, const std::string& sqlite_db, bool postgres, bool needed) {
  std::string path = file;
  if (path.empty() && postgres) {
    if (needed) return Status::InvalidArgument("secret_key_file_required");
    return std::string();  // a key for this command only: it reads no secret
  }
  if (path.empty()) path = sqlite_db + ".secret-key";
  if (!needed && !std::filesystem::exists(path)) return std::string();  // this command reads no secret
  if (!std::filesystem::exists(path)) {
    if (!file.empty()) return Status::NotFound("file_unreadable", {{"path", path}});
    auto fd = create_private_file(path);
    if (!fd.ok()) return fd.status();
    const std::string hex = auth::SealingKey::generate_hex() + "\n";
    const bool written = ::write(*fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(*fd) == 0;
    ::close(*fd);
    if (!written) return Status::Internal("could not write " + path);
    std::cout << "第二要素の秘密鍵を " << path << " に作成しました（バックアップに含めてください） / created the secret key "
              << path << "\n";
  }
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!auth::SealingKey::from_hex(text).ok()) return Status::InvalidArgument("bad_secret_key", {{"path", path}});
  return text;
}

// Records a command in the audit trail as "cli:<user>" (the operating-system account).
// Writes `text` to `path`, a new file readable by this user only.
Status write_new_file(const std::string& path, const std::string& text) {
  MAMORI_ASSIGN_OR_RETURN(int fd, create_private_file(path));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Status::Internal("cannot write " + path);
    }
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0 ? Status::Ok() : Status::Internal("cannot close " + path);
}

void audit_command(AuditTrail& trail, const std::string& action, const std::string& target, const Status& outcome) {
  const char* who = std::getenv("USER");
  AuditEvent e{action, "", target, outcome.ok() ? kAuditOk : kAuditFailed, outcome.ok() ? "" : outcome.error_code()};
  (void)trail.record(Actor{std::nullopt, std::string("cli:") + (who && *who ? who : std::to_string(::getuid())), "", ""}, e);
}
void audit_command(App& app, const std::string& action, const std::string& target, const Status& outcome) {
  audit_command(app.audit(), action, target, outcome);
}

// Records a command that works on the database files alone (backup, restore, migrate-store)
// in the trail of the database at `where`, after the command. Only when that database is at
// this mamori's newest schema, so that opening it changes nothing else (a backup never
// migrates its source); otherwise it says the entry could not be written.
void audit_file_command(const store::StoreLocation& where, const store::StoreOptions& options, const std::string& action,
                        const std::string& target, const Status& outcome) {
  const auto& all = where.is_postgres() ? store::postgres::postgres_migrations() : store::sqlite::sqlite_migrations();
  auto version = store::stored_schema_version(where, options);
  if (!version.ok() || *version != all.back().version) {
    std::cerr << "監査証跡には記録できませんでした（データベースのスキーマ版が " << (version.ok() ? *version : -1)
              << "、この mamori は " << all.back().version << "）。 / not recorded in the audit trail (schema version "
              << (version.ok() ? *version : -1) << ", this mamori's " << all.back().version << ")\n";
    return;
  }
  SystemClock clock;
  auto opened = store::open_store(where, options, clock);
  if (!opened.ok()) {
    std::cerr << "監査証跡には記録できませんでした。 / not recorded in the audit trail: " << opened.status().message_en() << "\n";
    return;
  }
  AuditTrail trail((*opened)->audit());
  audit_command(trail, action, target, outcome);
}

int serve(App& app, const std::string& address, int port, int workers, const http::ConnectionLimits& limits) {
  // The figures of submitted responses live in memory: count them before serving.
  auto started = std::chrono::steady_clock::now();
  auto counted = app.analytics().rebuild();
  if (!counted.ok()) return fail(counted.status());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::cout << "集計: 提出済みの回答 " << *counted << " 件（" << ms << " ms）" << std::endl;
  app.start_maintenance();
  // Room for many connections: the soft descriptor limit up to the hard one (at most 65,536);
  // the connection limit is what it leaves less a reserve (http/server.h).
  if (rlimit rl{}; ::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, 65536);
    (void)::setrlimit(RLIMIT_NOFILE, &rl);
  }
  http::ServerOptions so;
  so.address = address;
  so.port = static_cast<unsigned short>(port);
  so.worker_threads = workers;
  so.limits = limits;
  so.largest_body_limit = app.largest_upload_limit();
  so.body_limit_for = [&app, fallback = so.body_limit](std::string_view method, std::string_view target) {
    return app.body_limit_for(method, target, fallback);
  };
  http::Server server(so, [&app](http::Request& r, http::Responder respond, http::Defer defer) {
    app.dispatch_async(r, std::move(respond), std::move(defer));
  });
  auto bound = server.start();
  if (!bound.ok()) return fail(bound.status());
  std::cout << "mamori: http://" << address << ":" << *bound << "/ で待ち受けています（Ctrl+C で停止）" << std::endl;
  server.wait_for_signal();
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  // Everything this process creates (databases, exports, reports, logs, job results) is for
  // the server's user only; files that must be private are also created 0600 explicitly.
  ::umask(077);
  CLI::App cli{"mamori — 地方公共団体の情報セキュリティ対策調査 / local-government cybersecurity survey platform"};
  cli.require_subcommand(1);
  std::string db = "mamori.db", catalog = "catalog", bodies = "../shared/data/localgov/000925835.xlsx";
  std::string store_text;
  int pool = 16;
  cli.add_option("--store", store_text,
                 "where the data lives: sqlite:PATH or postgres:CONNINFO (a postgresql:// URI too); "
                 "default: $MAMORI_STORE, else the SQLite file of --db");
  cli.add_option("--db", db, "SQLite database file (when --store is not given)")->capture_default_str();
  cli.add_option("--pool", pool, "PostgreSQL connections of this process")->capture_default_str();
  AppOptions app_opts;
  cli.add_flag("--access-log", app_opts.access_log, "a JSON log line on stderr for every request (with its request id)");
  cli.add_option("--trusted-proxy", app_opts.trusted_proxies,
                 "address of a reverse proxy (as this server sees it) whose X-Forwarded-For names the client, for "
                 "the sign-in limits per client address; repeat for each proxy (default: none, the peer is the client)");
  std::string job_files;
  cli.add_option("--job-files", job_files,
                 "folder for job results (batch ZIPs): shared by every node serving one database; "
                 "default $MAMORI_JOB_FILES, else the temporary folder");
  cli.add_option("--catalog", catalog, "catalogue folder")->capture_default_str();
  cli.add_option("--measures", app_opts.measures_dir,
                 "folder of the measure bank and the survey mappings (docs/MEASURES.md); default: measures/ beside the catalogue folder");
  std::string web = "web/dist";
  cli.add_option("--web", web, "built front end served at /")->capture_default_str();
  io::SmtpConfig smtp{.from = "noreply@mamori.example"};
  cli.add_option("--smtp-host", smtp.host, "SMTP relay for e-mail (reminders, invitations, resets; none: in-app only)");
  cli.add_option("--smtp-port", smtp.port, "SMTP relay port")->capture_default_str();
  cli.add_option("--smtp-from", smtp.from, "sender address of the e-mails")->capture_default_str();
  std::string smtp_tls = "starttls", smtp_password_file;
  cli.add_option("--smtp-tls", smtp_tls,
                 "starttls (required, refused if the relay does not offer it), tls (implicit, port 465) or none "
                 "(plain, only to a relay on this machine)")
      ->check(CLI::IsMember({"starttls", "tls", "none"}))
      ->capture_default_str();
  cli.add_option("--smtp-user", smtp.username, "user name for SMTP AUTH (none: no AUTH)");
  cli.add_option("--smtp-password-file", smtp_password_file, "file holding the SMTP AUTH password (its first line)");
  cli.add_option("--smtp-ca-file", smtp.ca_file, "PEM file of the CAs that sign the relay's certificate (default: the system's)");
  std::string secret_key_file;
  cli.add_option("--secret-key-file", secret_key_file,
                 "file holding the key (64 hex characters) that seals second-factor secrets at rest; default: "
                 "<database>.secret-key beside a SQLite database, created when missing; required with PostgreSQL "
                 "(every node the same file); default also $MAMORI_SECRET_KEY_FILE");
  cli.add_flag("--behind-tls", app_opts.secure_cookies,
               "the server is reached over HTTPS (a TLS proxy): the session cookie is __Host- and Secure, and "
               "Strict-Transport-Security is sent");
  int idle_minutes = 30;
  cli.add_option("--idle-timeout", idle_minutes, "minutes a session may stay unused before it ends")->capture_default_str();
  cli.add_option("--public-url", app_opts.public_url, "the address people open mamori at, for links in e-mails")
      ->capture_default_str();

  int publication_hours = 0;
  cli.add_option("--publication-check-hours", publication_hours,
                 "fetch each published 方針's page again every N hours and record what changed "
                 "(docs/POLICIES.md; 0: only when a body asks)")
      ->capture_default_str();
  cli.add_option("--publication-allow-address", app_opts.publication.allowed_private,
                 "a private, loopback or link-local address the publication check may fetch from all the same "
                 "(as 10.0.0.5 or ::1; repeat for each); by default only public addresses");

  std::string node;
  cli.add_option("--node", node,
                 "this node's name on the jobs it runs (default: the host name); each node serving one database "
                 "needs its own, as a node abandons its unfinished jobs when it starts");

  auto* init = cli.add_subcommand("init", "create the database and load the official list of bodies");
  init->add_option("--bodies", bodies, "official body list (xlsx)")->capture_default_str();

  auto* migrate_cmd = cli.add_subcommand(
      "migrate", "bring the database's schema to this mamori's version (every command does it when it opens the database)");

  std::string backup_to, restore_from;
  bool restore_force = false;
  std::string copy_from, copy_to;
  auto* migrate_store_cmd = cli.add_subcommand(
      "migrate-store", "copy everything from a SQLite database into an empty PostgreSQL database, then check it");
  migrate_store_cmd->add_option("--from", copy_from, "sqlite:PATH")->required();
  migrate_store_cmd->add_option("--to", copy_to, "postgres:CONNINFO")->required();
  auto* backup_cmd = cli.add_subcommand(
      "backup", "copy the database into a new file, consistent while the server writes (never overwrites a file)");
  backup_cmd->add_option("--to", backup_to, "the backup file to create")->required();
  auto* restore_cmd = cli.add_subcommand(
      "restore", "copy a backup into the database (stop the server first); refuses a database with data unless --force");
  restore_cmd->add_option("--from", restore_from, "the backup file")->required();
  restore_cmd->add_flag("--force", restore_force, "replace a database that holds data");

  std::string address = "127.0.0.1";
  int port = 8080, workers = 64;
  auto* serve_cmd = cli.add_subcommand("serve", "run the HTTP server");
  serve_cmd->add_option("--address", address)->capture_default_str();
  serve_cmd->add_option("--port", port)->capture_default_str();
  serve_cmd->add_option("--workers", workers, "handler threads")->capture_default_str();
  http::ConnectionLimits limits;
  serve_cmd->add_option("--max-connections", limits.max_connections,
                        "open connections at once (default 0: the descriptor limit less 256)")->capture_default_str();
  serve_cmd->add_option("--max-connections-per-address", limits.max_per_address,
                        "open connections from one address (trusted proxies have no limit)")->capture_default_str();

  auto* user = cli.add_subcommand("user", "manage users");
  auto* user_add = user->add_subcommand("add", "add a user (password read from stdin, or generated and printed)");
  user->require_subcommand(1);
  std::string login, name, role, body, expires;
  user_add->add_option("--login", login)->required();
  user_add->add_option("--name", name)->required();
  user_add
      ->add_option(
          "--role", role,
          "national_admin | prefecture_supporter | body_respondent | body_approver | body_viewer | partner_analyst")
      ->required();
  user_add->add_option("--body", body, "body code (for body roles)");
  user_add->add_option("--expires", expires, "last day of validity, YYYY-MM-DD in Japan time (auditors)");
  std::string email;
  user_add->add_option("--email", email, "where e-mail reminders go (body users)");
  std::string ministry;
  user_add->add_option("--ministry", ministry, "a partner analyst's ministry: ppc | nco");
  bool password_stdin = false;
  user_add->add_flag("--password-stdin", password_stdin, "read the password from stdin");

  auto* user_passwd = user->add_subcommand("passwd", "set a user's password (read from stdin, or generated and printed)");
  user_passwd->add_option("--login", login)->required();
  user_passwd->add_flag("--password-stdin", password_stdin, "read the password from stdin");

  auto* policy_table_cmd = cli.add_subcommand(
      "policy-table", "print the access-policy matrix (Markdown) generated from the route table, as docs/SECURITY.md holds it");
  auto* totp_cmd = cli.add_subcommand("totp", "print the current second-factor code of a TOTP secret (the demo's accounts)");
  std::string totp_secret;
  totp_cmd->add_option("secret", totp_secret, "the base32 secret the demo printed")->required();

  auto* audit_cmd = cli.add_subcommand("audit", "the audit trail");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "check the audit trail's hash chain from its first entry; names the first altered, inserted or deleted entry");
  std::string expect_head;
  audit_verify->add_option("--expect-head", expect_head,
                           "SEQ:HASH printed by an earlier verify and kept elsewhere: also catches a removed tail");

  auto* bodies_cmd = cli.add_subcommand("bodies", "maintain the master of bodies");
  bodies_cmd->require_subcommand(1);
  auto* bodies_import =
      bodies_cmd->add_subcommand("import", "import unions, independent agencies and attributes from CSV (UTF-8)");
  std::string csv_path;
  bodies_import
      ->add_option("file", csv_path,
                   "CSV file: code,name_ja,name_kana,type,core_city,network_model,population_band,members")
      ->required();

  auto* bodies_export = bodies_cmd->add_subcommand(
      "export", "write one body's own data, complete, as its JSON document (docs/BODY_EXPORT.md)");
  std::string export_code, export_path;
  bodies_export->add_option("code", export_code, "the body's code (6 digits)")->required();
  bodies_export->add_option("--out", export_path, "file to write (a new file, 0600)")->required();
  auto* bodies_restore = bodies_cmd->add_subcommand(
      "restore", "restore a body's data from its JSON document into a database that holds no response of the body");
  std::string restore_path;
  bodies_restore->add_option("file", restore_path, "the JSON document (GET /api/bodies/{code}/export.json)")->required();

  auto* demo = cli.add_subcommand("demo", "load demo data into a new database, then serve it");
  demo->add_option("--bodies", bodies, "official body list (xlsx)")->capture_default_str();
  demo->add_option("--address", address)->capture_default_str();
  demo->add_option("--port", port)->capture_default_str();
  bool no_serve = false, reset = false, fast_hash = false;
  demo->add_flag("--no-serve", no_serve, "load only, do not start the server");
  demo->add_flag("--reset", reset, "delete everything the store holds first (the SQLite file, or the PostgreSQL tables)");
  demo->add_flag("--fast-hash", fast_hash, "cheapest password hashing (tests and benchmarks only)");

  CLI11_PARSE(cli, argc, argv);

  if (store_text.empty()) {
    const char* env = std::getenv("MAMORI_STORE");
    store_text = env && *env ? env : "sqlite:" + db;
  }
  auto where = store::parse_store_location(store_text);
  if (!where.ok()) return fail(where.status());
  if (secret_key_file.empty())
    if (const char* env = std::getenv("MAMORI_SECRET_KEY_FILE"); env && *env) secret_key_file = env;
  const store::StoreOptions store_options{.pg_pool = pool};

  // Backup and restore work on the files alone: nothing is opened or migrated first.
  if (*migrate_store_cmd) {
    auto from = store::parse_store_location(copy_from);
    if (!from.ok()) return fail(from.status());
    auto to = store::parse_store_location(copy_to);
    if (!to.ok()) return fail(to.status());
    if (from->is_postgres() || !to->is_postgres())
      return fail(Status::InvalidArgument("migrate_direction"));
    std::cout << from->display() << " → " << to->display() << std::endl;
    auto copied = store::copy_sqlite_to_postgres(from->target, to->target,
                                                 [](const std::string& line) { std::cout << line << std::endl; });
    audit_file_command(*to, store_options, "cli.migrate_store", from->display(), copied.status());
    if (!copied.ok()) return fail(copied.status());
    int64_t rows = 0;
    for (const auto& c : *copied) {
      std::cout << "  " << c.table << ": " << c.rows << " 行 / rows, SHA-256 " << c.checksum.substr(0, 16) << "…\n";
      rows += c.rows;
    }
    std::cout << "移行しました: " << copied->size() << " 表、" << rows
              << " 行。行数と内容のチェックサムは移行元と一致しています。 / copied and checked\n";
    return 0;
  }
  if (*backup_cmd && where->is_postgres()) {
    auto r = store::postgres::backup_database(where->target, backup_to);
    audit_file_command(*where, store_options, "cli.backup", backup_to, r.status());
    if (!r.ok()) return fail(r.status());
    std::cout << "バックアップ " << backup_to << " を作成しました（pg_dump 形式、" << r->bytes << " バイト、スキーマ版 "
              << r->schema_version << "）。 / backup written\n";
    return 0;
  }
  if (*restore_cmd && where->is_postgres()) {
    auto r = store::postgres::restore_database(restore_from, where->target, restore_force, where->display());
    audit_file_command(*where, store_options, "cli.restore", restore_from, r.status());
    if (!r.ok()) return fail(r.status());
    std::cout << "バックアップ " << restore_from << " を " << where->display() << " に復元しました（スキーマ版 "
              << r->schema_version << "）。 / restored\n";
    return 0;
  }
  if (!where->is_postgres()) db = where->target;  // the SQLite file, whichever option named it
  if (*backup_cmd) {
    auto r = store::sqlite::backup_database(db, backup_to);
    audit_file_command(*where, store_options, "cli.backup", backup_to, r.status());
    if (!r.ok()) return fail(r.status());
    std::cout << "バックアップ " << backup_to << " を作成しました（" << r->pages << " ページ、" << r->bytes
              << " バイト、スキーマ版 " << r->schema_version << "）。 / backup written\n";
    return 0;
  }
  if (*restore_cmd) {
    auto r = store::sqlite::restore_database(restore_from, db, restore_force);
    audit_file_command(*where, store_options, "cli.restore", restore_from, r.status());
    if (!r.ok()) return fail(r.status());
    std::cout << "バックアップ " << restore_from << " を " << db << " に復元しました（" << r->pages
              << " ページ、スキーマ版 " << r->schema_version << "）。 / restored\n";
    return 0;
  }

  if (*totp_cmd) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    const std::string code = auth::totp_code(totp_secret, auth::totp_step(now.count()));
    if (code.empty()) return fail(Status::InvalidArgument("bad_totp_secret"));
    std::cout << code << "\n";
    return 0;
  }
  if (*demo && reset) {
    if (Status s = store::erase_store(*where, store_options); !s.ok()) return fail(s);
  }
  // Only a serving node owns jobs. Any other command gets a name of its own, so that the
  // JobRunner it builds (which abandons its node's unfinished jobs at start and stop) never
  // fails the jobs of a server running on this host.
  const bool serving = *serve_cmd || (*demo && !no_serve);
  if (!serving) node = "cli-" + std::to_string(::getpid());
  if (job_files.empty())
    if (const char* env = std::getenv("MAMORI_JOB_FILES"); env && *env) job_files = env;
  if (!job_files.empty() && !std::filesystem::is_directory(job_files))
    return fail(Status::NotFound("job_files_missing", {{"path", job_files}}));
  app_opts.database = store_text;
  app_opts.pg_pool = pool;
  app_opts.catalog_dir = catalog;
  app_opts.web_root = web;
  smtp.tls = *io::parse_smtp_tls(smtp_tls);
  if (!smtp_password_file.empty()) {
    std::ifstream in(smtp_password_file);
    if (!in) return fail(Status::NotFound("file_unreadable", {{"path", smtp_password_file}}));
    std::getline(in, smtp.password);
  }
  if (Status s = io::validate_smtp_config(smtp); !s.ok()) return fail(s);
  app_opts.smtp = smtp;
  app_opts.node = node;
  app_opts.job_files_dir = job_files;
  if (idle_minutes < 1 || idle_minutes > 24 * 60) return fail(Status::InvalidArgument("bad_idle_timeout"));
  app_opts.idle_timeout = std::chrono::minutes(idle_minutes);
  if (publication_hours < 0 || publication_hours > 24 * 365)
    return fail(Status::InvalidArgument("bad_publication_check_hours"));
  app_opts.publication_check_every = std::chrono::hours(publication_hours);
  if (fast_hash) app_opts.hash_cost = auth::HashCost::kMinimum;
  {
    auto key = secret_key(secret_key_file, db, where->is_postgres(), serving || *demo);
    if (!key.ok()) return fail(key.status());
    app_opts.secret_key_hex = *key;
  }
  auto app = App::Create(app_opts);
  if (!app.ok()) return fail(app.status());
  if (*policy_table_cmd) {
    std::cout << kPolicyTableBegin << "\n" << access_policy_markdown((*app)->routes()) << kPolicyTableEnd << "\n";
    return 0;
  }
  if (*audit_verify) {
    int64_t head_seq = 0;
    std::string head_hash;
    if (!expect_head.empty()) {
      auto colon = expect_head.find(':');
      if (colon == std::string::npos || colon == 0 || expect_head.find_first_not_of("0123456789") != colon)
        return fail(Status::InvalidArgument("bad_expect_head"));
      head_seq = std::stoll(expect_head.substr(0, colon));
      head_hash = expect_head.substr(colon + 1);
    }
    auto check = verify_chain((*app)->store().audit(), head_seq, head_hash);
    if (!check.ok()) return fail(check.status());
    audit_command(**app, "cli.audit_verify", "", check->intact() ? Status::Ok() : Status::FailedPrecondition("audit_chain_broken"));
    if (!check->intact()) {
      std::cerr << "監査ログの連鎖が壊れています: エントリ " << check->first_bad << " (" << check->problem
                << ") / the audit trail is broken: " << describe(*check) << "\n";
      return 2;
    }
    std::cout << "監査ログは完全です: " << check->entries << " 件 / the audit trail is intact: " << check->entries
              << " entries\nhead " << check->head_seq << ":" << check->head_hash << "\n";
    return 0;
  }

  if (*init) {
    auto list = io::load_official_body_list(bodies);
    if (!list.ok()) return fail(list.status());
    auto n = import_official_bodies((*app)->store().bodies(), std::move(*list));
    if (!n.ok()) return fail(n.status());
    audit_command(**app, "cli.init", bodies, Status::Ok());
    std::cout << "データベース " << where->display() << " を準備し、団体 " << *n << " 件を登録しました（既存の団体の属性は保持）。\n";
    return 0;
  }
  if (*migrate_cmd) {
    // open_app has applied every migration (all or nothing) or refused a newer database.
    auto version = store::stored_schema_version(*where, store_options);
    audit_command(**app, "cli.migrate", where->display(), version.status());
    if (!version.ok()) return fail(version.status());
    std::cout << "データベース " << where->display() << " はスキーマ版 " << *version << "（この mamori の最新）です。 / schema version "
              << *version << " (this mamori's newest)\n";
    return 0;
  }
  // The trusted proxies carry every client's connections: no per-address limit for them.
  limits.unlimited = app_opts.trusted_proxies;
  if (*serve_cmd) return serve(**app, address, port, workers, limits);
  if (*user_passwd) {
    auto cred = (*app)->store().users().find_credentials(login);
    if (!cred.ok()) return fail(Status::NotFound("no_such_login", {{"login", login}}));
    std::string password;
    if (password_stdin) std::getline(std::cin, password);
    else password = auth::random_token(9);
    if (Status s = auth::check_new_password(password, {login, cred->user.display_name, ""}); !s.ok()) return fail(s);
    auto hash = auth::hash_password(password);
    if (!hash.ok()) return fail(hash.status());
    // A password someone else set: its owner changes it at the next sign-in.
    Status set = (*app)->store().users().set_password(cred->user.id, *hash, true);
    audit_command(**app, "cli.user_passwd", login, set);
    if (!set.ok()) return fail(set);
    std::cout << "利用者 " << login << " のパスワードを変更しました。";
    if (!password_stdin) std::cout << " 新しいパスワード: " << password;
    std::cout << "\n";
    return 0;
  }
  if (*bodies_import) {
    std::ifstream in(csv_path, std::ios::binary);
    if (!in) return fail(Status::NotFound("file_unreadable", {{"path", csv_path}}));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto n = import_bodies_csv((*app)->store().bodies(), text);
    audit_command(**app, "cli.bodies_import", csv_path, n.status());
    if (!n.ok()) return fail(n.status());
    std::cout << "団体 " << *n << " 件を登録・更新しました。\n";
    return 0;
  }
  if (*bodies_export) {
    auto doc = (*app)->body_exports().json_document(export_code, "cli");
    Status st = doc.status();
    if (doc.ok()) st = write_new_file(export_path, *doc);
    audit_command(**app, "cli.bodies_export", export_code, st);
    if (!st.ok()) return fail(st);
    std::cout << "団体 " << export_code << " のデータを " << export_path << " に書き出しました。\n";
    return 0;
  }
  if (*bodies_restore) {
    std::ifstream in(restore_path, std::ios::binary);
    if (!in) return fail(Status::NotFound("file_unreadable", {{"path", restore_path}}));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = (*app)->body_exports().restore(text);
    audit_command(**app, "cli.bodies_restore", restore_path, r.status());
    if (!r.ok()) return fail(r.status());
    std::cout << "復元しました: 回答 " << r->responses << " 件、設問への回答 " << r->answers << " 件、履歴 " << r->history_rows
              << " 件、ワークフロー " << r->events << " 件（新しく作った調査 " << r->campaigns_created
              << " 件、サインインできない名前だけの利用者 " << r->people_created << " 人" << (r->body_created ? "、団体も登録" : "")
              << "）。 / restored " << r->responses << " responses, " << r->answers << " answers, " << r->history_rows
              << " history rows, " << r->events << " workflow events\n";
    return 0;
  }
  if (*user_add) {
    auto r = parse_role(role);
    if (!r)
      return fail(Status::InvalidArgument("bad_role", {{"role", role}}));
    if (Status s = auth::check_roles_for_body({*r}, body, ministry); !s.ok()) return fail(s);
    std::string password;
    if (password_stdin)
      std::getline(std::cin, password);
    else
      password = auth::random_token(9);
    if (Status s = auth::check_new_password(password, {login, name, ""}); !s.ok()) return fail(s);
    auto hash = auth::hash_password(password);
    if (!hash.ok()) return fail(hash.status());
    User u{.login = login, .display_name = name, .body_code = body, .roles = {*r}, .email = email, .ministry = ministry};
    u.must_change_password = true;  // an initial password: changed at the first sign-in
    if (!email.empty() && (email.find('@') == std::string::npos || email.find_first_of(" \t\r\n<>,") != std::string::npos))
      return fail(Status::InvalidArgument("bad_email"));
    if (!expires.empty()) {
      if (!is_iso_date(expires))
        return fail(Status::InvalidArgument("bad_expiry"));
      u.expires_at = expires + "T15:00:00.000Z";  // the end of that day in Japan (UTC+9)
    }
    auto id = (*app)->store().users().create_user(u, *hash);
    audit_command(**app, "cli.user_add", login, id.status());
    if (!id.ok()) return fail(id.status());
    std::cout << "利用者 " << login << "（id " << *id << "）を登録しました。";
    if (!password_stdin) std::cout << " 初期パスワード: " << password;
    std::cout << "\n";
    return 0;
  }
  if (*demo) {
    auto result = load_demo(**app, bodies, std::cout, fast_hash);
    audit_command(**app, "cli.demo", bodies, result.status());
    if (!result.ok()) return fail(result.status());
    std::string accounts_file = (where->is_postgres() ? std::string("mamori") : db) + ".demo-accounts.txt";
    std::ofstream out(accounts_file);
    std::filesystem::permissions(accounts_file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::cout << "\nデモ用アカウント（サンプルデータです / sample data）:\n";
    for (const auto& a : result->accounts) {
      std::cout << "  " << a.login << "  パスワード: " << a.password << "  役割: " << a.role
                << (a.body_code.empty() ? "" : "  団体: " + a.body_code + " " + a.body_name)
                << (a.totp_secret.empty() ? "" : "  二要素の秘密 / TOTP secret: " + a.totp_secret) << "\n";
      out << a.login << " " << a.password << (a.totp_secret.empty() ? "" : " " + a.totp_secret) << "\n";
    }
    std::cout << "（" << accounts_file << " にも保存しました。二要素の秘密は認証アプリに手入力するか、"
                 "oathtool --totp -b SECRET でコードを得られます / enter a TOTP secret in an authenticator app, "
                 "or get a code with oathtool --totp -b SECRET）\n";
    out.close();
    if (no_serve) return 0;
    return serve(**app, address, port, workers, limits);
  }
  return 0;
}
catch (const std::exception& e) {
  std::cerr << "エラー: 予期しない例外が発生しました / unexpected exception: " << e.what() << "\n";
  return 1;
}
