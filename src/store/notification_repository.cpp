#include "store/notification_repository.h"

#include "store/rows.h"

namespace mamori::store {

Result<int64_t> SqlNotificationRepository::add_notifications(int64_t campaign_id,
                                                             const std::vector<std::string>& body_codes,
                                                             const std::string& message, int64_t sender_id) {
  const std::string now = clock_.now_iso();
  return write_value<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    for (const auto& code : body_codes) {
      auto added = c.statement("notifications", "insert")
                       .bind(1, campaign_id == 0 ? std::optional<int64_t>() : std::optional<int64_t>(campaign_id))
                       .bind(2, code)
                       .bind(3, message)
                       .bind(4, sender_id)
                       .bind(5, now)
                       .run();
      if (!added.ok() && added.status().error_code() == "constraint_foreign_key")
        return Status::InvalidArgument("unknown_body", {{"code", code}});
      MAMORI_RETURN_IF_ERROR(added.status());
    }
    return static_cast<int64_t>(body_codes.size());
  });
}

Result<std::vector<ports::Notification>> SqlNotificationRepository::notifications_of_body(const std::string& body_code) {
  return read_value<std::vector<ports::Notification>>(db_, [&](Connection& c) {
    return collect<ports::Notification>(
        c.statement("notifications", "of_body").bind(1, body_code), [](const Statement& s) -> Result<ports::Notification> {
          return ports::Notification{s.int64(0), s.opt_int64(1).value_or(0), s.text(2), s.text(3), s.text(4), s.text(5), s.opt_text(6)};
        });
  });
}

Status SqlNotificationRepository::mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) {
  const std::string now = clock_.now_iso();
  return db_.write([&](Connection& c) -> Status {
    Statement& exists = c.statement("notifications", "exists_for_body").bind(1, id).bind(2, body_code);
    if (!exists.next()) return no_row(exists, "notification_not_found");
    return c.statement("notifications", "mark_read")
        .bind(1, id)
        .bind(2, body_code)
        .bind(3, now)
        .bind(4, user_id)
        .run()
        .status();
  });
}

}  // namespace mamori::store
