#include "http/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace mamori::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The q-value of one list element ("gzip;q=0.5" → 0.5; no q → 1).
double q_value(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') return std::strtod(std::string(p.substr(2)).c_str(), nullptr);
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return 1.0;
}

bool textual(std::string_view content_type) {
  for (std::string_view t : {"application/json", "text/", "application/javascript", "image/svg+xml"})
    if (content_type.rfind(t, 0) == 0) return true;
  return false;
}

bool has_header(const Response& res, std::string_view name) {
  return std::any_of(res.headers.begin(), res.headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

}  // namespace

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
  double named = -1, star = -1;
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = trim(accept_encoding.substr(0, comma));
    size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
    if (iequals(name, coding)) named = q;
    if (name == "*") star = q;
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return named >= 0 ? named > 0 : star > 0;
}

std::string gzip(std::string_view data, int level) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer; memory level 8 (zlib's default).
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string brotli(std::string_view data, int quality) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  size_t size = out.size();
  if (out.empty() || !BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                            reinterpret_cast<const uint8_t*>(data.data()), &size,
                                            reinterpret_cast<uint8_t*>(out.data())))
    return {};
  out.resize(size);
  return out;
}

Precompressed precompress(std::string_view data) { return Precompressed{brotli(data, 11), gzip(data, 9)}; }

void compress_response(Response& res, std::string_view accept_encoding, const CompressionOptions& opts) {
  if (!res.temp_file.empty() || has_header(res, "content-encoding")) return;
  if (!textual(res.content_type) || res.no_compress) return;
  if (res.precompressed) {
    if (!has_header(res, "vary")) res.headers.emplace_back("Vary", "Accept-Encoding");
    const Precompressed& p = *res.precompressed;
    if (!p.br.empty() && accepts_encoding(accept_encoding, "br")) {
      res.body = p.br;
      res.headers.emplace_back("Content-Encoding", "br");
    } else if (!p.gzip.empty() && accepts_encoding(accept_encoding, "gzip")) {
      res.body = p.gzip;
      res.headers.emplace_back("Content-Encoding", "gzip");
    }
    return;
  }
  if (res.body.size() < opts.min_bytes) return;
  // From here the answer depends on Accept-Encoding, whatever this client sent.
  if (!has_header(res, "vary")) res.headers.emplace_back("Vary", "Accept-Encoding");
  if (!accepts_encoding(accept_encoding, "gzip")) return;
  std::string z = gzip(res.body, opts.level);
  if (z.empty() || z.size() >= res.body.size()) return;
  res.body = std::move(z);
  res.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace mamori::http
