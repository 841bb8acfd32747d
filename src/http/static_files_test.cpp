#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mamori::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("mamori-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>mamori</title>";
    std::ofstream(root_ / "assets" / "app-3f2a.js") << "console.log(1)";
    fs::create_directories(root_.parent_path() / "secret");
  }
  void TearDown() override { fs::remove_all(root_); }
  Response get(const std::string& path, const std::string& accept_encoding = "") const {
    Request r;
    r.method = "GET";
    r.path = path;
    if (!accept_encoding.empty()) r.headers.emplace_back("accept-encoding", accept_encoding);
    return StaticFiles(root_.string()).serve(r);
  }
  static std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
  auto asset = get("/assets/app-3f2a.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  auto index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(header(index, "Cache-Control"), "no-cache");
  EXPECT_NE(header(index, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
}

TEST_F(StaticFilesTest, UnknownPagesFallBackToIndexButMissingAssetsAre404) {
  auto page = get("/responses/12/categories/3");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>mamori</title>"), std::string::npos);
  EXPECT_EQ(get("/assets/missing-0000.js").status, 404);
}

TEST_F(StaticFilesTest, PathsCannotLeaveTheRoot) {
  EXPECT_EQ(get("/../secret/x").status, 404);
  EXPECT_EQ(get("/assets/../../secret").status, 404);
}

TEST_F(StaticFilesTest, AFileNameThatDoesNotExistIsA404NotThePage) {
  EXPECT_EQ(get("/favicon.ico").status, 404);
  EXPECT_EQ(get("/robots.txt").status, 404);
  std::ofstream(root_ / "favicon.ico") << "icon";
  auto icon = get("/favicon.ico");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.content_type, "image/x-icon");
}

TEST_F(StaticFilesTest, PrecompressedFormsAreServedByAcceptEncodingWithVary) {
  std::ofstream(root_ / "assets" / "app-3f2a.js.br") << "BROTLI";
  std::ofstream(root_ / "assets" / "app-3f2a.js.gz") << "GZIP";
  auto br = get("/assets/app-3f2a.js", "gzip, deflate, br");
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(header(br, "Content-Encoding"), "br");
  EXPECT_EQ(header(br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(br.content_type, "text/javascript; charset=utf-8");
  auto gz = get("/assets/app-3f2a.js", "gzip");
  EXPECT_EQ(gz.body, "GZIP");
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  auto refused = get("/assets/app-3f2a.js", "br;q=0, gzip;q=0");
  EXPECT_EQ(refused.body, "console.log(1)");
  EXPECT_EQ(header(refused, "Content-Encoding"), "");
  EXPECT_EQ(header(refused, "Vary"), "Accept-Encoding");
  // A file without stored forms is sent as it is, with no Vary.
  auto index = get("/", "gzip, br");
  EXPECT_EQ(header(index, "Content-Encoding"), "");
  EXPECT_EQ(header(index, "Vary"), "");
}

}  // namespace
}  // namespace mamori::http
