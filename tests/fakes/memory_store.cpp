#include "fakes/memory_store.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "crypto/chain_hash.h"
#include "domain/answer_json.h"

namespace mamori::fakes {

namespace {

namespace json = boost::json;
using ports::CategoryChange;
using ports::ResponseSnapshot;
using ports::WriteGuard;

struct StoredUser {
  User user;
  std::string hash;
  ports::StoredSecondFactor factor;
  std::map<std::string, bool> recovery;  // code hash → used
};
struct StoredApiToken {
  int64_t user_id = 0;
  std::string hash;
  ports::ApiToken token;
};
struct StoredToken {
  int64_t user_id = 0;
  std::string purpose, expires_at;
  bool used = false;
};
struct StoredCategory {
  int category = 0;
  std::optional<int64_t> assignee;
  bool ready = false;
  std::string return_comment;
};
struct StoredEvent {
  int64_t response_id = 0;
  int64_t user_id = 0;
  WorkflowEvent event;  // user_name resolved at read time
};
struct StoredNotification {
  ports::Notification n;
  int64_t sender = 0;
};

// Everything, behind one mutex. Every method of the repositories below takes it.
struct State {
  explicit State(const Clock& c) : clock(c) {}
  const Clock& clock;
  std::mutex mu;
  std::map<std::string, Body> bodies;
  std::map<int64_t, StoredUser> users;
  int64_t next_user = 1;
  std::map<std::string, ports::SessionInfo> sessions;  // user filled in when read
  std::map<std::string, StoredToken> tokens;
  std::vector<StoredApiToken> api_tokens;  // in creation order
  std::vector<AuditEntry> audit;
  std::map<int64_t, Campaign> campaigns;
  std::map<int64_t, std::vector<std::string>> targets;
  int64_t next_campaign = 1;
  std::map<int64_t, ResponseRecord> responses;
  std::map<int64_t, GroupAttributes> frozen_groups;  // by response, from its campaign's closing
  int64_t next_response = 1;
  std::map<std::pair<int64_t, std::string>, AnswerRecord> answers;  // without names
  std::map<int64_t, std::vector<StoredCategory>> categories;
  std::vector<std::tuple<int64_t, std::string, HistoryEntry>> history;  // response, question, entry
  std::vector<StoredEvent> workflow;
  std::map<int64_t, std::vector<std::string>> submissions;  // oldest first
  std::vector<StoredNotification> notifications;
  std::map<int64_t, ports::JobRecord> jobs;
  int64_t next_job = 1;
  std::map<std::string, ports::FailedSignIns> sign_ins;
  std::vector<ports::Event> events;
  int64_t next_event = 1;

  std::string name_of(std::optional<int64_t> user) const {
    if (!user) return "";
    auto it = users.find(*user);
    return it == users.end() ? "" : it->second.user.display_name;
  }
  void record(const std::string& kind, int64_t campaign, int64_t response, const std::string& body) {
    events.push_back(ports::Event{next_event++, kind, campaign, response, body, clock.now_iso()});
  }
  std::vector<CategoryStatus> categories_of(int64_t rid) const {
    std::vector<CategoryStatus> out;
    auto it = categories.find(rid);
    if (it == categories.end()) return out;
    for (const auto& c : it->second) out.push_back({c.category, c.assignee, name_of(c.assignee), c.ready, c.return_comment});
    return out;
  }
  std::vector<AnswerRecord> answers_of(int64_t rid) const {
    std::vector<AnswerRecord> out;
    for (auto it = answers.lower_bound({rid, ""}); it != answers.end() && it->first.first == rid; ++it) {
      AnswerRecord a = it->second;
      a.updated_by_name = name_of(a.updated_by);
      out.push_back(std::move(a));
    }
    return out;
  }
  void workflow_event(int64_t rid, const std::string& action, ResponseState from, ResponseState to,
                      std::optional<int> category, const std::string& comment, int64_t user) {
    workflow.push_back({rid, user,
                        WorkflowEvent{std::string(to_string(from)), std::string(to_string(to)), action, comment,
                                      clock.now_iso(), "", category}});
  }
  void history_row(int64_t rid, const AnswerRecord& before, const AnswerRecord& after, int64_t user) {
    history.emplace_back(rid, after.question_id,
                         HistoryEntry{after.version, user, "", clock.now_iso(),
                                      json::serialize(answer_content_json(before)),
                                      json::serialize(answer_content_json(after))});
  }
  void touch(int64_t rid, bool revision) {
    auto& r = responses.at(rid);
    ++r.version;
    if (revision) ++r.revision;
    r.updated_at = clock.now_iso();
  }
  Result<ResponseSnapshot> snapshot(int64_t rid, const WriteGuard& guard) const {
    auto it = responses.find(rid);
    if (it == responses.end()) return Status::NotFound("response_not_found");
    ResponseSnapshot s{it->second, categories_of(rid), {}};
    if (guard.needs_answers) s.answers = answers_of(rid);
    if (guard.check) MAMORI_RETURN_IF_ERROR(guard.check(s));
    return s;
  }
  void apply(int64_t rid, const CategoryChange& ch) {
    for (auto& c : categories[rid])
      if (c.category == ch.category) {
        if (ch.assignee) c.assignee = *ch.assignee;
        if (ch.ready) c.ready = *ch.ready;
        if (ch.return_comment) c.return_comment = *ch.return_comment;
      }
  }
};

class Bodies final : public ports::BodyRepository {
 public:
  explicit Bodies(State& s) : s_(s) {}
  Status upsert_bodies(const std::vector<Body>& bodies) override {
    std::lock_guard lock(s_.mu);
    std::set<std::string> known;
    for (const auto& [code, b] : s_.bodies) known.insert(code);
    for (const auto& b : bodies) {
      known.insert(b.code);
      for (const auto& m : b.members)
        if (!known.contains(m)) return Status::InvalidArgument("unknown_body", {{"code", m}});
    }
    for (const auto& b : bodies) {
      Body stored = b;
      auto it = s_.bodies.find(b.code);
      if (it != s_.bodies.end() && b.type != BodyType::kUnion && b.members.empty()) stored.members = it->second.members;
      s_.bodies[b.code] = std::move(stored);
      s_.record("body_changed", 0, 0, b.code);
    }
    return Status::Ok();
  }
  Result<Body> get_body(const std::string& code) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.bodies.find(code);
    if (it == s_.bodies.end()) return Status::NotFound("body_not_found");
    return it->second;
  }
  Result<std::vector<Body>> list_bodies(const ports::BodyFilter& f) override {
    std::lock_guard lock(s_.mu);
    std::vector<Body> out;
    int skipped = 0;
    for (const auto& [code, b] : s_.bodies) {
      if (!f.prefecture_code.empty() && b.prefecture_code != f.prefecture_code) continue;
      if (!f.type.empty() && to_string(b.type) != f.type) continue;
      if (!f.search.empty() && b.name_ja.find(f.search) == std::string::npos &&
          b.name_kana.find(f.search) == std::string::npos)
        continue;
      if (skipped++ < f.offset) continue;
      if (static_cast<int>(out.size()) >= f.limit) break;
      Body copy = b;
      copy.members.clear();
      out.push_back(std::move(copy));
    }
    return out;
  }
  Result<int64_t> count_bodies() override {
    std::lock_guard lock(s_.mu);
    return static_cast<int64_t>(s_.bodies.size());
  }

 private:
  State& s_;
};

class Users final : public ports::UserRepository {
 public:
  explicit Users(State& s) : s_(s) {}
  Result<int64_t> create_user(const User& u, const std::string& hash) override {
    std::lock_guard lock(s_.mu);
    for (const auto& [id, su] : s_.users)
      if (su.user.login == u.login) return Status::AlreadyExists("login_taken");
    if (!u.body_code.empty() && !s_.bodies.contains(u.body_code))
      return Status::InvalidArgument("unknown_body", {{"code", u.body_code}});
    User stored = u;
    stored.id = s_.next_user++;
    stored.disabled = false;
    stored.second_factor = false;
    s_.users[stored.id] = {stored, hash, {}, {}};
    return stored.id;
  }
  Status set_password(int64_t id, const std::string& hash, bool must_change, const std::string& keep) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    su->hash = hash;
    su->user.must_change_password = must_change;
    end_sessions(id, keep);
    revoke_api_tokens(id);
    return Status::Ok();
  }
  Result<ports::Credentials> find_credentials(const std::string& login) override {
    std::lock_guard lock(s_.mu);
    for (const auto& [id, su] : s_.users)
      if (su.user.login == login) return ports::Credentials{su.user, su.hash};
    return Status::NotFound();
  }
  Result<User> get_user(int64_t id) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    return su->user;
  }
  Result<std::vector<User>> list_users(const std::string& body_code) override {
    std::lock_guard lock(s_.mu);
    std::vector<User> out;
    for (const auto& [id, su] : s_.users)
      if (su.user.body_code == body_code) out.push_back(su.user);
    return out;
  }
  Result<std::vector<User>> users_with_email(const std::string& email) override {
    std::lock_guard lock(s_.mu);
    std::vector<User> out;
    for (const auto& [id, su] : s_.users)
      if (!su.user.email.empty() && lower(su.user.email) == lower(email)) out.push_back(su.user);
    return out;
  }
  Status change_account(int64_t id, const ports::AccountChange& ch) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    if (ch.disabled) su->user.disabled = *ch.disabled;
    if (ch.roles) su->user.roles = *ch.roles;
    if (ch.expires_at) su->user.expires_at = *ch.expires_at;
    if (ch.display_name) su->user.display_name = *ch.display_name;
    if (ch.email) su->user.email = *ch.email;
    end_sessions(id, "");
    revoke_api_tokens(id);
    return Status::Ok();
  }

  Result<ports::StoredSecondFactor> second_factor(int64_t id) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    return su->factor;
  }
  Status begin_enrolment(int64_t id, const std::string& sealed) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    if (su->factor.enabled) return Status::FailedPrecondition("second_factor_enrolled");
    su->factor.sealed_secret = sealed;
    return Status::Ok();
  }
  Status confirm_enrolment(int64_t id, int64_t step, const std::vector<std::string>& codes) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su || su->factor.enabled || !su->factor.sealed_secret)
      return Status::FailedPrecondition("second_factor_not_started");
    su->factor.enabled = true;
    su->factor.last_step = step;
    su->user.second_factor = true;
    su->recovery.clear();
    for (const auto& c : codes) su->recovery[c] = false;
    return Status::Ok();
  }
  Status use_code_step(int64_t id, int64_t step) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su || su->factor.last_step >= step) return Status::AlreadyExists("code_used");
    su->factor.last_step = step;
    return Status::Ok();
  }
  Status use_recovery_code(int64_t id, const std::string& hash) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("code_wrong");
    auto it = su->recovery.find(hash);
    if (it == su->recovery.end() || it->second) return Status::NotFound("code_wrong");
    it->second = true;
    return Status::Ok();
  }
  Result<int> unused_recovery_codes(int64_t id) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return 0;
    return static_cast<int>(std::count_if(su->recovery.begin(), su->recovery.end(), [](const auto& kv) { return !kv.second; }));
  }
  Status reset_second_factor(int64_t id) override {
    std::lock_guard lock(s_.mu);
    StoredUser* su = find(id);
    if (!su) return Status::NotFound("user_not_found");
    su->factor = {};
    su->user.second_factor = false;
    su->recovery.clear();
    end_sessions(id, "");
    revoke_api_tokens(id);
    return Status::Ok();
  }

  Status create_session(const ports::NewSession& n) override {
    std::lock_guard lock(s_.mu);
    const std::string now = s_.clock.now_iso();
    std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.expires_at <= now; });
    return insert(n, now);
  }
  Status replace_session(const std::string& old_hash, const ports::NewSession& n) override {
    std::lock_guard lock(s_.mu);
    if (!s_.sessions.erase(old_hash)) return Status::NotFound("not_found");
    return insert(n, s_.clock.now_iso());
  }
  Result<ports::SessionInfo> find_session(const std::string& token_hash, const std::string& idle_since) override {
    std::lock_guard lock(s_.mu);
    const std::string now = s_.clock.now_iso();
    auto it = s_.sessions.find(token_hash);
    if (it == s_.sessions.end() || !alive(it->second, now, idle_since)) return Status::NotFound();
    const User& u = s_.users.at(it->second.user.id).user;
    if (u.disabled || (u.expires_at && *u.expires_at <= now)) return Status::NotFound();
    ports::SessionInfo out = it->second;
    out.user = u;
    return out;
  }
  Status touch_session(const std::string& token_hash) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.sessions.find(token_hash);
    if (it != s_.sessions.end()) it->second.last_seen_at = s_.clock.now_iso();
    return Status::Ok();
  }
  Status delete_session(const std::string& token_hash) override {
    std::lock_guard lock(s_.mu);
    s_.sessions.erase(token_hash);
    return Status::Ok();
  }
  Result<std::vector<ports::SessionInfo>> list_sessions(int64_t id, const std::string& idle_since) override {
    std::lock_guard lock(s_.mu);
    const std::string now = s_.clock.now_iso();
    std::vector<ports::SessionInfo> out;
    for (const auto& [h, si] : s_.sessions)
      if (si.user.id == id && alive(si, now, idle_since)) {
        out.push_back(si);
        out.back().user = s_.users.at(id).user;
      }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.last_seen_at, a.created_at) > std::tie(b.last_seen_at, b.created_at);
    });
    return out;
  }
  Result<int64_t> delete_other_sessions(int64_t id, const std::string& keep) override {
    std::lock_guard lock(s_.mu);
    return end_sessions(id, keep);
  }

  Status create_token(const std::string& hash, int64_t id, const std::string& purpose,
                      const std::string& expires_at) override {
    std::lock_guard lock(s_.mu);
    if (!find(id)) return Status::NotFound("user_not_found");
    for (auto& [h, t] : s_.tokens)
      if (t.user_id == id && t.purpose == purpose) t.used = true;
    if (s_.tokens.contains(hash)) return Status::FailedPrecondition("constraint_unique");
    s_.tokens[hash] = {id, purpose, expires_at, false};
    return Status::Ok();
  }
  Result<int64_t> token_user(const std::string& hash, const std::string& purpose) override {
    std::lock_guard lock(s_.mu);
    const StoredToken* t = usable(hash, purpose);
    if (!t) return Status::NotFound("token_invalid");
    return t->user_id;
  }
  Result<int64_t> redeem_token(const std::string& hash, const std::string& purpose, const std::string& pw) override {
    std::lock_guard lock(s_.mu);
    StoredToken* t = usable(hash, purpose);
    if (!t) return Status::NotFound("token_invalid");
    StoredUser* su = find(t->user_id);
    if (!su) return Status::NotFound("user_not_found");
    t->used = true;
    su->hash = pw;
    su->user.must_change_password = false;
    end_sessions(t->user_id, "");
    revoke_api_tokens(t->user_id);
    return t->user_id;
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static bool alive(const ports::SessionInfo& si, const std::string& now, const std::string& idle_since) {
    return si.expires_at > now && si.last_seen_at >= idle_since;
  }
  StoredUser* find(int64_t id) {
    auto it = s_.users.find(id);
    return it == s_.users.end() ? nullptr : &it->second;
  }
  StoredToken* usable(const std::string& hash, const std::string& purpose) {
    auto it = s_.tokens.find(hash);
    if (it == s_.tokens.end() || it->second.purpose != purpose || it->second.used ||
        it->second.expires_at <= s_.clock.now_iso())
      return nullptr;
    return &it->second;
  }
  // Revokes every API token of `id` (an account or credential change). Caller holds the lock.
  void revoke_api_tokens(int64_t id) {
    for (auto& t : s_.api_tokens)
      if (t.user_id == id && !t.token.revoked_at) t.token.revoked_at = s_.clock.now_iso();
  }
  int64_t end_sessions(int64_t id, const std::string& keep) {
    return static_cast<int64_t>(
        std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.user.id == id && kv.first != keep; }));
  }
  Status insert(const ports::NewSession& n, const std::string& now) {
    if (s_.sessions.contains(n.token_hash)) return Status::FailedPrecondition("constraint_unique");
    if (!s_.users.contains(n.user_id)) return Status::FailedPrecondition("constraint_foreign_key");
    ports::SessionInfo si;
    si.user.id = n.user_id;
    si.csrf_token = n.csrf_token;
    si.expires_at = n.expires_at;
    si.stage = n.stage;
    si.created_at = si.last_seen_at = now;
    si.address = n.address;
    si.user_agent = n.user_agent;
    si.token_hash = n.token_hash;
    s_.sessions[n.token_hash] = si;
    return Status::Ok();
  }

  State& s_;
};

class Campaigns final : public ports::CampaignRepository {
 public:
  explicit Campaigns(State& s) : s_(s) {}
  Result<int64_t> create_campaign(const Campaign& c) override {
    std::lock_guard lock(s_.mu);
    for (const auto& t : c.targets)
      if (!s_.bodies.contains(t)) return Status::InvalidArgument("unknown_body", {{"code", t}});
    Campaign stored = c;
    const int64_t id = stored.id = s_.next_campaign++;
    stored.state = CampaignState::kDraft;
    stored.target_count = static_cast<int64_t>(c.targets.size());
    std::vector<std::string> targets = c.targets;
    std::sort(targets.begin(), targets.end());
    stored.targets.clear();
    s_.targets[stored.id] = std::move(targets);
    s_.campaigns[id] = std::move(stored);
    return id;
  }
  Result<Campaign> get_campaign(int64_t id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.campaigns.find(id);
    if (it == s_.campaigns.end()) return Status::NotFound("campaign_not_found");
    return it->second;
  }
  Result<std::vector<Campaign>> list_campaigns() override {
    std::lock_guard lock(s_.mu);
    std::vector<Campaign> out;
    for (const auto& [id, c] : s_.campaigns) out.push_back(c);
    std::sort(out.begin(), out.end(), [](const Campaign& a, const Campaign& b) {
      return a.fiscal_year != b.fiscal_year ? a.fiscal_year > b.fiscal_year : a.id > b.id;
    });
    return out;
  }
  Status update_window(int64_t id, const std::string& closes_at) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.campaigns.find(id);
    if (it == s_.campaigns.end()) return Status::NotFound("campaign_not_found");
    it->second.closes_at = closes_at;
    return Status::Ok();
  }
  Result<std::map<std::string, std::map<std::string, std::string>>> last_accepted_answers(
      const std::string& catalog_id) override {
    std::lock_guard lock(s_.mu);
    std::map<std::string, int64_t> latest;  // body → campaign id
    for (const auto& [rid, r] : s_.responses)
      if (r.state == ResponseState::kAccepted && s_.campaigns.at(r.campaign_id).catalog_id == catalog_id)
        latest[r.body_code] = std::max(latest[r.body_code], r.campaign_id);
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& [rid, r] : s_.responses) {
      auto it = latest.find(r.body_code);
      if (it == latest.end() || it->second != r.campaign_id || r.state != ResponseState::kAccepted) continue;
      for (const auto& a : s_.answers_of(rid))
        if (a.value_json && !a.not_applicable) out[r.body_code][a.question_id] = *a.value_json;
    }
    return out;
  }
  Status open_campaign(int64_t id, const std::vector<int>& categories,
                       const std::function<void(const std::string&, std::vector<ports::OpeningAnswer>&)>& answers_for,
                       const std::function<void(int64_t, int64_t)>& progress) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.campaigns.find(id);
    if (it == s_.campaigns.end() || it->second.state != CampaignState::kDraft)
      return Status::FailedPrecondition("campaign_not_draft");
    it->second.state = CampaignState::kOpen;
    const auto& targets = s_.targets[id];
    const std::string now = s_.clock.now_iso();
    int64_t done = 0, total = static_cast<int64_t>(targets.size());
    std::vector<ports::OpeningAnswer> rows;
    for (const auto& code : targets) {
      ResponseRecord r{.id = s_.next_response++, .campaign_id = id, .body_code = code, .updated_at = now};
      s_.responses[r.id] = r;
      rows.clear();
      answers_for(code, rows);
      for (const auto& a : rows)
        s_.answers[{r.id, *a.question_id}] = AnswerRecord{.question_id = *a.question_id,
                                                          .value_json = a.value_json,
                                                          .previous_json = a.previous_json,
                                                          .state = std::string(a.state),
                                                          .needs_confirmation = a.needs_confirmation,
                                                          .updated_at = now};
      for (int c : categories) s_.categories[r.id].push_back(StoredCategory{c, std::nullopt, false, ""});
      ++done;
      if (progress && (done % 50 == 0 || done == total)) progress(done, total);
    }
    return Status::Ok();
  }
  Status close_campaign(int64_t id, int64_t user_id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.campaigns.find(id);
    if (it == s_.campaigns.end() || it->second.state != CampaignState::kOpen)
      return Status::FailedPrecondition("campaign_not_open").with_message("campaign_not_open.close");
    it->second.state = CampaignState::kClosed;
    it->second.closed_at = s_.clock.now_iso();
    for (auto& [rid, r] : s_.responses) {
      if (r.campaign_id != id) continue;
      if (auto b = s_.bodies.find(r.body_code); b != s_.bodies.end())
        s_.frozen_groups.try_emplace(rid, group_attributes_of(b->second));
      if (r.state != ResponseState::kDraft && r.state != ResponseState::kReadyForReview &&
          r.state != ResponseState::kReturned)
        continue;
      if (!r.locked) s_.workflow_event(rid, "campaign_closed", r.state, r.state, std::nullopt, "", user_id);
      r.locked = true;
      ++r.version;
      ++r.revision;
    }
    s_.record("campaign_closed", id, 0, "");
    return Status::Ok();
  }
  Status import_accepted(int64_t id, int64_t user_id) override {
    std::lock_guard lock(s_.mu);
    const std::string now = s_.clock.now_iso();
    for (auto& [rid, r] : s_.responses) {
      if (r.campaign_id != id) continue;
      s_.workflow_event(rid, "imported", r.state, ResponseState::kAccepted, std::nullopt, "", user_id);
      r.state = ResponseState::kAccepted;
      r.submitted_at = r.accepted_at = r.updated_at = now;
      ++r.version;
      ++r.revision;
    }
    s_.record("campaign_imported", id, 0, "");
    return Status::Ok();
  }

 private:
  State& s_;
};

class Responses final : public ports::ResponseRepository {
 public:
  explicit Responses(State& s) : s_(s) {}
  Result<ports::ResponseContext> load_context(int64_t id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.responses.find(id);
    if (it == s_.responses.end()) return Status::NotFound("response_not_found");
    return ports::ResponseContext{it->second, s_.categories_of(id)};
  }
  Result<ResponseRecord> get_response(int64_t id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.responses.find(id);
    if (it == s_.responses.end()) return Status::NotFound("response_not_found");
    return it->second;
  }
  Result<ResponseRecord> find_response(int64_t campaign_id, const std::string& body_code) override {
    std::lock_guard lock(s_.mu);
    for (const auto& [id, r] : s_.responses)
      if (r.campaign_id == campaign_id && r.body_code == body_code) return r;
    return Status::NotFound("response_not_found");
  }
  Result<std::vector<ports::ResponseSummary>> list_responses(int64_t campaign_id, const ports::ResponseFilter& f) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::ResponseSummary> out;
    for (const auto& [id, r] : s_.responses) {
      if (r.campaign_id != campaign_id) continue;
      const Body& b = s_.bodies.at(r.body_code);
      if (!f.prefecture_code.empty() && b.prefecture_code != f.prefecture_code) continue;
      if (!f.state.empty() && to_string(r.state) != f.state) continue;
      out.push_back({r, b.name_ja, std::string(to_string(b.type)), b.name_kana});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.response.body_code < b.response.body_code; });
    return out;
  }
  Result<std::vector<ResponseRecord>> responses_of_body(const std::string& body_code) override {
    std::lock_guard lock(s_.mu);
    std::vector<ResponseRecord> out;
    for (const auto& [id, r] : s_.responses)
      if (r.body_code == body_code) out.push_back(r);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.campaign_id > b.campaign_id; });
    return out;
  }
  Result<std::vector<AnswerRecord>> get_answers(int64_t response_id) override {
    std::lock_guard lock(s_.mu);
    return s_.answers_of(response_id);
  }
  Status for_each_counted_answer(int64_t campaign_id, const CountedAnswerFn& fn) override {
    std::lock_guard lock(s_.mu);
    for (const auto& [id, r] : s_.responses) {
      if (r.campaign_id != campaign_id) continue;
      if (r.state != ResponseState::kSubmitted && r.state != ResponseState::kAccepted) continue;
      for (const auto& a : s_.answers_of(id)) fn(id, r.body_code, a.question_id, a.value_json);
    }
    return Status::Ok();
  }
  Result<std::map<int64_t, GroupAttributes>> frozen_groups(int64_t campaign_id) override {
    std::lock_guard lock(s_.mu);
    std::map<int64_t, GroupAttributes> out;
    for (const auto& [rid, g] : s_.frozen_groups)
      if (auto r = s_.responses.find(rid); r != s_.responses.end() && r->second.campaign_id == campaign_id)
        out.emplace(rid, g);
    return out;
  }
  Result<std::optional<GroupAttributes>> frozen_groups_of(int64_t response_id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.frozen_groups.find(response_id);
    if (it == s_.frozen_groups.end()) return std::optional<GroupAttributes>{};
    return std::optional<GroupAttributes>{it->second};
  }
  Result<AnswerRecord> get_answer(int64_t response_id, const std::string& question_id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.answers.find({response_id, question_id});
    if (it == s_.answers.end()) return Status::NotFound("question_not_found", {{"id", question_id}});
    AnswerRecord a = it->second;
    a.updated_by_name = s_.name_of(a.updated_by);
    return a;
  }
  Result<ports::SaveOutcome> save_answer(int64_t response_id, const std::string& question_id, int64_t revision,
                                         int64_t expected_version,
                                         const std::function<ports::AnswerUpdate(const AnswerRecord&)>& update,
                                         int64_t user_id,
                                         std::shared_ptr<const ports::ReuseFanout> fanout = nullptr) override {
    // Reuse between surveys is not modelled here: its tests run on the SQL stores
    // (ReuseContract in src/store/store_contract_test.cpp).
    if (fanout) return Status::Internal("the in-memory store does not model reuse between surveys");
    std::lock_guard lock(s_.mu);
    auto it = s_.answers.find({response_id, question_id});
    if (it == s_.answers.end()) return Status::NotFound("question_not_found", {{"id", question_id}});
    const AnswerRecord before = it->second;
    if (before.version != expected_version) {
      StaleAnswer stale{before};
      stale.current.updated_by_name = s_.name_of(before.updated_by);
      return ports::SaveOutcome(std::move(stale));
    }
    if (s_.responses.at(response_id).revision != revision) return ports::SaveOutcome(ports::ContextChanged{});
    const AnswerRecord after = ports::applied(before, update(before), user_id, s_.clock.now_iso());
    it->second = after;
    s_.touch(response_id, false);
    s_.history_row(response_id, before, after, user_id);
    return ports::SaveOutcome(std::move(after));
  }
  Result<int64_t> confirm_answers(int64_t response_id, const std::vector<std::string>& question_ids, int64_t user_id,
                                  const WriteGuard& guard,
                                  const std::vector<std::shared_ptr<const ports::ReuseFanout>>& fanouts) override {
    for (const auto& f : fanouts)
      if (f) return Status::Internal("the in-memory store does not model reuse between surveys");
    std::lock_guard lock(s_.mu);
    MAMORI_RETURN_IF_ERROR(s_.snapshot(response_id, guard).status());
    int64_t n = 0;
    for (const auto& qid : question_ids) {
      auto it = s_.answers.find({response_id, qid});
      if (it == s_.answers.end()) continue;
      AnswerRecord& a = it->second;
      if (a.state != "carried_over" || a.needs_confirmation || !a.value_json) continue;
      const AnswerRecord before = a;
      a.state = "confirmed";
      ++a.version;
      a.updated_by = user_id;
      a.updated_at = s_.clock.now_iso();
      AnswerRecord after = before;
      after.state = "confirmed";
      after.version = before.version + 1;
      s_.history_row(response_id, before, after, user_id);
      ++n;
    }
    if (n > 0) s_.touch(response_id, false);
    return n;
  }
  Result<ports::ImportOutcome> import_answers(int64_t response_id, const std::vector<ports::ImportedAnswer>& answers,
                                              int64_t user_id, const std::string& note,
                                              const WriteGuard& guard) override {
    for (const auto& a : answers)
      if (a.fanout) return Status::Internal("the in-memory store does not model reuse between surveys");
    std::lock_guard lock(s_.mu);
    MAMORI_RETURN_IF_ERROR(s_.snapshot(response_id, guard).status());
    std::vector<StaleAnswer> stale;
    for (const auto& a : answers) {
      auto it = s_.answers.find({response_id, a.question_id});
      if (it == s_.answers.end()) return Status::NotFound("question_not_found", {{"id", a.question_id}});
      if (it->second.version != a.expected_version) {
        StaleAnswer st{it->second};
        st.current.updated_by_name = s_.name_of(it->second.updated_by);
        stale.push_back(std::move(st));
      }
    }
    if (!stale.empty()) return ports::ImportOutcome(std::move(stale));
    std::vector<AnswerRecord> written;
    for (const auto& a : answers) {
      AnswerRecord& stored = s_.answers.find({response_id, a.question_id})->second;
      const AnswerRecord before = stored;
      const AnswerRecord after = ports::applied(before, a.update(before), user_id, s_.clock.now_iso());
      stored = after;
      s_.history_row(response_id, before, after, user_id);
      std::get<2>(s_.history.back()).note = note;
      written.push_back(std::move(after));
    }
    if (!written.empty()) s_.touch(response_id, false);
    return ports::ImportOutcome(std::move(written));
  }
  Result<std::vector<HistoryEntry>> history(int64_t response_id, const std::string& question_id) override {
    std::lock_guard lock(s_.mu);
    std::vector<HistoryEntry> out;
    for (const auto& [rid, qid, e] : s_.history)
      if (rid == response_id && qid == question_id) {
        HistoryEntry copy = e;
        copy.user_name = s_.name_of(e.user_id);
        out.push_back(std::move(copy));
      }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version > b.version; });
    return out;
  }
  Result<std::vector<CategoryStatus>> categories(int64_t response_id) override {
    std::lock_guard lock(s_.mu);
    return s_.categories_of(response_id);
  }
  Status change_category(int64_t response_id, const CategoryChange& change, int64_t user_id, const std::string& action,
                         const std::string& comment, const WriteGuard& guard) override {
    std::lock_guard lock(s_.mu);
    MAMORI_ASSIGN_OR_RETURN(ResponseSnapshot snap, s_.snapshot(response_id, guard));
    s_.apply(response_id, change);
    s_.workflow_event(response_id, action, snap.response.state, snap.response.state, change.category, comment, user_id);
    s_.touch(response_id, true);
    return Status::Ok();
  }
  Status transition(int64_t response_id, ResponseState from, ResponseState to, int64_t user_id,
                    const std::string& action, const std::string& comment, const WriteGuard& guard,
                    const std::optional<CategoryChange>& category_change) override {
    std::lock_guard lock(s_.mu);
    WriteGuard checked = guard;
    checked.check = [&](const ResponseSnapshot& s) -> Status {
      if (s.response.locked) return editable_status(s.response);
      if (s.response.state != from) return Status::Aborted("state_changed");
      return guard.check ? guard.check(s) : Status::Ok();
    };
    MAMORI_ASSIGN_OR_RETURN(ResponseSnapshot snap, s_.snapshot(response_id, checked));
    std::string submission;
    if (guard.snapshot) submission = guard.snapshot(snap);
    ResponseRecord& r = s_.responses.at(response_id);
    const std::string now = s_.clock.now_iso();
    r.state = to;
    if (to == ResponseState::kSubmitted) r.submitted_at = now;
    if (to == ResponseState::kAccepted) r.accepted_at = now;
    s_.touch(response_id, true);
    std::optional<int> category;
    if (category_change) {
      s_.apply(response_id, *category_change);
      category = category_change->category;
    }
    s_.workflow_event(response_id, action, from, to, category, comment, user_id);
    if (guard.snapshot) s_.submissions[response_id].push_back(submission);
    s_.record("response_changed", r.campaign_id, response_id, r.body_code);
    return Status::Ok();
  }
  Status unlock_response(int64_t response_id, int64_t user_id, const std::string& comment) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.responses.find(response_id);
    if (it == s_.responses.end() || !it->second.locked) return Status::FailedPrecondition("not_locked");
    it->second.locked = false;
    s_.touch(response_id, true);
    s_.workflow_event(response_id, "reopen", it->second.state, it->second.state, std::nullopt, comment, user_id);
    return Status::Ok();
  }
  Result<std::vector<WorkflowEvent>> events(int64_t response_id) override {
    std::lock_guard lock(s_.mu);
    std::vector<WorkflowEvent> out;
    for (const auto& e : s_.workflow)
      if (e.response_id == response_id) {
        WorkflowEvent copy = e.event;
        copy.user_name = s_.name_of(e.user_id);
        out.push_back(std::move(copy));
      }
    return out;
  }
  Result<std::vector<std::string>> submissions(int64_t response_id) override {
    std::lock_guard lock(s_.mu);
    auto subs = s_.submissions[response_id];
    std::reverse(subs.begin(), subs.end());
    return subs;
  }

 private:
  State& s_;
};

class Notifications final : public ports::NotificationRepository {
 public:
  explicit Notifications(State& s) : s_(s) {}
  Result<int64_t> add_notifications(int64_t campaign_id, const std::vector<std::string>& codes,
                                    const std::string& message, int64_t sender) override {
    std::lock_guard lock(s_.mu);
    for (const auto& c : codes)
      if (!s_.bodies.contains(c)) return Status::InvalidArgument("unknown_body", {{"code", c}});
    for (const auto& c : codes) {
      int64_t id = static_cast<int64_t>(s_.notifications.size()) + 1;
      s_.notifications.push_back({ports::Notification{id, campaign_id, c, message, "", s_.clock.now_iso(), std::nullopt}, sender});
    }
    return static_cast<int64_t>(codes.size());
  }
  Result<std::vector<ports::Notification>> notifications_of_body(const std::string& body_code) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::Notification> out;
    for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && out.size() < 50; ++it)
      if (it->n.body_code == body_code) {
        ports::Notification n = it->n;
        n.sender_name = s_.name_of(it->sender);
        out.push_back(std::move(n));
      }
    return out;
  }
  Status mark_notification_read(int64_t id, const std::string& body_code, int64_t) override {
    std::lock_guard lock(s_.mu);
    for (auto& sn : s_.notifications)
      if (sn.n.id == id && sn.n.body_code == body_code) {
        if (!sn.n.read_at) sn.n.read_at = s_.clock.now_iso();
        return Status::Ok();
      }
    return Status::NotFound("notification_not_found");
  }

 private:
  State& s_;
};

class Jobs final : public ports::JobStore {
 public:
  explicit Jobs(State& s) : s_(s) {}
  Result<ports::NewJob> create_job(const std::string& kind, int64_t owner, const ports::JobLimits& limits,
                                   const ports::JobResult& result, const std::string& node) override {
    std::lock_guard lock(s_.mu);
    int all = 0, mine = 0;
    for (const auto& [id, j] : s_.jobs)
      if (j.kind == kind && j.state == ports::JobState::kRunning) {
        ++all;
        if (j.started_by == owner) ++mine;
      }
    ports::NewJob out;
    if (limits.per_user > 0 && mine >= limits.per_user) out.refused = ports::JobRefusal::kUserBusy;
    else if (limits.total > 0 && all >= limits.total) out.refused = ports::JobRefusal::kAllBusy;
    if (out.refused != ports::JobRefusal::kNone) return out;
    const std::string now = s_.clock.now_iso();
    if (!result.file.empty())
      for (auto& [id, j] : s_.jobs)
        if (j.kind == kind && j.started_by == owner && j.state != ports::JobState::kRunning && !j.result.file.empty()) {
          out.forgotten_files.push_back(j.result.file);
          j.result.file.clear();
        }
    out.id = s_.next_job++;
    s_.jobs[out.id] = ports::JobRecord{.id = out.id, .kind = kind, .started_by = owner, .result = result, .node = node,
                                       .created_at = now, .updated_at = now};
    return out;
  }
  Status update_job_progress(int64_t id, int64_t done, int64_t total) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.jobs.find(id);
    if (it != s_.jobs.end() && it->second.state == ports::JobState::kRunning) {
      it->second.done = done;
      it->second.total = total;
      it->second.updated_at = s_.clock.now_iso();
    }
    return Status::Ok();
  }
  Status finish_job(int64_t id, const Status& outcome) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.jobs.find(id);
    if (it != s_.jobs.end() && it->second.state == ports::JobState::kRunning) {
      it->second.state = outcome.ok() ? ports::JobState::kDone : ports::JobState::kFailed;
      it->second.error = outcome;
      it->second.updated_at = s_.clock.now_iso();
    }
    return Status::Ok();
  }
  Result<ports::JobRecord> get_job(int64_t id) override {
    std::lock_guard lock(s_.mu);
    auto it = s_.jobs.find(id);
    if (it == s_.jobs.end()) return Status::NotFound("job_not_found");
    return it->second;
  }
  Result<std::vector<std::string>> abandon_jobs(const std::string& node, const Status& why) override {
    std::lock_guard lock(s_.mu);
    std::vector<std::string> files;
    for (auto& [id, j] : s_.jobs) {
      if (j.node != node) continue;
      if (j.state == ports::JobState::kRunning) {
        j.state = ports::JobState::kFailed;
        j.error = why;
      }
      if (!j.result.file.empty()) files.push_back(std::exchange(j.result.file, ""));
    }
    return files;
  }

 private:
  State& s_;
};

class SignIns final : public ports::SignInAttempts {
 public:
  explicit SignIns(State& s) : s_(s) {}
  Result<std::vector<ports::FailedSignIns>> failures(const std::vector<std::string>& keys) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::FailedSignIns> out;
    for (const auto& key : keys) {
      auto it = s_.sign_ins.find(key);
      out.push_back(it == s_.sign_ins.end() ? ports::FailedSignIns{} : it->second);
    }
    return out;
  }
  Result<std::vector<int64_t>> record_attempts(const std::vector<std::string>& keys,
                                               const std::string& window_start) override {
    std::lock_guard lock(s_.mu);
    std::erase_if(s_.sign_ins, [&](const auto& kv) { return kv.second.last_at < window_start; });
    std::vector<int64_t> out;
    for (const auto& key : keys) {
      auto& f = s_.sign_ins[key];
      f.failures += 1;
      f.last_at = s_.clock.now_iso();
      out.push_back(f.failures);
    }
    return out;
  }
  Status settle(const std::vector<std::string>& uncount, const std::vector<std::string>& forget) override {
    std::lock_guard lock(s_.mu);
    for (const auto& key : uncount)
      if (auto it = s_.sign_ins.find(key); it != s_.sign_ins.end() && it->second.failures > 0) --it->second.failures;
    for (const auto& key : forget) s_.sign_ins.erase(key);
    return Status::Ok();
  }
  Result<std::vector<ports::CountedSignIns>> counted(int64_t min_failures, int limit) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::CountedSignIns> out;
    for (const auto& [key, f] : s_.sign_ins)
      if (f.failures >= min_failures) out.push_back({key, f});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.counted.last_at != b.counted.last_at ? a.counted.last_at > b.counted.last_at : a.key < b.key;
    });
    if (out.size() > static_cast<size_t>(std::max(0, limit))) out.resize(static_cast<size_t>(std::max(0, limit)));
    return out;
  }

 private:
  State& s_;
};

class Events final : public ports::EventLog {
 public:
  explicit Events(State& s) : s_(s) {}
  Result<int64_t> latest_event() override {
    std::lock_guard lock(s_.mu);
    return s_.events.empty() ? 0 : s_.events.back().id;
  }
  Result<std::vector<ports::Event>> events_after(int64_t after, int limit) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::Event> out;
    for (const auto& e : s_.events)
      if (e.id > after && static_cast<int>(out.size()) < limit) out.push_back(e);
    return out;
  }
  Status prune_events(const std::string& before) override {
    std::lock_guard lock(s_.mu);
    std::erase_if(s_.events, [&](const ports::Event& e) { return e.at < before; });
    return Status::Ok();
  }

 private:
  State& s_;
};

class Audit final : public ports::AuditRepository {
 public:
  explicit Audit(State& s) : s_(s) {}
  Result<AuditEntry> append(const AuditEntry& entry) override {
    std::lock_guard lock(s_.mu);
    AuditEntry e = entry;
    e.seq = static_cast<int64_t>(s_.audit.size()) + 1;
    e.at = s_.clock.now_iso();
    e.prev_hash = s_.audit.empty() ? "" : s_.audit.back().hash;
    e.hash = auth::chain_hash(e.prev_hash, hashed_fields(e));
    s_.audit.push_back(e);
    return e;
  }
  Result<std::vector<AuditEntry>> search(const AuditFilter& f) override {
    std::lock_guard lock(s_.mu);
    std::vector<AuditEntry> out;
    const bool prefix = !f.action.empty() && f.action.back() == '.';
    for (auto it = s_.audit.rbegin(); it != s_.audit.rend() && static_cast<int>(out.size()) < std::clamp(f.limit, 1, 1000); ++it) {
      const AuditEntry& e = *it;
      if (!f.actor.empty() && e.actor != f.actor) continue;
      if (!f.body_code.empty() && e.body_code != f.body_code) continue;
      if (!f.action.empty() && (prefix ? e.action.rfind(f.action, 0) != 0 : e.action != f.action)) continue;
      if (!f.from_date.empty() && e.at < f.from_date) continue;
      if (!f.to_date.empty() && e.at > f.to_date + "T99") continue;
      if (f.before_seq > 0 && e.seq >= f.before_seq) continue;
      out.push_back(e);
    }
    return out;
  }
  Result<std::vector<AuditEntry>> chain(int64_t after, int limit) override {
    std::lock_guard lock(s_.mu);
    std::vector<AuditEntry> out;
    for (const auto& e : s_.audit)
      if (e.seq > after && static_cast<int>(out.size()) < limit) out.push_back(e);
    return out;
  }

 private:
  State& s_;
};

// A partner analyst's API tokens, in creation order (ids are positions + 1).
class ApiTokens final : public ports::ApiTokenRepository {
 public:
  explicit ApiTokens(State& s) : s_(s) {}
  Result<int64_t> create_token(int64_t user_id, const std::string& hash, const std::string& label) override {
    std::lock_guard lock(s_.mu);
    if (!s_.users.count(user_id)) return Status::NotFound("user_not_found");
    const int64_t id = static_cast<int64_t>(s_.api_tokens.size()) + 1;
    s_.api_tokens.push_back({user_id, hash, ports::ApiToken{id, label, s_.clock.now_iso(), {}, {}}});
    return id;
  }
  Result<std::vector<ports::ApiToken>> list_tokens(int64_t user_id) override {
    std::lock_guard lock(s_.mu);
    std::vector<ports::ApiToken> out;
    for (auto it = s_.api_tokens.rbegin(); it != s_.api_tokens.rend(); ++it)
      if (it->user_id == user_id) out.push_back(it->token);
    return out;
  }
  Status revoke_token(int64_t user_id, int64_t token_id) override {
    std::lock_guard lock(s_.mu);
    for (auto& t : s_.api_tokens)
      if (t.user_id == user_id && t.token.id == token_id && !t.token.revoked_at) {
        t.token.revoked_at = s_.clock.now_iso();
        return Status::Ok();
      }
    return Status::NotFound("api_token_not_found", {{"id", std::to_string(token_id)}});
  }
  Result<User> user_of_token(const std::string& hash) override {
    std::lock_guard lock(s_.mu);
    const std::string now = s_.clock.now_iso();
    for (auto& t : s_.api_tokens) {
      if (t.hash != hash || t.token.revoked_at) continue;
      const User& u = s_.users.at(t.user_id).user;
      if (u.disabled || (u.expires_at && *u.expires_at <= now)) break;
      if (!t.token.last_used_at || *t.token.last_used_at <= to_iso(s_.clock.now() - std::chrono::minutes(1)))
        t.token.last_used_at = now;
      return u;
    }
    return Status::NotFound();
  }

 private:
  State& s_;
};

// Reuse between surveys is not modelled: nothing is ever reused here (save_answer refuses a
// fan-out), so every read answers as for a store where nobody answered a mapped item.
class NoReuse final : public ports::ReuseRepository {
 public:
  Result<std::map<std::string, ports::ItemReuse>> reuse_of(int64_t) override {
    return std::map<std::string, ports::ItemReuse>{};
  }
  Result<std::map<std::string, std::map<std::string, ports::MeasureAnswer>>> measure_answers(int) override {
    return std::map<std::string, std::map<std::string, ports::MeasureAnswer>>{};
  }
  Result<AnswerRecord> decide(const ports::ReuseDecisionRequest& q) override {
    return Status::NotFound("reuse_not_found", {{"id", q.question_id}});
  }
  Result<std::map<int64_t, ports::ReuseCounts>> counts(int64_t) override { return std::map<int64_t, ports::ReuseCounts>{}; }
  Result<int64_t> entries_saved() override { return int64_t{0}; }
};

// Body exports are not modelled: they are read and restored by SQL over the whole schema
// (the SQL contract, BodyExportContract, covers them).
class NoBodyExport final : public ports::BodyExportRepository {
 public:
  Result<body_export::BodyData> read_body_data(const std::string&) override {
    return Status::Internal("the in-memory fake does not model body exports");
  }
  Result<ports::RestoredBody> restore_body_data(const body_export::BodyData&) override {
    return Status::Internal("the in-memory fake does not model body exports");
  }
};

// The policy obligation is not modelled: its rules are domain/policies.h (tested without a
// store), its storage the SQL contract (PolicyContract).
class NoPolicies final : public ports::PolicyRepository {
 public:
  static Status none() { return Status::Internal("the in-memory fake does not model the policy obligation"); }
  Result<ports::BodyPolicies> body_policies(const std::string&) override { return none(); }
  Result<int64_t> register_organs(const std::string&, const std::vector<policies::Organ>&) override { return none(); }
  Result<ports::BoardRows> board_rows() override { return none(); }
  Result<int64_t> board_version() override { return none(); }
  Result<int64_t> add_organ(const policies::Organ&) override { return none(); }
  Status set_scope(const std::string&, int64_t, policies::Scope, const std::string&, const std::string&) override {
    return none();
  }
  Status approve_scope(const std::string&, int64_t, const std::string&) override { return none(); }
  Result<int64_t> create_policy(const policies::Policy&, const PolicyCheck&) override { return none(); }
  Status update_policy(const policies::Policy&, int64_t, const PolicyCheck&) override { return none(); }
  Result<int64_t> add_review(const std::string&, int64_t, const policies::Review&, const std::string&) override {
    return none();
  }
  Result<int64_t> add_role(const policies::RoleHolder&) override { return none(); }
  Status end_role(const std::string&, int64_t, const std::string&) override { return none(); }
  Status import_obligations(const std::vector<ports::BodyPolicies>&, const std::string&) override { return none(); }
  Result<std::optional<publication::Target>> claim_due_publication(const std::string&, const std::string&) override {
    return none();
  }
  Result<publication::Target> claim_publication(const std::string&, int64_t, const std::string&) override {
    return none();
  }
  Status record_check(const publication::Target&, const publication::Check&, const publication::Baseline&) override {
    return none();
  }
};

class MemoryStore final : public ports::Store {
 public:
  explicit MemoryStore(const Clock& clock)
      : state_(clock),
        bodies_(state_),
        users_(state_),
        campaigns_(state_),
        responses_(state_),
        notifications_(state_),
        jobs_(state_),
        sign_ins_(state_),
        events_(state_),
        audit_(state_),
        api_tokens_(state_) {}
  ports::BodyRepository& bodies() override { return bodies_; }
  ports::UserRepository& users() override { return users_; }
  ports::CampaignRepository& campaigns() override { return campaigns_; }
  ports::ResponseRepository& responses() override { return responses_; }
  ports::NotificationRepository& notifications() override { return notifications_; }
  ports::JobStore& jobs() override { return jobs_; }
  ports::SignInAttempts& sign_in_attempts() override { return sign_ins_; }
  ports::EventLog& events() override { return events_; }
  ports::AuditRepository& audit() override { return audit_; }
  ports::ReuseRepository& reuse() override { return reuse_; }
  ports::ApiTokenRepository& api_tokens() override { return api_tokens_; }
  ports::BodyExportRepository& body_export() override { return body_export_; }
  ports::PolicyRepository& policies() override { return policies_; }
  Status ready() override { return Status::Ok(); }

 private:
  State state_;
  Bodies bodies_;
  Users users_;
  Campaigns campaigns_;
  Responses responses_;
  Notifications notifications_;
  Jobs jobs_;
  SignIns sign_ins_;
  Events events_;
  Audit audit_;
  NoReuse reuse_;
  ApiTokens api_tokens_;
  NoBodyExport body_export_;
  NoPolicies policies_;
};

}  // namespace

std::unique_ptr<ports::Store> make_memory_store(const Clock& clock) { return std::make_unique<MemoryStore>(clock); }

}  // namespace mamori::fakes
