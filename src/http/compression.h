// HTTP response compression (gzip, zlib): which encoding a client accepts, and compressing a
// response on the fly when it is worth it and safe.
//
// BREACH: a compressed response whose body holds a secret (the CSRF token) next to text an
// attacker can make the page reflect leaks the secret through the compressed length. Such a
// response is marked `Response::no_compress` by its handler and is never compressed here.
#pragma once

#include <string>
#include <string_view>

#include "http/request.h"

namespace mamori::http {

// Whether an Accept-Encoding header value accepts `coding` ("gzip", "br"): listed (or "*")
// with a q-value above 0.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// The gzip form of `data` at `level` (1 fastest … 9 smallest).
std::string gzip(std::string_view data, int level);
// The brotli form of `data` at `quality` (0 fastest … 11 smallest); empty on failure.
std::string brotli(std::string_view data, int quality);
// Both forms at their smallest (gzip 9, brotli 11), for a document sent many times.
Precompressed precompress(std::string_view data);

struct CompressionOptions {
  size_t min_bytes = 1024;  // smaller bodies are sent as they are (docs/PERFORMANCE.md)
  int level = 4;            // chosen by bench_compression (docs/PERFORMANCE.md)
};

// Compresses `res` in place when the client accepts gzip, the body is at least
// `opts.min_bytes` of a textual type (JSON, text, JavaScript, CSS, SVG, HTML), the response
// is not already encoded, not a file, and not marked no_compress. A response with
// `precompressed` forms is sent in the best one the client accepts (br, then gzip). Adds
// `Vary: Accept-Encoding` to every answer whose form depends on the header.
void compress_response(Response& res, std::string_view accept_encoding, const CompressionOptions& opts);

}  // namespace mamori::http
