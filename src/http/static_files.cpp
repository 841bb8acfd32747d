#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "http/compression.h"
#include "http/json_body.h"

namespace mamori::http {

namespace fs = std::filesystem;

namespace {

std::string content_type_of(const fs::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool read_file(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// A path under the root, or empty when the request tries to leave it.
fs::path safe_join(const std::string& root, const std::string& url_path) {
  fs::path rel = fs::path(url_path).relative_path().lexically_normal();
  if (rel.empty() || rel == ".") return fs::path(root) / "index.html";
  if (*rel.begin() == "..") return {};
  return fs::path(root) / rel;
}

}  // namespace

const char* StaticFiles::content_security_policy() {
  return "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
         "frame-ancestors 'none'";
}

Response StaticFiles::serve(const Request& req) const {
  Response res;
  res.headers.emplace_back("Content-Security-Policy", content_security_policy());
  auto not_found = [&](std::string code) {
    Response r = error_response(Status::NotFound(std::move(code)));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  };
  const bool is_asset = req.path.rfind("/assets/", 0) == 0;
  // A path whose last segment names a file (favicon.ico, robots.txt) is a file or a 404,
  // never the application's page.
  const std::string last = req.path.substr(req.path.rfind('/') + 1);
  const bool names_file = last.find('.') != std::string::npos;
  fs::path file = safe_join(root_, req.path);
  std::error_code ec;
  if (file.empty() || !fs::is_regular_file(file, ec)) {
    if (is_asset || names_file || file.empty()) return not_found("file_not_found");
    file = fs::path(root_) / "index.html";
    if (!fs::is_regular_file(file, ec)) return not_found("front_end_not_built");
  }
  // The build stores .br and .gz beside each text file (web/scripts/compress.mjs).
  const std::string accept = req.header("accept-encoding").value_or("");
  fs::path chosen = file;
  const char* encoding = nullptr;
  bool variants = false;
  for (const auto& [suffix, coding] : {std::pair{".br", "br"}, std::pair{".gz", "gzip"}}) {
    fs::path v = file;
    v += suffix;
    if (!fs::is_regular_file(v, ec)) continue;
    variants = true;
    if (!encoding && accepts_encoding(accept, coding)) {
      chosen = v;
      encoding = coding;
    }
  }
  if (!read_file(chosen, &res.body)) return not_found("file_not_found");
  res.content_type = content_type_of(file);
  res.headers.emplace_back("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (encoding) res.headers.emplace_back("Content-Encoding", encoding);
  if (variants) res.headers.emplace_back("Vary", "Accept-Encoding");
  if (req.method == "HEAD") res.body.clear();
  return res;
}

}  // namespace mamori::http
