// Reminders by e-mail (POST /api/campaigns/{id}/reminders with an SMTP relay configured):
// one mail per selected body to its users' addresses, through a local SMTP sink on
// loopback; a refusing or absent relay is reported and never undoes the in-app notices.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <thread>

#include "io/smtp_client.h"
#include "smtp_sink.h"
#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

// Plain SMTP to the sink on loopback (STARTTLS and AUTH: smtp_client_test.cpp).
io::SmtpConfig relay(int port) {
  return io::SmtpConfig{.host = "127.0.0.1", .port = port, .from = "noreply@mamori.example", .tls = io::SmtpTls::kNone, .timeout_seconds = 5};
}

class ReminderMailTest : public ::testing::Test {
 protected:
  json::value remind(TestEnv& env, const std::string& codes, int expect_status = 200) {
    Session admin = env.sign_in("demo-admin");
    auto r = env.request("POST", "/api/campaigns/" + std::to_string(env.demo().current_campaign) + "/reminders",
                         R"({"body_codes":)" + codes + R"(,"message":"回答期限が近づいています。未提出の項目を確認してください。"})",
                         &admin);
    EXPECT_EQ(r.status, expect_status) << r.body;
    return json::parse(r.body);
  }
  json::value wait(TestEnv& env, const json::value& job) {
    Session admin = env.sign_in("demo-admin");
    json::value j = job;
    for (int i = 0; i < 300 && j.at("state").as_string() == "running"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      j = json::parse(env.request("GET", "/api/jobs/" + std::to_string(job.at("id").as_int64()), "", &admin).body);
    }
    return j;
  }
};

TEST_F(ReminderMailTest, EachSelectedBodyGetsOneMailToItsUsersInJapanese) {
  SmtpSink sink;
  TestEnv env(2025, relay(sink.port()));
  // 札幌市 has three demo users with addresses (the auditor gets none), 北海道 one, 函館市 none.
  json::value out = remind(env, R"(["011002","010006","012025"])");
  EXPECT_EQ(out.at("sent").as_int64(), 3);
  EXPECT_EQ(out.at("mail").at("bodies").as_int64(), 2);
  json::value job = wait(env, out.at("mail").at("job"));
  EXPECT_EQ(job.at("state").as_string(), "done") << json::serialize(job);
  EXPECT_EQ(job.at("done").as_int64(), 2);

  auto mails = sink.mails();
  ASSERT_EQ(mails.size(), 2u);
  const SunkMail& sapporo = mails[0].rcpt.size() == 2 ? mails[0] : mails[1];
  const SunkMail& hokkaido = mails[0].rcpt.size() == 2 ? mails[1] : mails[0];
  EXPECT_EQ(sapporo.rcpt, (std::vector<std::string>{"demo-respondent@mamori.example", "demo-approver@mamori.example"}));
  EXPECT_EQ(hokkaido.rcpt, std::vector<std::string>{"demo-prefecture@mamori.example"});
  EXPECT_EQ(header(sapporo.data, "From"), "noreply@mamori.example");
  EXPECT_EQ(header(sapporo.data, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(decoded_subject(sapporo.data), "【mamori】お知らせ：令和8年度 地方公共団体における情報セキュリティ対策に関する調査");
  std::string body = decoded_body(sapporo.data);
  EXPECT_EQ(body.rfind("札幌市 ご担当者様\r\n", 0), 0u) << body;
  EXPECT_NE(body.find("回答期限が近づいています。未提出の項目を確認してください。"), std::string::npos);
  EXPECT_NE(body.find("回答期限：2027年1月29日"), std::string::npos) << body;
  EXPECT_EQ(decoded_body(hokkaido.data).rfind("北海道 ご担当者様\r\n", 0), 0u);
}

TEST_F(ReminderMailTest, RefusedRecipientsAreReportedByBodyAndTheNoticesStay) {
  SmtpSink sink({"demo-prefecture@mamori.example", "demo-approver@mamori.example"});
  TestEnv env(2025, relay(sink.port()));
  json::value out = remind(env, R"(["011002","010006"])");
  json::value job = wait(env, out.at("mail").at("job"));
  ASSERT_EQ(job.at("state").as_string(), "failed") << json::serialize(job);
  EXPECT_EQ(job.at("error").at("code").as_string(), "mail_failed");
  std::string msg(job.at("error").at("message_ja").as_string());
  EXPECT_NE(msg.find("2団体にメールを送れませんでした（札幌市のdemo-approver@mamori.example、北海道）"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("アプリ内のお知らせは届いています"), std::string::npos) << msg;
  // 札幌市's mail still went to the recipient the relay accepted.
  ASSERT_EQ(sink.mails().size(), 1u);
  EXPECT_EQ(sink.mails()[0].rcpt, std::vector<std::string>{"demo-respondent@mamori.example"});
  Session pref = env.sign_in("demo-prefecture");
  auto notices = json::parse(env.request("GET", "/api/me/notifications", "", &pref).body);
  EXPECT_EQ(notices.at("notifications").as_array().size(), 1u);
}

TEST_F(ReminderMailTest, AnAbsentRelayFailsTheMailJobNotTheReminder) {
  int closed_port;
  {
    SmtpSink gone;
    closed_port = gone.port();
  }
  TestEnv env(2025, relay(closed_port));
  json::value out = remind(env, R"(["011002"])");
  EXPECT_EQ(out.at("sent").as_int64(), 1);
  json::value job = wait(env, out.at("mail").at("job"));
  EXPECT_EQ(job.at("state").as_string(), "failed");
  EXPECT_EQ(job.at("error").at("code").as_string(), "mail_failed");
}

TEST_F(ReminderMailTest, WithoutSmtpTheReminderIsInAppOnly) {
  TestEnv env;
  json::value out = remind(env, R"(["011002"])");
  EXPECT_EQ(out.at("sent").as_int64(), 1);
  EXPECT_TRUE(out.at("mail").is_null());
}

}  // namespace
}  // namespace mamori::test
