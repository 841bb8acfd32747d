#include "domain/publication_check.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <arpa/inet.h>

namespace mamori::publication {

namespace {

Status refused(const char* reason) { return Status::InvalidArgument("publication_url_refused", {{"reason", reason}}); }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool ipv4_public(const unsigned char* a) {
  const unsigned b0 = a[0], b1 = a[1];
  if (b0 == 0 || b0 == 10 || b0 == 127) return false;              // this network, private, loopback
  if (b0 == 100 && (b1 & 0xC0) == 64) return false;               // shared address space 100.64/10
  if (b0 == 169 && b1 == 254) return false;                       // link-local
  if (b0 == 172 && (b1 & 0xF0) == 16) return false;               // 172.16/12
  if (b0 == 192 && b1 == 168) return false;                       // 192.168/16
  if (b0 == 192 && b1 == 0 && a[2] == 0) return false;            // IETF protocol assignments
  if (b0 == 198 && (b1 & 0xFE) == 18) return false;               // benchmarking 198.18/15
  if (b0 >= 224) return false;                                    // multicast, reserved, broadcast
  return true;
}

}  // namespace

std::string refusal_reason(const Status& s) {
  if (s.error_code() != "publication_url_refused") return "";
  for (const auto& [k, v] : s.args())
    if (k == "reason") return v;
  return "";
}

Result<Url> check_url(std::string_view url) {
  if (url.size() > 2000) return refused("form");
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F) return refused("form");
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos) return refused("form");
  Url out;
  out.scheme = lower(url.substr(0, colon));
  if (out.scheme != "http" && out.scheme != "https") return refused("scheme");
  std::string_view rest = url.substr(colon + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return refused("credentials");
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return refused("host");
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return refused("host");
      port = authority.substr(close + 2);
    }
  } else if (const size_t c = authority.find(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port = authority.substr(c + 1);
  }
  if (host.empty() || host.size() > 253) return refused("host");
  out.host = lower(host);
  out.port = out.scheme == "https" ? 443 : 80;
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
      return refused("host");
    out.port = std::stoi(std::string(port));
    if (out.port < 1 || out.port > 65535) return refused("host");
  }
  return out;
}

bool is_public_address(const unsigned char* a, size_t size) {
  if (size == 4) return ipv4_public(a);
  if (size != 16) return false;
  static constexpr std::array<unsigned char, 10> kZero{};
  const bool first80zero = std::equal(kZero.begin(), kZero.end(), a);
  if (first80zero && a[10] == 0xFF && a[11] == 0xFF) return ipv4_public(a + 12);  // ::ffff:a.b.c.d
  // Otherwise only global unicast (2000::/3), less the ranges that are not a destination of
  // their own: documentation, 6to4 and Teredo (which wrap IPv4 addresses), ORCHIDv2 and the
  // like (2001::/23, IETF assignments). ::/96, fc00::/7, fe80::/10, ff00::/8, 64:ff9b::/96
  // are outside 2000::/3.
  if ((a[0] & 0xE0) != 0x20) return false;
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8) return false;  // 2001:db8::/32
  if (a[0] == 0x20 && a[1] == 0x02) return false;                                  // 2002::/16 (6to4)
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] < 0x02) return false;                   // 2001::/23
  return true;
}

bool may_connect(const unsigned char* bytes, size_t size, const std::vector<std::string>& allowed) {
  if (is_public_address(bytes, size)) return true;
  char text[INET6_ADDRSTRLEN] = "";
  if (!inet_ntop(size == 4 ? AF_INET : AF_INET6, bytes, text, sizeof text)) return false;
  return std::find(allowed.begin(), allowed.end(), std::string(text)) != allowed.end();
}

Status check_given_url(std::string_view url, const std::vector<std::string>& allowed) {
  MAMORI_ASSIGN_OR_RETURN(Url u, check_url(url));
  std::string host = u.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  unsigned char bytes[16];
  size_t size = 0;
  if (inet_pton(AF_INET, host.c_str(), bytes) == 1) size = 4;
  else if (inet_pton(AF_INET6, host.c_str(), bytes) == 1) size = 16;
  if (size > 0 && !may_connect(bytes, size, allowed)) return refused("private_address");
  // Names that spell a loopback host are refused the same way before any lookup.
  if (size == 0 && (host == "localhost" || host.ends_with(".localhost"))) return refused("private_address");
  return Status::Ok();
}

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kHttpError: return "http_error";
    case Outcome::kChanged: return "changed";
    case Outcome::kUnreachable: return "unreachable";
    case Outcome::kRefused: return "refused";
  }
  return "";
}

std::optional<Outcome> parse_outcome(std::string_view s) {
  for (Outcome o : {Outcome::kOk, Outcome::kHttpError, Outcome::kChanged, Outcome::kUnreachable, Outcome::kRefused})
    if (to_string(o) == s) return o;
  return std::nullopt;
}

Judgement judge(const Fetch& fetch, const Baseline& before, int64_t revision) {
  Judgement j{.baseline = before};
  switch (fetch.kind) {
    case Fetch::Kind::kUnreachable: j.outcome = Outcome::kUnreachable; return j;
    case Fetch::Kind::kRefused: j.outcome = Outcome::kRefused; return j;
    case Fetch::Kind::kFetched: break;
  }
  if (fetch.status_code < 200 || fetch.status_code >= 300) {
    j.outcome = Outcome::kHttpError;
    return j;
  }
  if (before.sha256.empty() || before.revision != revision) {
    j.baseline = Baseline{fetch.sha256, revision};
    j.outcome = Outcome::kOk;
    return j;
  }
  j.outcome = fetch.sha256 == before.sha256 ? Outcome::kOk : Outcome::kChanged;
  return j;
}

}  // namespace mamori::publication
