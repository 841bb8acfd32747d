#include "services/accounts/account_mails.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

User person() {
  User u;
  u.login = "sato";
  u.display_name = "佐藤 花子";
  u.email = "sato@city.example.lg.jp";
  return u;
}

TEST(AccountMails, ACredentialNoticeSaysWhatChangedAndWhenInJapanTimeJaFirst) {
  // 2026-12-06 03:00 UTC is 12:00 in Japan.
  ports::Mail m = credential_notice(person(), CredentialChange::kPassword, *parse_iso("2026-12-06T03:00:00Z"));
  EXPECT_EQ(m.to, std::vector<std::string>{"sato@city.example.lg.jp"});
  EXPECT_EQ(m.subject, "【mamori】パスワードが変更されました / Your mamori password was changed");
  EXPECT_EQ(m.body.rfind("佐藤 花子 様\n", 0), 0u);
  EXPECT_NE(m.body.find("ログインID: sato）で、2026年12月6日 12:00（日本時間）にパスワードが変更されました。"), std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("心当たりがない場合は"), std::string::npos);
  EXPECT_LT(m.body.find("心当たり"), m.body.find("If this was not you"));
  EXPECT_NE(m.body.find("2026-12-06 12:00 JST"), std::string::npos);
}

TEST(AccountMails, EachChangeHasItsOwnSubject) {
  const TimePoint t = *parse_iso("2026-12-31T15:30:00Z");  // 2027-01-01 00:30 in Japan
  ports::Mail added = credential_notice(person(), CredentialChange::kSecondFactorAdded, t);
  ports::Mail reset = credential_notice(person(), CredentialChange::kSecondFactorReset, t);
  EXPECT_NE(added.subject, reset.subject);
  EXPECT_NE(added.body.find("2027年1月1日 00:30"), std::string::npos) << added.body;
  EXPECT_NE(reset.body.find("登録し直してください"), std::string::npos);
}

}  // namespace
}  // namespace mamori
