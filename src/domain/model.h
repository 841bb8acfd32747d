// Plain records shared by core, store and API: users, campaigns, responses,
// answers and their history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mamori {

enum class Role { kNationalAdmin, kPrefectureSupporter, kBodyRespondent, kBodyApprover, kBodyViewer, kPartnerAnalyst };
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
// Role names joined by "," (as users.roles stores them, and the audit trail records them).
std::string join_roles(const std::vector<Role>& roles);

struct User {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  std::string body_code;  // "" for national administrators and partner analysts
  std::vector<Role> roles;
  std::optional<std::string> expires_at;  // ISO 8601 UTC; auditors are time-limited
  std::string email;                      // "" for none; reminders go here when SMTP is configured
  bool disabled = false;                  // may not sign in; has no session
  bool must_change_password = false;      // an initial or reset password: changed before anything else
  bool second_factor = false;             // has a confirmed TOTP second factor
  std::string ministry;                   // a partner analyst's ministry ("ppc", "nco"); "" otherwise
  bool has(Role r) const;
  // Approvers, prefecture supporters, partner analysts and national administrators sign in
  // with a second factor; until they have one they may only enrol (issue 13).
  bool needs_second_factor() const;
};

enum class CampaignState { kDraft, kOpen, kClosed };
std::string_view to_string(CampaignState s);
std::optional<CampaignState> parse_campaign_state(std::string_view s);

struct Campaign {
  int64_t id = 0;
  std::string title;
  int fiscal_year = 0;
  std::string catalog_id;
  CampaignState state = CampaignState::kDraft;
  std::string opens_at;              // YYYY-MM-DD
  std::string closes_at;             // YYYY-MM-DD (deadline, inclusive)
  std::vector<std::string> targets;  // body codes, given when creating; not read back (see target_count)
  int64_t target_count = 0;
  // When MIC closed it (UTC ISO 8601); none before, and for campaigns closed by older versions.
  // Bodies see the figures of the responses submitted by then (analytics_service.h).
  std::optional<std::string> closed_at;
};

// Response workflow: draft → ready_for_review → submitted → accepted; the
// approver returns ready_for_review → draft, MIC returns submitted → returned
// (editable like draft).
enum class ResponseState { kDraft, kReadyForReview, kSubmitted, kAccepted, kReturned };
std::string_view to_string(ResponseState s);
std::optional<ResponseState> parse_response_state(std::string_view s);
// 回答中, 確認依頼中, 提出済み, 受理済み, 総務省から差戻し — the response's words, as the
// front end shows them (docs/ARCHITECTURE.md, "Status words").
std::string_view response_state_label_ja(ResponseState s);

struct ResponseRecord;
// Ok when answers of `r` may change: draft or returned, and not locked;
// otherwise FailedPrecondition "response_locked" or "response_read_only".
Status editable_status(const ResponseRecord& r);

struct ResponseRecord {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::string body_code;
  ResponseState state = ResponseState::kDraft;
  bool locked = false;
  int64_t version = 0;   // bumped by every change to the response or its answers
  int64_t revision = 0;  // bumped by every change of state, lock or category (ports/responses.h)
  std::optional<std::string> submitted_at;
  std::optional<std::string> accepted_at;
  std::string updated_at;
};

struct AnswerRecord {
  std::string question_id;
  std::optional<std::string> value_json;     // null when unanswered
  std::optional<std::string> previous_json;  // last year's value
  std::string state;                         // carried_over, confirmed, changed, new
  bool needs_confirmation = false;
  bool not_applicable = false;
  std::string na_reason;
  std::string comment;
  std::string evidence_url;
  int64_t version = 0;
  std::optional<int64_t> updated_by;
  std::string updated_by_name;
  std::string updated_at;
};

// A save that expected an older version of an answer: the answer as it is now, so the
// client can show both values and let the person choose.
struct StaleAnswer {
  AnswerRecord current;
};

struct HistoryEntry {
  int64_t version = 0;
  int64_t user_id = 0;
  std::string user_name;
  std::string at;
  std::string old_json;  // the whole answer before (value, state, na, comment, evidence)
  std::string new_json;
  // Why it was written when not by the person's own save: "reuse:<source response>:<question>"
  // (taken from the body's answer in another survey); "" for a save.
  std::string note;
};

struct CategoryStatus {
  int category = 0;
  std::optional<int64_t> assignee;
  std::string assignee_name;
  bool ready = false;
  std::string return_comment;
};

struct WorkflowEvent {
  std::string from_state, to_state, action, comment, at, user_name;
  std::optional<int> category;
};

}  // namespace mamori
