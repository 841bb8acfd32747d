#include "http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>

namespace mamori::http {

namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

bool is_ip_address(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

std::string client_address(const Request& req, const std::vector<std::string>& trusted) {
  if (!is_trusted(req.peer, trusted)) return req.peer;
  // Every X-Forwarded-For header, as one list: the rightmost entry was added by the proxy
  // nearest to us.
  std::vector<std::string> hops;
  for (const auto& [name, value] : req.headers) {
    if (name != "x-forwarded-for") continue;
    std::string_view v = value;
    while (true) {
      size_t comma = v.find(',');
      hops.push_back(trimmed(v.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  std::string client = req.peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    // What a trusted proxy wrote is an address; anything else came from the client.
    if (!is_ip_address(*it)) break;
    client = *it;
    if (!is_trusted(*it, trusted)) break;
  }
  return client;
}

}  // namespace mamori::http
