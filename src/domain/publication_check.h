#pragma once
// The publication check of a 方針 (issue 16 §3, docs/POLICIES.md): the server fetches each
// published policy's URL on a schedule and records what it found. Here are the rules without
// I/O: which URLs and which addresses a server that fetches user-given URLs may reach, and what
// a fetch means for the body (still there, gone, changed).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori::publication {

// A URL the checker may fetch: http or https, a host, no user name or password, at most 2,000
// characters, no spaces or control characters. InvalidArgument "publication_url_refused"
// {reason: scheme | credentials | host | form} otherwise.
struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // as written (a name, an IPv4 address or a bracketed IPv6 one)
  int port = 0;        // 80 / 443 unless given
};
Result<Url> check_url(std::string_view url);
// The reason of a check_url / check_given_url refusal ("scheme", "private_address"…); "" for
// any other status.
std::string refusal_reason(const Status& s);

// Whether a connection to `address` (the 4 or 16 bytes of an IPv4 or IPv6 address, in network
// order) is allowed when private destinations are not. IPv4: not loopback, private (10/8,
// 172.16/12, 192.168/16), link-local (169.254/16), shared (100.64/10), this network (0/8),
// benchmarking, multicast, broadcast or reserved (224/3). IPv6: an IPv4-mapped address as its
// IPv4 one; otherwise only global unicast (2000::/3), less documentation, 6to4, Teredo and
// the IETF's 2001::/23.
bool is_public_address(const unsigned char* bytes, size_t size);

// Whether the checker may connect to `address`: a public one, or one of `allowed` (addresses
// as inet_ntop writes them: "127.0.0.1", "::1"), which configuration may name for a test
// server or an intranet.
bool may_connect(const unsigned char* bytes, size_t size, const std::vector<std::string>& allowed);

// What a person may give as a publication URL: check_url's rules, and a host written as an
// address must be one the checker may connect to (may_connect). A name is checked when the
// checker connects. InvalidArgument "publication_url_refused" {reason} as check_url, or
// reason private_address.
Status check_given_url(std::string_view url, const std::vector<std::string>& allowed);

// What one fetch found.
struct Fetch {
  enum class Kind { kFetched, kUnreachable, kRefused };
  Kind kind = Kind::kFetched;
  int status_code = 0;        // kFetched: the last response's
  std::string final_url;      // after redirects
  std::string sha256;         // of the body (hex), kFetched with a 2xx only
  std::string error;          // kUnreachable / kRefused: why (for the log and the page)
};

// The judgement shown to the body and its prefecture.
enum class Outcome {
  kOk,           // 2xx with the content of the baseline
  kHttpError,    // 4xx/5xx (404: 公表ページが見つかりません)
  kChanged,      // 2xx but the content differs from the baseline while the policy is unchanged
  kUnreachable,  // no answer (name, connection, timeout, too large)
  kRefused,      // the URL or its address is not one the checker may fetch
};
std::string_view to_string(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view s);
// Whether the body is shown amber (要確認) for it.
inline bool failing(Outcome o) { return o != Outcome::kOk; }

// The content a policy's publication was first seen with, at the policy's revision then.
struct Baseline {
  std::string sha256;  // "" before any successful fetch
  int64_t revision = 0;
};

struct Judgement {
  Outcome outcome = Outcome::kOk;
  Baseline baseline;  // to keep for the next check
};

// The judgement of `fetch` for a policy at `revision`. A successful fetch sets the baseline
// when there is none or the policy changed since (the body recorded a new version or review);
// otherwise a different content is kChanged, and stays so (the baseline kept) until the
// policy changes.
Judgement judge(const Fetch& fetch, const Baseline& before, int64_t revision);

// A publication due for a check, as the checker claimed it: the policy at its revision and
// what the last check kept.
struct Target {
  int64_t policy_id = 0;
  std::string body_code, url;
  int64_t revision = 0;
  Baseline baseline;
};

// The last check of a policy's publication.
struct Check {
  int64_t policy_id = 0;
  std::string body_code, title;  // title: as the board lists it
  std::string url;               // the URL checked (the policy's publication URL then)
  std::string checked_at;        // ISO 8601
  int status_code = 0;
  std::string final_url, sha256, error;
  Outcome outcome = Outcome::kOk;
};

}  // namespace mamori::publication
