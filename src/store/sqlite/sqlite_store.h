// The embedded store: SQLite in WAL mode, a pool of reader connections and one
// writer thread (SQLite has one writer). Writes are queued; the writer runs
// every queued write in one transaction (each write inside its own savepoint,
// so a failed write changes nothing) and commits once — group commit: one
// fsync for many concurrent saves. A write returns only after that commit is
// durable; if the commit fails, every write of the batch fails. A write that
// throws fails alone (its savepoint is rolled back). After shutdown began,
// writes fail with Unavailable.
#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ports/repositories.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori::store {

class SqliteStore final : public Store {
 public:
  // Opens (creating) the database file at `path`. `readers` connections serve
  // reads concurrently with the writer.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int readers = 4);
  ~SqliteStore() override;

  Status migrate() override;

  Status upsert_bodies(const std::vector<Body>& bodies) override;
  Result<Body> get_body(const std::string& code) override;
  Result<std::vector<Body>> list_bodies(const BodyFilter& f) override;
  Result<int64_t> count_bodies() override;

  Result<int64_t> create_user(const User& u, const std::string& password_hash) override;
  Status set_password(int64_t user_id, const std::string& password_hash) override;
  Result<Credentials> find_credentials(const std::string& login) override;
  Result<User> get_user(int64_t id) override;
  Result<std::vector<User>> list_users(const std::string& body_code) override;
  Status create_session(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                        const std::string& expires_at) override;
  Result<SessionInfo> find_session(const std::string& token_hash, const std::string& now) override;
  Status delete_session(const std::string& token_hash) override;

  Result<int64_t> create_campaign(const Campaign& c) override;
  Result<Campaign> get_campaign(int64_t id) override;
  Result<std::vector<Campaign>> list_campaigns() override;
  Status update_window(int64_t id, const std::string& closes_at) override;
  Result<std::map<std::string, std::map<std::string, std::string>>> last_accepted_answers(
      const std::string& catalog_id) override;
  Status open_campaign(int64_t id,
                       const std::function<void(const std::string&, std::vector<OpeningAnswer>&)>& answers_for,
                       const std::function<void(int64_t, int64_t)>& progress) override;
  Status close_campaign(int64_t id, int64_t user_id) override;
  Status import_accepted(int64_t id, int64_t user_id) override;

  Result<ResponseRecord> get_response(int64_t id) override;
  Result<ResponseRecord> find_response(int64_t campaign_id, const std::string& body_code) override;
  Result<std::vector<ResponseSummary>> list_responses(int64_t campaign_id, const ResponseFilter& f) override;
  Result<std::vector<ResponseRecord>> responses_of_body(const std::string& body_code) override;
  Result<std::vector<AnswerRecord>> get_answers(int64_t response_id) override;
  Result<AnswerRecord> get_answer(int64_t response_id, const std::string& question_id) override;
  Result<SaveOutcome> save_answer(int64_t response_id, const std::string& question_id, int64_t expected_version,
                                   const AnswerUpdate& update, int64_t user_id, const WriteGuard& guard) override;
  Result<int64_t> confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids, int64_t user_id,
                                  const WriteGuard& guard) override;
  Result<std::vector<HistoryEntry>> history(int64_t response_id, const std::string& question_id) override;
  Result<std::vector<CategoryStatus>> categories(int64_t response_id) override;
  Status change_category(int64_t response_id, const CategoryChange& change, int64_t user_id, const std::string& action,
                         const std::string& comment, const WriteGuard& guard) override;
  Status transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                    const std::string& action, const std::string& comment, const WriteGuard& guard,
                    const std::optional<CategoryChange>& category_change = std::nullopt) override;
  Status unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) override;
  Result<std::vector<WorkflowEvent>> events(int64_t response_id) override;
  Result<std::vector<std::string>> submissions(int64_t response_id) override;

  Status for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) override;
  Result<int64_t> add_notifications(int64_t campaign_id, const std::vector<std::string>& body_codes,
                                    const std::string& message, int64_t sender_id) override;
  Result<std::vector<Notification>> notifications_of_body(const std::string& body_code) override;
  Status mark_notification_read(int64_t id, const std::string& body_code, int64_t user_id) override;

  // A connection with its prepared-statement cache.
  struct Conn;

 private:
  SqliteStore() = default;

  struct WriteJob {
    std::function<void(Conn&)> run;
    std::promise<Status> committed;
  };
  // Queues `fn` for the writer thread and waits until its batch committed.
  template <typename Fn>
  auto with_writer(Fn&& fn);
  void writer_loop();
  // Runs `fn` on a free reader connection.
  template <typename Fn>
  auto with_reader(Fn&& fn);

  std::string path_;
  std::unique_ptr<Conn> writer_;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::shared_ptr<WriteJob>> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
  std::vector<std::unique_ptr<Conn>> readers_;
  std::vector<Conn*> free_readers_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
};

}  // namespace mamori::store
