// The cases of the repository contract suite (store/store_contract.h), one group per
// repository: create and read back, unknown ids, filtered lists, guarded writes refused,
// stale versions, history and event rows written, and that a refused write changed nothing.
#include "store/store_contract.h"

#include <algorithm>
#include <numeric>
#include <atomic>
#include <future>
#include <thread>

namespace mamori::store {

using ports::ResponseContext;
using ports::SaveOutcome;
using ports::WriteGuard;

void StoreContract::SetUp() {
  store_ = GetParam().open(clock_);
  if (store_ == nullptr && !HasFailure()) GTEST_SKIP() << GetParam().name << " is not configured for the tests";
  ASSERT_NE(store_, nullptr);
}

void StoreContract::add_bodies() {
  std::vector<Body> bodies = {
      {.code = "010006", .name_ja = "北海道", .name_kana = "ﾎｯｶｲﾄﾞｳ", .type = BodyType::kPrefecture, .prefecture_code = "01"},
      {.code = "011002", .name_ja = "札幌市", .name_kana = "ｻｯﾎﾟﾛｼ", .type = BodyType::kDesignatedCity, .prefecture_code = "01",
       .network_model = "beta"},
      {.code = "012025", .name_ja = "函館市", .name_kana = "ﾊｺﾀﾞﾃｼ", .type = BodyType::kCity, .prefecture_code = "01"},
      {.code = "020001", .name_ja = "青森県", .name_kana = "ｱｵﾓﾘｹﾝ", .type = BodyType::kPrefecture, .prefecture_code = "02"},
      {.code = "022012", .name_ja = "青森市", .name_kana = "ｱｵﾓﾘｼ", .type = BodyType::kCity, .prefecture_code = "02"},
  };
  ASSERT_TRUE(store().bodies().upsert_bodies(bodies).ok());
}

int64_t StoreContract::add_user(const std::string& login, const std::string& body, Role role) {
  auto id = store().users().create_user(User{.login = login, .display_name = login + " さん", .body_code = body,
                                             .roles = {role}, .email = login + "@example.lg.jp"},
                                        "hash-" + login);
  EXPECT_TRUE(id.ok()) << id.status().message_en();
  return id.ok() ? *id : 0;
}

int64_t StoreContract::open_campaign() {
  auto id = store().campaigns().create_campaign(Campaign{.title = "令和8年度調査",
                                                         .fiscal_year = 2026,
                                                         .catalog_id = "fy2026",
                                                         .opens_at = "2026-10-01",
                                                         .closes_at = "2027-01-29",
                                                         .targets = {"011002", "012025"}});
  EXPECT_TRUE(id.ok()) << id.status().message_en();
  static const std::string q1 = "q1", q2 = "q2";
  Status opened = store().campaigns().open_campaign(
      *id, {1, 2},
      [](const std::string&, std::vector<ports::OpeningAnswer>& rows) {
        rows.push_back({&q1, std::string("\"yes\""), std::string("\"yes\""), "carried_over", false});
        rows.push_back({&q2, std::nullopt, std::nullopt, "new", false});
      },
      {});
  EXPECT_TRUE(opened.ok()) << opened.message_en();
  return *id;
}

namespace {

ports::AnswerUpdate answer(const std::string& value, const std::string& state = "changed") {
  return ports::AnswerUpdate{.value_json = value, .state = state};
}

WriteGuard refusing_guard() {
  WriteGuard g;
  g.check = [](const ports::ResponseSnapshot&) { return Status::FailedPrecondition("category_ready"); };
  return g;
}

}  // namespace

// ---- bodies ----

TEST_P(StoreContract, ANewStoreIsReadyToServe) { EXPECT_TRUE(store().ready().ok()); }

TEST_P(StoreContract, BodiesAreReadBackWithTheirMembers) {
  add_bodies();
  Body u{.code = "013005", .name_ja = "道南広域連合", .type = BodyType::kUnion, .prefecture_code = "01",
         .members = {"011002", "012025"}};
  ASSERT_TRUE(store().bodies().upsert_bodies({u}).ok());
  auto b = store().bodies().get_body("013005");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->name_ja, "道南広域連合");
  EXPECT_EQ(b->type, BodyType::kUnion);
  EXPECT_EQ(b->members, (std::vector<std::string>{"011002", "012025"}));
  auto sapporo = store().bodies().get_body("011002");
  ASSERT_TRUE(sapporo.ok());
  EXPECT_EQ(sapporo->network_model, "beta");
  EXPECT_EQ(*store().bodies().count_bodies(), 6);
}

TEST_P(StoreContract, AnUnknownBodyIsNotFound) {
  add_bodies();
  auto b = store().bodies().get_body("999999");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(b.status().error_code(), "body_not_found");
}

TEST_P(StoreContract, BodiesListFiltersByPrefectureTypeAndSearch) {
  add_bodies();
  struct Case {
    ports::BodyFilter filter;
    std::vector<std::string> codes;
  };
  const std::vector<Case> cases = {
      {{}, {"010006", "011002", "012025", "020001", "022012"}},
      {{.prefecture_code = "01"}, {"010006", "011002", "012025"}},
      {{.type = "city"}, {"012025", "022012"}},
      {{.prefecture_code = "02", .type = "prefecture"}, {"020001"}},
      {{.search = "青森"}, {"020001", "022012"}},
      {{.search = "ﾊｺﾀﾞﾃ"}, {"012025"}},
      {{.limit = 2, .offset = 1}, {"011002", "012025"}},
  };
  for (const auto& c : cases) {
    auto list = store().bodies().list_bodies(c.filter);
    ASSERT_TRUE(list.ok());
    std::vector<std::string> codes;
    for (const auto& b : *list) codes.push_back(b.code);
    EXPECT_EQ(codes, c.codes) << c.filter.prefecture_code << "/" << c.filter.type << "/" << c.filter.search;
  }
}

TEST_P(StoreContract, AnUpsertWithAnUnknownMemberChangesNothing) {
  add_bodies();
  Body renamed{.code = "012025", .name_ja = "はこだて", .type = BodyType::kCity, .prefecture_code = "01"};
  Body bad{.code = "013005", .name_ja = "連合", .type = BodyType::kUnion, .prefecture_code = "01", .members = {"019992"}};
  Status s = store().bodies().upsert_bodies({renamed, bad});
  EXPECT_EQ(s.error_code(), "unknown_body");
  EXPECT_EQ(store().bodies().get_body("012025")->name_ja, "函館市");
  EXPECT_EQ(store().bodies().get_body("013005").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, AnUpsertRecordsAnEventPerBody) {
  int64_t before = *store().events().latest_event();
  add_bodies();
  auto events = store().events().events_after(before, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ((*events)[1].kind, "body_changed");
  EXPECT_EQ((*events)[1].body_code, "011002");
  EXPECT_LT((*events)[0].id, (*events)[1].id);
}

// ---- users and sessions ----

TEST_P(StoreContract, UsersAreCreatedAndFoundByLoginAndId) {
  add_bodies();
  int64_t id = add_user("r1", "011002", Role::kBodyRespondent);
  auto cred = store().users().find_credentials("r1");
  ASSERT_TRUE(cred.ok());
  EXPECT_EQ(cred->password_hash, "hash-r1");
  EXPECT_EQ(cred->user.id, id);
  EXPECT_EQ(cred->user.roles, (std::vector<Role>{Role::kBodyRespondent}));
  EXPECT_EQ(store().users().get_user(id)->body_code, "011002");
  EXPECT_EQ(store().users().get_user(id)->email, "r1@example.lg.jp");
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  EXPECT_EQ(store().users().get_user(mic)->body_code, "");
  auto of_body = store().users().list_users("011002");
  ASSERT_EQ(of_body->size(), 1u);
  EXPECT_EQ((*of_body)[0].login, "r1");
  EXPECT_EQ(store().users().list_users("")->size(), 1u);
}

TEST_P(StoreContract, UserCreationRefusesATakenLoginAndAnUnknownBody) {
  add_bodies();
  add_user("r1", "011002", Role::kBodyRespondent);
  auto again = store().users().create_user(User{.login = "r1", .display_name = "x", .roles = {Role::kBodyViewer}}, "h");
  EXPECT_EQ(again.status().error_code(), "login_taken");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto nowhere = store().users().create_user(
      User{.login = "r2", .display_name = "x", .body_code = "019992", .roles = {Role::kBodyViewer}}, "h");
  EXPECT_EQ(nowhere.status().error_code(), "unknown_body");
  EXPECT_EQ(store().users().find_credentials("r2").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().users().get_user(9999).status().error_code(), "user_not_found");
  EXPECT_EQ(store().users().set_password(9999, "h").error_code(), "user_not_found");
}

ports::NewSession session_of(const std::string& hash, int64_t user, const std::string& csrf, const std::string& expires,
                             const std::string& stage = ports::kStageFull) {
  ports::NewSession n;
  n.token_hash = hash;
  n.user_id = user;
  n.csrf_token = csrf;
  n.expires_at = expires;
  n.stage = stage;
  n.address = "192.0.2.1";
  n.user_agent = "test";
  return n;
}

TEST_P(StoreContract, SessionsAreFoundUntilTheyExpireOrEnd) {
  add_bodies();
  int64_t id = add_user("r1", "011002", Role::kBodyRespondent);
  const std::string long_ago = "2000-01-01T00:00:00.000Z";
  ASSERT_TRUE(store().users().create_session(session_of("t1", id, "csrf1", clock().iso_after(std::chrono::hours(1)))).ok());
  auto s = store().users().find_session("t1", long_ago);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.login, "r1");
  EXPECT_EQ(s->csrf_token, "csrf1");
  EXPECT_EQ(s->stage, ports::kStageFull);
  EXPECT_EQ(s->address, "192.0.2.1");
  EXPECT_EQ(s->user_agent, "test");
  EXPECT_EQ(s->token_hash, "t1");
  EXPECT_EQ(store().users().find_session("nope", long_ago).status().code(), StatusCode::kNotFound);
  clock().advance(std::chrono::hours(2));
  EXPECT_EQ(store().users().find_session("t1", long_ago).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().users().create_session(session_of("t2", id, "csrf2", clock().iso_after(std::chrono::hours(1)))).ok());
  ASSERT_TRUE(store().users().delete_session("t2").ok());
  EXPECT_EQ(store().users().find_session("t2", long_ago).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, APartnerAnalystsMinistryIsStoredAndReadBack) {
  auto id = store().users().create_user(
      User{.login = "ppc1", .display_name = "PPC", .roles = {Role::kPartnerAnalyst}, .ministry = "ppc"}, "h");
  ASSERT_TRUE(id.ok()) << id.status().message_en();
  EXPECT_EQ(store().users().get_user(*id)->ministry, "ppc");
  EXPECT_EQ(store().users().find_credentials("ppc1")->user.ministry, "ppc");
  ASSERT_TRUE(store().users().create_session(session_of("t1", *id, "c", clock().iso_after(std::chrono::hours(1)))).ok());
  EXPECT_EQ(store().users().find_session("t1", "2000-01-01T00:00:00.000Z")->user.ministry, "ppc");
}

TEST_P(StoreContract, ApiTokensFindTheirUserUntilRevokedAndListNewestFirst) {
  add_bodies();
  int64_t analyst = add_user("a1", "", Role::kPartnerAnalyst);
  int64_t other = add_user("a2", "", Role::kPartnerAnalyst);
  auto first = store().api_tokens().create_token(analyst, "hash-1", "集計スクリプト");
  ASSERT_TRUE(first.ok()) << first.status().message_en();
  clock().advance(std::chrono::minutes(1));
  auto second = store().api_tokens().create_token(analyst, "hash-2", "BI");
  ASSERT_TRUE(second.ok());
  auto u = store().api_tokens().user_of_token("hash-1");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->login, "a1");
  EXPECT_EQ(store().api_tokens().user_of_token("hash-x").status().code(), StatusCode::kNotFound);
  auto list = store().api_tokens().list_tokens(analyst);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, *second);
  EXPECT_EQ((*list)[1].label, "集計スクリプト");
  EXPECT_TRUE((*list)[1].last_used_at.has_value());  // used above
  EXPECT_FALSE((*list)[0].last_used_at.has_value());
  EXPECT_TRUE(store().api_tokens().list_tokens(other)->empty());
  // The last use is kept to the minute: no write for every request of a polling script.
  const std::string used = *(*list)[1].last_used_at;
  clock().advance(std::chrono::seconds(30));
  ASSERT_TRUE(store().api_tokens().user_of_token("hash-1").ok());
  EXPECT_EQ(*store().api_tokens().list_tokens(analyst)->at(1).last_used_at, used);
  clock().advance(std::chrono::minutes(2));
  ASSERT_TRUE(store().api_tokens().user_of_token("hash-1").ok());
  EXPECT_GT(*store().api_tokens().list_tokens(analyst)->at(1).last_used_at, used);
  // Another analyst cannot revoke it; a revoked token finds nobody and is not revoked twice.
  EXPECT_EQ(store().api_tokens().revoke_token(other, *first).error_code(), "api_token_not_found");
  ASSERT_TRUE(store().api_tokens().revoke_token(analyst, *first).ok());
  EXPECT_EQ(store().api_tokens().user_of_token("hash-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().api_tokens().revoke_token(analyst, *first).error_code(), "api_token_not_found");
  EXPECT_TRUE(store().api_tokens().list_tokens(analyst)->at(1).revoked_at.has_value());
  // A disabled user's tokens find nobody.
  ASSERT_TRUE(store().users().change_account(analyst, ports::AccountChange{.disabled = true}).ok());
  EXPECT_EQ(store().api_tokens().user_of_token("hash-2").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, APasswordRoleOrSecondFactorChangeRevokesTheUsersApiTokens) {
  int64_t analyst = add_user("a1", "", Role::kPartnerAnalyst);
  ASSERT_TRUE(store().api_tokens().create_token(analyst, "h-1", "one").ok());
  ASSERT_TRUE(store().users().set_password(analyst, "new-hash", false, "").ok());
  EXPECT_EQ(store().api_tokens().user_of_token("h-1").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().api_tokens().create_token(analyst, "h-2", "two").ok());
  ASSERT_TRUE(store().users().reset_second_factor(analyst).ok());
  EXPECT_EQ(store().api_tokens().user_of_token("h-2").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().api_tokens().create_token(analyst, "h-3", "three").ok());
  ASSERT_TRUE(store().users().change_account(analyst, ports::AccountChange{.roles = std::vector<Role>{Role::kPartnerAnalyst}}).ok());
  EXPECT_EQ(store().api_tokens().user_of_token("h-3").status().code(), StatusCode::kNotFound);
  auto list = store().api_tokens().list_tokens(analyst);
  ASSERT_TRUE(list.ok());
  for (const auto& t : *list) EXPECT_TRUE(t.revoked_at.has_value()) << t.label;
}

TEST_P(StoreContract, AnIdleSessionIsNotFoundAndATouchKeepsItAlive) {
  add_bodies();
  int64_t id = add_user("r1", "011002", Role::kBodyRespondent);
  ASSERT_TRUE(store().users().create_session(session_of("t1", id, "c", clock().iso_after(std::chrono::hours(8)))).ok());
  clock().advance(std::chrono::minutes(20));
  const std::string cutoff = to_iso(clock().now() - std::chrono::minutes(30));
  EXPECT_TRUE(store().users().find_session("t1", cutoff).ok());
  ASSERT_TRUE(store().users().touch_session("t1").ok());
  clock().advance(std::chrono::minutes(20));
  EXPECT_TRUE(store().users().find_session("t1", to_iso(clock().now() - std::chrono::minutes(30))).ok());
  clock().advance(std::chrono::minutes(20));
  EXPECT_FALSE(store().users().find_session("t1", to_iso(clock().now() - std::chrono::minutes(30))).ok());
}

TEST_P(StoreContract, AccountChangesEndEveryOneOfTheUsersSessionsAndDisabledUsersHaveNone) {
  add_bodies();
  int64_t id = add_user("r1", "011002", Role::kBodyRespondent);
  int64_t other = add_user("r2", "011002", Role::kBodyRespondent);
  const std::string end = clock().iso_after(std::chrono::hours(8)), long_ago = "2000-01-01T00:00:00.000Z";
  ASSERT_TRUE(store().users().create_session(session_of("a", id, "c", end)).ok());
  ASSERT_TRUE(store().users().create_session(session_of("b", id, "c", end)).ok());
  ASSERT_TRUE(store().users().create_session(session_of("o", other, "c", end)).ok());
  EXPECT_EQ(store().users().list_sessions(id, long_ago)->size(), 2u);
  EXPECT_EQ(*store().users().delete_other_sessions(id, "a"), 1);
  EXPECT_TRUE(store().users().find_session("a", long_ago).ok());
  ASSERT_TRUE(store().users().change_account(id, {.disabled = true}).ok());
  EXPECT_FALSE(store().users().find_session("a", long_ago).ok());
  EXPECT_TRUE(store().users().get_user(id)->disabled);
  EXPECT_TRUE(store().users().find_session("o", long_ago).ok()) << "another user's session stays";
  ASSERT_TRUE(store().users().create_session(session_of("c", id, "c", end)).ok());
  EXPECT_FALSE(store().users().find_session("c", long_ago).ok()) << "a disabled user has no session";
  ASSERT_TRUE(store().users().change_account(id, {.disabled = false}).ok());
  ASSERT_TRUE(store().users().create_session(session_of("d", id, "c", end)).ok());
  ASSERT_TRUE(store().users().find_session("d", long_ago).ok());
  ASSERT_TRUE(store().users().change_account(id, {.roles = std::vector<Role>{Role::kBodyViewer}}).ok());
  EXPECT_FALSE(store().users().find_session("d", long_ago).ok()) << "a role change ends the sessions";
  EXPECT_EQ(store().users().get_user(id)->roles, (std::vector<Role>{Role::kBodyViewer}));
  EXPECT_FALSE(store().users().get_user(id)->disabled);
  EXPECT_EQ(store().users().change_account(9999, {.disabled = true}).error_code(), "user_not_found");
  ASSERT_TRUE(store().users().set_password(id, "h2", true).ok());
  EXPECT_TRUE(store().users().get_user(id)->must_change_password);
}

TEST_P(StoreContract, ACodeStepIsAcceptedOnceAndRecoveryCodesOnce) {
  add_bodies();
  int64_t id = add_user("a1", "011002", Role::kBodyApprover);
  EXPECT_EQ(store().users().confirm_enrolment(id, 5, {}).error_code(), "second_factor_not_started");
  ASSERT_TRUE(store().users().begin_enrolment(id, "sealed-1").ok());
  EXPECT_FALSE(store().users().get_user(id)->second_factor) << "not before a first code";
  ASSERT_TRUE(store().users().confirm_enrolment(id, 100, {"h1", "h2"}).ok());
  EXPECT_TRUE(store().users().get_user(id)->second_factor);
  EXPECT_EQ(store().users().begin_enrolment(id, "sealed-2").error_code(), "second_factor_enrolled");
  auto f = store().users().second_factor(id);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f->sealed_secret, "sealed-1");
  EXPECT_EQ(f->last_step, 100);
  EXPECT_EQ(store().users().use_code_step(id, 100).error_code(), "code_used");
  EXPECT_EQ(store().users().use_code_step(id, 99).error_code(), "code_used");
  EXPECT_TRUE(store().users().use_code_step(id, 101).ok());
  EXPECT_EQ(*store().users().unused_recovery_codes(id), 2);
  EXPECT_TRUE(store().users().use_recovery_code(id, "h1").ok());
  EXPECT_EQ(store().users().use_recovery_code(id, "h1").error_code(), "code_wrong");
  EXPECT_EQ(store().users().use_recovery_code(id, "nope").error_code(), "code_wrong");
  EXPECT_EQ(*store().users().unused_recovery_codes(id), 1);
  ASSERT_TRUE(store().users().create_session(session_of("s", id, "c", clock().iso_after(std::chrono::hours(1)))).ok());
  ASSERT_TRUE(store().users().reset_second_factor(id).ok());
  EXPECT_FALSE(store().users().get_user(id)->second_factor);
  EXPECT_FALSE(store().users().second_factor(id)->sealed_secret.has_value());
  EXPECT_EQ(*store().users().unused_recovery_codes(id), 0);
  EXPECT_FALSE(store().users().find_session("s", "2000-01-01T00:00:00.000Z").ok());
}

TEST_P(StoreContract, ATokenIsUsedOnceBeforeItExpiresAndANewOneEndsTheOld) {
  add_bodies();
  int64_t id = add_user("r1", "011002", Role::kBodyRespondent);
  ASSERT_TRUE(store().users().create_token("t1", id, ports::kTokenReset, clock().iso_after(std::chrono::hours(1))).ok());
  EXPECT_EQ(*store().users().token_user("t1", ports::kTokenReset), id);
  EXPECT_EQ(store().users().token_user("t1", ports::kTokenInvitation).status().error_code(), "token_invalid");
  ASSERT_TRUE(store().users().create_token("t2", id, ports::kTokenReset, clock().iso_after(std::chrono::hours(1))).ok());
  EXPECT_EQ(store().users().token_user("t1", ports::kTokenReset).status().error_code(), "token_invalid")
      << "a newer reset ends the older";
  ASSERT_TRUE(store().users().create_session(session_of("s", id, "c", clock().iso_after(std::chrono::hours(1)))).ok());
  EXPECT_EQ(*store().users().redeem_token("t2", ports::kTokenReset, "new-hash"), id);
  EXPECT_EQ(store().users().find_credentials("r1")->password_hash, "new-hash");
  EXPECT_FALSE(store().users().find_session("s", "2000-01-01T00:00:00.000Z").ok());
  EXPECT_EQ(store().users().redeem_token("t2", ports::kTokenReset, "again").status().error_code(), "token_invalid");
  EXPECT_EQ(store().users().find_credentials("r1")->password_hash, "new-hash");
  ASSERT_TRUE(store().users().create_token("t3", id, ports::kTokenInvitation, clock().iso_after(std::chrono::hours(24))).ok());
  clock().advance(std::chrono::hours(25));
  EXPECT_EQ(store().users().redeem_token("t3", ports::kTokenInvitation, "late").status().error_code(), "token_invalid");
  EXPECT_EQ(store().users().create_token("t4", 9999, ports::kTokenReset, "2100-01-01T00:00:00.000Z").error_code(),
            "user_not_found");
}

TEST_P(StoreContract, TheAuditTrailChainsEachEntryToTheOneBefore) {
  AuditEntry e;
  e.actor = "mic";
  e.action = "campaign.open";
  e.body_code = "011002";
  auto first = store().audit().append(e);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, "");
  e.action = "session.sign_in";
  e.actor_id = 7;
  auto second = store().audit().append(e);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(second->prev_hash, first->hash);
  auto chain = store().audit().chain(0, 10);
  ASSERT_EQ(chain->size(), 2u);
  EXPECT_EQ((*chain)[1].hash, second->hash);
  EXPECT_EQ((*chain)[1].actor_id, std::optional<int64_t>(7));
  EXPECT_EQ(store().audit().search({.action = "session."})->size(), 1u);
  EXPECT_EQ(store().audit().search({.body_code = "011002"})->size(), 2u);
  EXPECT_EQ(store().audit().search({.actor = "someone"})->size(), 0u);
  EXPECT_EQ((*store().audit().search({}))[0].seq, 2) << "newest first";
  EXPECT_EQ(store().audit().search({.before_seq = 2})->size(), 1u);
}

TEST_P(StoreContract, AuditAppendsAtTheSameMomentEachGetTheirOwnPlaceInTheChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        AuditEntry e;
        e.actor = "u" + std::to_string(t);
        e.action = "session.sign_in";
        EXPECT_TRUE(store().audit().append(e).ok());
      }
    });
  for (auto& th : threads) th.join();
  auto chain = store().audit().chain(0, 100);
  ASSERT_EQ(chain->size(), 40u);
  for (size_t i = 1; i < chain->size(); ++i) {
    EXPECT_EQ((*chain)[i].seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ((*chain)[i].prev_hash, (*chain)[i - 1].hash);
  }
}

TEST_P(StoreContract, AnExpiredUsersSessionIsNotFound) {
  add_bodies();
  auto id = store().users().create_user(User{.login = "auditor", .display_name = "監査", .body_code = "011002",
                                             .roles = {Role::kBodyViewer}, .expires_at = clock().iso_after(std::chrono::minutes(30))},
                                        "h");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store().users().create_session(session_of("t", *id, "c", clock().iso_after(std::chrono::hours(8)))).ok());
  EXPECT_TRUE(store().users().find_session("t", "2000-01-01T00:00:00.000Z").ok());
  clock().advance(std::chrono::hours(1));
  EXPECT_EQ(store().users().find_session("t", "2000-01-01T00:00:00.000Z").status().code(), StatusCode::kNotFound);
}

// ---- campaigns ----

TEST_P(StoreContract, ACampaignWithAnUnknownTargetIsNotCreated) {
  add_bodies();
  auto id = store().campaigns().create_campaign(Campaign{.title = "t", .fiscal_year = 2026, .catalog_id = "fy2026",
                                                         .opens_at = "2026-10-01", .closes_at = "2027-01-29",
                                                         .targets = {"011002", "019992"}});
  EXPECT_EQ(id.status().error_code(), "unknown_body");
  EXPECT_TRUE(store().campaigns().list_campaigns()->empty());
}

TEST_P(StoreContract, OpeningWritesEveryTargetsResponseAnswersAndCategoriesOnce) {
  add_bodies();
  int64_t id = open_campaign();
  auto c = store().campaigns().get_campaign(id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->state, CampaignState::kOpen);
  EXPECT_EQ(c->target_count, 2);
  auto responses = store().responses().list_responses(id, {});
  ASSERT_EQ(responses->size(), 2u);
  EXPECT_EQ((*responses)[0].body_name, "札幌市");
  auto ctx = store().responses().load_context((*responses)[0].response.id);
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ(ctx->response.state, ResponseState::kDraft);
  ASSERT_EQ(ctx->categories.size(), 2u);
  EXPECT_EQ(ctx->categories[1].category, 2);
  auto answers = store().responses().get_answers(ctx->response.id);
  ASSERT_EQ(answers->size(), 2u);
  Status twice = store().campaigns().open_campaign(id, {1}, [](const std::string&, auto&) {}, {});
  EXPECT_EQ(twice.error_code(), "campaign_not_draft");
  EXPECT_EQ(store().responses().list_responses(id, {})->size(), 2u);
  EXPECT_EQ(store().campaigns().get_campaign(9999).status().error_code(), "campaign_not_found");
}

TEST_P(StoreContract, ClosingLocksUnsubmittedResponsesOnceAndRecordsIt) {
  add_bodies();
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t id = open_campaign();
  int64_t before = *store().events().latest_event();
  ASSERT_TRUE(store().campaigns().close_campaign(id, mic).ok());
  auto c = store().campaigns().get_campaign(id);
  EXPECT_EQ(c->state, CampaignState::kClosed);
  EXPECT_TRUE(c->closed_at.has_value());
  auto r = (*store().responses().list_responses(id, {}))[0].response;
  EXPECT_TRUE(r.locked);
  auto wf = store().responses().events(r.id);
  ASSERT_EQ(wf->size(), 1u);
  EXPECT_EQ((*wf)[0].action, "campaign_closed");
  auto events = store().events().events_after(before, 10);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, "campaign_closed");
  EXPECT_EQ((*events)[0].campaign_id, id);
  EXPECT_EQ(store().campaigns().close_campaign(id, mic).error_code(), "campaign_not_open");
}

TEST_P(StoreContract, ClosingFreezesEachResponsesGroupsAndLaterBodyChangesLeaveThem) {
  add_bodies();
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t id = open_campaign();
  const auto rows = *store().responses().list_responses(id, {});
  ASSERT_FALSE(rows.empty());
  const int64_t rid = rows[0].response.id;
  const std::string code = rows[0].response.body_code;
  EXPECT_TRUE(store().responses().frozen_groups(id)->empty());  // open: nothing frozen yet
  EXPECT_FALSE(store().responses().frozen_groups_of(rid)->has_value());
  const GroupAttributes at_close = group_attributes_of(*store().bodies().get_body(code));
  ASSERT_TRUE(store().campaigns().close_campaign(id, mic).ok());

  Body changed = *store().bodies().get_body(code);
  changed.population_band = changed.population_band == "ge1m" ? "lt10k" : "ge1m";
  changed.network_model = changed.network_model == "alpha" ? "beta" : "alpha";
  changed.core_city = !changed.core_city;
  ASSERT_TRUE(store().bodies().upsert_bodies({changed}).ok());

  auto all = store().responses().frozen_groups(id);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), rows.size());
  ASSERT_TRUE(all->contains(rid));
  EXPECT_EQ(all->at(rid), at_close);
  auto one = store().responses().frozen_groups_of(rid);
  ASSERT_TRUE(one.ok());
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ(**one, at_close);
  EXPECT_NE(**one, group_attributes_of(changed));
  EXPECT_TRUE(store().responses().frozen_groups(9999)->empty());
}

TEST_P(StoreContract, ImportedHistoryIsAcceptedAndGivesLastYearsAnswers) {
  add_bodies();
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t id = open_campaign();
  ASSERT_TRUE(store().campaigns().import_accepted(id, mic).ok());
  auto list = store().responses().list_responses(id, {});
  ASSERT_TRUE(list.ok());
  for (const auto& row : *list) EXPECT_EQ(row.response.state, ResponseState::kAccepted);
  auto last = store().campaigns().last_accepted_answers("fy2026");
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 2u);
  EXPECT_EQ(last->at("011002").at("q1"), "\"yes\"");
  EXPECT_FALSE(last->at("011002").contains("q2"));  // no value: not carried
  EXPECT_TRUE(store().campaigns().last_accepted_answers("fy2025")->empty());
}

TEST_P(StoreContract, TheDeadlineMoves) {
  add_bodies();
  int64_t id = open_campaign();
  ASSERT_TRUE(store().campaigns().update_window(id, "2027-02-28").ok());
  EXPECT_EQ(store().campaigns().get_campaign(id)->closes_at, "2027-02-28");
  EXPECT_EQ(store().campaigns().update_window(9999, "2027-02-28").error_code(), "campaign_not_found");
}

// ---- responses ----

TEST_P(StoreContract, ASaveStoresTheAnswerAndAHistoryRow) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  auto saved = store().responses().save_answer(
      ctx.response.id, "q2", ctx.response.revision, 0, [](const AnswerRecord&) { return answer("\"no\"", "new"); }, user);
  ASSERT_TRUE(saved.ok()) << saved.status().message_en();
  ASSERT_TRUE(std::holds_alternative<AnswerRecord>(*saved));
  const auto& a = std::get<AnswerRecord>(*saved);
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(a.updated_by, user);
  auto stored = store().responses().get_answer(ctx.response.id, "q2");
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->updated_by_name, "r1 さん");
  auto h = store().responses().history(ctx.response.id, "q2");
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].version, 1);
  EXPECT_EQ((*h)[0].user_name, "r1 さん");
  EXPECT_NE((*h)[0].new_json.find("\"no\""), std::string::npos);
  EXPECT_GT(store().responses().get_response(ctx.response.id)->version, ctx.response.version);
}

TEST_P(StoreContract, AStaleVersionIsRefusedWithTheCurrentAnswerAndChangesNothing) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  auto update = [](const AnswerRecord&) { return answer("\"no\""); };
  ASSERT_TRUE(store().responses().save_answer(1, "q1", ctx.response.revision, 0, update, user).ok());
  auto stale = store().responses().save_answer(1, "q1", ctx.response.revision, 0,
                                               [](const AnswerRecord&) { return answer("\"yes\""); }, user);
  ASSERT_TRUE(stale.ok());
  ASSERT_TRUE(std::holds_alternative<StaleAnswer>(*stale));
  EXPECT_EQ(std::get<StaleAnswer>(*stale).current.version, 1);
  EXPECT_EQ(std::get<StaleAnswer>(*stale).current.updated_by_name, "r1 さん");
  EXPECT_EQ(store().responses().get_answer(1, "q1")->value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(store().responses().history(1, "q1")->size(), 1u);
}

TEST_P(StoreContract, ASaveOnAChangedWorkflowStateIsRefusedAndChangesNothing) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  // An assignment moves the revision: a save decided on the old context must be redone.
  ASSERT_TRUE(store()
                  .responses()
                  .change_category(1, ports::CategoryChange{.category = 1, .assignee = user}, user, "category_assigned", "", {})
                  .ok());
  auto fresh = *store().responses().load_context(1);
  EXPECT_GT(fresh.response.revision, ctx.response.revision);
  EXPECT_EQ(fresh.categories[0].assignee, std::optional<int64_t>(user));
  auto refused = store().responses().save_answer(1, "q2", ctx.response.revision, 0,
                                                 [](const AnswerRecord&) { return answer("\"no\""); }, user);
  ASSERT_TRUE(refused.ok());
  EXPECT_TRUE(std::holds_alternative<ports::ContextChanged>(*refused));
  EXPECT_EQ(store().responses().get_answer(1, "q2")->version, 0);
  EXPECT_TRUE(store().responses().history(1, "q2")->empty());
  auto again = store().responses().save_answer(1, "q2", fresh.response.revision, 0,
                                               [](const AnswerRecord&) { return answer("\"no\""); }, user);
  EXPECT_TRUE(std::holds_alternative<AnswerRecord>(*again));
}

TEST_P(StoreContract, AnImportWritesEveryAnswerWithItsNoteOrNoneWhenOneIsStale) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto to = [](const char* v) {
    return [v](const AnswerRecord&) { return answer(v); };
  };
  // q1 moves on after the import was prepared on version 0: nothing is written.
  ASSERT_TRUE(store().responses().save_answer(1, "q1", store().responses().load_context(1)->response.revision, 0,
                                              to("\"yes\""), user)
                  .ok());
  std::vector<ports::ImportedAnswer> stale_import = {{"q2", 0, to("\"no\""), nullptr}, {"q1", 0, to("\"no\""), nullptr}};
  auto stale = store().responses().import_answers(1, stale_import, user, "workbook|t|a.xlsx", {});
  ASSERT_TRUE(stale.ok()) << stale.status().message_en();
  ASSERT_TRUE(std::holds_alternative<std::vector<StaleAnswer>>(*stale));
  ASSERT_EQ(std::get<std::vector<StaleAnswer>>(*stale).size(), 1u);
  EXPECT_EQ(std::get<std::vector<StaleAnswer>>(*stale)[0].current.question_id, "q1");
  EXPECT_EQ(std::get<std::vector<StaleAnswer>>(*stale)[0].current.updated_by_name, "r1 さん");
  EXPECT_EQ(store().responses().get_answer(1, "q2")->version, 0) << "nothing written";
  EXPECT_TRUE(store().responses().history(1, "q2")->empty());
  // A guard that refuses: nothing written either.
  ports::WriteGuard refuse;
  refuse.check = [](const ports::ResponseSnapshot&) { return Status::FailedPrecondition("response_locked"); };
  std::vector<ports::ImportedAnswer> fresh = {{"q2", 0, to("\"no\""), nullptr}, {"q1", 1, to("\"no\""), nullptr}};
  EXPECT_FALSE(store().responses().import_answers(1, fresh, user, "n", refuse).ok());
  EXPECT_EQ(store().responses().get_answer(1, "q1")->version, 1);
  // Current versions: both written, each with one history row carrying the note.
  auto done = store().responses().import_answers(1, fresh, user, "workbook|t|a.xlsx", {});
  ASSERT_TRUE(done.ok()) << done.status().message_en();
  ASSERT_TRUE(std::holds_alternative<std::vector<AnswerRecord>>(*done));
  EXPECT_EQ(std::get<std::vector<AnswerRecord>>(*done).size(), 2u);
  EXPECT_EQ(store().responses().get_answer(1, "q1")->value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(store().responses().get_answer(1, "q1")->version, 2);
  auto h = store().responses().history(1, "q2");
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].note, "workbook|t|a.xlsx");
  // An unknown question: NotFound, nothing written.
  std::vector<ports::ImportedAnswer> unknown = {{"q2", 1, to("\"yes\""), nullptr}, {"nope", 0, to("\"yes\""), nullptr}};
  auto nf = store().responses().import_answers(1, unknown, user, "n", {});
  EXPECT_EQ(nf.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().responses().get_answer(1, "q2")->version, 1);
}

TEST_P(StoreContract, AnAsynchronousSaveAnswersOnceItIsStored) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  std::promise<Result<SaveOutcome>> done;
  store().responses().save_answer_async(
      1, "q2", ctx.response.revision, 0, [](const AnswerRecord&) { return answer("\"no\""); }, user,
      [&done](Result<SaveOutcome> r) { done.set_value(std::move(r)); });
  auto r = done.get_future().get();
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  ASSERT_TRUE(std::holds_alternative<AnswerRecord>(*r));
  EXPECT_EQ(std::get<AnswerRecord>(*r).version, 1);
  EXPECT_EQ(store().responses().get_answer(1, "q2")->value_json, std::optional<std::string>("\"no\""));
  std::promise<Result<SaveOutcome>> missing;
  store().responses().save_answer_async(
      1, "nope", ctx.response.revision, 0, [](const AnswerRecord&) { return answer("1"); }, user,
      [&missing](Result<SaveOutcome> r) { missing.set_value(std::move(r)); });
  EXPECT_EQ(missing.get_future().get().status().error_code(), "question_not_found");
}

TEST_P(StoreContract, UnknownResponsesAndQuestionsAreNotFound) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  EXPECT_EQ(store().responses().load_context(9999).status().error_code(), "response_not_found");
  EXPECT_EQ(store().responses().get_response(9999).status().error_code(), "response_not_found");
  EXPECT_EQ(store().responses().find_response(1, "022012").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().responses().get_answer(1, "nope").status().error_code(), "question_not_found");
  auto saved = store().responses().save_answer(1, "nope", 0, 0, [](const AnswerRecord&) { return answer("1"); }, user);
  EXPECT_EQ(saved.status().error_code(), "question_not_found");
}

TEST_P(StoreContract, AGuardedTransitionRefusedChangesNothing) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto before = *store().responses().load_context(1);
  int64_t events = *store().events().latest_event();
  Status s = store().responses().transition(1, ResponseState::kDraft, ResponseState::kReadyForReview, user,
                                            "request_review", "", refusing_guard(),
                                            ports::CategoryChange{.category = 1, .ready = true});
  EXPECT_EQ(s.error_code(), "category_ready");
  auto after = *store().responses().load_context(1);
  EXPECT_EQ(after.response.state, ResponseState::kDraft);
  EXPECT_EQ(after.response.revision, before.response.revision);
  EXPECT_FALSE(after.categories[0].ready);
  EXPECT_TRUE(store().responses().events(1)->empty());
  EXPECT_EQ(*store().events().latest_event(), events);
}

TEST_P(StoreContract, ATransitionFromAnotherStateOrOfALockedResponseIsRefused) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t id = open_campaign();
  EXPECT_EQ(store().responses().transition(1, ResponseState::kReadyForReview, ResponseState::kSubmitted, user, "submit",
                                           "", {}).error_code(),
            "state_changed");
  ASSERT_TRUE(store().campaigns().close_campaign(id, mic).ok());
  EXPECT_EQ(store().responses().transition(1, ResponseState::kDraft, ResponseState::kReadyForReview, user,
                                           "request_review", "", {}).error_code(),
            "response_locked");
  EXPECT_EQ(store().responses().get_response(1)->state, ResponseState::kDraft);
}

TEST_P(StoreContract, ATransitionRecordsItsEventSnapshotAndOutboxEvent) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyApprover);
  open_campaign();
  auto before = *store().responses().load_context(1);
  int64_t events = *store().events().latest_event();
  WriteGuard g;
  g.needs_answers = true;
  g.check = [](const ports::ResponseSnapshot& s) {
    return s.answers.size() == 2 ? Status::Ok() : Status::Internal("answers not read");
  };
  g.snapshot = [](const ports::ResponseSnapshot& s) { return "{\"answers\":" + std::to_string(s.answers.size()) + "}"; };
  ASSERT_TRUE(store().responses().transition(1, ResponseState::kDraft, ResponseState::kReadyForReview, user,
                                             "request_review", "確認をお願いします", {}).ok());
  ASSERT_TRUE(store().responses().transition(1, ResponseState::kReadyForReview, ResponseState::kSubmitted, user, "submit",
                                             "", g).ok());
  auto r = *store().responses().get_response(1);
  EXPECT_EQ(r.state, ResponseState::kSubmitted);
  EXPECT_TRUE(r.submitted_at.has_value());
  EXPECT_GT(r.revision, before.response.revision);
  auto wf = *store().responses().events(1);
  ASSERT_EQ(wf.size(), 2u);
  EXPECT_EQ(wf[0].action, "request_review");
  EXPECT_EQ(wf[0].comment, "確認をお願いします");
  EXPECT_EQ(wf[1].from_state, "ready_for_review");
  EXPECT_EQ(wf[1].to_state, "submitted");
  EXPECT_EQ(*store().responses().submissions(1), (std::vector<std::string>{"{\"answers\":2}"}));
  auto out = *store().events().events_after(events, 10);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].kind, "response_changed");
  EXPECT_EQ(out[1].response_id, 1);
  EXPECT_EQ(out[1].campaign_id, 1);
  auto counted = std::vector<std::string>{};
  ASSERT_TRUE(store()
                  .responses()
                  .for_each_counted_answer(1, [&](int64_t rid, const std::string& body, const std::string& qid,
                                                  const std::optional<std::string>&) {
                    counted.push_back(std::to_string(rid) + body + qid);
                  })
                  .ok());
  EXPECT_EQ(counted, (std::vector<std::string>{"1011002q1", "1011002q2"}));
}

TEST_P(StoreContract, ConfirmingTouchesOnlyCarriedOverAnswersWithAValue) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto n = store().responses().confirm_answers(1, {"q1", "q2", "nope"}, user, {});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store().responses().get_answer(1, "q1")->state, "confirmed");
  EXPECT_EQ(store().responses().get_answer(1, "q2")->state, "new");
  EXPECT_EQ(store().responses().history(1, "q1")->size(), 1u);
  EXPECT_EQ(*store().responses().confirm_answers(1, {"q1"}, user, {}), 0);  // once
  EXPECT_EQ(store().responses().confirm_answers(1, {"q1"}, user, refusing_guard()).status().error_code(),
            "category_ready");
}

TEST_P(StoreContract, ACategoryChangeSetsOnlyItsFields) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  ASSERT_TRUE(store()
                  .responses()
                  .change_category(1, ports::CategoryChange{.category = 2, .assignee = user}, user, "category_assigned", "", {})
                  .ok());
  ASSERT_TRUE(store()
                  .responses()
                  .change_category(1, ports::CategoryChange{.category = 2, .ready = true, .return_comment = "ok"}, user,
                                   "category_ready", "", {})
                  .ok());
  auto cats = *store().responses().categories(1);
  EXPECT_EQ(cats[1].assignee, std::optional<int64_t>(user));
  EXPECT_EQ(cats[1].assignee_name, "r1 さん");
  EXPECT_TRUE(cats[1].ready);
  EXPECT_EQ(cats[1].return_comment, "ok");
  EXPECT_FALSE(cats[0].ready);
  EXPECT_EQ(store().responses().events(1)->size(), 2u);
  EXPECT_EQ(store()
                .responses()
                .change_category(1, ports::CategoryChange{.category = 1, .ready = true}, user, "category_ready", "",
                                 refusing_guard())
                .error_code(),
            "category_ready");
  EXPECT_FALSE((*store().responses().categories(1))[0].ready);
}

TEST_P(StoreContract, UnlockingReopensALockedResponseOnce) {
  add_bodies();
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t id = open_campaign();
  EXPECT_EQ(store().responses().unlock_response(1, mic, "").error_code(), "not_locked");
  ASSERT_TRUE(store().campaigns().close_campaign(id, mic).ok());
  auto locked = *store().responses().load_context(1);
  ASSERT_TRUE(store().responses().unlock_response(1, mic, "期限延長").ok());
  auto r = *store().responses().load_context(1);
  EXPECT_FALSE(r.response.locked);
  EXPECT_GT(r.response.revision, locked.response.revision);
  EXPECT_EQ(store().responses().events(1)->back().action, "reopen");
  EXPECT_EQ(store().responses().events(1)->back().comment, "期限延長");
}

TEST_P(StoreContract, ResponsesListFiltersByPrefectureAndState) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  int64_t id = open_campaign();
  ASSERT_TRUE(store().responses().transition(2, ResponseState::kDraft, ResponseState::kReadyForReview, user, "request_review",
                                             "", {}).ok());
  EXPECT_EQ(store().responses().list_responses(id, {.prefecture_code = "01"})->size(), 2u);
  EXPECT_TRUE(store().responses().list_responses(id, {.prefecture_code = "02"})->empty());
  auto ready = *store().responses().list_responses(id, {.state = "ready_for_review"});
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].response.body_code, "012025");
  EXPECT_EQ(ready[0].body_type, "city");
  auto of_body = *store().responses().responses_of_body("012025");
  ASSERT_EQ(of_body.size(), 1u);
  EXPECT_EQ(of_body[0].state, ResponseState::kReadyForReview);
  EXPECT_EQ(store().responses().find_response(id, "012025")->id, 2);
}

// ---- notifications ----

TEST_P(StoreContract, NotificationsReachTheirBodiesAndAreReadOnce) {
  add_bodies();
  int64_t mic = add_user("mic", "", Role::kNationalAdmin);
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  int64_t id = open_campaign();
  EXPECT_EQ(*store().notifications().add_notifications(id, {"011002", "012025"}, "締切が近づいています", mic), 2);
  auto mine = *store().notifications().notifications_of_body("011002");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].message, "締切が近づいています");
  EXPECT_EQ(mine[0].sender_name, "mic さん");
  EXPECT_FALSE(mine[0].read_at.has_value());
  EXPECT_EQ(store().notifications().mark_notification_read(mine[0].id, "012025", user).error_code(),
            "notification_not_found");
  ASSERT_TRUE(store().notifications().mark_notification_read(mine[0].id, "011002", user).ok());
  EXPECT_TRUE((*store().notifications().notifications_of_body("011002"))[0].read_at.has_value());
  auto bad = store().notifications().add_notifications(id, {"022012", "019992"}, "x", mic);
  EXPECT_EQ(bad.status().error_code(), "unknown_body");
  EXPECT_TRUE(store().notifications().notifications_of_body("022012")->empty());
}

// ---- jobs ----

TEST_P(StoreContract, JobsAreRecordedWithTheirProgressAndOutcome) {
  add_bodies();
  int64_t user = add_user("mic", "", Role::kNationalAdmin);
  auto job = store().jobs().create_job("open_campaign", user, {}, {}, "node-a");
  ASSERT_TRUE(job.ok());
  ASSERT_GT(job->id, 0);
  ASSERT_TRUE(store().jobs().update_job_progress(job->id, 50, 100).ok());
  auto running = *store().jobs().get_job(job->id);
  EXPECT_EQ(running.state, ports::JobState::kRunning);
  EXPECT_EQ(running.done, 50);
  EXPECT_EQ(running.total, 100);
  EXPECT_EQ(running.node, "node-a");
  EXPECT_EQ(running.started_by, user);
  ASSERT_TRUE(store().jobs().finish_job(job->id, Status::Unavailable("smtp_failed", {{"step", "EHLO"}})).ok());
  auto failed = *store().jobs().get_job(job->id);
  EXPECT_EQ(failed.state, ports::JobState::kFailed);
  EXPECT_EQ(failed.error.code(), StatusCode::kUnavailable);
  EXPECT_EQ(failed.error.error_code(), "smtp_failed");
  EXPECT_EQ(failed.error.args(), (MessageArgs{{"step", "EHLO"}}));
  // A finished job stays as it was.
  ASSERT_TRUE(store().jobs().finish_job(job->id, Status::Ok()).ok());
  EXPECT_EQ(store().jobs().get_job(job->id)->state, ports::JobState::kFailed);
  EXPECT_EQ(store().jobs().get_job(9999).status().error_code(), "job_not_found");
}

TEST_P(StoreContract, JobLimitsRefusePerUserAndForEveryone) {
  add_bodies();
  int64_t a = add_user("a", "", Role::kNationalAdmin);
  int64_t b = add_user("b", "", Role::kNationalAdmin);
  int64_t c = add_user("c", "", Role::kNationalAdmin);
  const ports::JobLimits limits{.per_user = 1, .total = 2};
  auto first = *store().jobs().create_job("batch", a, limits, {}, "n");
  EXPECT_EQ(first.refused, ports::JobRefusal::kNone);
  EXPECT_EQ(store().jobs().create_job("batch", a, limits, {}, "n")->refused, ports::JobRefusal::kUserBusy);
  EXPECT_EQ(store().jobs().create_job("batch", b, limits, {}, "n")->refused, ports::JobRefusal::kNone);
  auto third = *store().jobs().create_job("batch", c, limits, {}, "n");
  EXPECT_EQ(third.refused, ports::JobRefusal::kAllBusy);
  EXPECT_EQ(third.id, 0);
  EXPECT_EQ(store().jobs().create_job("other", c, limits, {}, "n")->refused, ports::JobRefusal::kNone);
  ASSERT_TRUE(store().jobs().finish_job(first.id, Status::Ok()).ok());
  EXPECT_EQ(store().jobs().create_job("batch", c, limits, {}, "n")->refused, ports::JobRefusal::kNone);
}

TEST_P(StoreContract, AUserKeepsOneResultFilePerKind) {
  add_bodies();
  int64_t a = add_user("a", "", Role::kNationalAdmin);
  auto first = *store().jobs().create_job("batch", a, {}, {"/tmp/one.zip", "one.zip", "application/zip"}, "n");
  ASSERT_TRUE(store().jobs().finish_job(first.id, Status::Ok()).ok());
  EXPECT_EQ(store().jobs().get_job(first.id)->result.file, "/tmp/one.zip");
  auto second = *store().jobs().create_job("batch", a, {}, {"/tmp/two.zip", "two.zip", "application/zip"}, "n");
  EXPECT_EQ(second.forgotten_files, (std::vector<std::string>{"/tmp/one.zip"}));
  EXPECT_EQ(store().jobs().get_job(first.id)->result.file, "");
  EXPECT_EQ(store().jobs().get_job(second.id)->result.file, "/tmp/two.zip");
}

TEST_P(StoreContract, AbandoningFailsANodesRunningJobsAndForgetsItsFiles) {
  add_bodies();
  int64_t a = add_user("a", "", Role::kNationalAdmin);
  auto done = *store().jobs().create_job("batch", a, {}, {"/tmp/done.zip", "d.zip", "application/zip"}, "n1");
  ASSERT_TRUE(store().jobs().finish_job(done.id, Status::Ok()).ok());
  auto running = *store().jobs().create_job("open", a, {}, {}, "n1");
  auto elsewhere = *store().jobs().create_job("open", a, {}, {}, "n2");
  auto files = store().jobs().abandon_jobs("n1", Status::Unavailable("job_abandoned"));
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{"/tmp/done.zip"}));
  EXPECT_EQ(store().jobs().get_job(running.id)->state, ports::JobState::kFailed);
  EXPECT_EQ(store().jobs().get_job(running.id)->error.error_code(), "job_abandoned");
  EXPECT_EQ(store().jobs().get_job(done.id)->state, ports::JobState::kDone);
  EXPECT_EQ(store().jobs().get_job(elsewhere.id)->state, ports::JobState::kRunning);
}

// ---- at the same moment ----
// The guarded writes stay atomic when they really run at once (on PostgreSQL, in separate
// transactions on separate connections): each case starts its writers together and counts
// what won.

namespace {
// Runs `fn(i)` for i in [0, n) on n threads released together; their results in order.
template <typename Fn>
auto all_at_once(int n, Fn fn) {
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  std::vector<std::future<decltype(fn(0))>> running;
  for (int i = 0; i < n; ++i)
    running.push_back(std::async(std::launch::async, [&, i] {
      start.wait();
      return fn(i);
    }));
  go.set_value();
  std::vector<decltype(fn(0))> out;
  for (auto& r : running) out.push_back(r.get());
  return out;
}
}  // namespace

TEST_P(StoreContract, SavesOfOneVersionAtTheSameMomentStoreExactlyOne) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  // Eight writers read the answer's version and save on it, again and again: of the saves
  // made on one version exactly one is stored, so the answer's version counts the stored
  // saves, and each has its history row (none lost, none twice).
  std::atomic<int> stored = 0;
  auto results = all_at_once(8, [&](int i) -> Status {
    for (int k = 0; k < 25; ++k) {
      auto cur = store().responses().get_answer(1, "q2");
      if (!cur.ok()) return cur.status();
      auto saved = store().responses().save_answer(
          1, "q2", ctx.response.revision, cur->version,
          [i, k](const AnswerRecord&) { return answer("\"v" + std::to_string(i * 100 + k) + "\"", "new"); }, user);
      if (!saved.ok()) return saved.status();
      stored += std::holds_alternative<AnswerRecord>(*saved);
    }
    return Status::Ok();
  });
  for (const auto& s : results) ASSERT_TRUE(s.ok()) << s.message_en() << " " << s.internal_detail();
  EXPECT_GE(stored.load(), 25);
  EXPECT_EQ(store().responses().get_answer(1, "q2")->version, stored.load());
  EXPECT_EQ(static_cast<int>(store().responses().history(1, "q2")->size()), stored.load());
}

TEST_P(StoreContract, SavesOfDifferentAnswersAtTheSameMomentAreAllStored) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyRespondent);
  open_campaign();
  auto ctx = *store().responses().load_context(1);
  const int64_t version_before = ctx.response.version;
  auto results = all_at_once(8, [&](int i) {
    const std::string q = i % 2 == 0 ? "q1" : "q2";
    // Each answer is saved 4 times in turn by its writers: only the first of each version wins.
    int64_t expected = i / 2;
    return store().responses().save_answer(1, q, ctx.response.revision, expected,
                                           [](const AnswerRecord&) { return answer("\"x\""); }, user);
  });
  for (const auto& r : results) ASSERT_TRUE(r.ok()) << r.status().internal_detail();
  // However the writers interleaved, every stored save bumped the response once.
  int64_t stored = 0;
  for (const auto& r : results) stored += std::holds_alternative<AnswerRecord>(*r);
  EXPECT_GE(stored, 2);
  EXPECT_EQ(static_cast<int64_t>(store().responses().history(1, "q1")->size() + store().responses().history(1, "q2")->size()),
            stored);
  EXPECT_EQ(store().responses().get_response(1)->version, version_before + stored);
}

TEST_P(StoreContract, OneTransitionOfManyAtTheSameMomentMovesTheResponse) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyApprover);
  open_campaign();
  auto results = all_at_once(8, [&](int) {
    return store().responses().transition(1, ResponseState::kDraft, ResponseState::kReadyForReview, user,
                                          "request_review", "", {});
  });
  int moved = 0;
  for (const auto& s : results) {
    if (s.ok()) ++moved;
    else EXPECT_EQ(s.error_code(), "state_changed") << s.internal_detail();
  }
  EXPECT_EQ(moved, 1);
  EXPECT_EQ(store().responses().events(1)->size(), 1u);
}

TEST_P(StoreContract, JobLimitsHoldWhenJobsStartAtTheSameMoment) {
  add_bodies();
  std::vector<int64_t> users;
  for (int i = 0; i < 8; ++i) users.push_back(add_user("u" + std::to_string(i), "", Role::kNationalAdmin));
  const ports::JobLimits limits{.per_user = 1, .total = 3};
  // Each writer starts and finishes jobs in a loop. `running` counts a job from after its
  // creation committed until before it is finished, so it never exceeds what the store holds
  // as running: above the limit only if the store let too many start.
  std::atomic<int> running = 0, most = 0, started = 0;
  auto results = all_at_once(8, [&](int i) -> Status {
    for (int k = 0; k < 30; ++k) {
      auto job = store().jobs().create_job("batch", users[i], limits, {}, "n");
      if (!job.ok()) return job.status();
      if (job->refused != ports::JobRefusal::kNone) continue;
      ++started;
      int now = ++running;
      for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a job that takes a moment
      --running;
      MAMORI_RETURN_IF_ERROR(store().jobs().finish_job(job->id, Status::Ok()));
    }
    return Status::Ok();
  });
  for (const auto& s : results) ASSERT_TRUE(s.ok()) << s.internal_detail();
  EXPECT_GT(started.load(), 3);
  EXPECT_LE(most.load(), 3);
}

TEST_P(StoreContract, EventsCommittedAtTheSameMomentAreNeverSkippedByACursor) {
  add_bodies();
  int64_t user = add_user("r1", "011002", Role::kBodyApprover);
  add_user("r2", "012025", Role::kBodyApprover);
  open_campaign();
  // A reader follows the log while two bodies' responses move back and forth.
  std::atomic<bool> done = false;
  std::vector<int64_t> seen;
  std::thread reader([&] {
    int64_t cursor = 0;
    for (;;) {
      bool last = done.load();
      auto batch = store().events().events_after(cursor, 1000);
      ASSERT_TRUE(batch.ok());
      for (const auto& e : *batch) {
        seen.push_back(e.id);
        cursor = e.id;
      }
      if (last) break;
    }
  });
  all_at_once(2, [&](int i) {
    const int64_t response = i + 1;
    for (int k = 0; k < 10; ++k) {
      (void)store().responses().transition(response, ResponseState::kDraft, ResponseState::kReadyForReview, user,
                                           "request_review", "", {});
      (void)store().responses().transition(response, ResponseState::kReadyForReview, ResponseState::kDraft, user,
                                           "withdraw", "", {});
    }
    return 0;
  });
  done = true;
  reader.join();
  auto all = *store().events().events_after(0, 100000);
  std::vector<int64_t> ids;
  for (const auto& e : all) ids.push_back(e.id);
  EXPECT_EQ(seen, ids);  // in order, none skipped, none twice
}

TEST_P(StoreContract, AttemptsCountedAtTheSameMomentEachGetTheirOwnCount) {
  // What makes the sign-in limit hold against parallel guesses: every attempt is counted
  // before its password is checked, and no two get the same count.
  const std::string window_start = to_iso(clock().now() - std::chrono::hours(1));
  auto results = all_at_once(8, [&](int i) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> mine;
    for (int k = 0; k < 10; ++k) {
      // Keys in different orders, so writers that locked rows in the order given would deadlock.
      auto counts = store().sign_in_attempts().record_attempts(
          i % 2 ? std::vector<std::string>{"login", "address"} : std::vector<std::string>{"address", "login"},
          window_start);
      if (!counts.ok()) return counts.status();
      mine.push_back((*counts)[i % 2 ? 0 : 1]);
    }
    return mine;
  });
  std::vector<int64_t> all;
  for (auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().message_en() << r.status().internal_detail();
    all.insert(all.end(), r->begin(), r->end());
  }
  std::sort(all.begin(), all.end());
  std::vector<int64_t> expected(80);
  std::iota(expected.begin(), expected.end(), int64_t{1});
  EXPECT_EQ(all, expected);
  EXPECT_EQ((*store().sign_in_attempts().failures({"address"}))[0].failures, 80);
}

// ---- failed sign-ins ----

TEST_P(StoreContract, SignInAttemptsAreCountedPerKeyWithinTheWindow) {
  auto& a = store().sign_in_attempts();
  auto window_start = [&] { return to_iso(clock().now() - std::chrono::minutes(15)); };
  EXPECT_EQ((*a.failures({"r1"}))[0].failures, 0);
  EXPECT_EQ(*a.record_attempts({"r1", "addr"}, window_start()), (std::vector<int64_t>{1, 1}));
  clock().advance(std::chrono::minutes(1));
  EXPECT_EQ(*a.record_attempts({"r1", "addr"}, window_start()), (std::vector<int64_t>{2, 2}));
  auto f = *a.failures({"addr", "none", "r1"});
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[2].failures, 2);
  EXPECT_EQ(f[2].last_at, clock().now_iso());
  EXPECT_EQ(f[1].failures, 0);
  EXPECT_EQ(f[1].last_at, "");
  EXPECT_EQ(*a.record_attempts({"other"}, window_start()), (std::vector<int64_t>{1}));
  // After the window an attempt counts from 1 again, and stale keys are forgotten.
  clock().advance(std::chrono::minutes(20));
  EXPECT_EQ(*a.record_attempts({"r1"}, window_start()), (std::vector<int64_t>{1}));
  EXPECT_EQ((*a.failures({"other"}))[0].failures, 0);
}

TEST_P(StoreContract, SettlingTakesBackOneAttemptOrForgetsAKeyAndCountedListsTheLatestFirst) {
  auto& a = store().sign_in_attempts();
  const std::string window_start = to_iso(clock().now() - std::chrono::hours(1));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(a.record_attempts({"pair", "address", "account"}, window_start).ok());
  clock().advance(std::chrono::seconds(5));
  ASSERT_TRUE(a.record_attempts({"later"}, window_start).ok());
  auto listed = *a.counted(1, 10);
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0].key, "later");
  EXPECT_EQ(listed[0].counted.last_at, clock().now_iso());
  EXPECT_EQ(listed[1].key, "account");  // the same moment: by key
  EXPECT_EQ(listed[1].counted.failures, 3);
  EXPECT_EQ(a.counted(2, 10)->size(), 3u);
  EXPECT_EQ(a.counted(1, 2)->size(), 2u);
  ASSERT_TRUE(a.settle({"address", "account", "unknown"}, {"pair"}).ok());
  auto f = *a.failures({"pair", "address", "account"});
  EXPECT_EQ(f[0].failures, 0);
  EXPECT_EQ(f[1].failures, 2);
  EXPECT_EQ(f[2].failures, 2);
  ASSERT_TRUE(a.settle({}, {"address"}).ok());
  EXPECT_EQ((*a.failures({"address"}))[0].failures, 0);
  EXPECT_TRUE(a.failures({})->empty());
}

// ---- the event log ----

TEST_P(StoreContract, EventsAreReadInOrderFromACursorAndPruned) {
  EXPECT_EQ(*store().events().latest_event(), 0);
  add_bodies();  // five events
  auto first = *store().events().events_after(0, 2);
  ASSERT_EQ(first.size(), 2u);
  auto rest = *store().events().events_after(first.back().id, 100);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest.back().id, *store().events().latest_event());
  clock().advance(std::chrono::hours(25));
  ASSERT_TRUE(store().events().prune_events(to_iso(clock().now() - std::chrono::hours(24))).ok());
  EXPECT_TRUE(store().events().events_after(0, 100)->empty());
}

}  // namespace mamori::store
