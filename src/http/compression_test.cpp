#include "http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace mamori::http {
namespace {

std::string gunzip(const std::string& z) {
  z_stream s{};
  inflateInit2(&s, 15 + 16);
  std::string out(1 << 20, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data()));
  s.avail_in = static_cast<uInt>(z.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  inflate(&s, Z_FINISH);
  out.resize(s.total_out);
  inflateEnd(&s);
  return out;
}

std::string header(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

Response json_of(size_t bytes) {
  Response r;
  r.body = "{\"rows\":\"" + std::string(bytes, 'a') + "\"}";
  return r;
}

TEST(AcceptEncoding, NamesQValuesAndTheWildcard) {
  EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(accepts_encoding("GZIP", "gzip"));
  EXPECT_TRUE(accepts_encoding("br;q=0.9, gzip;q=0.1", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzip;q=0", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzip; q=0.000", "gzip"));
  EXPECT_FALSE(accepts_encoding("", "gzip"));
  EXPECT_FALSE(accepts_encoding("identity", "gzip"));
  EXPECT_TRUE(accepts_encoding("*", "gzip"));
  EXPECT_FALSE(accepts_encoding("*, gzip;q=0", "gzip"));
  EXPECT_FALSE(accepts_encoding("deflate", "br"));
}

TEST(CompressResponse, ALargeJsonBodyIsGzippedAndReadsBackTheSame) {
  Response r = json_of(5000);
  const std::string plain = r.body;
  compress_response(r, "gzip, br", {});
  EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r.body.size(), plain.size() / 10);
  EXPECT_EQ(gunzip(r.body), plain);
}

TEST(CompressResponse, SmallBodiesOtherTypesFilesAndRefusingClientsAreLeftAlone) {
  Response small = json_of(100);
  compress_response(small, "gzip", {});
  EXPECT_EQ(header(small, "Content-Encoding"), "");
  EXPECT_EQ(header(small, "Vary"), "");

  Response zip = json_of(5000);
  zip.content_type = "application/zip";
  compress_response(zip, "gzip", {});
  EXPECT_EQ(header(zip, "Content-Encoding"), "");

  Response file = json_of(5000);
  file.temp_file = "/tmp/x";
  compress_response(file, "gzip", {});
  EXPECT_EQ(header(file, "Content-Encoding"), "");

  Response no_gzip = json_of(5000);
  compress_response(no_gzip, "br", {});
  EXPECT_EQ(header(no_gzip, "Content-Encoding"), "");
  EXPECT_EQ(header(no_gzip, "Vary"), "Accept-Encoding") << "a cache must not give this to a gzip client";
}

TEST(CompressResponse, ABodyHoldingASecretIsNeverCompressed) {
  // BREACH: the CSRF token beside reflected text.
  Response r = json_of(5000);
  r.no_compress = true;
  const std::string plain = r.body;
  compress_response(r, "gzip", {});
  EXPECT_EQ(header(r, "Content-Encoding"), "");
  EXPECT_EQ(r.body, plain);
}

}  // namespace
}  // namespace mamori::http
