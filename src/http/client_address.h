#pragma once
// The address a request comes from, for limits per client (sign-in): the connection's peer,
// or — only when the peer is a configured trusted proxy — the address that proxy saw, taken
// from X-Forwarded-For. A client cannot choose its address by sending the header itself:
// entries are read from the right, and only entries added by trusted proxies are skipped.

#include <string>
#include <vector>

#include "http/request.h"

namespace mamori::http {

// `trusted` holds proxy addresses as the peer shows them ("127.0.0.1", "10.0.0.5").
std::string client_address(const Request& req, const std::vector<std::string>& trusted);

// Whether `s` is an IPv4 or IPv6 address literal.
bool is_ip_address(const std::string& s);

}  // namespace mamori::http
