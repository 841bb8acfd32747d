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
  Response get(const std::string& path) const {
    Request r;
    r.method = "GET";
    r.path = path;
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

}  // namespace
}  // namespace mamori::http
