// Two application nodes behind nginx on one PostgreSQL database (issue 11): two `mamori
// serve` processes and an nginx balancing between them, all on loopback. A session made on
// one node works on the other; a save through one is read through the other; a batch job
// started on one is downloaded from the other (the job-files folder they share); a
// submission through one moves the figures read through the other; and when one node is
// killed with SIGKILL during an autosave load through nginx, the other keeps serving and
// every save that was acknowledged is in the database.
//
// Runs in the PostgreSQL pass only (two_nodes_test_pg); every wait is bounded.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "io/catalog_loader.h"
#include "store/postgres/pg_scratch.h"
#include "child_process.h"
#include "store/store_location.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// One writer of the autosave load: saves one question again and again through nginx,
// alternating its yes/no value, and keeps what was acknowledged.
struct Writer {
  std::string qid;
  std::vector<std::pair<int64_t, std::string>> acknowledged;  // (version, value)
  int after_kill = 0;
};

class TwoNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!TestEnv::on_postgres()) GTEST_SKIP() << "two nodes share a PostgreSQL database (two_nodes_test_pg)";
    if (!std::filesystem::exists(kNginx)) {
      if (store::postgres::tests_run_in_ci()) FAIL() << kNginx << " is missing";
      GTEST_SKIP() << "nginx is not installed";
    }
    db_ = TestEnv::demo_database();
    dir_ = std::filesystem::temp_directory_path() / ("mamori-nodes-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "files");
    std::filesystem::create_directories(dir_ / "nginx");
    for (int i = 0; i < 2; ++i) {
      ports_[i] = free_port();
      const std::string name = "node" + std::to_string(i + 1);
      nodes_[i] = std::make_unique<Child>(
          std::vector<std::string>{MAMORI_BINARY, "--store", db_->store, "--secret-key-file", db_->key_file, "--catalog",
                                   std::string(MAMORI_SOURCE_DIR) + "/catalog", "--web",
                                   std::string(MAMORI_SOURCE_DIR) + "/web/dist", "--job-files",
                                   (dir_ / "files").string(), "--node", name, "--pool", "8", "--trusted-proxy",
                                   "127.0.0.1", "serve", "--address",
                                   "127.0.0.1", "--port", std::to_string(ports_[i])},
          (dir_ / (name + ".log")).string());
      ASSERT_TRUE(nodes_[i]->started());
    }
    for (int i = 0; i < 2; ++i)
      ASSERT_TRUE(answers(ports_[i], "/api/ready", 120s)) << slurp((dir_ / ("node" + std::to_string(i + 1) + ".log")).string());
    // nginx in front: round robin over both; a node that refuses connections is skipped.
    front_ = free_port();
    const std::string n = (dir_ / "nginx").string();
    std::ofstream(n + "/nginx.conf")
        << "daemon off; worker_processes 1; pid " << n << "/nginx.pid; error_log " << n << "/error.log;\n"
        << "events { worker_connections 1024; }\n"
        << "http {\n  access_log off;\n"
        << "  client_body_temp_path " << n << "/body; proxy_temp_path " << n << "/proxy;\n"
        << "  fastcgi_temp_path " << n << "/fcgi; uwsgi_temp_path " << n << "/uwsgi; scgi_temp_path " << n << "/scgi;\n"
        << "  upstream mamori {\n    server 127.0.0.1:" << ports_[0] << " max_fails=1 fail_timeout=10s;\n"
        << "    server 127.0.0.1:" << ports_[1] << " max_fails=1 fail_timeout=10s;\n  }\n"
        << "  server {\n    listen 127.0.0.1:" << front_ << ";\n    client_max_body_size 2m;\n"
        << "    location / {\n      proxy_pass http://mamori;\n      proxy_http_version 1.1;\n"
        << "      proxy_set_header Connection \"\";\n      proxy_set_header X-Request-Id $request_id;\n"
        << "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        << "      proxy_connect_timeout 2s;\n      proxy_next_upstream error timeout;\n"
        << "      proxy_max_temp_file_size 0;\n    }\n  }\n}\n";
    nginx_ = std::make_unique<Child>(std::vector<std::string>{kNginx, "-p", n, "-c", n + "/nginx.conf"},
                                     (dir_ / "nginx.log").string());
    ASSERT_TRUE(answers(front_, "/api/health", 30s))
        << slurp(n + "/error.log") << slurp((dir_ / "nginx.log").string()) << slurp(n + "/nginx.conf");
  }
  void TearDown() override {
    nginx_.reset();
    for (auto& n : nodes_) n.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  Session sign_in(unsigned short port, const std::string& login) {
    return sign_in_to(port, login, db_->password(login), db_->totp_secret(login));
  }
  json::value get(unsigned short port, const std::string& path, const Session& s) {
    auto r = request_to(port, "GET", path, "", &s);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.status == 200 ? json::parse(r.body) : json::value();
  }

  static constexpr const char* kNginx = "/usr/sbin/nginx";
  std::unique_ptr<DemoDatabase> db_;
  std::filesystem::path dir_;
  unsigned short ports_[2] = {0, 0};
  unsigned short front_ = 0;
  std::unique_ptr<Child> nodes_[2];
  std::unique_ptr<Child> nginx_;
};

TEST_F(TwoNodes, NodesShareSessionsSavesJobsAndFiguresAndOneSurvivesTheOtherKilled) {
  const unsigned short one = ports_[0], two = ports_[1];
  // A session made on one node works on the other.
  Session respondent = sign_in(one, "demo-respondent");
  auto me = request_to(two, "GET", "/api/session", "", &respondent);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body).at("user").at("login").as_string(), "demo-respondent");

  // A save through one node is read through the other.
  const int64_t campaign = db_->demo.current_campaign;
  int64_t rid = 0;
  const json::value mine = get(two, "/api/me/responses", respondent);
  for (const auto& r : mine.at("responses").as_array())
    if (r.at("campaign_id").as_int64() == campaign) rid = r.at("id").as_int64();
  ASSERT_GT(rid, 0);
  const std::string base = "/api/responses/" + std::to_string(rid);
  const std::string probe = "c1-ciso-appointed";
  const int64_t v0 = answer_in(get(one, base, respondent), probe).at("version").as_int64();
  auto saved = request_to(one, "PUT", base + "/answers/" + probe,
                          R"({"version":)" + std::to_string(v0) + R"(,"value":"no"})", &respondent);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto seen = answer_in(get(two, base, respondent), probe);
  EXPECT_EQ(seen.at("value"), json::value("no"));
  EXPECT_EQ(seen.at("version").as_int64(), v0 + 1);
  auto back = request_to(two, "PUT", base + "/answers/" + probe,
                         R"({"version":)" + std::to_string(v0 + 1) + R"(,"value":"yes"})", &respondent);
  ASSERT_EQ(back.status, 200) << back.body;

  // A batch job started through one node is polled and downloaded through the other.
  Session admin_one = sign_in(one, "demo-admin");
  Session admin_two = sign_in(two, "demo-admin");
  auto started = request_to(one, "POST", "/api/campaigns/" + std::to_string(db_->demo.previous_campaign) +
                                             "/feedback-reports",
                            R"({"prefecture":"31"})", &admin_one);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job = std::to_string(json::parse(started.body).at("job").at("id").as_int64());
  std::string state;
  for (auto until = std::chrono::steady_clock::now() + 300s; std::chrono::steady_clock::now() < until;) {
    auto j = json::parse(request_to(two, "GET", "/api/jobs/" + job, "", &admin_two).body);
    state = std::string(j.at("state").as_string());
    if (state != "running") break;
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(state, "done");
  auto zip = request_to(two, "GET", "/api/jobs/" + job + "/result", "", &admin_two);
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.substr(0, 2), "PK") << "a ZIP written by node 1, served by node 2";

  // A submission through one node moves the figures read through the other.
  {
    auto catalogs = io::load_catalogs(std::string(MAMORI_SOURCE_DIR) + "/catalog");
    ASSERT_TRUE(catalogs.ok());
    const Catalog* cat = catalogs->find("fy2026");
    ASSERT_NE(cat, nullptr);
    // The body as the demo stored it (sample_value() answers by its attributes).
    auto where = store::parse_store_location(db_->store);
    ASSERT_TRUE(where.ok());
    auto reader = store::open_store(*where, {.pg_pool = 1}, system_clock());
    ASSERT_TRUE(reader.ok());
    Body body = *(*reader)->bodies().get_body("011002");
    reader->reset();
    for (int n = 1; n <= static_cast<int>(cat->categories.size()); ++n) {
      complete_category(one, base, respondent, *cat, body, n);
      ASSERT_EQ(request_to(one, "POST", base + "/categories/" + std::to_string(n) + "/ready", R"({"ready":true})",
                           &respondent)
                    .status,
                200);
    }
    ASSERT_EQ(request_to(one, "POST", base + "/request-review", "", &respondent).status, 200);
    Session approver = sign_in(one, "demo-approver");
    ASSERT_EQ(request_to(one, "POST", base + "/submit", "", &approver).status, 200);
    bool counted = false;
    for (auto until = std::chrono::steady_clock::now() + 30s; !counted && std::chrono::steady_clock::now() < until;) {
      auto b = get(two, "/api/analytics/campaigns/" + std::to_string(campaign) + "/bodies?prefecture=01", admin_two);
      for (const auto& row : b.at("bodies").as_array())
        if (row.at("response_id").as_int64() == rid) counted = row.at("counted").as_bool();
      if (!counted) std::this_thread::sleep_for(100ms);
    }
    EXPECT_TRUE(counted) << "node 2 counts the submission made through node 1";
    // MIC returns it (through node 2), so the respondent can save again for the load below.
    ASSERT_EQ(request_to(two, "POST", base + "/national-return", R"({"comment":"負荷試験のため"})", &admin_two).status,
              200);
    for (int n = 1; n <= static_cast<int>(cat->categories.size()); ++n)
      ASSERT_EQ(request_to(two, "POST", base + "/categories/" + std::to_string(n) + "/ready", R"({"ready":false})",
                           &respondent)
                    .status,
                200);
  }

  // An autosave load through nginx; node 1 is killed with SIGKILL in the middle of it.
  std::vector<Writer> writers;
  const json::value before_load = get(two, base, respondent);
  for (const auto& a : before_load.at("answers").as_array()) {
    if (writers.size() == 4) break;
    const auto& v = a.at("value");
    if (a.at("visible").as_bool() && v.is_string() && (v.as_string() == "yes" || v.as_string() == "no") &&
        a.at("question_id").as_string() != probe)
      writers.push_back(Writer{std::string(a.at("question_id").as_string()), {}, 0});
  }
  ASSERT_EQ(writers.size(), 4u);
  std::atomic<bool> stop = false, killed = false;
  std::vector<std::thread> load;
  for (auto& w : writers)
    load.emplace_back([&, &w = w] {
      int64_t version = answer_in(get(front_, base, respondent), w.qid).at("version").as_int64();
      bool yes = false;
      while (!stop) {
        const std::string value = yes ? "yes" : "no";
        auto r = request_to(front_, "PUT", base + "/answers/" + w.qid,
                            R"({"version":)" + std::to_string(version) + R"(,"value":")" + value + R"("})",
                            &respondent);
        if (r.status == 200) {
          version = json::parse(r.body).at("version").as_int64();
          w.acknowledged.emplace_back(version, value);
          if (killed) ++w.after_kill;
          yes = !yes;
        } else {
          // A save cut off with its node (502) may still have committed: read the version again.
          auto view = request_to(front_, "GET", base, "", &respondent);
          if (view.status == 200) version = answer_in(json::parse(view.body), w.qid).at("version").as_int64();
          std::this_thread::sleep_for(20ms);
        }
      }
    });
  std::this_thread::sleep_for(1500ms);
  nodes_[0]->stop(SIGKILL);
  killed = true;
  std::this_thread::sleep_for(2500ms);
  stop = true;
  for (auto& t : load) t.join();

  EXPECT_EQ(request_to(front_, "GET", "/api/health").status, 200) << "nginx still serves through node 2";
  size_t total = 0, after = 0;
  for (const auto& w : writers) {
    total += w.acknowledged.size();
    after += static_cast<size_t>(w.after_kill);
  }
  std::cout << "two nodes: " << total << " saves acknowledged through nginx, " << after
            << " of them after node 1 was killed; every one checked in the answer history\n";
  for (const auto& w : writers) {
    EXPECT_GT(w.after_kill, 0) << w.qid << ": no save was acknowledged after node 1 was killed";
    ASSERT_FALSE(w.acknowledged.empty()) << w.qid;
    auto h = get(two, base + "/answers/" + w.qid + "/history", respondent);
    std::map<int64_t, std::string> stored;
    for (const auto& e : h.at("history").as_array())
      if (e.at("new").at("value").is_string())
        stored[e.at("version").as_int64()] = std::string(e.at("new").at("value").as_string());
    for (const auto& [version, value] : w.acknowledged)
      EXPECT_EQ(stored[version], value) << w.qid << " version " << version << " was acknowledged but is not stored";
  }
}

}  // namespace
}  // namespace mamori::test
