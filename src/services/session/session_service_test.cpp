// Signing in on the fake store with a fake clock: attempts are counted before they are
// checked, per login and address, per address and per login, with a growing back-off.
#include "services/session/session_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <future>
#include <thread>

#include "crypto/password.h"
#include "crypto/totp.h"
#include "fakes/memory_store.h"

namespace mamori {
namespace {

constexpr const char* kHere = "192.0.2.10";     // the real user's office
constexpr const char* kGuesser = "198.51.100.7";  // someone guessing

std::string arg(const Status& s, const std::string& name) {
  for (const auto& [k, v] : s.args())
    if (k == name) return v;
  return "";
}

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(auth::init_crypto().ok());
    store_ = fakes::make_memory_store(clock_);
    ASSERT_TRUE(store_->bodies().upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                                 .prefecture_code = "01"}}).ok());
    auto hash = auth::hash_password("correct horse battery", auth::HashCost::kMinimum);
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(store_->users()
                    .create_user({.login = "r", .display_name = "r", .body_code = "011002", .roles = {Role::kBodyRespondent}},
                                 *hash)
                    .ok());
    ASSERT_TRUE(store_->users()
                    .create_user({.login = "old", .display_name = "old", .body_code = "011002",
                                  .roles = {Role::kBodyViewer}, .expires_at = "2026-10-31T15:00:00.000Z"},
                                 *hash)
                    .ok());
    ASSERT_TRUE(store_->users()
                    .create_user({.login = "a", .display_name = "a", .body_code = "011002",
                                  .roles = {Role::kBodyApprover}},
                                 *hash)
                    .ok());
    audit_ = std::make_unique<AuditTrail>(store_->audit());
    factors_ = std::make_unique<SecondFactors>(store_->users(), clock_, key_);
    sessions_ =
        std::make_unique<SessionService>(store_->users(), store_->sign_in_attempts(), *audit_, *factors_, clock_);
  }

  // The approver "a" with a confirmed second factor; returns its secret.
  std::string enrol_approver() {
    const User a = store_->users().find_credentials("a")->user;
    auto e = factors_->begin(a);
    EXPECT_TRUE(e.ok());
    auto codes = factors_->confirm(a, code_now(e->secret));
    EXPECT_TRUE(codes.ok()) << codes.status().error_code();
    if (codes.ok()) recovery_ = *codes;
    return e->secret;
  }
  std::string code_now(const std::string& secret) {
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    return auth::totp_code(secret, auth::totp_step(t));
  }
  std::vector<std::string> actions() {
    std::vector<std::string> out;
    auto entries = store_->audit().chain(0, 1000);
    EXPECT_TRUE(entries.ok());
    if (!entries.ok()) return out;
    for (const auto& e : *entries) out.push_back(e.action + ":" + e.outcome + ":" + e.detail);
    return out;
  }

  FakeClock clock_{std::string_view("2026-11-02T01:00:00Z")};
  auth::SealingKey key_ = *auth::SealingKey::from_hex(auth::SealingKey::generate_hex());
  std::unique_ptr<ports::Store> store_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<SecondFactors> factors_;
  std::unique_ptr<SessionService> sessions_;
  std::vector<std::string> recovery_;
};

TEST_F(SessionServiceTest, WithASecondFactorThePasswordOpensOnlyASessionAwaitingTheCode) {
  const std::string secret = enrol_approver();
  auto in = sessions_->sign_in("a", "correct horse battery", kHere);
  ASSERT_TRUE(in.ok());
  EXPECT_TRUE(in->awaiting_code);
  auto pending = sessions_->find(in->token);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->stage, ports::kStageSecondFactor);

  EXPECT_EQ(sessions_->check_code(*pending, "000000" == code_now(secret) ? "111111" : "000000", kHere).status().error_code(),
            "code_wrong");
  clock_.advance(std::chrono::seconds(30));  // a new step: the enrolment's code is not a replay
  auto full = sessions_->check_code(*pending, code_now(secret), kHere);
  ASSERT_TRUE(full.ok()) << full.status().error_code();
  EXPECT_FALSE(full->awaiting_code);
  EXPECT_NE(full->token, in->token) << "the signed-in session has a new token";
  EXPECT_FALSE(sessions_->find(in->token).ok()) << "the pending session is gone";
  auto signed_in = sessions_->find(full->token);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->stage, ports::kStageFull);
  EXPECT_EQ(actions(), (std::vector<std::string>{"session.password:ok:", "session.second_factor:denied:code_wrong",
                                                 "session.second_factor:ok:"}));
}

TEST_F(SessionServiceTest, AUsedCodeIsNotAcceptedAgainWithinItsWindow) {
  const std::string secret = enrol_approver();
  clock_.advance(std::chrono::seconds(30));
  const std::string code = code_now(secret);
  auto first = sessions_->sign_in("a", "correct horse battery", kHere);
  ASSERT_TRUE(sessions_->check_code(*sessions_->find(first->token), code, kHere).ok());
  auto second = sessions_->sign_in("a", "correct horse battery", kHere);
  EXPECT_EQ(sessions_->check_code(*sessions_->find(second->token), code, kHere).status().error_code(), "code_used");
  clock_.advance(std::chrono::seconds(10));  // same step still
  EXPECT_EQ(sessions_->check_code(*sessions_->find(second->token), code, kHere).status().error_code(), "code_used");
  clock_.advance(std::chrono::seconds(30));
  EXPECT_TRUE(sessions_->check_code(*sessions_->find(second->token), code_now(secret), kHere).ok());
}

TEST_F(SessionServiceTest, ARecoveryCodeWorksOnce) {
  enrol_approver();
  ASSERT_EQ(recovery_.size(), 10u);
  auto first = sessions_->sign_in("a", "correct horse battery", kHere);
  std::string upper = recovery_[3];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_TRUE(sessions_->check_code(*sessions_->find(first->token), upper, kHere).ok());
  auto second = sessions_->sign_in("a", "correct horse battery", kHere);
  EXPECT_EQ(sessions_->check_code(*sessions_->find(second->token), recovery_[3], kHere).status().error_code(),
            "code_wrong");
  EXPECT_EQ(*store_->users().unused_recovery_codes(first->user.id), 9);
}

TEST_F(SessionServiceTest, CodeGuessesAreLimitedLikePasswordGuesses) {
  enrol_approver();
  auto in = sessions_->sign_in("a", "correct horse battery", kGuesser);
  auto pending = *sessions_->find(in->token);
  int refused_wrong = 0;
  for (int i = 0; i < 10; ++i) {
    auto st = sessions_->check_code(pending, "12345" + std::to_string(i % 10), kGuesser).status();
    refused_wrong += st.error_code() == "code_wrong";
  }
  EXPECT_LE(refused_wrong, 5) << "at most the free attempts are checked";
}

TEST_F(SessionServiceTest, ASessionUnusedForTheIdleTimeoutEnds) {
  auto in = sessions_->sign_in("r", "correct horse battery", kHere);
  ASSERT_TRUE(in.ok());
  clock_.advance(std::chrono::minutes(29));
  ASSERT_TRUE(sessions_->find(in->token).ok()) << "used: the idle time starts again";
  clock_.advance(std::chrono::minutes(29));
  ASSERT_TRUE(sessions_->find(in->token).ok());
  clock_.advance(std::chrono::minutes(31));
  EXPECT_FALSE(sessions_->find(in->token).ok());
}

TEST_F(SessionServiceTest, DisablingChangingRolesOrAPasswordEndsTheUsersSessions) {
  auto user = store_->users().find_credentials("r")->user;
  for (int change = 0; change < 3; ++change) {
    auto in = sessions_->sign_in("r", "correct horse battery", kHere);
    ASSERT_TRUE(in.ok()) << change;
    ASSERT_TRUE(sessions_->find(in->token).ok());
    ports::AccountChange ch;
    if (change == 0) ch.disabled = true;
    if (change == 1) ch.roles = std::vector<Role>{Role::kBodyViewer};
    if (change == 2) ch.expires_at = std::optional<std::string>("2027-01-01T00:00:00.000Z");
    ASSERT_TRUE(store_->users().change_account(user.id, ch).ok());
    EXPECT_FALSE(sessions_->find(in->token).ok()) << change;
    if (change == 0) {
      EXPECT_EQ(sessions_->sign_in("r", "correct horse battery", kHere).status().error_code(), "account_disabled");
      ASSERT_TRUE(store_->users().change_account(user.id, {.disabled = false}).ok());
    }
  }
  auto in = sessions_->sign_in("r", "correct horse battery", kHere);
  auto other = sessions_->sign_in("r", "correct horse battery", kGuesser);
  ASSERT_TRUE(store_->users().set_password(user.id, "x", false, SessionService::token_hash(in->token)).ok());
  EXPECT_TRUE(sessions_->find(in->token).ok()) << "the session that changed it stays";
  EXPECT_FALSE(sessions_->find(other->token).ok());
}

TEST_F(SessionServiceTest, SignInsAndRefusalsAreInTheAuditTrail) {
  ASSERT_TRUE(sessions_->sign_in("r", "correct horse battery", kHere).ok());
  EXPECT_FALSE(sessions_->sign_in("r", "wrong", kHere).ok());
  EXPECT_FALSE(sessions_->sign_in("nobody", "wrong", kHere).ok());
  EXPECT_EQ(actions(), (std::vector<std::string>{"session.sign_in:ok:", "session.sign_in:denied:sign_in_failed",
                                                 "session.sign_in:denied:sign_in_failed"}));
  const std::vector<AuditEntry> entries = store_->audit().chain(0, 10).value();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].actor, "r");
  EXPECT_EQ(entries[1].address, kHere);
  EXPECT_EQ(entries[2].actor, "nobody");
}

TEST_F(SessionServiceTest, ASignInOpensASessionFoundByItsToken) {
  auto in = sessions_->sign_in("r", "correct horse battery", kHere);
  ASSERT_TRUE(in.ok()) << in.status().message_en();
  auto s = sessions_->find(in->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.login, "r");
  EXPECT_EQ(s->csrf_token, in->csrf_token);
  ASSERT_TRUE(sessions_->sign_out(SessionService::token_hash(in->token)).ok());
  EXPECT_EQ(sessions_->find(in->token).status().code(), StatusCode::kNotFound);
}

TEST_F(SessionServiceTest, AWrongPasswordAndAnUnknownLoginGetTheSameAnswer) {
  EXPECT_EQ(sessions_->sign_in("r", "wrong", kHere).status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions_->sign_in("nobody", "wrong", kHere).status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions_->sign_in("old", "correct horse battery", kHere).status().error_code(), "account_expired");
}

TEST_F(SessionServiceTest, FiveGuessesFromOneAddressMakeItWaitLongerEachTimeButNotAnotherAddress) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sessions_->sign_in("r", "wrong", kGuesser).status().error_code(), "sign_in_failed");
  auto waiting = sessions_->sign_in("r", "correct horse battery", kGuesser);
  EXPECT_EQ(waiting.status().error_code(), "too_many_attempts");
  EXPECT_EQ(waiting.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(arg(waiting.status(), "seconds"), "30");
  // The real user, from their office: not slowed by the guesser.
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery", kHere).ok());
  // The back-off grows: 30 s, then 60 s after the next wrong guess.
  clock_.advance(std::chrono::seconds(31));
  EXPECT_EQ(sessions_->sign_in("r", "wrong", kGuesser).status().error_code(), "sign_in_failed");
  EXPECT_EQ(arg(sessions_->sign_in("r", "wrong", kGuesser).status(), "seconds"), "60");
  clock_.advance(std::chrono::seconds(61));
  EXPECT_EQ(sessions_->sign_in("r", "wrong", kGuesser).status().error_code(), "sign_in_failed");
  EXPECT_EQ(arg(sessions_->sign_in("r", "wrong", kGuesser).status(), "seconds"), "120");
  // A success from that address forgets its guesses: five more are free again.
  clock_.advance(std::chrono::seconds(121));
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery", kGuesser).ok());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sessions_->sign_in("r", "wrong", kGuesser).status().error_code(), "sign_in_failed");
  // After an hour of quiet the count starts again.
  clock_.advance(std::chrono::minutes(61));
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery", kGuesser).ok());
}

// The store's attempts, with every read of the counts held until `readers` reads arrived
// (or a few seconds passed): parallel sign-ins then all see the same counts before any
// counts its attempt, the case a check-then-count design gets wrong.
class ReadTogether final : public ports::SignInAttempts {
 public:
  ReadTogether(ports::SignInAttempts& inner, int readers) : inner_(inner), left_(readers) {}
  Result<std::vector<ports::FailedSignIns>> failures(const std::vector<std::string>& keys) override {
    auto out = inner_.failures(keys);
    std::unique_lock lock(mu_);
    if (--left_ <= 0) cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(5), [this] { return left_ <= 0; });
    return out;
  }
  Result<std::vector<int64_t>> record_attempts(const std::vector<std::string>& keys, const std::string& w) override {
    return inner_.record_attempts(keys, w);
  }
  Status settle(const std::vector<std::string>& u, const std::vector<std::string>& f) override {
    return inner_.settle(u, f);
  }
  Result<std::vector<ports::CountedSignIns>> counted(int64_t m, int l) override { return inner_.counted(m, l); }

 private:
  ports::SignInAttempts& inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  int left_;
};

TEST_F(SessionServiceTest, ParallelGuessesAreCountedBeforeTheyAreCheckedSoAtMostFiveAreChecked) {
  constexpr int kGuesses = 150;
  ReadTogether together(store_->sign_in_attempts(), kGuesses);
  SessionService sessions(store_->users(), together, *audit_, *factors_, clock_);
  std::atomic<int> checked = 0, refused = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i)
    threads.emplace_back([&] {
      auto r = sessions.sign_in("r", "wrong", kGuesser);
      if (r.status().error_code() == "sign_in_failed") ++checked;
      if (r.status().error_code() == "too_many_attempts") ++refused;
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(checked.load(), 5);
  EXPECT_EQ(checked + refused, kGuesses);
}

TEST_F(SessionServiceTest, AnAddressGuessingManyLoginsIsSlowedAndOtherAddressesAreNot) {
  SessionOptions small;
  small.limits.per_address = 10;
  SessionService sessions(store_->users(), store_->sign_in_attempts(), *audit_, *factors_, clock_, small);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(sessions.sign_in("user" + std::to_string(i), "x", kGuesser).status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions.sign_in("someone-else", "x", kGuesser).status().error_code(), "too_many_attempts");
  EXPECT_TRUE(sessions.sign_in("r", "correct horse battery", kHere).ok());
}

TEST_F(SessionServiceTest, SuccessesDoNotUseUpAnOfficesAllowance) {
  SessionOptions small;
  small.limits.per_address = 3;
  small.limits.per_login = 3;
  SessionService sessions(store_->users(), store_->sign_in_attempts(), *audit_, *factors_, clock_, small);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(sessions.sign_in("r", "correct horse battery", kHere).ok()) << i;
}

TEST_F(SessionServiceTest, GuessesFromManyAddressesForOneLoginAreSlowedToo) {
  SessionOptions small;
  small.limits.per_login = 8;
  SessionService sessions(store_->users(), store_->sign_in_attempts(), *audit_, *factors_, clock_, small);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(sessions.sign_in("r", "wrong", "10.0.0." + std::to_string(i)).status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions.sign_in("r", "wrong", "10.0.1.1").status().error_code(), "too_many_attempts");
}

TEST_F(SessionServiceTest, TheAdministratorSeesWhatWaitsAndCanLiftIt) {
  for (int i = 0; i < 5; ++i) (void)sessions_->sign_in("r", "wrong", kGuesser);
  auto blocks = sessions_->blocks();
  ASSERT_TRUE(blocks.ok());
  ASSERT_EQ(blocks->size(), 1u);
  const SignInBlock& b = (*blocks)[0];
  EXPECT_EQ(b.what.kind, SignInKeyKind::kLoginAndAddress);
  EXPECT_EQ(b.what.login, "r");
  EXPECT_EQ(b.what.address, kGuesser);
  EXPECT_EQ(b.attempts, 5);
  EXPECT_EQ(b.until, to_iso(clock_.now() + std::chrono::seconds(30)));
  ASSERT_TRUE(sessions_->lift_block(b.key).ok());
  EXPECT_TRUE(sessions_->blocks()->empty());
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery", kGuesser).ok());
  EXPECT_EQ(sessions_->lift_block(b.key).code(), StatusCode::kNotFound);
  EXPECT_EQ(sessions_->lift_block("no such key").code(), StatusCode::kNotFound);
}

TEST_F(SessionServiceTest, TheLimitsAreSharedByEveryServiceOnTheSameStore) {
  // A second node: another service over the same store.
  SessionService other(store_->users(), store_->sign_in_attempts(), *audit_, *factors_, clock_);
  for (int i = 0; i < 3; ++i) (void)sessions_->sign_in("r", "wrong", kGuesser);
  for (int i = 0; i < 2; ++i) (void)other.sign_in("r", "wrong", kGuesser);
  EXPECT_EQ(sessions_->sign_in("r", "correct horse battery", kGuesser).status().error_code(), "too_many_attempts");
  EXPECT_EQ(other.sign_in("r", "correct horse battery", kGuesser).status().error_code(), "too_many_attempts");
}

TEST_F(SessionServiceTest, AnAsynchronousSignInAnswersFromTheCheckQueue) {
  std::promise<Result<SignedIn>> answered;
  sessions_->sign_in_async("r", "correct horse battery", kHere, [&](Result<SignedIn> r) { answered.set_value(std::move(r)); });
  auto r = answered.get_future().get();
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  EXPECT_EQ(r->user.login, "r");
}

}  // namespace
}  // namespace mamori
