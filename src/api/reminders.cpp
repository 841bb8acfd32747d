#include "api/reminders.h"

#include <set>

#include "api/json_views.h"
#include "base/log.h"
#include "base/messages.h"
#include "http/json_body.h"

namespace mamori::api {

namespace json = boost::json;

http::Response send_reminders(Services& s, const http::Request& req, const User& sender, int64_t campaign_id,
                              const ReminderAbout& about, const std::map<std::string, std::string>& eligible,
                              const std::string& not_eligible) {
  auto obj = http::parse_object(req.body);
  if (!obj.ok()) return http::error_response(obj.status());
  http::FieldReader f(*obj, {"body_codes", "message"});
  std::string message = f.string("message", true, 2000).value_or("");
  std::vector<std::string> codes;
  const json::value* list = f.raw("body_codes");
  if (!list || !list->is_array() || list->as_array().empty() || list->as_array().size() > 5000)
    f.fail("body_codes", "field.reminder_targets");
  else
    for (const auto& e : list->as_array()) {
      if (!e.is_string()) {
        f.fail("body_codes", "field.body_code_strings");
        break;
      }
      codes.push_back(std::string(e.as_string()));
    }
  if (!f.status().ok()) return http::error_response(f.status());
  std::set<std::string> seen;
  for (const auto& c : codes) {
    if (!eligible.contains(c))
      return http::error_response(Status::InvalidArgument("unknown_body", {{"code", c}}).with_message(not_eligible));
    if (!seen.insert(c).second)
      return http::error_response(Status::InvalidArgument("invalid_fields", {{"code", c}}).with_message("invalid_fields.body_twice"));
  }
  auto sent = s.store.notifications().add_notifications(campaign_id, codes, message, sender.id);
  if (!sent.ok()) return http::error_response(sent.status());
  json::object out{{"sent", *sent}, {"mail", nullptr}};
  if (s.mailer.enabled()) {
    std::vector<ReminderTarget> bodies;
    for (const auto& c : codes) bodies.push_back({c, eligible.at(c)});
    // The notices are stored: from here on, a failure is reported, never returned as an error.
    auto mails = compose_reminder_mails(s.store.users(), about, bodies, message, s.clock.now_iso());
    json::object mail{{"bodies", mails.ok() ? static_cast<int64_t>(mails->size()) : 0}, {"job", nullptr}};
    if (!mails.ok()) {
      log_json("error", "reminder_mail_not_prepared", {{"detail", mails.status().internal_detail()}});
      const Message m = render("mail_not_prepared");
      mail["error"] = json::object{{"code", "mail_failed"}, {"message_ja", m.ja}, {"message_en", m.en}};
    } else if (!mails->empty()) {
      JobRunner& jobs = s.jobs;
      auto job = jobs.start("reminder_mail", sender.id,
                            [&mailer = s.mailer, &jobs, mails = std::move(*mails)](const JobRunner::Progress& p) {
                              return send_reminder_mails(mailer, mails, p, [&jobs] { return jobs.stopping(); });
                            });
      auto started = job.ok() ? jobs.get(job->id) : Result<ports::JobRecord>(job.status());
      if (started.ok()) {
        mail["job"] = job_json(*started);
      } else {
        log_json("error", "reminder_mail_not_started", {{"detail", started.status().internal_detail()}});
        const Message m = render("mail_not_prepared");
        mail["error"] = json::object{{"code", "mail_failed"}, {"message_ja", m.ja}, {"message_en", m.en}};
      }
    }
    out["mail"] = std::move(mail);
  }
  return http::json_response(out);
}

}  // namespace mamori::api
