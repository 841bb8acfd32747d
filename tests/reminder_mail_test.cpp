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

io::SmtpConfig relay(int port) { return io::SmtpConfig{.host = "127.0.0.1", .port = port, .from = "noreply@mamori.example", .timeout_seconds = 5}; }

// The header value of `name` in a message, and its decoded base64 body.
std::string header(const std::string& data, const std::string& name) {
  auto at = data.find("\r\n" + name + ": ");
  if (data.rfind(name + ": ", 0) == 0) at = 0;
  else if (at == std::string::npos) return {};
  else at += 2;
  at += name.size() + 2;
  return data.substr(at, data.find("\r\n", at) - at);
}
std::string decoded_body(const std::string& data) { return base64_decode(data.substr(data.find("\r\n\r\n") + 4)); }
// The Subject header, unfolded, its encoded words (=?UTF-8?B?…?=) decoded and joined.
std::string decoded_subject(const std::string& data) {
  size_t at = data.find("Subject: ") + 9;
  std::string raw;
  for (size_t end; (end = data.find("\r\n", at)) != std::string::npos; at = end + 2) {
    raw += data.substr(at, end - at);
    if (data[end + 2] != ' ') break;
  }
  std::string out;
  for (size_t w = 0; (w = raw.find("=?UTF-8?B?", w)) != std::string::npos;) {
    size_t e = raw.find("?=", w + 10);
    out += base64_decode(raw.substr(w + 10, e - w - 10));
    w = e + 2;
  }
  return out;
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

TEST(SmtpClientTest, MessageIsBase64Utf8WithShortCrlfLines) {
  io::SmtpConfig c{.host = "127.0.0.1", .port = 25, .from = "noreply@mamori.example"};
  std::string subject = "【mamori】お知らせ：令和8年度 地方公共団体における情報セキュリティ対策に関する調査";
  io::Mail m{{"a@x.example", "b@x.example"}, subject, std::string(300, 'a') + "\n日本語の本文\n.\n"};
  std::string data = io::format_mail(c, m, "Sun, 22 Nov 2026 03:00:00 +0000", "1.2@mamori");
  EXPECT_EQ(header(data, "To"), "a@x.example,");  // folded: one address per line
  EXPECT_EQ(decoded_subject(data), subject);
  EXPECT_EQ(header(data, "Message-ID"), "<1.2@mamori>");
  // The text goes out with CRLF line ends (RFC 2045).
  EXPECT_EQ(decoded_body(data), std::string(300, 'a') + "\r\n日本語の本文\r\n.\r\n");
  // Every line, headers included, within 78 characters; every encoded word within 75.
  for (size_t at = 0; at < data.size();) {
    size_t end = data.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - at, 78u) << data.substr(at, end - at);
    at = end + 2;
  }
}

TEST(SmtpClientTest, AddressesWithLineBreaksAreRefusedBeforeConnecting) {
  SmtpSink sink;
  io::SmtpConfig c{.host = "127.0.0.1", .port = sink.port(), .from = "noreply@mamori.example"};
  Status st = io::send_mail(c, io::Mail{{"a@x.example\r\nRCPT TO:<evil@x.example>"}, "s", "b"}).status();
  EXPECT_EQ(st.error_code(), "smtp_failed");
  EXPECT_TRUE(sink.mails().empty());
}

}  // namespace
}  // namespace mamori::test
