// The second factor's codes (RFC 6238 test vectors), sealed secrets, the chain hash and the
// password policy.
#include <gtest/gtest.h>

#include "crypto/chain_hash.h"
#include "crypto/password.h"
#include "crypto/password_policy.h"
#include "crypto/sealed.h"
#include "crypto/totp.h"

namespace mamori::auth {
namespace {

// RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (base32 below), last 6 digits.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesTheRfc6238TestVectors) {
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(59)), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(1111111109)), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(1234567890)), "005924");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(2000000000)), "279037");
}

TEST(Totp, ACodeIsAcceptedOneStepEitherSideAndNoFurther) {
  const int64_t now = 1234567890;
  const int64_t step = totp_step(now);
  EXPECT_EQ(*totp_matching_step(kRfcSecret, totp_code(kRfcSecret, step), now), step);
  EXPECT_EQ(*totp_matching_step(kRfcSecret, totp_code(kRfcSecret, step - 1), now), step - 1);
  EXPECT_EQ(*totp_matching_step(kRfcSecret, totp_code(kRfcSecret, step + 1), now), step + 1);
  EXPECT_FALSE(totp_matching_step(kRfcSecret, totp_code(kRfcSecret, step - 2), now).ok());
  EXPECT_FALSE(totp_matching_step(kRfcSecret, totp_code(kRfcSecret, step + 2), now).ok());
  EXPECT_EQ(totp_matching_step(kRfcSecret, "12345", now).status().error_code(), "code_wrong");
  EXPECT_EQ(totp_matching_step("not base32!", "123456", now).status().error_code(), "code_wrong");
}

TEST(Totp, NewSecretsAreRandomBase32AndTheUriNamesIssuerAndAccount) {
  const std::string a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 32u);  // 160 bits
  EXPECT_NE(a, b);
  EXPECT_FALSE(totp_code(a, 1).empty());
  EXPECT_EQ(otpauth_uri("mamori", "demo admin", a),
            "otpauth://totp/mamori:demo%20admin?secret=" + a + "&issuer=mamori&algorithm=SHA1&digits=6&period=30");
}

TEST(Sealed, OnlyTheSameKeyOpensWhatItSealedAndAnAlterationIsCaught) {
  ASSERT_TRUE(init_crypto().ok());
  auto key = SealingKey::from_hex(SealingKey::generate_hex());
  auto other = SealingKey::from_hex(SealingKey::generate_hex());
  ASSERT_TRUE(key.ok() && other.ok());
  const std::string sealed = key->seal("JBSWY3DPEHPK3PXP");
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_NE(sealed, key->seal("JBSWY3DPEHPK3PXP")) << "a new nonce each time";
  EXPECT_EQ(*key->open(sealed), "JBSWY3DPEHPK3PXP");
  EXPECT_FALSE(other->open(sealed).ok());
  std::string altered = sealed;
  altered.back() = altered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(key->open(altered).ok());
  EXPECT_FALSE(key->open("plain").ok());
  EXPECT_EQ(SealingKey::from_hex("abc").status().error_code(), "bad_secret_key");
  EXPECT_TRUE(SealingKey::from_hex(" " + SealingKey::generate_hex() + "\n").ok());
}

TEST(ChainHash, DependsOnEveryFieldItsBoundariesAndThePreviousHash) {
  const std::string h = chain_hash("p", {"ab", "c"});
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, chain_hash("p", {"ab", "c"}));
  EXPECT_NE(h, chain_hash("p", {"a", "bc"}));
  EXPECT_NE(h, chain_hash("q", {"ab", "c"}));
  EXPECT_NE(h, chain_hash("p", {"ab", "c", ""}));
}

TEST(PasswordPolicy, LengthNotCompositionAndNothingGuessable) {
  const PasswordOwner owner{"sapporo-taro", "札幌 太郎", "札幌市"};
  EXPECT_TRUE(check_new_password("kumo no ue no shiroi umi", owner).ok());
  EXPECT_TRUE(check_new_password("あさぎいろのそらにとぶとり", owner).ok()) << "12+ characters of any script";
  EXPECT_EQ(check_new_password("short words", owner).error_code(), "password_too_short");
  EXPECT_EQ(check_new_password("あいうえおかきくけこさ", owner).error_code(), "password_too_short") << "11 characters";
  EXPECT_EQ(check_new_password(std::string(1001, 'x'), owner).error_code(), "password_too_long");
  EXPECT_EQ(check_new_password("my Sapporo-Taro password", owner).error_code(), "password_is_login");
  EXPECT_EQ(check_new_password("札幌市役所の職員用パスワード", owner).error_code(), "password_is_body_name");
  EXPECT_EQ(check_new_password("Password1234", owner).error_code(), "password_common");
  EXPECT_EQ(check_new_password("qwertyuiopas", owner).error_code(), "password_common");
  EXPECT_EQ(check_new_password("aaaaaaaaaaaaaaaa", owner).error_code(), "password_guessable");
  EXPECT_EQ(check_new_password("abcdefghijklmnop", owner).error_code(), "password_guessable");
  EXPECT_TRUE(is_common_password("PASSWORD1234"));
  EXPECT_FALSE(is_common_password("kumo no ue no shiroi umi"));
}

}  // namespace
}  // namespace mamori::auth
