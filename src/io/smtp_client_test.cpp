// The SMTP settings checked before the server starts (the exchange itself is tested against
// a loopback relay in tests/smtp_client_test.cpp).
#include "io/smtp_client.h"

#include <gtest/gtest.h>

namespace mamori::io {
namespace {

SmtpConfig relay(const std::string& host, SmtpTls tls) {
  return SmtpConfig{.host = host, .port = 587, .from = "noreply@city.example.lg.jp", .tls = tls};
}

TEST(SmtpConfig, PlainSmtpIsOnlyForARelayOnThisMachine) {
  for (const char* host : {"127.0.0.1", "::1", "localhost"})
    EXPECT_TRUE(validate_smtp_config(relay(host, SmtpTls::kNone)).ok()) << host;
  Status remote = validate_smtp_config(relay("smtp.example.lg.jp", SmtpTls::kNone));
  EXPECT_EQ(remote.error_code(), "smtp_config_plain_remote");
  EXPECT_TRUE(validate_smtp_config(relay("smtp.example.lg.jp", SmtpTls::kStartTls)).ok());
  EXPECT_TRUE(validate_smtp_config(relay("smtp.example.lg.jp", SmtpTls::kImplicit)).ok());
}

TEST(SmtpConfig, APasswordNeverGoesWithoutTlsNorWithoutAUser) {
  SmtpConfig c = relay("127.0.0.1", SmtpTls::kNone);
  c.username = "mamori";
  c.password = "secret";
  EXPECT_EQ(validate_smtp_config(c).error_code(), "smtp_config_password_without_tls");
  c.tls = SmtpTls::kStartTls;
  EXPECT_TRUE(validate_smtp_config(c).ok());
  c.username.clear();
  EXPECT_EQ(validate_smtp_config(c).error_code(), "smtp_config_password_without_user");
}

TEST(SmtpConfig, TheSenderIsOneAddressAndThePortInRange) {
  SmtpConfig c = relay("smtp.example.lg.jp", SmtpTls::kStartTls);
  c.from = "a@example.lg.jp\r\nBcc: x@y";
  EXPECT_EQ(validate_smtp_config(c).error_code(), "smtp_config_from");
  c = relay("smtp.example.lg.jp", SmtpTls::kStartTls);
  c.port = 70000;
  EXPECT_EQ(validate_smtp_config(c).error_code(), "smtp_config_port");
  EXPECT_TRUE(validate_smtp_config(SmtpConfig{}).ok()) << "no SMTP at all is valid: e-mail is off";
}

TEST(SmtpConfig, TheTlsModeIsReadFromItsName) {
  EXPECT_EQ(parse_smtp_tls("starttls"), SmtpTls::kStartTls);
  EXPECT_EQ(parse_smtp_tls("tls"), SmtpTls::kImplicit);
  EXPECT_EQ(parse_smtp_tls("none"), SmtpTls::kNone);
  EXPECT_FALSE(parse_smtp_tls("ssl").has_value());
}

}  // namespace
}  // namespace mamori::io
