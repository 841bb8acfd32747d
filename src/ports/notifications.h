#pragma once
// In-app notices to bodies (MIC's reminders during a campaign).

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::ports {

struct Notification {
  int64_t id = 0;
  int64_t campaign_id = 0;  // 0: of no campaign
  std::string body_code;
  std::string message;
  std::string sender_name;
  std::string created_at;
  std::optional<std::string> read_at;
};

// Thread-safe. A write that returns an error has changed nothing.
class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // One notification per body, all in one write; how many. InvalidArgument "unknown_body".
  // `campaign_id` 0: a notice of no campaign (the policy board's reminders).
  virtual Result<int64_t> add_notifications(int64_t campaign_id, const std::vector<std::string>& body_codes,
                                            const std::string& message, int64_t sender_id) = 0;
  // A body's latest 50 notifications, newest first.
  virtual Result<std::vector<Notification>> notifications_of_body(const std::string& body_code) = 0;
  // Marks one of the body's notifications read (once). NotFound "notification_not_found"
  // when it is not the body's.
  virtual Status mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) = 0;
};

}  // namespace mamori::ports
