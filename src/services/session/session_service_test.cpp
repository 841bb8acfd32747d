// Signing in on the fake store with a fake clock: the lock-out counts per login across
// calls, ends after its window, and a success clears it.
#include "services/session/session_service.h"

#include <gtest/gtest.h>

#include "crypto/password.h"
#include "fakes/memory_store.h"

namespace mamori {
namespace {

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
    sessions_ = std::make_unique<SessionService>(store_->users(), store_->sign_in_attempts(), clock_);
  }

  FakeClock clock_{std::string_view("2026-11-02T01:00:00Z")};
  std::unique_ptr<ports::Store> store_;
  std::unique_ptr<SessionService> sessions_;
};

TEST_F(SessionServiceTest, ASignInOpensASessionFoundByItsToken) {
  auto in = sessions_->sign_in("r", "correct horse battery");
  ASSERT_TRUE(in.ok()) << in.status().message_en();
  auto s = sessions_->find(in->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.login, "r");
  EXPECT_EQ(s->csrf_token, in->csrf_token);
  ASSERT_TRUE(sessions_->sign_out(SessionService::token_hash(in->token)).ok());
  EXPECT_EQ(sessions_->find(in->token).status().code(), StatusCode::kNotFound);
}

TEST_F(SessionServiceTest, AWrongPasswordAndAnUnknownLoginGetTheSameAnswer) {
  EXPECT_EQ(sessions_->sign_in("r", "wrong").status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions_->sign_in("nobody", "wrong").status().error_code(), "sign_in_failed");
  EXPECT_EQ(sessions_->sign_in("old", "correct horse battery").status().error_code(), "account_expired");
}

TEST_F(SessionServiceTest, FiveFailuresLockTheLoginForItsWindowOnly) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sessions_->sign_in("r", "wrong").status().error_code(), "sign_in_failed");
  auto locked = sessions_->sign_in("r", "correct horse battery");
  EXPECT_EQ(locked.status().error_code(), "too_many_attempts");
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(sessions_->sign_in("nobody", "x").status().error_code(), "sign_in_failed");  // per login
  clock_.advance(std::chrono::minutes(16));
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery").ok());
  // A success cleared the count: four more failures do not lock.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(sessions_->sign_in("r", "wrong").status().error_code(), "sign_in_failed");
  EXPECT_TRUE(sessions_->sign_in("r", "correct horse battery").ok());
}

TEST_F(SessionServiceTest, TheLockOutIsSharedByEveryServiceOnTheSameStore) {
  // A second node: another service over the same store.
  SessionService other(store_->users(), store_->sign_in_attempts(), clock_);
  for (int i = 0; i < 3; ++i) (void)sessions_->sign_in("r", "wrong");
  for (int i = 0; i < 2; ++i) (void)other.sign_in("r", "wrong");
  EXPECT_EQ(sessions_->sign_in("r", "correct horse battery").status().error_code(), "too_many_attempts");
  EXPECT_EQ(other.sign_in("r", "correct horse battery").status().error_code(), "too_many_attempts");
}

}  // namespace
}  // namespace mamori
