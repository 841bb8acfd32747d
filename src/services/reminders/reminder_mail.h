#pragma once
// Reminders by e-mail (issue 4 §4): when MIC sends a reminder and an SMTP relay is
// configured, each selected body also gets one e-mail, to every user of the body that has
// an address. The in-app notice is stored first and is the record; e-mail is a courtesy
// copy, so a relay failure never undoes the notice — it is reported, naming the bodies.

#include <functional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "ports/mailer.h"
#include "ports/users.h"

namespace mamori {

struct ReminderMail {
  std::string body_code;
  std::string body_name;
  ports::Mail mail;
};

struct ReminderTarget {
  std::string body_code;
  std::string body_name;
};

// What a reminder is about: the title its subject and first line name, and the line after
// the message (a campaign's deadline, or where the body records its 方針).
struct ReminderAbout {
  std::string title;
  std::string closing;
};
// A campaign's: its title and 「回答期限：…」.
ReminderAbout about_campaign(const Campaign& campaign);
// The policy obligation's (the board's reminders to the bodies missing).
ReminderAbout about_policy_obligation();

// One mail per body that has users with an address (bodies without one are left out): to
// its users who answer (respondents, approvers) or support (prefecture supporters) and are
// not expired — not to auditors. `now`: UTC ISO 8601, to compare with expires_at.
Result<std::vector<ReminderMail>> compose_reminder_mails(ports::UserRepository& users, const ReminderAbout& about,
                                                        const std::vector<ReminderTarget>& bodies,
                                                        const std::string& message, const std::string& now);

// Sends every mail, calling progress(done, total) after each, and carries on past a failure.
// Ok when every recipient was accepted by the relay; otherwise Unavailable "mail_failed"
// naming the bodies not (fully) reached (at most 10, then a count). Stops early, with
// Unavailable "job_cancelled", when `cancelled()` turns true (the server is stopping).
Status send_reminder_mails(ports::Mailer& mailer, const std::vector<ReminderMail>& mails,
                           const std::function<void(int64_t, int64_t)>& progress,
                           const std::function<bool()>& cancelled);

}  // namespace mamori
