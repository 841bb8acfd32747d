#pragma once
// Fetches a user-given URL the way a server must (issue 16 §3; domain/publication_check.h):
// http and https only, also after redirects; every connection's address checked as it is
// made (so a name that resolves to a private address, or a redirect to one, is refused); no
// user name or password, no .netrc, no cookies; time limits; a size limit; and at most one
// request per host per interval. Over libcurl.

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/publication_check.h"
#include "ports/page_fetcher.h"

namespace mamori::io {

struct FetchLimits {
  // Loopback, private and link-local addresses allowed all the same (tests serve the pages
  // from 127.0.0.1); as inet_ntop writes them ("127.0.0.1", "::1").
  std::vector<std::string> allowed_private;
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds total_timeout{20};
  size_t max_bytes = 10 * 1024 * 1024;  // larger bodies count as unreachable ("too_large")
  int max_redirects = 5;
  // Between two requests to one host (the later waits).
  std::chrono::milliseconds per_host_interval{1000};
};

// Thread-safe: one fetch at a time per call, the per-host pacing shared.
class UrlFetcher final : public ports::PageFetcher {
 public:
  explicit UrlFetcher(FetchLimits limits);

  // Fetches `url` with GET. Never throws; every failure is a Fetch of kind kUnreachable or
  // kRefused with its reason.
  publication::Fetch fetch(const std::string& url) override;

  const FetchLimits& limits() const { return limits_; }

 private:
  // Waits until `host` may be asked again, then marks it asked.
  void pace(const std::string& host);

  FetchLimits limits_;
  std::mutex mu_;  // guards last_asked_
  std::map<std::string, std::chrono::steady_clock::time_point> last_asked_;
};

}  // namespace mamori::io
