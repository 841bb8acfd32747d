#include "services/reminders/reminder_mail.h"

#include "base/messages.h"

namespace mamori {

namespace {

// 2027-01-29 → 2027年1月29日
std::string date_ja(const std::string& iso) {
  if (iso.size() < 10) return iso;
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

}  // namespace

ReminderAbout about_campaign(const Campaign& campaign) {
  return {campaign.title, "回答期限：" + date_ja(campaign.closes_at) +
                              "\nmamori にサインインすると、このお知らせと回答の状況を確認できます。"};
}

ReminderAbout about_policy_obligation() {
  return {"情報セキュリティ方針の策定（改正地方自治法、令和8年4月1日施行）",
          "mamori にサインインし、「方針」で機関ごとの策定・公表の状況を登録してください。"};
}

Result<std::vector<ReminderMail>> compose_reminder_mails(ports::UserRepository& users, const ReminderAbout& about,
                                                        const std::vector<ReminderTarget>& bodies,
                                                        const std::string& message, const std::string& now) {
  std::vector<ReminderMail> out;
  for (const auto& b : bodies) {
    MAMORI_ASSIGN_OR_RETURN(std::vector<User> of_body, users.list_users(b.body_code));
    ReminderMail m{b.body_code, b.body_name, {}};
    for (const auto& u : of_body) {
      bool answers = u.has(Role::kBodyRespondent) || u.has(Role::kBodyApprover) || u.has(Role::kPrefectureSupporter);
      bool expired = u.expires_at && *u.expires_at <= now;
      if (!u.email.empty() && answers && !expired) m.mail.to.push_back(u.email);
    }
    if (m.mail.to.empty()) continue;
    m.mail.subject = "【mamori】お知らせ：" + about.title;
    m.mail.body = b.body_name + " ご担当者様\n\n" + "「" + about.title + "」について、総務省からのお知らせです。\n\n" +
                  message + "\n\n" + about.closing +
                  "\n\n"
                  "――\nこのメールは mamori から自動で送信しています。返信はできません。\n";
    out.push_back(std::move(m));
  }
  return out;
}

Status send_reminder_mails(ports::Mailer& mailer, const std::vector<ReminderMail>& mails,
                           const std::function<void(int64_t, int64_t)>& progress,
                           const std::function<bool()>& cancelled) {
  const auto total = static_cast<int64_t>(mails.size());
  progress(0, total);
  std::vector<std::string> failed;
  Message first_error;  // the first failure, to say why
  for (int64_t i = 0; i < total; ++i) {
    if (cancelled())
      return Status::Unavailable("job_cancelled", {{"sent", std::to_string(i)}}).with_message("job_cancelled.mail");
    const ReminderMail& m = mails[static_cast<size_t>(i)];
    auto refused = mailer.send(m.mail);
    if (!refused.ok()) {
      failed.push_back(m.body_name);
      if (first_error.ja.empty()) first_error = message_of(refused.status());
    } else if (!refused->empty()) {
      std::string who;
      for (const auto& a : *refused) who += (who.empty() ? "" : "、") + a;
      failed.push_back(m.body_name + "の" + who);
      if (first_error.ja.empty()) first_error = render("smtp_recipients_refused");
    }
    progress(i + 1, total);
  }
  if (failed.empty()) return Status::Ok();
  std::string names;
  for (size_t i = 0; i < failed.size() && i < 10; ++i) names += (i ? "、" : "") + failed[i];
  if (failed.size() > 10) names += " ほか" + std::to_string(failed.size() - 10) + "団体";
  return Status::Unavailable("mail_failed",
                             {{"count", std::to_string(failed.size())},
                              {"names", names},
                              {"reason_ja", first_error.ja},
                              {"reason_en", first_error.en}});
}

}  // namespace mamori
