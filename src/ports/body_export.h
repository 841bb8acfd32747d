#pragma once
// A body's own data, read whole and restored whole (domain/body_export.h,
// docs/BODY_EXPORT.md).

#include <string>

#include "base/status.h"
#include "domain/body_export.h"

namespace mamori::ports {

// What a restore wrote.
struct RestoredBody {
  bool body_created = false;   // the body was not in the database
  int campaigns_created = 0;   // surveys the database did not hold (matched by catalogue, year, title)
  int responses = 0;
  int answers = 0;
  int history_rows = 0;
  int events = 0;
  int people_created = 0;      // disabled accounts holding a name the data gives (never signing in)
};

// Thread-safe.
class BodyExportRepository {
 public:
  virtual ~BodyExportRepository() = default;
  // Everything of the body in one consistent read. NotFound "unknown_body".
  virtual Result<body_export::BodyData> read_body_data(const std::string& body_code) = 0;
  // Writes `data` in one transaction, or nothing: the body when the database does not hold
  // it (else the held record is kept), each survey matched by catalogue, fiscal year, title
  // and opening date or created with the data's state and dates (the body added to its
  // targets), and every response with its categories, answers, history, events and
  // submissions as given, plus one "response_changed" outbox event each. Each person the
  // data names is an account of that display name — the body's for the body's people, a
  // national one for the others — or a new disabled account without roles.
  // FailedPrecondition "body_export_target_not_empty" when the database already holds a
  // response of the body; "body_export_campaign_state" when it holds a survey in another
  // state than the data's.
  virtual Result<RestoredBody> restore_body_data(const body_export::BodyData& data) = 0;
};

}  // namespace mamori::ports
