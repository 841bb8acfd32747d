// The SMTP client (io/smtp_client.*, libcurl) against the loopback SMTP sink: the message
// format, STARTTLS and implicit TLS with a verified certificate, AUTH, refused recipients, and
// each way a relay can fail — no mail leaves in clear when TLS was asked for, and no password
// is sent to a relay that did not prove who it is.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "io/smtp_client.h"
#include "smtp_sink.h"

namespace mamori::test {
namespace {

io::SmtpConfig plain(int port) {
  return io::SmtpConfig{.host = "127.0.0.1", .port = port, .from = "noreply@mamori.example", .tls = io::SmtpTls::kNone,
                        .timeout_seconds = 5};
}
// A submission relay: STARTTLS, then AUTH as "mamori".
io::SmtpConfig submission(const SmtpSink& sink, const std::string& password = "relay secret phrase") {
  return io::SmtpConfig{.host = "127.0.0.1", .port = sink.port(), .from = "noreply@mamori.example",
                        .tls = io::SmtpTls::kStartTls, .username = "mamori", .password = password,
                        .ca_file = sink.ca_file(), .timeout_seconds = 5};
}
SinkOptions submission_sink(std::set<std::string> refuse = {}) {
  return SinkOptions{.refuse = std::move(refuse), .tls = SinkOptions::Tls::kStartTls, .user = "mamori",
                     .password = "relay secret phrase"};
}
std::string arg(const Status& s, const std::string& name) {
  for (const auto& [k, v] : s.args())
    if (k == name) return v;
  return "";
}
const io::Mail kMail{{"a@x.example", "b@x.example"}, "【mamori】招待", "本文\n"};

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
  io::SmtpConfig c = plain(sink.port());
  Status st = io::send_mail(c, io::Mail{{"a@x.example\r\nRCPT TO:<evil@x.example>"}, "s", "b"}).status();
  EXPECT_EQ(st.error_code(), "smtp_failed");
  EXPECT_TRUE(sink.mails().empty());
}

TEST(SmtpClientTest, StartTlsThenAuthCarriesTheMailOverTls) {
  SmtpSink sink(submission_sink());
  auto refused = io::send_mail(submission(sink), kMail);
  ASSERT_TRUE(refused.ok()) << refused.status().message_en();
  EXPECT_TRUE(refused->empty());
  ASSERT_EQ(sink.mails().size(), 1u);
  const SunkMail m = sink.mails()[0];
  EXPECT_TRUE(m.tls);
  EXPECT_EQ(m.auth_user, "mamori");
  EXPECT_EQ(m.rcpt, kMail.to);
  EXPECT_EQ(decoded_subject(m.data), "【mamori】招待");
  EXPECT_EQ(decoded_body(m.data), "本文\r\n");
  EXPECT_EQ(sink.auth_attempts(), std::vector<std::string>{"ok mamori"});
}

TEST(SmtpClientTest, ImplicitTlsCarriesTheMailOverTls) {
  SmtpSink sink(SinkOptions{.tls = SinkOptions::Tls::kImplicit});
  io::SmtpConfig c = plain(sink.port());
  c.tls = io::SmtpTls::kImplicit;
  c.ca_file = sink.ca_file();
  ASSERT_TRUE(io::send_mail(c, kMail).ok());
  ASSERT_EQ(sink.mails().size(), 1u);
  EXPECT_TRUE(sink.mails()[0].tls);
}

TEST(SmtpClientTest, ARelayThatDoesNotOfferStartTlsGetsNothing) {
  SmtpSink sink;  // plain only
  io::SmtpConfig c = plain(sink.port());
  c.tls = io::SmtpTls::kStartTls;
  auto sent = io::send_mail(c, kMail);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().error_code(), "smtp_failed");
  EXPECT_TRUE(sink.mails().empty()) << "the mail must not go out in clear";
}

TEST(SmtpClientTest, ARelayWhoseCertificateIsNotTrustedGetsNeitherPasswordNorMail) {
  SmtpSink sink(submission_sink());
  io::SmtpConfig c = submission(sink);
  c.ca_file.clear();  // the system's CAs do not know the sink's self-signed certificate
  auto sent = io::send_mail(c, kMail);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().error_code(), "smtp_failed");
  EXPECT_TRUE(sink.auth_attempts().empty());
  EXPECT_TRUE(sink.mails().empty());
}

TEST(SmtpClientTest, AWrongPasswordFailsAtAuthWithTheRelaysReply) {
  SmtpSink sink(submission_sink());
  auto sent = io::send_mail(submission(sink, "not the phrase"), kMail);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().error_code(), "smtp_failed");
  EXPECT_EQ(arg(sent.status(), "step"), "AUTH");
  EXPECT_NE(arg(sent.status(), "detail").find("535"), std::string::npos) << sent.status().message_en();
  EXPECT_EQ(sink.auth_attempts(), std::vector<std::string>{"refused mamori"});
  EXPECT_TRUE(sink.mails().empty());
}

TEST(SmtpClientTest, RefusedRecipientsAreReturnedAndTheOthersGetTheMail) {
  SmtpSink sink(submission_sink({"b@x.example"}));
  auto refused = io::send_mail(submission(sink), kMail);
  ASSERT_TRUE(refused.ok()) << refused.status().message_en();
  EXPECT_EQ(*refused, std::vector<std::string>{"b@x.example"});
  ASSERT_EQ(sink.mails().size(), 1u);
  EXPECT_EQ(sink.mails()[0].rcpt, std::vector<std::string>{"a@x.example"});
}

TEST(SmtpClientTest, EveryRecipientRefusedIsAFailureAtRcpt) {
  SmtpSink sink(submission_sink({"a@x.example", "b@x.example"}));
  auto sent = io::send_mail(submission(sink), kMail);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(arg(sent.status(), "step"), "RCPT TO");
  EXPECT_NE(arg(sent.status(), "detail").find("550"), std::string::npos);
  EXPECT_TRUE(sink.mails().empty());
}

TEST(SmtpClientTest, ARelayThatNeverAnswersTimesOut) {
  // A listening socket nobody accepts on: the connection opens, no greeting ever comes.
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(fd, 4);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  io::SmtpConfig c = plain(ntohs(a.sin_port));
  c.timeout_seconds = 1;
  auto sent = io::send_mail(c, kMail);
  ::close(fd);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().error_code(), "smtp_failed");
}

}  // namespace
}  // namespace mamori::test
