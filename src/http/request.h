// The project's own HTTP request/response types. Handlers see only these;
// Beast stays inside src/http/server.cpp.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori::http {

struct Request {
  std::string method;                                        // "GET", "POST", …
  std::string path;                                          // decoded path, no query
  std::string query_string;                                  // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  bool secure = false;                        // arrived over TLS (X-Forwarded-Proto: https from the proxy)
  std::string peer;    // the address the connection comes from ("127.0.0.1", "::1"), set by the server
  std::string client;  // the client's address, set by the app (http/client_address.h); "" until then
  std::map<std::string, std::string> params;  // path parameters filled by the route table
  std::string request_id;  // set by the app: the proxy's X-Request-Id, or a new one (logs)

  std::optional<std::string> header(std::string_view lower_name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::optional<std::string> query(std::string_view name) const;
  const std::string& param(const std::string& name) const;
};

// Whether a raw query string parses (RFC 3986, percent-encoded).
bool query_is_valid(const std::string& query_string);

// The non-empty segments of a path: "/api/responses/12" → {"api", "responses", "12"}.
std::vector<std::string_view> split_path(std::string_view path);

// A path pattern ("/api/responses/{id}"), split once so matching a request costs no
// allocation unless it matches.
class PathPattern {
 public:
  explicit PathPattern(std::string_view pattern);
  // True when `segments` (split_path of a path) match; fills `params` (when given) with
  // the values of the {name} segments.
  bool match(const std::vector<std::string_view>& segments, std::map<std::string, std::string>* params) const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool param = false;
  };
  std::vector<Segment> segments_;
};

// The same body compressed ahead of time (immutable documents), so an answer need not be
// compressed again per request.
struct Precompressed {
  std::string br;    // brotli
  std::string gzip;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this file, streamed from disk (large exports), and the file is
  // deleted once sent or when the connection fails. `body` is then ignored.
  std::string temp_file;
  // With temp_file: keep the file after sending (a job's result, downloadable again).
  bool keep_file = false;
  // The body holds a secret (a CSRF token) and must never be compressed: with text an
  // attacker can reflect beside it, the compressed length would leak it (BREACH).
  bool no_compress = false;
  // When set: the encoded forms of `body`, sent instead of compressing it on the fly.
  std::shared_ptr<const Precompressed> precompressed;
  // An internal error's incident number (also in the body) and detail: what the app logs
  // with the request it answers. Never sent.
  std::string incident;
  std::string log_detail;

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

// Gives a request its answer, exactly once, from any thread.
using Responder = std::function<void(Response)>;
// Runs work on the server's handler threads, where blocking is allowed.
using Defer = std::function<void(std::function<void()>)>;

}  // namespace mamori::http
