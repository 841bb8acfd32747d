#pragma once
// ports::NotificationRepository over store/sql.h (sql/notifications.sql).

#include "base/clock.h"
#include "ports/notifications.h"
#include "store/sql.h"

namespace mamori::store {

class SqlNotificationRepository final : public ports::NotificationRepository {
 public:
  // `db` and `clock` outlive this object.
  SqlNotificationRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<int64_t> add_notifications(int64_t campaign_id, const std::vector<std::string>& body_codes,
                                    const std::string& message, int64_t sender_id) override;
  Result<std::vector<ports::Notification>> notifications_of_body(const std::string& body_code) override;
  Status mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace mamori::store
