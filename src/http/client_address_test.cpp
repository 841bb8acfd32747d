#include "http/client_address.h"

#include <gtest/gtest.h>

namespace mamori::http {
namespace {

Request from(std::string peer, std::vector<std::string> forwarded = {}) {
  Request r;
  r.peer = std::move(peer);
  for (auto& f : forwarded) r.headers.emplace_back("x-forwarded-for", std::move(f));
  return r;
}

TEST(ClientAddress, WithoutATrustedProxyItIsThePeerWhateverTheHeaderSays) {
  EXPECT_EQ(client_address(from("192.0.2.1", {"203.0.113.9"}), {}), "192.0.2.1");
  EXPECT_EQ(client_address(from("192.0.2.1", {"203.0.113.9"}), {"127.0.0.1"}), "192.0.2.1");
}

TEST(ClientAddress, BehindATrustedProxyItIsTheAddressTheProxySaw) {
  EXPECT_EQ(client_address(from("127.0.0.1", {"203.0.113.9"}), {"127.0.0.1"}), "203.0.113.9");
  // What the client sent itself comes first and is ignored: the proxy appended the real one.
  EXPECT_EQ(client_address(from("127.0.0.1", {"10.9.9.9, 203.0.113.9"}), {"127.0.0.1"}), "203.0.113.9");
  EXPECT_EQ(client_address(from("127.0.0.1", {"10.9.9.9", "203.0.113.9"}), {"127.0.0.1"}), "203.0.113.9");
  // Two trusted proxies in a row.
  EXPECT_EQ(client_address(from("127.0.0.1", {"2001:db8::5, 10.0.0.2"}), {"127.0.0.1", "10.0.0.2"}), "2001:db8::5");
  // No header: the proxy itself.
  EXPECT_EQ(client_address(from("127.0.0.1"), {"127.0.0.1"}), "127.0.0.1");
  // Garbage where an address belongs stops the walk at the last address a proxy wrote.
  EXPECT_EQ(client_address(from("127.0.0.1", {"not-an-address, 10.0.0.2"}), {"127.0.0.1", "10.0.0.2"}), "10.0.0.2");
}

}  // namespace
}  // namespace mamori::http
