#include "io/url_fetcher.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <memory>
#include <thread>

#include "crypto/password.h"
#include "io/curl_global.h"

namespace mamori::io {

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

// What one transfer collects; owned by fetch(), alive for the transfer.
struct Transfer {
  const FetchLimits* limits = nullptr;
  std::string body;
  size_t header_bytes = 0;
  bool too_large = false;
  std::string refused_address;  // the address a connection was refused to
};

size_t collect(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (t->body.size() + bytes > t->limits->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->body.append(data, bytes);
  return bytes;
}

// Counts the response headers (of every response, redirects included) against the limit: a
// server that sends endless headers is cut off as one that sends an endless body.
size_t count_header(char*, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->header_bytes += size * n;
  if (t->header_bytes > kMaxHeaderBytes) {
    t->too_large = true;
    return 0;
  }
  return size * n;
}

// Called for every connection libcurl opens, with the address it resolved: refuses a
// destination that is not public unless private ones are allowed. Checking here, not on the
// name, also catches a name that resolves to a private address and a redirect to one.
curl_socket_t open_socket(void* user, curlsocktype purpose, struct curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  const unsigned char* bytes = nullptr;
  size_t size = 0;
  if (address->family == AF_INET) {
    bytes = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr);
    size = 4;
  } else if (address->family == AF_INET6) {
    bytes = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr);
    size = 16;
  } else {
    t->refused_address = "family";
    return CURL_SOCKET_BAD;
  }
  if (!publication::may_connect(bytes, size, t->limits->allowed_private)) {
    t->refused_address = "private_address";
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

publication::Fetch unreachable(std::string why) {
  return publication::Fetch{.kind = publication::Fetch::Kind::kUnreachable, .error = std::move(why)};
}

publication::Fetch refused(std::string why) {
  return publication::Fetch{.kind = publication::Fetch::Kind::kRefused, .error = std::move(why)};
}

}  // namespace

UrlFetcher::UrlFetcher(FetchLimits limits) : limits_(limits) { init_curl_once(); }

void UrlFetcher::pace(const std::string& host) {
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    auto it = last_asked_.find(host);
    if (it == last_asked_.end() || now - it->second >= limits_.per_host_interval) {
      last_asked_[host] = now;
      return;
    }
    const auto wait = limits_.per_host_interval - (now - it->second);
    lock.unlock();
    std::this_thread::sleep_for(wait);
    lock.lock();
  }
}

publication::Fetch UrlFetcher::fetch(const std::string& url) {
  auto checked = publication::check_url(url);
  if (!checked.ok()) return refused(publication::refusal_reason(checked.status()));
  pace(checked->host);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return unreachable("curl_init");
  CURL* h = curl.get();
  Transfer t{.limits = &limits_};
  char error[CURL_ERROR_SIZE] = "";
  // The options that guard the fetch must all take, or nothing is fetched.
  const CURLcode guards[] = {
      curl_easy_setopt(h, CURLOPT_URL, url.c_str()),
      curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"),
      curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
      curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L),
      curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(limits_.max_redirects)),
      curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket),
      curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &t),
      curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect),
      curl_easy_setopt(h, CURLOPT_WRITEDATA, &t),
      curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, count_header),
      curl_easy_setopt(h, CURLOPT_HEADERDATA, &t),
      curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits_.max_bytes)),
      curl_easy_setopt(h, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED)),
      curl_easy_setopt(h, CURLOPT_NOPROXY, "*"),  // the server's environment names no proxy for this
      curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L),
      curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(limits_.connect_timeout.count())),
      curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(limits_.total_timeout.count())),
  };
  for (CURLcode g : guards)
    if (g != CURLE_OK) return unreachable(std::string("curl_setopt: ") + curl_easy_strerror(g));
  curl_easy_setopt(h, CURLOPT_USERAGENT, "mamori-publication-check/1 (+https://mamori.example/docs/POLICIES.md)");
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(h);
  // A refused address matters only when no other address of the name answered.
  if (rc != CURLE_OK && !t.refused_address.empty()) return refused(t.refused_address);
  if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) return unreachable("too_large");
  if (rc == CURLE_UNSUPPORTED_PROTOCOL) return refused("scheme");
  if (rc == CURLE_TOO_MANY_REDIRECTS) return unreachable("too_many_redirects");
  if (rc != CURLE_OK) return unreachable(std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : ""));
  long code = 0;
  char* final_url = nullptr;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url);
  publication::Fetch out{.status_code = static_cast<int>(code), .final_url = final_url ? final_url : url};
  if (code >= 200 && code < 300) out.sha256 = auth::sha256_hex(t.body);
  return out;
}

}  // namespace mamori::io
