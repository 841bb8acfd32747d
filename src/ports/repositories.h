// Repository interfaces: everything the core needs from storage. SQLite
// (store/sqlite) implements them now; PostgreSQL will implement the same
// interfaces, so handlers and core do not change.
//
// All methods are safe to call from any thread. Writes are atomic: a method
// that returns a non-ok Status has changed nothing.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/body.h"
#include "domain/model.h"
#include "base/status.h"

namespace mamori::store {

struct BodyFilter {
  std::string prefecture_code;  // "" = any
  std::string type;             // "" = any
  std::string search;           // substring of name or kana ("" = any)
  int limit = 5000;
  int offset = 0;
};

class BodyRepository {
 public:
  virtual ~BodyRepository() = default;
  // Inserts or updates all bodies in one transaction (members included).
  virtual Status upsert_bodies(const std::vector<Body>& bodies) = 0;
  virtual Result<Body> get_body(const std::string& code) = 0;  // NotFound
  virtual Result<std::vector<Body>> list_bodies(const BodyFilter& f) = 0;
  virtual Result<int64_t> count_bodies() = 0;
};

struct Credentials {
  User user;
  std::string password_hash;
};

struct SessionInfo {
  User user;
  std::string csrf_token;
  std::string expires_at;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // AlreadyExists "login_taken" when the login is used.
  virtual Result<int64_t> create_user(const User& u, const std::string& password_hash) = 0;
  virtual Status set_password(int64_t user_id, const std::string& password_hash) = 0;
  virtual Result<Credentials> find_credentials(const std::string& login) = 0;  // NotFound
  virtual Result<User> get_user(int64_t id) = 0;
  virtual Result<std::vector<User>> list_users(const std::string& body_code) = 0;
  // Also deletes expired sessions.
  virtual Status create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                                const std::string& expires_at) = 0;
  // NotFound when absent or expired (at `now`).
  virtual Result<SessionInfo> find_session(const std::string& token_hash, const std::string& now) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
};

// One answer row written when a campaign opens.
struct OpeningAnswer {
  const std::string* question_id;
  std::optional<std::string> value_json;
  std::optional<std::string> previous_json;
  std::string_view state;
  bool needs_confirmation = false;
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  virtual Result<int64_t> create_campaign(const Campaign& c) = 0;
  // `targets` is left empty (target_count says how many); open_campaign reads them.
  virtual Result<Campaign> get_campaign(int64_t id) = 0;
  virtual Result<std::vector<Campaign>> list_campaigns() = 0;
  virtual Status update_window(int64_t id, const std::string& closes_at) = 0;
  // Last accepted answers of each body for campaigns of `catalog_id` (the
  // latest such campaign per body wins): body → question → value JSON.
  virtual Result<std::map<std::string, std::map<std::string, std::string>>> last_accepted_answers(
      const std::string& catalog_id) = 0;
  // Opens a draft campaign in one transaction: for every target body, calls
  // `answers_for(body_code, out)` to get its answer rows, inserts the response
  // with them and the 8 category rows, then marks the campaign open.
  // `progress(done, total)` is called as bodies are written.
  virtual Status open_campaign(int64_t id,
                               const std::function<void(const std::string&, std::vector<OpeningAnswer>&)>& answers_for,
                               const std::function<void(int64_t, int64_t)>& progress) = 0;
  // Closes: state closed, unsubmitted responses locked (an event each, by `user_id`).
  virtual Status close_campaign(int64_t id, int64_t user_id) = 0;
  // Marks every response of an open campaign accepted in one transaction, for
  // surveys run outside mamori and imported as history (demo data, legacy
  // Excel results). Records an "imported" event by `user_id`.
  virtual Status import_accepted(int64_t id, int64_t user_id) = 0;
};

// What a guarded save did: stored the answer, or found a newer version.
using SaveOutcome = std::variant<AnswerRecord, StaleAnswer>;

struct AnswerUpdate {
  std::optional<std::string> value_json;
  std::string state;
  bool not_applicable = false;
  std::string na_reason;
  std::string comment;
  std::string evidence_url;
};

// A response as a write sees it inside its own transaction.
struct ResponseSnapshot {
  ResponseRecord response;
  std::vector<CategoryStatus> categories;
  std::vector<AnswerRecord> answers;  // only when the guard asks for them
};

// The rules a write must hold on the data it changes, checked inside the
// write's transaction (so no concurrent write can slip between check and
// change). `check` returning an error aborts the write, which then changes
// nothing. `snapshot`, when set, produces the submission snapshot to store.
struct WriteGuard {
  bool needs_answers = false;
  std::function<Status(const ResponseSnapshot&)> check;
  std::function<std::string(const ResponseSnapshot&)> snapshot;
};

// A change to one category row; unset fields keep their stored value.
struct CategoryChange {
  int category = 0;
  std::optional<std::optional<int64_t>> assignee;
  std::optional<bool> ready;
  std::optional<std::string> return_comment;
};

struct ResponseFilter {
  std::string prefecture_code;
  std::string state;
};

struct ResponseSummary {
  ResponseRecord response;
  std::string body_name;
  std::string body_type;
  std::string body_kana;
};

class ResponseRepository {
 public:
  virtual ~ResponseRepository() = default;
  virtual Result<ResponseRecord> get_response(int64_t id) = 0;  // NotFound
  virtual Result<ResponseRecord> find_response(int64_t campaign_id, const std::string& body_code) = 0;
  virtual Result<std::vector<ResponseSummary>> list_responses(int64_t campaign_id, const ResponseFilter& f) = 0;
  virtual Result<std::vector<ResponseRecord>> responses_of_body(const std::string& body_code) = 0;
  virtual Result<std::vector<AnswerRecord>> get_answers(int64_t response_id) = 0;
  // Every stored value of the submitted and accepted responses of a campaign, ordered by
  // response, in one read: (response id, body code, question id, value JSON or none).
  using CountedAnswerFn = std::function<void(int64_t response_id, const std::string& body_code,
                                             const std::string& question_id, const std::optional<std::string>& value)>;
  virtual Status for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) = 0;
  virtual Result<AnswerRecord> get_answer(int64_t response_id, const std::string& question_id) = 0;
  // Saves when `guard` holds and the stored version equals `expected_version`, writing
  // one history row, and returns the stored answer; when the version differs, changes
  // nothing and returns the answer as it is now (StaleAnswer).
  virtual Result<SaveOutcome> save_answer(int64_t response_id, const std::string& question_id,
                                           int64_t expected_version, const AnswerUpdate& update, int64_t user_id,
                                           const WriteGuard& guard) = 0;
  // Marks the given answers confirmed where they are still carried over with
  // a value (one history row each), when `guard` holds. Returns how many.
  virtual Result<int64_t> confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids,
                                          int64_t user_id, const WriteGuard& guard) = 0;
  virtual Result<std::vector<HistoryEntry>> history(int64_t response_id, const std::string& question_id) = 0;
  virtual Result<std::vector<CategoryStatus>> categories(int64_t response_id) = 0;
  // Changes one category row when `guard` holds, recording an event.
  virtual Status change_category(int64_t response_id, const CategoryChange& change, int64_t user_id,
                                 const std::string& action, const std::string& comment, const WriteGuard& guard) = 0;
  // Moves the response from `from` to `to` when it is in `from`, not locked,
  // and `guard` holds (Aborted "state_changed" otherwise), recording an event;
  // stores the guard's snapshot when it has one, and applies
  // `category_change` in the same transaction.
  virtual Status transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                            const std::string& action, const std::string& comment, const WriteGuard& guard,
                            const std::optional<CategoryChange>& category_change = std::nullopt) = 0;
  // Unlocks a locked response (reopening it for one body), recording an event.
  virtual Status unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) = 0;
  virtual Result<std::vector<WorkflowEvent>> events(int64_t response_id) = 0;
  // Submitted snapshots, newest first.
  virtual Result<std::vector<std::string>> submissions(int64_t response_id) = 0;
};

struct Notification {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::string body_code;
  std::string message;
  std::string sender_name;
  std::string created_at;
  std::optional<std::string> read_at;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // One notification per body, all in one write. Errors: InvalidArgument "unknown_body".
  virtual Result<int64_t> add_notifications(int64_t campaign_id, const std::vector<std::string>& body_codes,
                                            const std::string& message, int64_t sender_id) = 0;
  // A body's latest 50 notifications, newest first.
  virtual Result<std::vector<Notification>> notifications_of_body(const std::string& body_code) = 0;
  // Marks one of the body's notifications read (once). NotFound when it is not the body's.
  virtual Status mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) = 0;
};

// Everything, for wiring.
class Store : public BodyRepository,
              public UserRepository,
              public CampaignRepository,
              public ResponseRepository,
              public NotificationRepository {
 public:
  // Creates or migrates the schema.
  virtual Status migrate() = 0;
};

}  // namespace mamori::store
