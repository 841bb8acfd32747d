#include "domain/publication_check.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

namespace mamori::publication {
namespace {

std::string reason(std::string_view url) {
  auto u = check_url(url);
  if (u.ok()) return "";
  for (const auto& [k, v] : u.status().args())
    if (k == "reason") return v;
  return "?";
}

bool public_v4(const char* text) {
  unsigned char a[4];
  EXPECT_EQ(inet_pton(AF_INET, text, a), 1) << text;
  return is_public_address(a, 4);
}

bool public_v6(const char* text) {
  unsigned char a[16];
  EXPECT_EQ(inet_pton(AF_INET6, text, a), 1) << text;
  return is_public_address(a, 16);
}

TEST(PublicationUrl, OnlyHttpAndHttpsWithAHostAndNoCredentials) {
  auto u = check_url("https://www.city.example.lg.jp/security/policy.html");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "www.city.example.lg.jp");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(check_url("HTTP://Example.JP:8080/x")->port, 8080);
  EXPECT_EQ(check_url("http://[::1]:81/")->host, "[::1]");
  EXPECT_EQ(reason("ftp://example.jp/policy.pdf"), "scheme");
  EXPECT_EQ(reason("file:///etc/passwd"), "scheme");
  EXPECT_EQ(reason("gopher://example.jp/"), "scheme");
  EXPECT_EQ(reason("https://user:secret@example.jp/"), "credentials");
  EXPECT_EQ(reason("https://user@example.jp/"), "credentials");
  EXPECT_EQ(reason("https:///policy"), "host");
  EXPECT_EQ(reason("https://example.jp:99999/"), "host");
  EXPECT_EQ(reason("https://example.jp:8a/"), "host");
  EXPECT_EQ(reason("https://exa mple.jp/"), "form");
  EXPECT_EQ(reason("example.jp/policy"), "form");
  EXPECT_EQ(reason("https://example.jp/" + std::string(2001, 'a')), "form");
}

TEST(PublicationUrl, PrivateLoopbackAndLinkLocalAddressesAreNotPublic) {
  for (const char* a : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1"})
    EXPECT_FALSE(public_v4(a)) << a;
  for (const char* a : {"8.8.8.8", "172.32.0.1", "203.0.113.1", "100.128.0.1", "160.17.0.1"})
    EXPECT_TRUE(public_v4(a)) << a;
  for (const char* a : {"::1", "::", "fe80::1", "fd00::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
                        "::ffff:10.0.0.1", "2001:db8::1", "64:ff9b::a00:1", "::7f00:1", "fec0::1",
                        "2002:7f00:1::1", "2001::1", "100::1", "64:ff9b:1::1"})
    EXPECT_FALSE(public_v6(a)) << a;
  for (const char* a : {"2404:6800:4004::1", "::ffff:8.8.8.8"}) EXPECT_TRUE(public_v6(a)) << a;
}

TEST(PublicationUrl, AGivenAddressMustBePublicUnlessConfigured) {
  EXPECT_TRUE(check_given_url("https://www.example.jp/policy", {}).ok());
  EXPECT_TRUE(check_given_url("http://203.0.113.7/policy", {}).ok());
  for (const char* url : {"http://127.0.0.1:8080/policy", "http://192.168.10.1/", "http://169.254.169.254/latest",
                          "http://[::1]/", "http://[fe80::1]/", "http://localhost/x", "http://a.localhost/x"}) {
    Status s = check_given_url(url, {});
    EXPECT_EQ(s.error_code(), "publication_url_refused") << url;
    EXPECT_EQ(s.args().at(0).second, "private_address") << url;
  }
  EXPECT_TRUE(check_given_url("http://127.0.0.1:8080/policy", {"127.0.0.1"}).ok());
  EXPECT_FALSE(check_given_url("http://127.0.0.2:8080/policy", {"127.0.0.1"}).ok());
  EXPECT_EQ(check_given_url("ftp://www.example.jp/", {}).args().at(0).second, "scheme");
}

TEST(PublicationJudge, TheFirstContentIsTheBaselineAndAChangeStaysUntilThePolicyChanges) {
  Fetch ok{.status_code = 200, .sha256 = "aaa"};
  auto first = judge(ok, {}, 3);
  EXPECT_EQ(first.outcome, Outcome::kOk);
  EXPECT_EQ(first.baseline.sha256, "aaa");
  EXPECT_EQ(first.baseline.revision, 3);
  EXPECT_EQ(judge(ok, first.baseline, 3).outcome, Outcome::kOk);
  Fetch other{.status_code = 200, .sha256 = "bbb"};
  auto changed = judge(other, first.baseline, 3);
  EXPECT_EQ(changed.outcome, Outcome::kChanged);
  EXPECT_EQ(changed.baseline.sha256, "aaa");  // kept: still changed at the next check
  EXPECT_EQ(judge(other, changed.baseline, 3).outcome, Outcome::kChanged);
  // The body recorded a new version or a review: the new content is the baseline.
  auto after = judge(other, changed.baseline, 4);
  EXPECT_EQ(after.outcome, Outcome::kOk);
  EXPECT_EQ(after.baseline.sha256, "bbb");
  // A 404 keeps the baseline.
  auto gone = judge(Fetch{.status_code = 404}, after.baseline, 4);
  EXPECT_EQ(gone.outcome, Outcome::kHttpError);
  EXPECT_EQ(gone.baseline.sha256, "bbb");
  EXPECT_EQ(judge(Fetch{.kind = Fetch::Kind::kUnreachable}, after.baseline, 4).outcome, Outcome::kUnreachable);
  EXPECT_EQ(judge(Fetch{.kind = Fetch::Kind::kRefused}, after.baseline, 4).outcome, Outcome::kRefused);
  EXPECT_TRUE(failing(Outcome::kChanged));
  EXPECT_FALSE(failing(Outcome::kOk));
}

}  // namespace
}  // namespace mamori::publication
