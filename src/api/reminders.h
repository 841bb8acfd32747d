#pragma once
// Reminders to bodies, in-app and by e-mail, shared by the survey's progress page
// (POST /api/campaigns/{id}/reminders) and the policy board (POST /api/policy-board/reminders).
// The in-app notices are stored first and are the record; the e-mails are a job that follows
// (services/reminders/reminder_mail.h), so a relay failure never undoes a notice.

#include <map>
#include <string>

#include "api/services.h"
#include "http/request.h"
#include "services/reminders/reminder_mail.h"

namespace mamori::api {

// Sends the reminder of the request body {"body_codes": [...], "message": "…"} to the bodies
// named, each of which must be in `eligible` (code → name; else InvalidArgument
// "unknown_body" with the message `not_eligible`) and named once. The notices belong to
// `campaign_id` (0: none). Answers {"sent": n, "mail": null | {"bodies", "job" | "error"}}.
http::Response send_reminders(Services& s, const http::Request& req, const User& sender, int64_t campaign_id,
                              const ReminderAbout& about, const std::map<std::string, std::string>& eligible,
                              const std::string& not_eligible);

}  // namespace mamori::api
