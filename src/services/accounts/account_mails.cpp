#include "services/accounts/account_mails.h"

#include <ctime>

namespace mamori {

ports::Mail token_mail(const User& user, const std::string& purpose, const std::string& link,
                       std::chrono::seconds valid) {
  const bool invitation = purpose == ports::kTokenInvitation;
  const std::string hours = std::to_string(valid.count() / 3600);
  ports::Mail m;
  m.to = {user.email};
  m.subject = invitation ? "【mamori】アカウントのご案内 / Your mamori account"
                         : "【mamori】パスワードの再設定 / Resetting your mamori password";
  m.body = user.display_name + " 様\n\n" +
           (invitation ? "mamori のアカウント（ログインID: " + user.login +
                             "）が作成されました。次のリンクを開いてパスワードを設定してください。\n"
                       : "パスワードの再設定が依頼されました。次のリンクを開いて新しいパスワードを設定してください。\n") +
           link + "\n\nこのリンクは " + hours + " 時間有効で、1回だけ使えます。" +
           (invitation ? "" : "心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。") +
           "\n\n----\n" +
           (invitation ? "A mamori account (login: " + user.login + ") was created for you. Open the link to set your password.\n"
                       : "A password reset was requested. Open the link to choose a new password.\n") +
           link + "\nThe link works once, for " + hours + " hours." +
           (invitation ? "" : " If you did not ask for this, ignore this mail: your password is unchanged.") + "\n";
  return m;
}

namespace {

// "2026年12月6日 12:34（日本時間）" / "2026-12-06 12:34 JST".
std::pair<std::string, std::string> japan_minute(TimePoint when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char ja[64], en[64];
  std::strftime(en, sizeof en, "%Y-%m-%d %H:%M JST", &tm);
  std::snprintf(ja, sizeof ja, "%d年%d月%d日 %02d:%02d（日本時間）", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min);
  return {ja, en};
}

}  // namespace

ports::Mail credential_notice(const User& user, CredentialChange change, TimePoint when) {
  const auto [ja_time, en_time] = japan_minute(when);
  std::string what_ja, what_en, subject_ja, subject_en;
  switch (change) {
    case CredentialChange::kPassword:
      subject_ja = "パスワードが変更されました", subject_en = "Your mamori password was changed";
      what_ja = "パスワードが変更されました。", what_en = "the password was changed.";
      break;
    case CredentialChange::kSecondFactorAdded:
      subject_ja = "認証アプリが登録されました", subject_en = "An authenticator app was added";
      what_ja = "二段階認証の認証アプリが登録されました。", what_en = "an authenticator app was added for two-step sign-in.";
      break;
    case CredentialChange::kSecondFactorReset:
      subject_ja = "二段階認証が解除されました", subject_en = "Your two-step sign-in was reset";
      what_ja = "管理者が二段階認証を解除しました。次のサインインで認証アプリを登録し直してください。";
      what_en = "an administrator reset your two-step sign-in. Add your authenticator app again at your next sign-in.";
      break;
  }
  ports::Mail m;
  m.to = {user.email};
  m.subject = "【mamori】" + subject_ja + " / " + subject_en;
  m.body = user.display_name + " 様\n\nmamori のアカウント（ログインID: " + user.login + "）で、" + ja_time + "に" +
           what_ja + "\n心当たりがない場合は、すぐに所属団体の管理者または総務省の担当窓口に連絡してください。\n\n----\n" +
           "On your mamori account (login: " + user.login + "), at " + en_time + ", " + what_en +
           "\nIf this was not you, tell your administrator or MIC's contact at once.\n";
  return m;
}

}  // namespace mamori
